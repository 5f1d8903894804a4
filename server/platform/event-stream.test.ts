import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";
import { streamTiming } from "./event-stream.js";

// An event stream lives as long as the session it was opened in: a change of scope (the session's
// new id) or signing out ends it, so no stream goes on sending events of a scope its user left.
let env: TestEnv;
let port = 0;
const saved = streamTiming.sessionCheckMs;

beforeAll(async () => {
  streamTiming.sessionCheckMs = 100;
  env = await testEnv();
  await env.app.listen({ port: 0, host: "127.0.0.1" });
  port = (env.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  streamTiming.sessionCheckMs = saved;
  await env?.close();
});

/** Reads a stream until it ends (or `ms` pass); returns its text and whether it ended. */
async function readAll(body: ReadableStream<Uint8Array>, ms: number) {
  const reader = body.getReader();
  let text = "";
  const end = Date.now() + ms;
  for (;;) {
    const left = end - Date.now();
    if (left <= 0) {
      await reader.cancel();
      return { text, ended: false };
    }
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
    if (!chunk) continue;
    if (chunk.done) return { text, ended: true };
    text += new TextDecoder().decode(chunk.value);
  }
}

const open = async (path: string, cookie: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.body as ReadableStream<Uint8Array>;
};
const since = () => encodeURIComponent(new Date(Date.now() - 60_000).toISOString());

describe("event streams end with their session", () => {
  it("a change of scope ends the notification and patrol streams opened before it; one opened after lives on", async () => {
    const leader = await env.login("leader");
    const before = leader.cookie;
    const notes = await open(`/api/notifications/stream?since=${since()}`, before);
    const live = await open(`/api/patrol/live?since=${since()}`, before);
    const sw = await leader.post("/api/auth/scope", { regionId: env.world.grids[0].id });
    expect(sw.statusCode, sw.body).toBe(200);
    expect(leader.cookie).not.toBe(before);
    const [a, b] = await Promise.all([readAll(notes, 5000), readAll(live, 5000)]);
    for (const r of [a, b]) {
      expect(r.ended).toBe(true);
      expect(r.text).toContain(": open");
      expect(r.text).toContain('event: session\ndata: {"ended":true}');
    }
    // Under the new session the stream stays open (read for a while: no end).
    const after = await readAll(await open(`/api/notifications/stream?since=${since()}`, leader.cookie), 600);
    expect(after.ended).toBe(false);
    expect(after.text).not.toContain("event: session");
  });

  it("signing out ends the stream", async () => {
    const staff = await env.login("staff");
    const notes = await open(`/api/notifications/stream?since=${since()}`, staff.cookie);
    expect((await staff.post("/api/auth/logout", {})).statusCode).toBeLessThan(300);
    const r = await readAll(notes, 5000);
    expect(r.ended).toBe(true);
    expect(r.text).toContain("event: session");
  });
});
