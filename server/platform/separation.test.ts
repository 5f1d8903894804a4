import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";

// 三员分立 (DOMAIN.md §9): system administrator, security administrator and auditor are separate.
let env: TestEnv;
let admin: Agent;
let secadmin: Agent;
let auditor: Agent;

const userId = async (username: string) =>
  (await env.database.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  env = await testEnv();
  [admin, secadmin, auditor] = await Promise.all(["admin", "secadmin", "auditor"].map((u) => env.login(u)));
});
afterAll(() => env.close());

describe("system administrator", () => {
  it("runs the system but cannot read the audit log", async () => {
    for (const url of ["/api/regions", "/api/users", "/api/settings", "/api/organisations"]) expect((await admin.get(url)).statusCode, url).toBe(200);
    for (const url of ["/api/audit", "/api/audit/verify"]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe("FORBIDDEN");
    }
  });

  it("cannot reveal or export personal data", async () => {
    const p = (await admin.get("/api/people?pageSize=1")).json().items[0];
    expect((await admin.post(`/api/people/${p.id}/reveal`, { field: "idNumber", reason: "系统维护" })).statusCode).toBe(403);
    expect((await admin.get("/api/people/export")).statusCode).toBe(403);
  });

  it("cannot create a sysadmin, secadmin or auditor account through the API", async () => {
    for (const role of ["auditor", "secadmin", "sysadmin"]) {
      const res = await admin.post("/api/users", {
        username: `x${role}`,
        displayName: "越权账号",
        role,
        scopeRegionId: env.world.districtId,
        password: "Strong#Pass2025",
      });
      expect(res.statusCode, role).toBe(400);
      expect(res.json().error.message).toMatch(/三员分立/);
    }
    expect((await secadmin.get("/api/users?q=xauditor")).json().total).toBe(0);
  });

  it("cannot turn an account into, or change, one of the three administrator accounts", async () => {
    const promote = await admin.patch(`/api/users/${await userId("leader")}`, { role: "auditor", scopeRegionId: env.world.districtId });
    expect(promote.statusCode).toBe(400);
    const touch = await admin.patch(`/api/users/${await userId("auditor")}`, { disabled: true });
    expect(touch.statusCode).toBe(400);
    expect((await env.login("auditor")).username).toBe("auditor");
  });

  it("cannot unlock accounts, reset passwords or change security settings", async () => {
    const id = await userId("staff");
    expect((await admin.post(`/api/users/${id}/unlock`)).statusCode).toBe(403);
    expect((await admin.post(`/api/users/${id}/reset-password`, { password: "Temp#Pass2025" })).statusCode).toBe(403);
    expect((await admin.put("/api/settings/security.idle_minutes", { value: 240 })).statusCode).toBe(403);
  });
});

describe("auditor", () => {
  it("reads the audit log and nothing else", async () => {
    expect((await auditor.get("/api/audit")).statusCode).toBe(200);
    expect((await auditor.get("/api/audit/verify")).json().ok).toBe(true);
    for (const url of ["/api/people", "/api/regions", "/api/users", "/api/figures", "/api/organisations", "/api/settings"]) {
      expect((await auditor.get(url)).statusCode, url).toBe(403);
    }
    expect((await auditor.get("/api/auth/me")).json().permissions).toEqual(["audit.read"]);
  });
});

describe("security administrator", () => {
  it("manages accounts' security but cannot read people or the audit log, nor create accounts", async () => {
    expect((await secadmin.get("/api/users")).statusCode).toBe(200);
    for (const url of ["/api/people", "/api/audit", "/api/figures"]) expect((await secadmin.get(url)).statusCode, url).toBe(403);
    const create = await secadmin.post("/api/users", {
      username: "secmade",
      displayName: "安全员建的账号",
      role: "staff",
      scopeRegionId: env.world.communityId,
      password: "Strong#Pass2025",
    });
    expect(create.statusCode).toBe(403);
  });

  it("changes security settings but not the others", async () => {
    expect((await secadmin.put("/api/settings/security.idle_minutes", { value: 20 })).statusCode).toBe(200);
    expect((await secadmin.put("/api/settings/files.max_mb", { value: 5 })).statusCode).toBe(403);
    const list = (await admin.get("/api/settings")).json().items;
    expect(list.find((s: { key: string }) => s.key === "security.idle_minutes").value).toBe(20);
    expect(list.find((s: { key: string }) => s.key === "files.max_mb").value).toBe(10);
  });

  it("and the auditor sees what both administrators did", async () => {
    const entries = (await auditor.get("/api/audit?action=setting.update")).json().items;
    expect(entries.map((e: { actorName: string }) => e.actorName)).toContain("secadmin");
    expect(entries.find((e: { actorName: string }) => e.actorName === "secadmin").entityId).toBe("security.idle_minutes@default");
  });
});
