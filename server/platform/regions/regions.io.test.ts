import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile } from "../../test/http.js";

// Grid boundaries from another GIS's GeoJSON: created or updated under the community, all or
// nothing, self-intersections named, re-import unchanged.
let env: TestEnv;
let admin: Agent;

const sq = (x: number, y: number, d = 0.004) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const feature = (props: Record<string, unknown>, coordinates: unknown, type = "Polygon") => ({
  type: "Feature",
  properties: props,
  geometry: { type, coordinates },
});
const upload = (fc: unknown, q = "") => {
  const m = multipartFile("grids.geojson", Buffer.from(JSON.stringify(fc)), "application/geo+json");
  return admin.req("POST", `/api/regions/${env.world.communityId}/boundaries/import?nameProp=NAME${q}`, m.payload, { headers: m.headers });
};

beforeAll(async () => {
  env = await testEnv();
  admin = await env.login("admin");
});
afterAll(() => env?.close());

describe("GeoJSON boundary import", () => {
  it("refuses the whole collection with a line per bad feature", async () => {
    const before = (await admin.get("/api/regions/geojson")).json().features.length;
    const bowtie = [
      [
        [114.0, 22.6],
        [114.01, 22.61],
        [114.01, 22.6],
        [114.0, 22.61],
        [114.0, 22.6],
      ],
    ];
    const res = await upload({
      type: "FeatureCollection",
      features: [
        feature({ NAME: "导入网格甲" }, sq(114.1, 22.7)),
        feature({ NAME: "导入网格乙" }, bowtie),
        feature({ NAME: "导入网格丙" }, [sq(114.1, 22.7)[0].slice(0, 4)]),
        feature({ OTHER: "x" }, sq(114.2, 22.7)),
        feature({ NAME: "导入网格甲" }, sq(114.3, 22.7)),
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4, 5]);
    expect(r.errors[0].message).toContain("自相交（第1段与第3段）");
    expect(r.errors[1].message).toContain("未闭合");
    expect(r.errors[2].message).toContain("NAME");
    expect(r.errors[3].message).toContain("与第1个要素重复");
    expect((await admin.get("/api/regions/geojson")).json().features.length).toBe(before);
    expect((await upload({ type: "Feature" })).statusCode).toBe(400);
  });

  it("creates new grids and redraws an existing one; read again, nothing changes; points find their grid", async () => {
    const existing = env.world.grids[0];
    const fc = {
      type: "FeatureCollection",
      features: [
        feature({ NAME: "导入网格甲" }, sq(114.1, 22.7)),
        feature({ NAME: "导入网格乙" }, [sq(114.2, 22.7), sq(114.3, 22.7)], "MultiPolygon"),
        feature({ NAME: existing.name }, sq(114.4, 22.7)),
      ],
    };
    expect((await upload(fc, "&dryRun=1")).json()).toEqual({ created: 3, unchanged: 0, errors: [], dryRun: true });
    expect((await upload(fc)).json()).toEqual({ created: 3, unchanged: 0, errors: [], dryRun: false });
    expect((await upload(fc)).json()).toEqual({ created: 0, unchanged: 3, errors: [], dryRun: false });
    const features = (await admin.get("/api/regions/geojson")).json().features as Array<{ properties: { name: string; id: string }; geometry: unknown }>;
    expect(features.filter((f) => f.properties.name.startsWith("导入网格")).length).toBe(2);
    expect(features.find((f) => f.properties.id === existing.id)?.geometry).toEqual(fc.features[2].geometry);
    // A hazard reported at a point inside the second polygon of 乙 lands in 乙.
    const leader = await env.login("leader");
    const h = await leader.post("/api/safety/hazards", { lng: 114.302, lat: 22.702, source: "report", kind: "其他", place: "测试", description: "测试点位" });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json().gridName).toBe("导入网格乙");
  });
});

describe("grids' set-up and archive dates (platform.grids at a period's end)", () => {
  const grids = async (agent: Agent, from: string, to: string) => (await agent.get(`/api/figures/platform.grids?from=${from}&to=${to}`)).json().value as number;
  it("takes a feature's set-up date, refuses a date that does not exist, and counts a grid only while it stood", async () => {
    const bad = await upload({ type: "FeatureCollection", features: [feature({ NAME: "设立网格丙", established: "2019-13-01" }, sq(114.5, 22.7))] });
    expect(bad.json().errors).toEqual([{ row: 1, message: expect.stringContaining("设立日期") }]);
    const leader = await env.login("leader");
    const before2018 = await grids(leader, "2018-01-01", "2018-12-31");
    const before2019 = await grids(leader, "2019-01-01", "2019-12-31");
    const fc = { type: "FeatureCollection", features: [feature({ NAME: "设立网格丙", established: "2019-05-01" }, sq(114.5, 22.7))] };
    expect((await upload(fc)).json()).toMatchObject({ created: 1, errors: [] });
    expect((await upload(fc)).json()).toMatchObject({ created: 0, unchanged: 1 });
    // Set up on 2019-05-01: not a grid of 2018, one of 2019 (and of a period ending on that day).
    expect(await grids(leader, "2018-01-01", "2018-12-31")).toBe(before2018);
    expect(await grids(leader, "2019-01-01", "2019-12-31")).toBe(before2019 + 1);
    expect(await grids(leader, "2019-05-01", "2019-05-01")).toBe((await grids(leader, "2019-04-01", "2019-04-30")) + 1);
    // Archived now: still counted for 2019, not for a period ending after today.
    const id = ((await admin.get("/api/regions/geojson")).json().features as Array<{ properties: { name: string; id: string } }>).find(
      (f) => f.properties.name === "设立网格丙",
    )!.properties.id;
    const todayGrids = await grids(leader, "2099-01-01", "2099-12-31");
    expect((await admin.patch(`/api/regions/${id}`, { archived: true })).statusCode).toBe(200);
    expect(await grids(leader, "2019-01-01", "2019-12-31")).toBe(before2019 + 1);
    expect(await grids(leader, "2099-01-01", "2099-12-31")).toBe(todayGrids - 1);
  });
});
