import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { connect } from "../db/connect.js";
import { DEMO_PASSWORD } from "../demo/world.js";
import { ROOT } from "../paths.js";
import { PG_URL, type TestEnv, testEnv } from "../test/helpers.js";
import { fixedClock } from "./clock.js";

// The scheduler with several server processes on one PostgreSQL database: each due job is claimed
// by one of them (FOR UPDATE SKIP LOCKED) and runs once. First two app instances in this process
// over one schema, ticking together at instants the test sets; then two real server processes
// (server/main.ts) polling on their own: an urgent case registered through one reaches the
// leader's page on the other, once. PostgreSQL only (*.pg.test.ts).
const clock = fixedClock("2025-03-03T02:00:00Z");
let env: TestEnv;
let schema: string;
let second: FastifyInstance;
const servers: ChildProcess[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-sched-"));

beforeAll(async () => {
  env = await testEnv({ clock, people: 10 });
  schema = (await sql<{ s: string }>`select current_schema() as s`.execute(env.database.db)).rows[0].s;
  second = await buildApp(loadConfig({ SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" }), {
    database: connect({ databaseUrl: PG_URL, pgSchema: schema }),
    clock,
  });
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.kill("SIGTERM");
  await second?.close();
  await second?.deps.database.close();
  await env?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("two app instances on one PostgreSQL schema", () => {
  it("a reminder due once runs once, whichever instance ticks, however often", async () => {
    const ran: Array<{ by: string; at: string }> = [];
    for (const [name, app] of [
      ["a", env.app],
      ["b", second],
    ] as const)
      app.deps.jobs.register({
        key: "test.reminder",
        module: "test",
        label: { zh: "测试提醒", en: "Test reminder" },
        everyMs: 60_000,
        run: async ({ now }) => {
          ran.push({ by: name, at: now.toISOString() });
          // A run that takes a while: the other instance ticks meanwhile.
          await new Promise((r) => setTimeout(r, 30));
          return { result: { n: ran.length } };
        },
      });
    for (let round = 0; round < 12; round++) {
      await Promise.all([env.app.deps.jobs.tick(), second.deps.jobs.tick(), env.app.deps.jobs.tick(), second.deps.jobs.tick()]);
      // Not due again within its minute.
      clock.advance(30_000);
      await Promise.all([env.app.deps.jobs.tick(), second.deps.jobs.tick()]);
      clock.advance(30_000);
    }
    expect(ran.length).toBe(12);
    expect(new Set(ran.map((r) => r.at)).size).toBe(12);
    const row = await env.database.db.selectFrom("jobs").selectAll().where("key", "=", "test.reminder").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ runs: 12, claimed_by: null });
  });

  it("a module's alert job too: the urgent case's job runs on one instance and each account is told once", async () => {
    const staff = await env.login("staff");
    const res = await staff.post("/api/appeals", {
      communityId: env.world.communityId,
      channel: "12345",
      kind: "appeal",
      appealType: "complaint",
      categoryCode: "JM03",
      urgency: "urgent",
      title: "井盖缺失",
      content: "路口井盖缺失，夜间危险",
      address: "龙华区福城街道狮径3栋",
      gridId: env.world.grids[0].id,
      appellantName: "陈先生",
      appellantPhone: "13812345679",
    });
    expect(res.statusCode, res.body).toBe(201);
    const [a, b] = await Promise.all([env.app.deps.jobs.tick(), second.deps.jobs.tick()]);
    const runs = [...a, ...b].filter((r) => r.key === "appeals.urgent");
    expect(runs).toHaveLength(1);
    const leaderId = (await env.database.db.selectFrom("users").select("id").where("username", "=", "leader").executeTakeFirstOrThrow()).id;
    const mine = await env.database.db
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", leaderId)
      .where("link", "=", `/appeals/${res.json().id}`)
      .execute();
    expect(mine).toEqual([{ kind: "appeals.urgent" }]);
  });
});

describe("two server processes", () => {
  async function startServer(): Promise<string> {
    const port = 20000 + Math.floor(Math.random() * 30000);
    const url = new URL(PG_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "main.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        SHEQU_DATA_DIR: dataDir,
        SHEQU_DEMO: "0",
        SHEQU_SKIP_WEB_BUILD: "1",
        SHEQU_LOG_LEVEL: "silent",
        SHEQU_SCHEDULER_POLL_S: "0.2",
        PORT: String(port),
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    servers.push(proc);
    await new Promise<void>((resolve, reject) => {
      let err = "";
      proc.stderr?.on("data", (b) => {
        err += b;
      });
      proc.once("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
      proc.stdout?.on("data", (b: Buffer) => {
        if (b.toString().includes("is running at")) resolve();
      });
    });
    return `http://127.0.0.1:${port}`;
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

  it("an urgent case registered through one reaches the leader's page on the other, once", async () => {
    const [a, b] = await Promise.all([startServer(), startServer()]);
    const leader = await login(a, "leader");
    const staff = await login(b, "staff");
    const feed = await fetch(`${a}/api/notifications/stream?since=${encodeURIComponent(new Date().toISOString())}`, { headers: { cookie: leader.cookie } });
    expect(feed.status).toBe(200);
    const reader = (feed.body as ReadableStream<Uint8Array>).getReader();
    const seen: Array<{ event: string; data: any }> = [];
    let buf = "";
    const pump = async (until: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      while (!until() && Date.now() < end) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), end - Date.now()))]);
        if (!chunk || chunk.done) break;
        buf += new TextDecoder().decode(chunk.value);
        for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
          const lines = buf.slice(0, i).split("\n");
          buf = buf.slice(i + 2);
          const ev = lines.find((l) => l.startsWith("event: "))?.slice(7);
          const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
          if (ev && data) seen.push({ event: ev, data: JSON.parse(data) });
        }
      }
    };
    await pump(() => seen.some((e) => e.event === "count"), 10_000);

    const res = await fetch(`${b}/api/appeals`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: staff.cookie, "x-csrf-token": staff.csrf },
      body: JSON.stringify({
        communityId: env.world.communityId,
        channel: "12345",
        kind: "appeal",
        appealType: "complaint",
        categoryCode: "JM03",
        urgency: "supervised",
        title: "电梯困人",
        content: "3栋电梯困人",
        address: "龙华区福城街道狮径3栋",
        gridId: env.world.grids[0].id,
        appellantName: "王女士",
        appellantPhone: "13812345670",
      }),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const mineArrived = () => seen.filter((e) => e.event === "notification" && e.data.link === `/appeals/${id}`);
    await pump(() => mineArrived().length > 0, 20_000);
    // Both processes keep polling for a while: still once.
    await pump(() => false, 2_000);
    expect(mineArrived()).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ kind: "appeals.urgent", title: expect.stringContaining("督办件登记") }) }),
    ]);
    await reader.cancel();
    const list = (await (await fetch(`${a}/api/notifications?pageSize=100`, { headers: { cookie: leader.cookie } })).json()) as {
      items: Array<{ link: string }>;
    };
    expect(list.items.filter((i) => i.link === `/appeals/${id}`)).toHaveLength(1);
  }, 120_000);
});
