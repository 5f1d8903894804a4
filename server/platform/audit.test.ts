import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";
import { loginRequest, multipartFile, TINY_PNG } from "../test/http.js";
import { verifyAudit } from "./audit.js";

type Entry = { seq: number; action: string; actorName: string | null; entityId: string | null; success: boolean; reason: string | null; at: string };

let env: TestEnv;
let auditor: Agent;
/** What each write below should have left in the log: [action, actor, entityId or null]. */
const expected: Array<[string, string, string | null]> = [];

const userId = async (username: string) =>
  (await env.database.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const entries = async (qs: string): Promise<Entry[]> => {
  const res = await auditor.get(`/api/audit?pageSize=200&${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

beforeAll(async () => {
  env = await testEnv();
  auditor = await env.login("auditor");
  const [leader, admin, secadmin] = await Promise.all(["leader", "admin", "secadmin"].map((u) => env.login(u)));
  const ok = (res: { statusCode: number; body: string }, status = 200) => {
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
    return res.body.startsWith("{") ? JSON.parse(res.body) : {};
  };

  const person = ok(
    await leader.post("/api/people", { communityId: env.world.communityId, gridId: env.world.grids[0].id, name: "审计测试", gender: "F", kind: "migrant" }),
    201,
  );
  expected.push(["person.create", "leader", person.id]);
  ok(await leader.patch(`/api/people/${person.id}`, { note: "已走访" }));
  expected.push(["person.update", "leader", person.id]);
  ok(await leader.post(`/api/people/${person.id}/reveal`, { field: "address", reason: "上门核查" }));
  expected.push(["person.reveal", "leader", person.id]);
  ok(await leader.patch(`/api/people/${person.id}`, { archived: true }));
  expected.push(["person.archive", "leader", person.id]);
  ok(await leader.get("/api/people/export"));
  expected.push(["person.export", "leader", null]);

  const org = ok(await leader.post("/api/organisations", { communityId: env.world.communityId, kind: "社会组织", name: "审计测试协会" }), 201);
  expected.push(["organisation.create", "leader", org.id]);
  ok(await leader.patch(`/api/organisations/${org.id}`, { shortName: "审计协会" }));
  expected.push(["organisation.update", "leader", org.id]);
  ok(await leader.patch(`/api/organisations/${org.id}`, { archived: true }));
  expected.push(["organisation.archive", "leader", org.id]);
  ok(await leader.get("/api/organisations/export"));
  expected.push(["organisation.export", "leader", null]);

  const region = ok(await admin.post("/api/regions", { parentId: env.world.communityId, level: "grid", name: "第13网格", code: "44030900800313" }), 201);
  expected.push(["region.create", "admin", region.id]);
  ok(await admin.patch(`/api/regions/${region.id}`, { name: "第十三网格" }));
  expected.push(["region.update", "admin", region.id]);

  const user = ok(
    await admin.post("/api/users", { username: "grid13", displayName: "第13网格网格员", role: "grid", scopeRegionId: region.id, password: "Grid#Pass2025" }),
    201,
  );
  expected.push(["user.create", "admin", user.id]);
  ok(await admin.patch(`/api/users/${user.id}`, { displayName: "第十三网格网格员" }));
  expected.push(["user.update", "admin", user.id]);
  ok(await secadmin.post(`/api/users/${user.id}/reset-password`, { password: "Temp#Pass2025" }));
  expected.push(["user.reset_password", "secadmin", user.id]);
  ok(await secadmin.post(`/api/users/${user.id}/unlock`));
  expected.push(["user.unlock", "secadmin", user.id]);
  ok(await admin.put("/api/settings/files.max_mb", { value: 20 }));
  expected.push(["setting.update", "admin", "files.max_mb@default"]);

  const { payload, headers } = multipartFile("门牌.png", TINY_PNG, "image/png");
  const file = ok(await leader.req("POST", "/api/files", payload, { headers }), 201);
  expected.push(["file.upload", "leader", file.id]);

  const staffId = await userId("staff");
  expect((await loginRequest(env, "staff", "Wrong#Pass1", { ip: "10.1.0.1" })).statusCode).toBe(401);
  const staff = await env.login("staff");
  expected.push(["auth.login", "staff", staffId]);
  ok(await staff.post("/api/auth/password", { current: "Shequ@2024", next: "Staff#Pass2025" }));
  expected.push(["auth.password_change", "staff", staffId]);
  ok(await staff.post("/api/auth/logout"));
  expected.push(["auth.logout", "staff", staffId]);
});
afterAll(() => env.close());

describe("the audit trail", () => {
  it("has an entry for every write, with the actor and the record", async () => {
    const all = await entries("from=2000-01-01");
    for (const [action, actor, entityId] of expected) {
      const hit = all.find((e) => e.action === action && e.actorName === actor && (entityId === null || e.entityId === entityId));
      expect(hit, `${action} by ${actor} on ${entityId}`).toBeDefined();
      expect(hit?.success).toBe(true);
    }
  });

  it("records failed logins as failures, with the reason", async () => {
    const failed = await entries("action=auth.login&actor=staff&success=0");
    expect(failed.length).toBe(1);
    expect(failed[0].reason).toBe("wrong password");
    const unknown = await entries("action=auth.login&actor=nobody");
    expect(unknown).toEqual([]);
    await loginRequest(env, "nobody", "Wrong#Pass1", { ip: "10.1.0.2" });
    expect((await entries("action=auth.login&actor=nobody"))[0]).toMatchObject({ success: false, reason: "unknown user" });
  });

  it("is searchable by action prefix, actor, record and date, newest first", async () => {
    const people = await entries("action=person.&actor=leader");
    expect(new Set(people.map((e) => e.action))).toEqual(new Set(["person.create", "person.update", "person.reveal", "person.archive", "person.export"]));
    const seqs = people.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const personId = expected[0][2] as string;
    expect((await entries(`entityId=${personId}`)).length).toBe(4);
    expect(await entries("from=2999-01-01")).toEqual([]);
    expect((await entries("q=上门核查")).map((e) => e.action)).toEqual(["person.reveal"]);
    for (const qs of ["from=yesterday", "from=2025-13-45", "to=2025-02-30"]) {
      const res = await auditor.get(`/api/audit?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION");
    }
  });

  it("cannot be written through the API: only GET routes under /api/audit", () => {
    const audit = env.app.routeTable.filter((r) => r.url.startsWith("/api/audit"));
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((r) => r.method === "GET")).toBe(true);
  });
});

describe("the hash chain", () => {
  it("verifies as intact", async () => {
    const res = await auditor.get("/api/audit/verify");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(body.count).toBe((await auditor.get("/api/audit?pageSize=1")).json().total);
  });

  it("reports an entry edited in the database, and is intact again once restored", async () => {
    const db = env.database.db;
    const original = await db.selectFrom("audit_log").select("after").where("seq", "=", 3).executeTakeFirstOrThrow();
    await db.updateTable("audit_log").set({ after: '{"name":"篡改社区"}' }).where("seq", "=", 3).execute();
    const api = (await auditor.get("/api/audit/verify")).json();
    expect(api).toMatchObject({ ok: false, seq: 3 });
    expect(api.problem).toMatch(/hash/);
    const direct = await verifyAudit(db);
    expect(direct).toMatchObject({ ok: false, seq: 3 });
    await db.updateTable("audit_log").set({ after: original.after }).where("seq", "=", 3).execute();
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it("reports an edited actor, time or success flag", async () => {
    const db = env.database.db;
    for (const change of [{ actor_name: "someone" }, { at: "2020-01-01T00:00:00.000Z" }, { success: 0 }] as const) {
      const row = await db.selectFrom("audit_log").selectAll().where("seq", "=", 7).executeTakeFirstOrThrow();
      await db.updateTable("audit_log").set(change).where("seq", "=", 7).execute();
      expect(await verifyAudit(db), JSON.stringify(change)).toMatchObject({ ok: false, seq: 7 });
      await db.updateTable("audit_log").set({ actor_name: row.actor_name, at: row.at, success: row.success }).where("seq", "=", 7).execute();
    }
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it("reports a replaced hash (the link from the next entry breaks)", async () => {
    const db = env.database.db;
    const row = await db.selectFrom("audit_log").select("hash").where("seq", "=", 4).executeTakeFirstOrThrow();
    await db
      .updateTable("audit_log")
      .set({ hash: "f".repeat(64) })
      .where("seq", "=", 4)
      .execute();
    expect(await verifyAudit(db)).toMatchObject({ ok: false, seq: 4 });
    await db.updateTable("audit_log").set({ hash: row.hash }).where("seq", "=", 4).execute();
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it("reports a deleted entry", async () => {
    const db = env.database.db;
    await db.deleteFrom("audit_log").where("seq", "=", 5).execute();
    const r = await verifyAudit(db);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.seq).toBe(6);
      expect(r.problem).toMatch(/gap/);
    }
    expect((await auditor.get("/api/audit/verify")).json().ok).toBe(false);
  });
});
