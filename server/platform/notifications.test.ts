import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";
import { loginFrom, NO_SUCH_ID } from "../test/http.js";
import { fixedClock } from "./clock.js";
import { createScheduler } from "./scheduler.js";

// Alerts end to end: the modules' jobs run by the scheduler at instants the test sets, the
// notification centre (who gets what by scope and permission, once each, read/unread), the live
// push over SSE, and the scheduler's rows across a restart.

// Monday 2025-03-03 10:00 in Shenzhen.
const clock = fixedClock("2025-03-03T02:00:00Z");
let env: TestEnv;
let logins = 0;
const as: Record<string, Agent> = {};
const USERS = ["staff", "leader", "grid01", "grid02", "supervisor", "patrol01", "auditor"];

/** Signs in again (moving the clock ends idle sessions), from fresh addresses under the login rate limit. */
async function signIn(users = USERS) {
  logins++;
  const agents = await Promise.all(users.map((u, i) => loginFrom(env, u, `10.16.${logins}.${i + 1}`)));
  users.forEach((u, i) => {
    as[u] = agents[i];
  });
}

async function at(iso: string, users = USERS) {
  clock.set(iso);
  await signIn(users);
}

const list = async (u: string, q = "") => (await as[u].get(`/api/notifications?pageSize=100${q}`)).json() as { items: any[]; total: number; unread: number };
const kinds = async (u: string) => (await list(u)).items.map((i) => `${i.kind} ${i.link}`).sort();

async function register(over: Record<string, unknown> = {}) {
  const res = await as.staff.post("/api/appeals", {
    communityId: env.world.communityId,
    channel: "12345",
    kind: "appeal",
    appealType: "complaint",
    categoryCode: "JM03",
    urgency: "normal",
    title: "广场舞噪音扰民",
    content: "每晚九点后广场舞音响声音很大",
    address: "龙华区福城街道狮径3栋",
    gridId: env.world.grids[0].id,
    appellantName: "陈女士",
    appellantPhone: "13812345678",
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; trackingNo: string };
}

beforeAll(async () => {
  env = await testEnv({ clock });
  await signIn();
});
afterAll(() => env?.close());

describe("appeal deadline alerts", () => {
  let caseId: string;
  let dueAt: string;

  it("a case about to pass its deadline alerts those who handle cases in its grid, once", async () => {
    caseId = (await register()).id;
    dueAt = (await as.staff.get(`/api/appeals/${caseId}`)).json().dueAt;
    expect(dueAt).toBeTruthy();
    // Registered now, nothing is due soon: the job runs and tells no one.
    let runs = await env.app.deps.jobs.tick();
    expect(runs.find((r) => r.key === "appeals.deadlines")).toMatchObject({ ok: true, result: { cases: 0, notified: 0 } });
    expect((await list("leader")).total).toBe(0);

    // Three hours before the deadline (inside the 24-hour 将到期 window).
    await at(new Date(new Date(dueAt).getTime() - 3 * 3_600_000).toISOString());
    runs = await env.app.deps.jobs.tick();
    const run = runs.find((r) => r.key === "appeals.deadlines");
    expect(run?.ok).toBe(true);
    expect(Number(run?.result?.notified)).toBeGreaterThanOrEqual(3);
    for (const u of ["staff", "leader", "grid01"]) expect(await kinds(u), u).toEqual([`appeals.due_soon /appeals/${caseId}`]);
    // Another grid's worker, a supervisor without the handling permission, the auditor: nothing.
    for (const u of ["grid02", "supervisor", "auditor", "patrol01"]) expect((await list(u)).total, u).toBe(0);
    const item = (await list("leader")).items[0];
    expect(item).toMatchObject({ severity: "urgent", readAt: null, link: `/appeals/${caseId}` });
    expect(item.title).toContain("诉求将到期");
    expect(item.body).toMatch(/剩余 3 小时/);

    // The job again an hour later (or on another process): nobody is told twice.
    clock.advance(3_600_000);
    runs = await env.app.deps.jobs.tick();
    expect(runs.find((r) => r.key === "appeals.deadlines")?.result?.notified).toBe(0);
    await signIn(["leader"]);
    expect((await list("leader")).total).toBe(1);
  });

  it("past the deadline it alerts dispatchers too (the supervisor), in English for an English page", async () => {
    await at(new Date(new Date(dueAt).getTime() + 3_600_000).toISOString(), ["staff", "leader", "grid02", "supervisor"]);
    await env.app.deps.jobs.tick();
    expect(await kinds("supervisor")).toEqual([`appeals.overdue /appeals/${caseId}`]);
    expect(await kinds("leader")).toEqual([`appeals.due_soon /appeals/${caseId}`, `appeals.overdue /appeals/${caseId}`]);
    expect((await list("grid02")).total).toBe(0);
    const en = (await as.leader.req("GET", "/api/notifications?unread=1", undefined, { headers: { "accept-language": "en" } })).json();
    expect(en.items[0].title).toMatch(/^Case overdue: /);
  });

  it("read, unread and mark all read are each account's own", async () => {
    const before = await list("leader");
    expect(before.unread).toBe(2);
    const first = before.items[0];
    const r = await as.leader.post(`/api/notifications/${first.id}/read`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().unread).toBe(1);
    expect((await list("leader", "&unread=1")).items.map((i) => i.id)).not.toContain(first.id);
    // Someone else's notification, or none: not found.
    expect((await as.staff.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await as.staff.post(`/api/notifications/${NO_SUCH_ID}/read`)).json().error.message).toMatch(/通知/);
    expect((await as.staff.get("/api/notifications/count")).json().unread).toBe(2);
    const all = await as.leader.post("/api/notifications/read-all");
    expect(all.json()).toEqual({ updated: 1, unread: 0 });
    expect((await list("leader")).items.every((i) => i.readAt)).toBe(true);
    expect((await as.staff.get("/api/notifications/count")).json().unread).toBe(2);
  });
});

describe("urgent cases, hazards, flagged check-ins", () => {
  it("an urgent case registered makes its job due at once and alerts handlers and dispatchers", async () => {
    await at("2025-03-20T02:00:00Z", ["staff", "leader", "grid01", "grid02", "supervisor"]);
    await env.app.deps.jobs.tick();
    const c = await register({ urgency: "urgent", title: "燃气泄漏气味" });
    const runs = await env.app.deps.jobs.tick();
    expect(runs.map((r) => r.key)).toContain("appeals.urgent");
    for (const u of ["leader", "supervisor", "grid01"]) expect(await kinds(u), u).toContain(`appeals.urgent /appeals/${c.id}`);
    expect(await kinds("grid02")).not.toContain(`appeals.urgent /appeals/${c.id}`);
    // A normal case registered is no urgent alert.
    const n = await register({ title: "路灯不亮" });
    await env.app.deps.jobs.tick();
    expect(await kinds("leader")).not.toContain(`appeals.urgent /appeals/${n.id}`);
  });

  it("the hazard escalation runs as a job (audited as the system) and alerts who rectifies hazards in its grid", async () => {
    await at("2025-04-01T02:00:00Z", ["staff"]);
    const h = await as.staff.post("/api/safety/hazards", {
      gridId: env.world.grids[1].id,
      source: "patrol",
      kind: "消防",
      place: "福悦花园 2 栋",
      description: "消防通道堵塞",
      risk: "low",
      foundOn: "2025-04-01",
    });
    expect(h.statusCode, h.body).toBe(201);
    const a = await as.staff.post(`/api/safety/hazards/${h.json().id}/assign`, { assigneeName: "第2网格网格员" });
    expect(a.statusCode, a.body).toBe(200);
    await env.app.deps.jobs.tick();
    expect((await as.staff.get(`/api/safety/hazards/${h.json().id}`)).json().escalated).toBe(false);

    await at("2025-05-01T02:00:00Z", ["staff", "leader", "grid01", "grid02", "supervisor"]);
    const runs = await env.app.deps.jobs.tick();
    expect(runs.find((r) => r.key === "safety.hazards.escalate")).toMatchObject({ ok: true, result: { escalated: 1 } });
    expect((await as.staff.get(`/api/safety/hazards/${h.json().id}`)).json().escalated).toBe(true);
    const link = `/safety/hazards/${h.json().id}`;
    for (const u of ["leader", "staff", "grid02"]) expect(await kinds(u), u).toContain(`safety.hazard_overdue ${link}`);
    for (const u of ["grid01", "supervisor"]) expect(await kinds(u), u).not.toContain(`safety.hazard_overdue ${link}`);
    const audit = await env.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "action"])
      .where("entity_id", "=", h.json().id)
      .where("action", "=", "hazard.escalate")
      .execute();
    expect(audit).toEqual([{ actor_name: "system", action: "hazard.escalate" }]);
  });
});

describe("live push (SSE)", () => {
  it("a notification reaches the account's open stream, with the new unread count; no one else's", async () => {
    await at("2025-06-02T02:00:00Z", ["staff", "leader", "grid02"]);
    await env.app.listen({ port: 0, host: "127.0.0.1" });
    const addr = env.app.server.address() as { port: number };
    const open = async (u: string, since = clock.now().toISOString()) => {
      const res = await fetch(`http://127.0.0.1:${addr.port}/api/notifications/stream?since=${encodeURIComponent(since)}`, {
        headers: { cookie: as[u].cookie },
      });
      expect(res.status).toBe(200);
      return (res.body as ReadableStream<Uint8Array>).getReader();
    };
    const leader = await open("leader");
    const grid02 = await open("grid02");
    const events = (reader: ReadableStreamDefaultReader<Uint8Array>) => {
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
      return { seen, pump };
    };
    const l = events(leader);
    const g = events(grid02);
    await l.pump(() => l.seen.some((e) => e.event === "count"), 5000);
    const start = l.seen.find((e) => e.event === "count")?.data.unread;
    expect(start).toBe((await list("leader")).unread);

    const c = await register({ urgency: "supervised", title: "电梯困人" });
    await env.app.deps.jobs.tick();
    await l.pump(() => l.seen.some((e) => e.event === "notification" && e.data.link === `/appeals/${c.id}`), 5000);
    expect(l.seen.filter((e) => e.event === "notification")).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ kind: "appeals.urgent", link: `/appeals/${c.id}`, title: expect.stringContaining("督办件登记") }),
      }),
    ]);
    await l.pump(() => l.seen.filter((e) => e.event === "count").length >= 2, 2000);
    expect(l.seen.filter((e) => e.event === "count").at(-1)?.data.unread).toBe(start + 1);
    await g.pump(() => false, 500);
    expect(g.seen.filter((e) => e.event === "notification")).toEqual([]);
    await leader.cancel();
    await grid02.cancel();
    // A page that looked last in January gets what came since, oldest first, then the count.
    const replayReader = await open("leader", "2025-01-01T00:00:00Z");
    const replay = events(replayReader);
    await replay.pump(() => replay.seen.some((e) => e.event === "count"), 5000);
    const mine = (await list("leader")).items;
    expect(replay.seen.filter((e) => e.event === "notification").map((e) => e.data.id)).toEqual(mine.map((i) => i.id).reverse());
    expect(replay.seen.at(-1)).toEqual({ event: "count", data: { unread: (await list("leader")).unread } });
    await replayReader.cancel();
  });
});

describe("the scheduler's rows", () => {
  it("survive a restart: a new process neither runs a job early nor takes one another holds until its lease ends", async () => {
    const db = env.database.db;
    const c = fixedClock("2030-01-01T00:00:00Z");
    const ran: string[] = [];
    const make = (id: string) => {
      const s = createScheduler({ db, dialect: env.database.dialect, clock: c, instanceId: id, leaseMs: 60_000 });
      s.register({
        key: "test.reminder",
        module: "test",
        label: { zh: "测试", en: "Test" },
        everyMs: 3_600_000,
        run: async ({ state }) => {
          ran.push(id);
          const n = ((state as { n?: number } | null)?.n ?? 0) + 1;
          return { result: { n }, state: { n } };
        },
      });
      return s;
    };
    const a = make("a");
    expect((await a.tick()).map((r) => r.key)).toEqual(["test.reminder"]);
    // "Restarted": another instance over the same rows.
    const b = make("b");
    expect(await b.tick()).toEqual([]);
    c.advance(3_600_000);
    expect(await b.tick()).toEqual([{ key: "test.reminder", ok: true, result: { n: 2 } }]);
    expect(ran).toEqual(["a", "b"]);
    // A process that claimed the job and died: nobody runs it until the lease has passed.
    c.advance(3_600_000);
    await db
      .updateTable("jobs")
      .set({ claimed_by: "dead", claimed_until: new Date(c.now().getTime() + 60_000).toISOString() })
      .where("key", "=", "test.reminder")
      .execute();
    expect(await a.tick()).toEqual([]);
    c.advance(61_000);
    expect((await a.tick()).map((r) => r.result)).toEqual([{ n: 3 }]);
    const row = await db.selectFrom("jobs").selectAll().where("key", "=", "test.reminder").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ runs: 3, claimed_by: null, last_error: null, state: JSON.stringify({ n: 3 }) });
    // A run that fails is kept with its error and tried again at its next time.
    const f = createScheduler({ db, dialect: env.database.dialect, clock: c, instanceId: "f", onError: () => {} });
    f.register({ key: "test.failing", module: "test", label: { zh: "失败", en: "Fails" }, everyMs: 1000, run: async () => Promise.reject(new Error("boom")) });
    f.register({ key: "test.after", module: "test", label: { zh: "之后", en: "After" }, everyMs: 1000, run: async () => ({ result: { ok: 1 } }) });
    const reports = await f.tick();
    expect(reports.find((r) => r.key === "test.failing")).toMatchObject({ ok: false, error: "boom" });
    expect(reports.find((r) => r.key === "test.after")).toMatchObject({ ok: true });
    expect((await db.selectFrom("jobs").select("last_error").where("key", "=", "test.failing").executeTakeFirstOrThrow()).last_error).toBe("boom");
  });

  it("the jobs page lists the registered jobs with their last run, for those who may read settings", async () => {
    const admin = await loginFrom(env, "admin", "10.16.200.1");
    const res = await admin.get("/api/jobs");
    expect(res.statusCode, res.body).toBe(200);
    const keys = res.json().items.map((j: any) => j.key);
    expect(keys).toEqual(expect.arrayContaining(["appeals.deadlines", "appeals.urgent", "safety.hazards.escalate", "patrol.checkins.flagged"]));
    expect(res.json().items.find((j: any) => j.key === "safety.hazards.escalate").runs).toBeGreaterThan(0);
    expect((await (await loginFrom(env, "grid01", "10.16.200.2")).get("/api/jobs")).statusCode).toBe(403);
  });
});
