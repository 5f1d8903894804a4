import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TOrgCreate } from "../../contracts/platform.js";
import { WORLD, WORLD_ORGS } from "../test/factories.js";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";

let env: TestEnv;
let leader: Agent;
let grid01: Agent;
let supervisor: Agent;

type Figure = { key: string; value: number; label: string; definition: string; dimensions: Array<{ key: string }> };
const figuresOf = async (a: Agent, qs = ""): Promise<Record<string, Figure>> => {
  const res = await a.get(`/api/figures${qs}`);
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(res.json().items.map((f: Figure) => [f.key, f]));
};
const total = async (a: Agent, url: string) => (await a.get(url)).json().total as number;

// Women's organisations registered for the figures below: in 福民社区's grids, without a grid, and
// one in the neighbour community, which only the subdistrict's figure counts.
const WOMENS: Array<{ name: string; kind: TOrgCreate["kind"]; grid?: number }> = [
  { name: "第1网格妇联", kind: "网格妇联", grid: 0 },
  { name: "第2网格妇联", kind: "网格妇联", grid: 1 },
  { name: "第5网格妇联", kind: "网格妇联", grid: 4 },
  { name: "第9网格妇联", kind: "网格妇联", grid: 8 },
  { name: "福城快递小哥妇女联合会", kind: "三新妇女组织" },
  { name: "观澜湖园区企业妇联", kind: "三新妇女组织" },
];
const NEIGHBOUR_WOMENS: typeof WOMENS = [{ name: "桔塘网格妇联", kind: "网格妇联" }];
/** What a scope holds of a kind: the organisations made here and those of the world in 福民社区. */
const namesOf = (list: ReadonlyArray<{ name: string; kind: string }>, kind: string) =>
  [...list, ...WORLD_ORGS].filter((o) => o.kind === kind).map((o) => o.name);

beforeAll(async () => {
  env = await testEnv();
  [leader, grid01, supervisor] = await Promise.all(["leader", "grid01", "supervisor"].map((u) => env.login(u)));
  const { makeOrg } = env.factories;
  for (const { grid, ...o } of WOMENS) await makeOrg(env.world.communityId, { ...o, gridId: grid === undefined ? null : env.world.grids[grid].id });
  for (const o of NEIGHBOUR_WOMENS) await makeOrg(env.world.neighbourCommunityId, o);
});
afterAll(() => env.close());

describe("figures agree with the records behind them", () => {
  it("platform.people equals the people list total, for every scope", async () => {
    for (const a of [leader, grid01, supervisor]) {
      const f = await figuresOf(a);
      expect(f["platform.people"].value, a.username).toBe(await total(a, "/api/people?pageSize=1"));
      expect(f["platform.people"].value).toBeGreaterThan(0);
    }
    const [l, g, s] = await Promise.all([leader, grid01, supervisor].map((a) => figuresOf(a)));
    expect(g["platform.people"].value).toBeLessThan(l["platform.people"].value);
    expect(s["platform.people"].value).toBeGreaterThan(l["platform.people"].value);
  });

  it("kinds add up, and each kind equals the filtered list", async () => {
    const f = await figuresOf(leader);
    const byKind = ["registered", "migrant", "foreign"].map((k) => f[`platform.people_${k}`].value);
    expect(byKind.reduce((a, b) => a + b, 0)).toBe(f["platform.people"].value);
    expect(f["platform.people_migrant"].value).toBe(await total(leader, "/api/people?pageSize=1&kind=migrant"));
  });

  it("the grid breakdown sums to the value and each group drills down to its records", async () => {
    const value = (await figuresOf(leader))["platform.people"].value;
    const groups = (await leader.get("/api/figures/platform.people/groups?by=grid")).json().items;
    expect(groups.length).toBe(env.world.grids.length);
    expect(groups.reduce((s: number, g: { value: number }) => s + g.value, 0)).toBe(value);
    const g1 = groups.find((g: { label: string }) => g.label === "第1网格");
    expect(g1.key).toBe(env.world.grids[0].id);
    const rec = (await leader.get(`/api/figures/platform.people/records?f.grid=${g1.key}&pageSize=200`)).json();
    expect(rec.total).toBe(g1.value);
    expect(rec.rows.length).toBe(g1.value);
    expect(rec.rows.every((r: { grid: string }) => r.grid === "第1网格")).toBe(true);
    expect(g1.value).toBe((await figuresOf(grid01))["platform.people"].value);
  });

  it("the migrant drill-down total equals the migrant figure", async () => {
    const f = await figuresOf(leader);
    const rec = (await leader.get("/api/figures/platform.people/records?f.kind=migrant&pageSize=5")).json();
    expect(rec.total).toBe(f["platform.people_migrant"].value);
    expect(rec.rows.length).toBe(5);
    expect(rec.rows.every((r: { kind: string }) => r.kind === "流动")).toBe(true);
    const kinds = (await leader.get("/api/figures/platform.people/groups?by=kind")).json().items;
    expect(kinds.find((k: { key: string }) => k.key === "migrant").value).toBe(f["platform.people_migrant"].value);
  });

  it("drill-down records are masked", async () => {
    const rec = (await leader.get("/api/figures/platform.people/records?f.kind=registered&pageSize=50")).json();
    expect(rec.columns.map((c: { key: string }) => c.key)).toContain("idNumber");
    for (const r of rec.rows) expect(r.idNumber).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
  });

  it("women's organisations: the grid women's federations and new-sector organisations registered, in each scope", async () => {
    for (const [a, list] of [
      [leader, WOMENS],
      [supervisor, [...WOMENS, ...NEIGHBOUR_WOMENS]],
    ] as const) {
      const f = await figuresOf(a, "?keys=orgs.grid_women_federations,orgs.new_sector_women_orgs");
      expect(Object.keys(f).sort()).toEqual(["orgs.grid_women_federations", "orgs.new_sector_women_orgs"]);
      expect(f["orgs.grid_women_federations"].value, a.username).toBe(namesOf(list, "网格妇联").length);
      expect(f["orgs.new_sector_women_orgs"].value, a.username).toBe(namesOf(list, "三新妇女组织").length);
    }
    const rec = (await leader.get("/api/figures/orgs.grid_women_federations/records")).json();
    expect(rec.rows.map((r: { name: string }) => r.name).sort()).toEqual(namesOf(WOMENS, "网格妇联").sort());
  });

  it("a figure follows a change in its records", async () => {
    const before = (await leader.get("/api/figures/orgs.new_sector_women_orgs")).json().value;
    const made = await leader.post("/api/organisations", { communityId: env.world.communityId, kind: "三新妇女组织", name: "外卖骑手妇女小组" });
    expect(made.statusCode).toBe(201);
    expect((await leader.get("/api/figures/orgs.new_sector_women_orgs")).json().value).toBe(before + 1);
    await leader.patch(`/api/organisations/${made.json().id}`, { archived: true });
    expect((await leader.get("/api/figures/orgs.new_sector_women_orgs")).json().value).toBe(before);
  });

  it("an organisation counts from its founding date: a stock at the period's end", async () => {
    const at = async (to: string) => (await leader.get(`/api/figures/orgs.grid_women_federations?from=2020-01-01&to=${to}`)).json().value as number;
    const before2024 = await at("2024-12-31");
    const before2025 = await at("2025-12-31");
    const made = await leader.post("/api/organisations", {
      communityId: env.world.communityId,
      kind: "网格妇联",
      name: "第3网格妇联",
      gridId: env.world.grids[2].id,
      foundedOn: "2025-03-01",
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(await at("2024-12-31")).toBe(before2024);
    expect(await at("2025-02-28")).toBe(before2024);
    expect(await at("2025-03-01")).toBe(before2024 + 1);
    expect(await at("2025-12-31")).toBe(before2025 + 1);
  });

  it("says whose records a figure counts: a grid's own, or the community's as a whole", async () => {
    const all = (await grid01.get("/api/figures")).json().items as Array<{ key: string; scopeLevel?: string; dimensions: Array<{ key: string }> }>;
    expect(all.length).toBeGreaterThan(10);
    // A figure that breaks down by grid counts the grid's records; party organisations are the community's.
    for (const f of all) expect(f.scopeLevel, f.key).toBe(f.dimensions.some((d) => d.key === "grid") ? "grid" : "community");
    expect(all.find((f) => f.key === "platform.people")?.scopeLevel).toBe("grid");
    expect(all.find((f) => f.key === "party.members")?.scopeLevel).toBe("community");
  });

  it("grids and the region parameter", async () => {
    expect((await figuresOf(leader))["platform.grids"].value).toBe(env.world.grids.length);
    expect((await figuresOf(supervisor))["platform.grids"].value).toBe(env.world.grids.length + WORLD.neighbourGrids);
    const narrowed = await figuresOf(supervisor, `?region=${env.world.communityId}`);
    expect(narrowed["platform.people"].value).toBe((await figuresOf(leader))["platform.people"].value);
    const res = await supervisor.get(`/api/figures?region=${env.world.communityId}`);
    expect(res.json().region).toEqual({ id: env.world.communityId, name: "福民社区" });
  });
});

describe("figure requests that cannot be answered", () => {
  it("a region outside the scope is not found", async () => {
    for (const url of [
      `/api/figures?region=${env.world.neighbourCommunityId}`,
      `/api/figures/platform.people?region=${env.world.subdistrictId}`,
      `/api/figures/platform.people/records?region=${env.world.neighbourCommunityId}`,
      `/api/figures/platform.people/groups?by=grid&region=${env.world.neighbourCommunityId}`,
    ]) {
      expect((await leader.get(url)).statusCode, url).toBe(404);
    }
    expect((await grid01.get(`/api/figures?region=${env.world.grids[1].id}`)).statusCode).toBe(404);
  });

  it("an unknown figure is not found", async () => {
    for (const url of ["/api/figures/no.such", "/api/figures/no.such/records", "/api/figures/no.such/groups?by=grid"]) {
      const res = await leader.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.message).toContain("no.such");
    }
  });

  it("an unknown dimension is a bad request", async () => {
    expect((await leader.get("/api/figures/platform.people/groups?by=colour")).statusCode).toBe(400);
    expect((await leader.get("/api/figures/platform.people/records?f.colour=red")).statusCode).toBe(400);
  });

  it("malformed or impossible dates are a bad request, and so is from after to", async () => {
    for (const qs of ["from=2025-1-1", "to=yesterday", "from=2025-13-01", "from=2025-02-30", "to=2024-00-10"]) {
      const res = await leader.get(`/api/figures?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION");
    }
    const res = await leader.get("/api/figures/platform.people?from=2025-06-01&to=2025-01-01");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("开始日期");
    const ok = await leader.get("/api/figures?from=2024-02-29&to=2024-12-31");
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ from: "2024-02-29", to: "2024-12-31" });
  });

  it("the records behind a figure need their own permission", async () => {
    expect((await leader.get("/api/figures/platform.accounts")).statusCode).toBe(200);
    expect((await leader.get("/api/figures/platform.accounts/records")).statusCode).toBe(403);
  });

  it("labels follow the language", async () => {
    const en = await leader.req("GET", "/api/figures/platform.people", undefined, { headers: { "accept-language": "en" } });
    expect(en.json().label).toBe("Residents registered");
    expect((await leader.get("/api/figures/platform.people")).json().label).toBe("实有人口");
  });
});

describe("figures kept per data version (server/platform/figure-values.ts)", () => {
  const people = async (a: Agent, qs = "") => (await figuresOf(a, qs))["platform.people"].value;

  it("a second reading computes nothing; a write through the API shows in the very next answer", async () => {
    const values = env.app.deps.figureValues;
    const grid = env.world.grids[6];
    const gridGroup = async (a: Agent) =>
      ((await a.get("/api/figures/orgs.grid_women_federations/groups?by=grid")).json().items as Array<{ key: string; value: number }>).find(
        (g) => g.key === grid.id,
      )?.value ?? 0;
    const read = async () => ({
      list: await figuresOf(leader),
      one: (await leader.get("/api/figures/platform.organisations")).json().value as number,
      group: await gridGroup(leader),
      subdistrict: (await figuresOf(supervisor))["platform.organisations"].value,
      compare: (await supervisor.get("/api/workbench/compare?keys=platform.organisations")).json().figures[0].total as number,
    });
    const before = await read();
    const computed = values.computed();
    expect(await read()).toEqual(before);
    expect(values.computed()).toBe(computed);

    const made = await leader.post("/api/organisations", { communityId: env.world.communityId, kind: "网格妇联", name: "第7网格妇联", gridId: grid.id });
    expect(made.statusCode, made.body).toBe(201);
    const after = await read();
    expect(after.list["platform.organisations"].value).toBe(before.list["platform.organisations"].value + 1);
    expect(after.list["orgs.grid_women_federations"].value).toBe(before.list["orgs.grid_women_federations"].value + 1);
    expect(after.list["platform.people"].value).toBe(before.list["platform.people"].value);
    expect(after).toMatchObject({ one: before.one + 1, group: before.group + 1, subdistrict: before.subdistrict + 1, compare: before.compare + 1 });

    expect((await leader.patch(`/api/organisations/${made.json().id}`, { archived: true })).statusCode).toBe(200);
    expect(await read()).toEqual(before);
  });

  it("one scope never gets another scope's answer, however the readings interleave", async () => {
    const expected = {
      leader: await total(leader, "/api/people?pageSize=1"),
      grid: await total(grid01, "/api/people?pageSize=1"),
      subdistrict: await total(supervisor, "/api/people?pageSize=1"),
    };
    expect(new Set(Object.values(expected)).size).toBe(3);
    for (let round = 0; round < 2; round++) {
      expect(await people(supervisor)).toBe(expected.subdistrict);
      expect(await people(grid01)).toBe(expected.grid);
      expect(await people(leader)).toBe(expected.leader);
      // The same scope reached by another account (the leader narrowed to grid01's grid) is the same answer.
      expect(await people(leader, `?region=${env.world.grids[0].id}`)).toBe(expected.grid);
      expect(await people(supervisor, `?region=${env.world.neighbourCommunityId}`)).toBe(expected.subdistrict - expected.leader);
      expect(await people(supervisor, `?region=${env.world.communityId}`)).toBe(expected.leader);
      // Another period is another answer: nobody was registered before 2000.
      expect(await people(leader, "?from=1999-01-01&to=1999-12-31")).toBe(0);
    }
  });

  it("the labels of a kept value follow each caller's language", async () => {
    const list = async (lang: string) =>
      (await leader.req("GET", "/api/figures?module=platform", undefined, { headers: { "accept-language": lang } })).json().items as Figure[];
    const zh = await list("zh");
    const en = await list("en");
    expect(en.map((f) => f.value)).toEqual(zh.map((f) => f.value));
    expect(en.find((f) => f.key === "platform.people")?.label).toBe("Residents registered");
    expect(zh.find((f) => f.key === "platform.people")?.label).toBe("实有人口");
    const groups = async (lang: string) =>
      (await leader.req("GET", "/api/figures/platform.people/groups?by=kind", undefined, { headers: { "accept-language": lang } })).json().items as Array<{
        label: string;
      }>;
    expect((await groups("zh")).map((g) => g.label)).not.toEqual((await groups("en")).map((g) => g.label));
  });
});
