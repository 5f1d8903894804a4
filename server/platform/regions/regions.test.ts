import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORLD } from "../../test/factories.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

let env: TestEnv;
let admin: Agent;
let leader: Agent;
let auditor: Agent;

const square = (lng: number, lat: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [lng, lat],
      [lng + 0.005, lat],
      [lng + 0.005, lat + 0.005],
      [lng, lat + 0.005],
      [lng, lat],
    ],
  ],
});
const grid = (over: Record<string, unknown> = {}) => ({ parentId: env.world.communityId, level: "grid", name: "新网格", ...over });

beforeAll(async () => {
  env = await testEnv();
  [admin, leader, auditor] = await Promise.all(["admin", "leader", "auditor"].map((u) => env.login(u)));
});
afterAll(() => env.close());

describe("reading regions", () => {
  it("the leader sees their community with its grids (14-digit codes) and estates, nothing of the neighbour", async () => {
    const items = (await leader.get("/api/regions")).json().items;
    const grids = items.filter((r: { level: string }) => r.level === "grid");
    expect(grids.map((g: { id: string }) => g.id).sort()).toEqual(env.world.grids.map((g) => g.id).sort());
    for (const g of grids) expect(g.code).toMatch(/^440309008003\d{2}$/);
    expect(items.filter((r: { level: string }) => r.level === "community").map((r: { name: string }) => r.name)).toEqual(["福民社区"]);
    const estates = items.filter((r: { level: string }) => r.level === "estate");
    expect(estates.map((e: { id: string }) => e.id).sort()).toEqual(Object.values(env.world.estates).sort());
    expect(estates.length).toBeGreaterThan(0);
  });

  it("GeoJSON has one feature per grid with its boundary, within the scope", async () => {
    const res = await leader.get("/api/regions/geojson");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/geo+json");
    const fc = res.json();
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features.length).toBe(env.world.grids.length);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe("Polygon");
      expect(f.geometry.coordinates[0].length).toBeGreaterThanOrEqual(4);
      expect(f.properties.code).toMatch(/^440309008003\d{2}$/);
    }
    expect((await (await env.login("supervisor")).get("/api/regions/geojson")).json().features.length).toBe(env.world.grids.length + WORLD.neighbourGrids);
    expect(
      (await (await env.login("grid03")).get("/api/regions/geojson")).json().features.map((f: { properties: { name: string } }) => f.properties.name),
    ).toEqual(["第3网格"]);
  });
});

describe("creating regions", () => {
  it("a grid code must be 14 digits starting with the community's 12-digit code", async () => {
    for (const code of ["4403090080031", "44030900800413", "44030800800301", "12345678901234"]) {
      const res = await admin.post("/api/regions", grid({ code }));
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.message).toMatch(/编码/);
    }
    expect((await admin.post("/api/regions", grid({ code: "440309008003131" }))).statusCode).toBe(400);
    expect((await admin.post("/api/regions", grid({ code: "44030900800a13" }))).statusCode).toBe(400);
    const ok = await admin.post("/api/regions", grid({ name: "第13网格", code: "44030900800313", boundary: square(114.07, 22.69) }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ level: "grid", code: "44030900800313", communityId: env.world.communityId, parentId: env.world.communityId });
    expect(ok.json().path.endsWith(`/${env.world.communityId}/${ok.json().id}/`)).toBe(true);
    expect((await leader.get("/api/regions/geojson")).json().features.length).toBe(env.world.grids.length + 1);
  });

  it("a duplicate code is a conflict", async () => {
    const res = await admin.post("/api/regions", grid({ name: "重复", code: "44030900800301" }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("第1网格");
  });

  it("levels follow 区 > 街道 > 社区 > 网格 > 小区 > 楼栋", async () => {
    const bad: Array<[string, string]> = [
      [env.world.subdistrictId, "grid"],
      [env.world.districtId, "community"],
      [env.world.communityId, "building"],
      [env.world.grids[0].id, "grid"],
      [env.world.communityId, "subdistrict"],
    ];
    for (const [parentId, level] of bad) {
      const res = await admin.post("/api/regions", { parentId, level, name: "错层" });
      expect(res.statusCode, `${level} under ${parentId}`).toBe(400);
    }
    expect((await admin.post("/api/regions", { parentId: null, level: "district", name: "第二个区" })).statusCode).toBe(400);
    const estate = await admin.post("/api/regions", { parentId: env.world.grids[1].id, level: "estate", name: "新小区" });
    expect(estate.statusCode).toBe(201);
    const building = await admin.post("/api/regions", { parentId: estate.json().id, level: "building", name: "1栋" });
    expect(building.statusCode).toBe(201);
    expect(building.json().communityId).toBe(env.world.communityId);
    const names = (await auditor.get("/api/audit?action=region.create&actor=admin")).json().items.map((e: { after: { name: string } }) => e.after.name);
    expect(names).toEqual(expect.arrayContaining(["第13网格", "新小区", "1栋"]));
    expect(names).not.toContain("错层");
  });

  it("a community code must extend its subdistrict's code", async () => {
    const bad = await admin.post("/api/regions", { parentId: env.world.subdistrictId, level: "community", name: "新社区", code: "440309009005" });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.post("/api/regions", { parentId: env.world.subdistrictId, level: "community", name: "新社区", code: "440309008005" });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().communityId).toBe(ok.json().id);
  });
});

describe("updating regions", () => {
  it("the same code rules apply to a change of code", async () => {
    const g = env.world.grids[11];
    expect((await admin.patch(`/api/regions/${g.id}`, { code: "44030900800401" })).statusCode).toBe(400);
    expect((await admin.patch(`/api/regions/${g.id}`, { code: "44030900800301" })).statusCode).toBe(409);
    expect((await admin.patch(`/api/regions/${g.id}`, { code: g.code, name: "第十二网格" })).statusCode).toBe(200);
    expect((await leader.get(`/api/regions/${g.id}`)).json()).toMatchObject({ name: "第十二网格", code: g.code });
  });

  it("archiving a grid hides it from lists and maps but keeps it", async () => {
    const made = (await admin.post("/api/regions", grid({ name: "临时网格", code: "44030900800320", boundary: square(114.08, 22.7) }))).json();
    const before = (await leader.get("/api/regions/geojson")).json().features.length;
    const res = await admin.patch(`/api/regions/${made.id}`, { archived: true });
    expect(res.statusCode).toBe(200);
    expect((await leader.get("/api/regions/geojson")).json().features.length).toBe(before - 1);
    expect((await leader.get("/api/regions?level=grid")).json().items.map((r: { id: string }) => r.id)).not.toContain(made.id);
    expect((await leader.get("/api/regions?level=grid&archived=1")).json().items.map((r: { id: string }) => r.id)).toContain(made.id);
    expect((await leader.get(`/api/regions/${made.id}`)).json().archived).toBe(true);
  });

  it("nobody archives the root of their own scope", async () => {
    const res = await admin.patch(`/api/regions/${env.world.districtId}`, { archived: true });
    expect(res.statusCode).toBe(400);
    expect((await admin.get(`/api/regions/${env.world.districtId}`)).json().archived).toBe(false);
  });

  it("a malformed boundary is refused", async () => {
    const res = await admin.patch(`/api/regions/${env.world.grids[0].id}`, { boundary: { type: "Point", coordinates: [114, 22] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION");
  });
});
