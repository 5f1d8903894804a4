import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";

let env: TestEnv;
let leader: Agent;
let grid01: Agent;
let supervisor: Agent;
let admin: Agent;
let neighbourGridIds: string[];
let grid2PersonId: string;
let neighbourPersonId: string;

const people = async (a: Agent, qs = "") => (await a.get(`/api/people?pageSize=200${qs}`)).json();
const figure = async (a: Agent, key: string, qs = "") => {
  const res = await a.get(`/api/figures/${key}${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json().value as number;
};

beforeAll(async () => {
  env = await testEnv();
  [leader, grid01, supervisor, admin] = await Promise.all(["leader", "grid01", "supervisor", "admin"].map((u) => env.login(u)));
  const grids = (await supervisor.get(`/api/regions?level=grid&parentId=${env.world.neighbourCommunityId}`)).json().items;
  neighbourGridIds = grids.map((g: { id: string }) => g.id);
  grid2PersonId = (await people(leader, `&gridId=${env.world.grids[1].id}`)).items[0].id;
  neighbourPersonId = (await people(supervisor, `&gridId=${neighbourGridIds[0]}`)).items[0].id;
});
afterAll(() => env.close());

describe("people in scope", () => {
  it("a grid worker sees only the people of their own grid", async () => {
    const mine = await people(grid01);
    const all = await people(leader);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    expect(mine.items.length).toBe(mine.total);
    for (const p of mine.items) expect(p.gridName).toBe("第1网格");
  });

  it("a community leader sees only their community, the supervisor both communities", async () => {
    const l = await people(leader);
    const s = await people(supervisor);
    expect(new Set(l.items.map((p: { communityName: string }) => p.communityName))).toEqual(new Set(["福民社区"]));
    expect(s.total).toBeGreaterThan(l.total);
    const names = new Set<string>();
    for (let page = 1; page <= Math.ceil(s.total / 200); page++) for (const p of (await people(supervisor, `&page=${page}`)).items) names.add(p.communityName);
    expect(names).toEqual(new Set(["福民社区", "桔塘社区"]));
  });

  it("a grid worker cannot open a person of another grid", async () => {
    const res = await grid01.get(`/api/people/${grid2PersonId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
    expect((await leader.get(`/api/people/${grid2PersonId}`)).statusCode).toBe(200);
  });

  it("a leader cannot open a person, organisation or region of the neighbour community; the supervisor can", async () => {
    const org = await admin.post("/api/organisations", { communityId: env.world.neighbourCommunityId, kind: "社会组织", name: "桔塘邻里中心" });
    expect(org.statusCode).toBe(201);
    const orgId = org.json().id;
    for (const url of [`/api/people/${neighbourPersonId}`, `/api/organisations/${orgId}`, `/api/regions/${env.world.neighbourCommunityId}`]) {
      expect((await leader.get(url)).statusCode, url).toBe(404);
      expect((await supervisor.get(url)).statusCode, url).toBe(200);
    }
    const orgs = (await leader.get("/api/organisations?pageSize=200")).json();
    expect(orgs.items.some((o: { id: string }) => o.id === orgId)).toBe(false);
  });

  it("filters in the query string never widen the scope", async () => {
    expect((await people(grid01, `&gridId=${env.world.grids[1].id}`)).total).toBe(0);
    expect((await people(leader, `&gridId=${neighbourGridIds[0]}`)).total).toBe(0);
    expect((await supervisor.get(`/api/people?gridId=${neighbourGridIds[0]}`)).json().total).toBeGreaterThan(0);
    const orgs = await leader.get(`/api/organisations?communityId=${env.world.neighbourCommunityId}`);
    expect(orgs.json().total).toBe(0);
    const regions = await leader.get(`/api/regions?parentId=${env.world.neighbourCommunityId}`);
    expect(regions.json().items).toEqual([]);
    expect((await leader.get(`/api/figures?region=${env.world.neighbourCommunityId}`)).statusCode).toBe(404);
    expect((await grid01.get(`/api/figures/platform.people?region=${env.world.communityId}`)).statusCode).toBe(404);
  });

  it("an out-of-scope person cannot be changed or revealed, and stays unchanged", async () => {
    const before = (await leader.get(`/api/people/${grid2PersonId}`)).json();
    const res = await grid01.patch(`/api/people/${grid2PersonId}`, { name: "越权修改" });
    expect(res.statusCode).toBe(404);
    expect((await grid01.post(`/api/people/${grid2PersonId}/reveal`, { field: "idNumber", reason: "越权查看" })).statusCode).toBe(404);
    expect((await leader.patch(`/api/people/${neighbourPersonId}`, { archived: true })).statusCode).toBe(404);
    const after = (await leader.get(`/api/people/${grid2PersonId}`)).json();
    expect(after.name).toBe(before.name);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect((await supervisor.get(`/api/people/${neighbourPersonId}`)).json().archived).toBe(false);
  });

  it("a grid worker can neither move a person out of their grid nor register one elsewhere", async () => {
    const own = (await people(grid01)).items[0];
    const move = await grid01.patch(`/api/people/${own.id}`, { gridId: env.world.grids[1].id });
    expect(move.statusCode).toBe(400);
    const unassign = await grid01.patch(`/api/people/${own.id}`, { gridId: null });
    expect(unassign.statusCode).toBe(400);
    expect((await grid01.get(`/api/people/${own.id}`)).json().gridId).toBe(env.world.grids[0].id);
    const create = await grid01.post("/api/people", {
      communityId: env.world.communityId,
      gridId: env.world.grids[1].id,
      name: "他格居民",
      gender: "F",
      kind: "migrant",
    });
    expect(create.statusCode).toBe(400);
  });

  it("a leader may move a person between grids of their community but not into the neighbour's", async () => {
    const p = (await people(leader, `&gridId=${env.world.grids[2].id}`)).items[0];
    const away = await leader.patch(`/api/people/${p.id}`, { gridId: neighbourGridIds[0] });
    expect(away.statusCode).toBe(400);
    const ok = await leader.patch(`/api/people/${p.id}`, { gridId: env.world.grids[3].id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().gridName).toBe("第4网格");
  });
});

describe("switching the data scope", () => {
  it("a supervisor switching to 福民社区 narrows people and figures, and can switch back", async () => {
    const a = await env.login("supervisor");
    const wide = (await people(a)).total;
    const wideFigure = await figure(a, "platform.people");
    expect(wideFigure).toBe(wide);
    const sw = await a.post("/api/auth/scope", { regionId: env.world.communityId });
    expect(sw.statusCode).toBe(200);
    expect(sw.json().scope).toMatchObject({ regionId: env.world.communityId, name: "福民社区", level: "community" });
    expect(sw.json().home.regionId).toBe(env.world.subdistrictId);
    const narrow = (await people(a)).total;
    expect(narrow).toBe((await people(leader)).total);
    expect(narrow).toBeLessThan(wide);
    expect(await figure(a, "platform.people")).toBe(narrow);
    expect((await a.get(`/api/people/${neighbourPersonId}`)).statusCode).toBe(404);
    expect((await a.get("/api/auth/me")).json().scope.regionId).toBe(env.world.communityId);
    expect((await a.post("/api/auth/scope", { regionId: env.world.subdistrictId })).statusCode).toBe(200);
    expect((await people(a)).total).toBe(wide);
  });

  it("one cannot switch to a region outside one's home scope", async () => {
    const l = await env.login("leader");
    for (const regionId of [env.world.neighbourCommunityId, env.world.subdistrictId, env.world.districtId]) {
      const res = await l.post("/api/auth/scope", { regionId });
      expect(res.statusCode, regionId).toBe(404);
    }
    const g = await env.login("grid02");
    expect((await g.post("/api/auth/scope", { regionId: env.world.communityId })).statusCode).toBe(404);
    expect((await g.post("/api/auth/scope", { regionId: env.world.grids[0].id })).statusCode).toBe(404);
    // Still in the home scope after the refused switches.
    expect((await l.get("/api/auth/me")).json().scope.regionId).toBe(env.world.communityId);
  });

  it("a leader may narrow to one grid and then sees only that grid", async () => {
    const l = await env.login("leader");
    expect((await l.post("/api/auth/scope", { regionId: env.world.grids[4].id })).statusCode).toBe(200);
    const list = await people(l);
    expect(list.total).toBeGreaterThan(0);
    for (const p of list.items) expect(p.gridName).toBe("第5网格");
    expect(await figure(l, "platform.people")).toBe(list.total);
  });

  it("the scope of one session does not leak into another session of the same user", async () => {
    const a = await env.login("supervisor");
    const b = await env.login("supervisor");
    await a.post("/api/auth/scope", { regionId: env.world.communityId });
    expect((await b.get("/api/auth/me")).json().scope.regionId).toBe(env.world.subdistrictId);
  });
});

describe("rowInScope (the rule in code) agrees with inScope (the rule in SQL)", () => {
  it("for every scope level and every grid of the world", async () => {
    const { db } = env.database;
    const { inScope, rowInScope, scopeOf } = await import("./scope.js");
    const regions = await db.selectFrom("regions").select(["id", "path", "level", "community_id"]).execute();
    const pathOf = new Map(regions.map((r) => [r.id, r.path]));
    const grids = regions.filter((r) => r.level === "grid" && r.community_id);
    const scopes = regions.filter((r) => ["district", "subdistrict", "community", "grid"].includes(r.level));
    expect(grids.length).toBeGreaterThan(10);
    for (const s of scopes) {
      const scope = (await scopeOf(db, s.id))!;
      // Rows standing for a record in each grid: the SQL rule picks some; the code rule must pick the same.
      const picked = await db
        .selectFrom("regions as x")
        .select("x.id")
        .where("x.level", "=", "grid")
        .where(inScope(scope, { community: "x.community_id", grid: "x.id" }))
        .execute();
      const bySql = new Set(picked.map((p) => p.id));
      for (const g of grids) {
        const byCode = rowInScope(scope, {
          communityId: g.community_id as string,
          communityPath: pathOf.get(g.community_id as string) as string,
          gridPath: g.path,
        });
        expect(byCode, `${s.level} ${s.id} / grid ${g.id}`).toBe(bySql.has(g.id));
      }
    }
  });
});
