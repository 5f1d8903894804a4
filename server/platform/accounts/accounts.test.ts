import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

let env: TestEnv;
let admin: Agent;
let secadmin: Agent;

const account = (over: Record<string, unknown> = {}) => ({
  username: "grid01b",
  displayName: "第1网格网格员（二）",
  role: "grid",
  scopeRegionId: env.world.grids[0].id,
  phone: "13700001111",
  password: "Grid#Pass2025",
  ...over,
});

beforeAll(async () => {
  env = await testEnv();
  [admin, secadmin] = await Promise.all(["admin", "secadmin"].map((u) => env.login(u)));
});
afterAll(() => env.close());

describe("accounts", () => {
  it("lists the world's accounts with phones masked and no password data", async () => {
    const res = await secadmin.get("/api/users?pageSize=200");
    const body = res.json();
    expect(body.items.map((u: { username: string }) => u.username).sort()).toEqual(env.world.accounts.map((a) => a.username).sort());
    expect(body.total).toBe(env.world.accounts.length);
    const grids = env.world.accounts.filter((a) => a.role === "grid");
    expect(grids.length).toBe(env.world.grids.length);
    expect((await secadmin.get("/api/users?role=grid")).json().total).toBe(grids.length);
    expect(body.items.filter((u: { phone: string | null }) => u.phone).length).toBeGreaterThan(0);
    for (const u of body.items) if (u.phone) expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(res.body).not.toMatch(/scrypt|password/i);
  });

  it("creates a grid worker scoped to a grid, who can log in and sees that grid", async () => {
    const res = await admin.post("/api/users", account());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: "grid01b", role: "grid", scopeName: "第1网格", phone: "137****1111", locked: false, disabled: false });
    const a = await env.login("grid01b", "Grid#Pass2025");
    const me = (await a.get("/api/auth/me")).json();
    expect(me.scope).toMatchObject({ regionId: env.world.grids[0].id, level: "grid" });
    const people = (await a.get("/api/people?pageSize=200")).json();
    for (const p of people.items) expect(p.gridName).toBe("第1网格");
  });

  it("a role's scope must be at the level the role works at", async () => {
    const leaderOnGrid = await admin.post("/api/users", account({ username: "leader2", role: "leader" }));
    expect(leaderOnGrid.statusCode).toBe(400);
    expect(leaderOnGrid.json().error.message).toMatch(/社区/);
    expect((await admin.post("/api/users", account({ username: "grid99", scopeRegionId: env.world.subdistrictId }))).statusCode).toBe(400);
    expect((await admin.post("/api/users", account({ username: "super2", role: "supervisor", scopeRegionId: env.world.communityId }))).statusCode).toBe(400);
    expect((await admin.post("/api/users", account({ username: "nowhere", scopeRegionId: "01900000-0000-7000-8000-000000000000" }))).statusCode).toBe(404);
  });

  it("refuses a weak password, a duplicate or malformed username", async () => {
    const weak = await admin.post("/api/users", account({ username: "weakling", password: "password" }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe("WEAK_PASSWORD");
    const dup = await admin.post("/api/users", account({ username: "leader", role: "leader", scopeRegionId: env.world.communityId }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain("leader");
    for (const username of ["Bad User", "ab", "1abc", "王五"]) expect((await admin.post("/api/users", account({ username }))).statusCode, username).toBe(400);
    expect((await secadmin.get("/api/users?pageSize=200")).json().total).toBe(env.world.accounts.length + 1);
  });

  it("changing a user's scope or role ends their sessions at once", async () => {
    const a = await env.login("grid01b", "Grid#Pass2025");
    const id = (await secadmin.get("/api/users?q=grid01b")).json().items[0].id;
    const res = await admin.patch(`/api/users/${id}`, { scopeRegionId: env.world.grids[1].id });
    expect(res.statusCode).toBe(200);
    expect(res.json().scopeName).toBe("第2网格");
    expect((await a.get("/api/auth/me")).statusCode).toBe(401);
    const again = await env.login("grid01b", "Grid#Pass2025");
    expect((await again.get("/api/auth/me")).json().scope.regionId).toBe(env.world.grids[1].id);
    const renamed = await admin.patch(`/api/users/${id}`, { displayName: "第2网格网格员（二）" });
    expect(renamed.statusCode).toBe(200);
    expect((await again.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("nobody disables their own account or changes their own role", async () => {
    const me = (await admin.get("/api/auth/me")).json().user.id;
    expect((await admin.patch(`/api/users/${me}`, { disabled: true })).statusCode).toBe(400);
    expect((await admin.get("/api/auth/me")).statusCode).toBe(200);
  });
});
