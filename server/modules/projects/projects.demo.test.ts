import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, demoEnv, type TestEnv } from "../../test/helpers.js";
import { SEED_2024 } from "./projects.demo.js";

// The demo community's 民生微实事 of 2024 give the report's figures from their records.
let env: TestEnv;
let leader: Agent;
beforeAll(async () => {
  env = await demoEnv({ modules: ["projects"] });
  leader = await env.login("leader");
}, 180_000);
afterAll(() => env?.close());

const q = () => `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;

describe("the demo community's 2024 micro-projects", () => {
  it("are 11 projects carried out, 1,560,000 yuan paid — the report's figures", async () => {
    const res = await leader.get(`/api/figures?${q()}&module=projects`);
    expect(res.statusCode, res.body).toBe(200);
    const v = Object.fromEntries(res.json().items.map((f: any) => [f.key, f.value]));
    expect(v["projects.count"]).toBe(SEED_2024.count);
    expect(v["projects.count"]).toBe(11);
    expect(v["projects.spend"]).toBe(1_560_000);
    expect(v["projects.proposals"]).toBe(13);
    expect(v["projects.budget_used"]).toBeCloseTo(1_560_000 / 2_000_000, 4);
    expect(v["projects.satisfaction"]).toBeGreaterThan(0.8);
  });

  it("include the five the report names, each evaluated, and drill down to their payments", async () => {
    const recs = await leader.get(`/api/figures/projects.count/records?${q()}&pageSize=50`);
    const titles = recs.json().rows.map((r: any) => r.title);
    for (const t of ["狮径公园电动自行车便民停车棚", "菜地路面修复", "福城实验学校人行便道", "福悦街心公园建设", "丹坑水河道周边环境整治"])
      expect(titles).toContain(t);
    const stages = await leader.get(`/api/figures/projects.count/groups?${q()}&by=stage`);
    expect(stages.json().items).toEqual([expect.objectContaining({ key: "evaluated", value: 11 })]);
    const pay = await leader.get(`/api/figures/projects.spend/records?${q()}&pageSize=200`);
    expect(pay.json().rows.reduce((s: number, r: any) => s + r.amountYuan, 0)).toBeCloseTo(1_560_000, 2);
    const kinds = await leader.get(`/api/figures/projects.spend/groups?${q()}&by=kind`);
    expect(kinds.json().items.reduce((s: number, g: any) => s + g.value, 0)).toBeCloseTo(1_560_000, 2);
  });

  it("has 2025 projects in implementation, not counted in 2024", async () => {
    const res = await leader.get(`/api/projects?year=2025&stage=implementing`);
    expect(res.json().total).toBe(3);
    const y25 = await leader.get(`/api/figures/projects.count?region=${env.world.communityId}&from=2025-01-01&to=2025-12-31`);
    expect(y25.json().value).toBe(3);
  });
});
