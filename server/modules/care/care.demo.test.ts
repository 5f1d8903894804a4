import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, demoEnv, type TestEnv } from "../../test/helpers.js";
import { SEED_2024 } from "./care.demo.js";

// The demo community's 2024 care visits and its mass organisations' honours give the report's
// figures from their records (one demo for both modules: care and massorgs).
let env: TestEnv;
let leader: Agent;
beforeAll(async () => {
  env = await demoEnv({ modules: ["care", "massorgs"] });
  leader = await env.login("leader");
}, 180_000);
afterAll(() => env?.close());

const q = () => `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;

describe("the demo community's 2024 care and mass organisations", () => {
  it("23 care visits covering 150 household-visits, with the partner units the report names", async () => {
    const v = Object.fromEntries(((await leader.get(`/api/figures?${q()}`)).json().items as any[]).map((f) => [f.key, f.value]));
    expect(v["care.visits"]).toBe(SEED_2024.visits);
    expect(v["care.visits"]).toBeGreaterThanOrEqual(20);
    expect(v["care.visits"]).toBeLessThan(30);
    expect(v["care.households"]).toBe(150);
    expect(v["care.households_active"]).toBe(SEED_2024.households - SEED_2024.archived);
    expect(v["care.coverage"]).toBeGreaterThan(0.9);
    const recs = await leader.get(`/api/figures/care.visits/records?${q()}&pageSize=50`);
    expect(recs.json().rows.reduce((s: number, r: any) => s + r.households, 0)).toBe(150);
    const visits = (await leader.get("/api/care/visits?from=2024-01-01&to=2024-12-31&pageSize=50")).json().items as any[];
    const partners = new Set(visits.flatMap((x) => x.partners.map((p: any) => p.name)));
    for (const p of ["深圳市台湾事务办公室", "龙华区建筑工务署", "福民科技园联合党支部"]) expect(partners).toContain(p);
    // Some households have not been visited for months (as of today), others have.
    const unvisited = (await leader.get("/api/care/households?unvisited=1")).json().total;
    expect(unvisited).toBeGreaterThan(0);
    expect(unvisited).toBeLessThan(SEED_2024.households - SEED_2024.archived);
  });

  it("the honours the report names, the women's organisations founded in 2024 and the district-level application", async () => {
    const v = Object.fromEntries(((await leader.get(`/api/figures?${q()}`)).json().items as any[]).map((f) => [f.key, f.value]));
    expect(v["orgs.grid_women_federations"]).toBe(6);
    expect(v["orgs.new_sector_women_orgs"]).toBe(3);
    expect(v["massorgs.nominations"]).toBeGreaterThanOrEqual(2);
    const list = (await leader.get("/api/massorgs/nominations?year=2024")).json().items as any[];
    const names = list.map((n) => n.nomineeName);
    expect(names).toContain("陈**");
    expect(names).toContain("鹏城驾校团支部");
    expect(list.filter((n) => n.award === "两红两优").length).toBeGreaterThanOrEqual(2);
    const apps = (await leader.get("/api/massorgs/applications?year=2024")).json().items as any[];
    expect(apps.some((a) => a.level === "district" && a.title.includes("妇女儿童"))).toBe(true);
  });
});
