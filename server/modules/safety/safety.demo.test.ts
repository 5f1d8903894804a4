import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

let env: TestEnv;
let leader: Agent;
beforeAll(async () => {
  env = await testEnv({ modules: ["safety"] });
  leader = await env.login("leader");
}, 120_000);
afterAll(() => env.close());

describe("the demo community's 2024 safety figures", () => {
  it("come out exactly as the report writes them, computed from records", async () => {
    const res = await leader.get(`/api/figures?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31&module=safety`);
    expect(res.statusCode).toBe(200);
    const v = Object.fromEntries(res.json().items.map((f: any) => [f.key, f.value]));
    expect(v["safety.disputes_resolved"]).toBe(439);
    expect(v["safety.inspections"]).toBe(356);
    expect(v["safety.labor_disputes"]).toBe(235);
    expect(v["safety.labor_mediated"]).toBe(230);
    expect(v["safety.labor_recovered"]).toBe(2_820_000);
    // Night-patrol hazards are the volunteers demo's (volunteers.demo.test.ts asserts the 206).
    expect(v["safety.night_patrol_hazards_resolved"]).toBe(0);
    const unit = Object.fromEntries(res.json().items.map((f: any) => [f.key, f.unit]));
    expect(unit["safety.labor_recovered"]).toBe("yuan");
  });

  it("a figure's drill-down lists the very records it counts, and breaks down by month", async () => {
    const q = `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;
    const recs = await leader.get(`/api/figures/safety.labor_mediated/records?${q}&pageSize=200`);
    expect(recs.statusCode).toBe(200);
    expect(recs.json().total).toBe(230);
    const months = await leader.get(`/api/figures/safety.disputes_resolved/groups?${q}&by=month`);
    expect(months.statusCode).toBe(200);
    const groups = months.json().items as Array<{ key: string; value: number }>;
    expect(groups.length).toBe(12);
    expect(groups.reduce((s, g) => s + g.value, 0)).toBe(439);
  });

  it("a breakdown of the mediation success rate is a rate per group: that group's settled ÷ closed disputes", async () => {
    const q = `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;
    const rate = (await leader.get(`/api/figures?${q}&module=safety`)).json().items.find((f: any) => f.key === "safety.disputes_success_rate");
    expect(rate.unit).toBe("ratio");
    const closed = (await leader.get(`/api/figures/safety.disputes_success_rate/records?${q}&pageSize=1`)).json().total;
    expect(closed).toBe(471);
    expect(rate.value).toBeCloseTo(439 / closed, 10);
    const groups = (await leader.get(`/api/figures/safety.disputes_success_rate/groups?${q}&by=grid`)).json().items as Array<{
      key: string;
      value: number;
      numerator: number;
      denominator: number;
    }>;
    const settled = new Map(
      ((await leader.get(`/api/figures/safety.disputes_resolved/groups?${q}&by=grid`)).json().items as Array<{ key: string; value: number }>).map((g) => [
        g.key,
        g.value,
      ]),
    );
    expect(groups.length).toBe(12);
    expect(groups.reduce((s, g) => s + g.denominator, 0)).toBe(closed);
    for (const g of groups) {
      // The group's denominator is the closed disputes its drill-down lists; its numerator those settled.
      const records = (await leader.get(`/api/figures/safety.disputes_success_rate/records?${q}&pageSize=1&f.grid=${g.key}`)).json();
      expect(g.denominator).toBe(records.total);
      expect(g.numerator).toBe(settled.get(g.key) ?? 0);
      expect(g.value).toBeCloseTo(g.numerator / g.denominator, 10);
      expect(g.value).toBeLessThanOrEqual(1);
    }
  });

  it("another year, or the neighbouring community, has its own figures", async () => {
    const res = await leader.get(`/api/figures?region=${env.world.communityId}&from=2023-01-01&to=2023-12-31&module=safety`);
    const v = Object.fromEntries(res.json().items.map((f: any) => [f.key, f.value]));
    expect(v["safety.disputes_resolved"]).toBe(0);
    const sup = await env.login("supervisor");
    const n = await sup.get(`/api/figures?region=${env.world.neighbourCommunityId}&from=2024-01-01&to=2024-12-31&module=safety`);
    expect(Object.fromEntries(n.json().items.map((f: any) => [f.key, f.value]))["safety.inspections"]).toBe(0);
  });

  it("live work is on the pages: open hazards, some overdue, and a daily plan", async () => {
    const open = await leader.get("/api/safety/hazards?status=open");
    expect(open.json().total).toBeGreaterThan(0);
    const overdue = await leader.get("/api/safety/hazards?status=overdue");
    expect(overdue.json().total).toBeGreaterThan(0);
    const plan = await leader.get("/api/safety/inspection-plan");
    expect(plan.json().items.length).toBeGreaterThan(0);
  });
});
