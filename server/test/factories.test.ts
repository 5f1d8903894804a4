import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumberValid } from "../../contracts/platform.js";
import { SYSTEM } from "../demo/world.js";
import { verifyAudit } from "../platform/audit.js";
import { gridAt } from "../platform/regions/regions.service.js";
import { factories, WORLD, WORLD_ESTATES, WORLD_ORGS } from "./factories.js";
import { type TestEnv, testEnv } from "./helpers.js";

// The world every non-demo test stands on, and the factories it is made with: what they promise
// (names, codes, the map, the residents' mix) and that they go through the services like a page.
let env: TestEnv;
const PEOPLE = 50; // not a multiple of 12: the first grids take one more

beforeAll(async () => {
  env = await testEnv({ people: PEOPLE });
});
afterAll(() => env.close());

const count = async (table: "people" | "organisations" | "users", where?: [string, string]) => {
  let q = env.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n"));
  if (where) q = q.where(where[0] as any, "=", where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe("makeWorld", () => {
  it("builds 龙华区 > 福城街道 > 福民社区 with its grids and estates, and 桔塘社区 beside it", async () => {
    const regions = await env.database.db.selectFrom("regions").select(["id", "parent_id", "level", "name", "code", "community_id"]).execute();
    const byId = new Map(regions.map((r) => [r.id, r]));
    expect(byId.get(env.world.districtId)).toMatchObject({ name: "龙华区", code: "440309", level: "district" });
    expect(byId.get(env.world.subdistrictId)).toMatchObject({ name: "福城街道", code: "440309008", parent_id: env.world.districtId });
    expect(byId.get(env.world.communityId)).toMatchObject({ name: "福民社区", code: "440309008003", parent_id: env.world.subdistrictId });
    expect(byId.get(env.world.neighbourCommunityId)).toMatchObject({ name: "桔塘社区", code: "440309008004", parent_id: env.world.subdistrictId });
    expect(env.world.grids.map((g) => [g.name, g.code])).toEqual(
      Array.from({ length: WORLD.grids }, (_, i) => [`第${i + 1}网格`, `440309008003${String(i + 1).padStart(2, "0")}`]),
    );
    for (const g of env.world.grids) expect(byId.get(g.id)).toMatchObject({ level: "grid", parent_id: env.world.communityId });
    expect(Object.keys(env.world.estates)).toEqual(WORLD_ESTATES);
    for (const [i, name] of WORLD_ESTATES.entries())
      expect(byId.get(env.world.estates[name]), name).toMatchObject({ level: "estate", parent_id: env.world.grids[i].id });
    expect(regions.filter((r) => r.level === "grid" && r.community_id === env.world.neighbourCommunityId).length).toBe(WORLD.neighbourGrids);
  });

  it("draws the grids on the map, so that a location finds its grid", async () => {
    const db = env.database.db;
    const placed = await db.selectFrom("regions").select(["id", "lng", "lat"]).where("level", "=", "grid").execute();
    expect(placed.length).toBe(WORLD.grids + WORLD.neighbourGrids);
    for (const g of placed) expect((await gridAt(db, SYSTEM.scope, g.lng as number, g.lat as number))?.id).toBe(g.id);
    // 114.046 E, 22.672 N is 福民社区's corner; grid 1 lies just inside it, 第4网格 at the end of the first row.
    expect((await gridAt(db, SYSTEM.scope, 114.0475, 22.6735))?.id).toBe(env.world.grids[0].id);
    expect((await gridAt(db, SYSTEM.scope, 114.0695, 22.6735))?.id).toBe(env.world.grids[3].id);
    expect(await gridAt(db, SYSTEM.scope, 114.04, 22.67)).toBeNull();
  });

  it("spreads the residents evenly over 福民社区's grids, the neighbour's over its own", async () => {
    const rows = await env.database.db.selectFrom("people").select(["community_id", "grid_id"]).execute();
    const fumin = rows.filter((p) => p.community_id === env.world.communityId);
    expect(fumin.length).toBe(PEOPLE);
    const perGrid = env.world.grids.map((g) => fumin.filter((p) => p.grid_id === g.id).length);
    expect(perGrid).toEqual(env.world.grids.map((_, i) => Math.floor(PEOPLE / WORLD.grids) + (i < PEOPLE % WORLD.grids ? 1 : 0)));
    expect(rows.filter((p) => p.community_id === env.world.neighbourCommunityId).length).toBe(WORLD.neighbourPeople);
  });

  it("gives residents well-formed, unique ID numbers matching birth date and gender, and the promised mix", async () => {
    const rows = await env.database.db.selectFrom("people").select(["id_number", "birth_date", "gender", "kind", "tags", "phone"]).execute();
    for (const p of rows.filter((x) => x.kind !== "foreign")) {
      expect(idNumberValid(p.id_number as string), p.id_number as string).toBe(true);
      expect(p.id_number?.slice(6, 14)).toBe(p.birth_date?.replace(/-/g, ""));
      expect(Number(p.id_number?.[16]) % 2).toBe(p.gender === "M" ? 1 : 0);
      if (p.kind === "registered") expect(p.id_number?.startsWith("440309")).toBe(true);
    }
    expect(new Set(rows.map((p) => p.id_number)).size).toBe(rows.length);
    const kinds = new Set(rows.map((p) => p.kind));
    expect(kinds).toEqual(new Set(["registered", "migrant", "foreign"]));
    expect(rows.some((p) => JSON.parse(p.tags).includes("老年人"))).toBe(true);
    expect(rows.some((p) => p.phone === null)).toBe(true);
  });

  it("registers WORLD_ORGS in 福民社区 and the demo's accounts, each in its scope", async () => {
    const orgs = await env.database.db.selectFrom("organisations").select(["id", "name", "kind", "community_id"]).execute();
    expect(orgs.map((o) => o.name).sort()).toEqual(WORLD_ORGS.map((o) => o.name).sort());
    for (const o of orgs) expect(o).toMatchObject({ id: env.world.orgs[o.name], community_id: env.world.communityId });
    const users = await env.database.db
      .selectFrom("users as u")
      .innerJoin("regions as r", "r.id", "u.scope_region_id")
      .select(["u.username", "u.role", "r.name as scope"])
      .execute();
    expect(
      users.map((u) => ({ username: u.username, role: u.role, scope: u.scope.split("/").at(-1) })).sort((a, b) => a.username.localeCompare(b.username)),
    ).toEqual(env.world.accounts.map((a) => ({ ...a, scope: a.scope.split("/").at(-1) })).sort((a, b) => a.username.localeCompare(b.username)));
    expect((await env.login("grid12")).username).toBe("grid12");
  });

  it("made every record through the services: one audit entry each, and an intact chain", async () => {
    const db = env.database.db;
    const actions = await db
      .selectFrom("audit_log")
      .select(["action", (eb) => eb.fn.countAll().as("n")])
      .groupBy("action")
      .execute();
    const n = Object.fromEntries(actions.map((a) => [a.action, Number(a.n)]));
    expect(n["person.create"]).toBe(await count("people"));
    expect(n["organisation.create"]).toBe(await count("organisations"));
    expect(n["user.create"]).toBe(await count("users"));
    expect(n["region.create"]).toBe(
      Number(
        (
          await db
            .selectFrom("regions")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});

describe("the factories", () => {
  it("makeCommunity codes its grids from the community's code and lays them side by side", async () => {
    const { makeCommunity } = env.factories;
    const c = await makeCommunity({
      parentId: env.world.subdistrictId,
      name: "新建社区",
      code: "440309008009",
      grids: 3,
      estates: ["甲苑", "乙苑"],
      layout: { col: 0, row: 3, cols: 3 },
    });
    expect(c.grids.map((g) => g.code)).toEqual(["44030900800901", "44030900800902", "44030900800903"]);
    expect(c.grids.map((g) => g.name)).toEqual(["第1网格", "第2网格", "第3网格"]);
    expect(Object.keys(c.estates)).toEqual(["甲苑", "乙苑"]);
    for (const g of c.grids) expect((await gridAt(env.database.db, SYSTEM.scope, g.lng, g.lat))?.id).toBe(g.id);
    // Row 3 lies just north of 福民社区's three rows.
    expect(c.grids[0].lat).toBeGreaterThan(22.672 + 3 * 0.0055);
  });

  it("refuse what a page would refuse, and write nothing then", async () => {
    const { makePerson, makeOrg, makeUser } = env.factories;
    const before = await count("people");
    await expect(makePerson(env.world.communityId, env.world.grids[0], { kind: "registered", idNumber: "440309199001011230" })).rejects.toThrow(/身份证/);
    const neighbourGrid = (
      await env.database.db
        .selectFrom("regions")
        .select("id")
        .where("community_id", "=", env.world.neighbourCommunityId)
        .where("level", "=", "grid")
        .executeTakeFirstOrThrow()
    ).id;
    await expect(makePerson(env.world.communityId, neighbourGrid)).rejects.toMatchObject({ status: 400 });
    expect(await count("people")).toBe(before);
    await expect(makeOrg(env.world.communityId, { kind: "党组织", name: "中共福民社区委员会" })).rejects.toMatchObject({ status: 409 });
    await expect(makeUser("leader", env.world.grids[0].id)).rejects.toMatchObject({ status: 400 });
  });

  it("makeUser makes an account that logs in with its password and sees its scope", async () => {
    const u = await env.factories.makeUser("grid", env.world.grids[2].id, { password: "Grid#Pass2025" });
    expect(u).toMatchObject({ role: "grid", scopeName: "第3网格" });
    const a = await env.login(u.username, u.password);
    expect((await a.get("/api/auth/me")).json().scope.regionId).toBe(env.world.grids[2].id);
  });

  it("makePeople registers residents of one grid, as asked", async () => {
    const made = await env.factories.makePeople(3, env.world.communityId, env.world.grids[5], (k) => ({
      kind: "registered",
      age: [60 + k, 60 + k],
      tags: ["独居老人"],
    }));
    expect(made.map((p) => p.gridId)).toEqual(Array(3).fill(env.world.grids[5].id));
    const rows = await env.database.db
      .selectFrom("people")
      .select(["kind", "tags"])
      .where(
        "id",
        "in",
        made.map((p) => p.id),
      )
      .execute();
    expect(rows.map((r) => [r.kind, JSON.parse(r.tags)])).toEqual(Array(3).fill(["registered", ["独居老人"]]));
  });

  it("draw the same residents from the same seed", () => {
    const [a, b] = [factories(env.app.deps, { seed: 42 }), factories(env.app.deps, { seed: 42 })];
    const draw = (f: ReturnType<typeof factories>) => Array.from({ length: 5 }, () => f.personInput(env.world.communityId, null));
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(factories(env.app.deps, { seed: 43 })).map((p) => p.idNumber)).not.toEqual(first.map((p) => p.idNumber));
  });
});
