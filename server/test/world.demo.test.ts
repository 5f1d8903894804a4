import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORLD_ORGS } from "./factories.js";
import { demoEnv, type TestEnv, testEnv } from "./helpers.js";

// The test world (makeWorld) stands in for the demo in every other test, so it must keep the
// demo's names: the same regions, codes and estates, the same accounts with the same roles and
// scopes, and organisations the demo also registers. A change to the demo that the test world
// does not follow fails here, not as a puzzle in some module's test.
let demo: TestEnv;
let world: TestEnv;

beforeAll(async () => {
  [demo, world] = await Promise.all([demoEnv({ people: 24 }), testEnv({ people: 24 })]);
});
afterAll(async () => {
  await demo?.close();
  await world?.close();
});

const regionsOf = async (env: TestEnv) =>
  (await env.database.db.selectFrom("regions").select(["level", "name", "code", "lng", "lat"]).orderBy("level").orderBy("name").execute()).map(
    (r) => `${r.level} ${r.name} ${r.code ?? ""} ${r.lng ?? ""} ${r.lat ?? ""}`,
  );

describe("the test world keeps the demo's names", () => {
  it("the same regions, codes and places on the map", async () => {
    expect(await regionsOf(world)).toEqual(await regionsOf(demo));
    expect(world.world.grids.map((g) => [g.name, g.code])).toEqual(demo.world.grids.map((g) => [g.name, g.code]));
    expect(Object.keys(world.world.estates)).toEqual(Object.keys(demo.world.estates));
  });

  it("the same grid boundaries", async () => {
    const boundaries = async (env: TestEnv) =>
      (await env.database.db.selectFrom("regions").select(["name", "boundary"]).where("level", "=", "grid").orderBy("name").execute()).map(
        (g) => `${g.name} ${g.boundary}`,
      );
    expect(await boundaries(world)).toEqual(await boundaries(demo));
  });

  it("the same accounts, roles and scopes", () => {
    expect(world.world.accounts).toEqual(demo.world.accounts);
  });

  it("organisations the demo registers too, of the same kind, grid and short name", async () => {
    const orgs = async (env: TestEnv) =>
      new Map(
        (
          await env.database.db
            .selectFrom("organisations as o")
            .leftJoin("regions as g", "g.id", "o.grid_id")
            .select(["o.name", "o.kind", "o.short_name", "g.name as grid"])
            .execute()
        ).map((o) => [o.name, o]),
      );
    const [inDemo, inWorld] = [await orgs(demo), await orgs(world)];
    expect(inWorld.size).toBe(WORLD_ORGS.length);
    for (const [name, o] of inWorld) expect(inDemo.get(name), name).toEqual(o);
  });
});
