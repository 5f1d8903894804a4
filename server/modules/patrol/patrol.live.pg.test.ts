import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { connect } from "../../db/connect.js";
import { DEMO_PASSWORD } from "../../demo/world.js";
import { PG_URL, type TestEnv, testEnv } from "../../test/helpers.js";

// The live feed across server processes: on PostgreSQL each process NOTIFYs after its commit and
// LISTENs, so a check-in stored through one server reaches a supervisor connected to another.
// Two servers, each with its own pool and LISTEN connection, on one database; PostgreSQL only (*.pg.test.ts).
// (Real server processes on one database: server/platform/scheduler.pg.test.ts.)
describe("live feed across server processes (PostgreSQL LISTEN/NOTIFY)", () => {
  let env: TestEnv;
  const servers: FastifyInstance[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-live-"));
  let point: { id: string; lng: number; lat: number; token: string };

  // A server as main.ts builds it (its own pool, its own LISTEN connection), listening on a port of
  // its own; two of them on one database are two processes as far as PostgreSQL can tell. Built in
  // this process: two spawned servers spent most of this test compiling themselves.
  async function startServer(schema: string): Promise<string> {
    const url = new URL(PG_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const app = await buildApp(loadConfig({ DATABASE_URL: url.toString(), SHEQU_DATA_DIR: dataDir, SHEQU_DEMO: "0", SHEQU_LOG_LEVEL: "silent" }), {
      database: connect({ databaseUrl: PG_URL, pgSchema: schema }),
    });
    servers.push(app);
    await app.listen({ port: 0, host: "127.0.0.1" });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  async function login(base: string, username: string) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  beforeAll(async () => {
    env = await testEnv({ people: 10, modules: [] });
    const leader = await env.login("leader");
    const res = await leader.post("/api/patrol/points", {
      communityId: env.world.communityId,
      name: "实时推送测试点",
      kind: "消防通道",
      lng: 114.0475,
      lat: 22.6735,
      force: "community",
    });
    expect(res.statusCode, res.body).toBe(201);
    const label = (await leader.get(`/api/patrol/points/labels?ids=${res.json().id}`)).json()[0];
    point = { id: res.json().id, lng: 114.0475, lat: 22.6735, token: new URL(label.url).searchParams.get("t") as string };
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) {
      await s.close();
      await s.deps.database.close();
    }
    await env?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("a check-in through one server reaches the live feed of another, once", async () => {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(env.database.db)).rows[0].s;
    const [a, b] = await Promise.all([startServer(schema), startServer(schema)]);
    const supervisor = await login(a, "leader");
    const officer = await login(b, "patrol01");

    // The supervisor's feed on server A.
    const feed = await fetch(`${a}/api/patrol/live?since=${encodeURIComponent(new Date().toISOString())}`, { headers: { cookie: supervisor.cookie } });
    expect(feed.status).toBe(200);
    const reader = (feed.body as ReadableStream<Uint8Array>).getReader();
    // The answer's headers come once the feed listens (and has replayed what came after `since`: nothing here).
    const seen: Array<{ id: string; pointName: string }> = [];
    let buffer = "";
    const readUntil = async (pred: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pred() && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
        if (!chunk || chunk.done) break;
        buffer += new TextDecoder().decode(chunk.value);
        for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
          const data = buffer
            .slice(0, i)
            .split("\n")
            .find((l) => l.startsWith("data: "));
          buffer = buffer.slice(i + 2);
          if (data) seen.push(JSON.parse(data.slice(6)));
        }
      }
    };

    // The officer checks in on server B (and the phone resends it: stored and announced once).
    const body = JSON.stringify({
      clientId: `live-${Date.now()}`,
      pointId: point.id,
      method: "qr",
      token: point.token,
      deviceTime: new Date().toISOString(),
      lat: point.lat,
      lng: point.lng,
      accuracyM: 5,
    });
    const post = () =>
      fetch(`${b}/api/patrol/checkins`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: officer.cookie, "x-csrf-token": officer.csrf },
        body,
      });
    const first = await post();
    expect(first.status).toBe(201);
    const id = ((await first.json()) as { id: string }).id;
    expect((await post()).status).toBe(200);

    await readUntil(() => seen.some((e) => e.id === id), 15_000);
    await readUntil(() => false, 1_000);
    expect(seen.filter((e) => e.id === id)).toEqual([expect.objectContaining({ id, pointName: "实时推送测试点" })]);
    await reader.cancel();
  }, 120_000);
});
