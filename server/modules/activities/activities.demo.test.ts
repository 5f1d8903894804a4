import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { demoEnv } from "../../test/helpers.js";

// The seed's 2024 figures for 福民社区 (issue 11), computed from the records the demo makes.
let env: TestEnv;
let leader: Agent;
let seedMs = 0;
beforeAll(async () => {
  const t = Date.now();
  env = await demoEnv({ modules: ["activities", "appeals"] });
  seedMs = Date.now() - t;
  leader = await env.login("leader");
}, 600_000);
afterAll(() => env?.close());

const q = () => `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;

describe("activities demo data", () => {
  it("gives the seed's 2024 figures exactly", async () => {
    const res = await leader.get(`/api/figures?${q()}`);
    expect(res.statusCode).toBe(200);
    const v = Object.fromEntries((res.json().items as Array<{ key: string; value: number }>).map((f) => [f.key, f.value]));
    expect(v["venue.opened"]).toBe(1);
    expect(v["venue.regular_activities"]).toBeGreaterThanOrEqual(101);
    expect(v["venue.regular_activities"]).toBeLessThanOrEqual(120);
    expect(v["venue.regular_attendance"]).toBeGreaterThanOrEqual(5001);
    expect(v["venue.regular_attendance"]).toBeLessThanOrEqual(5600);
    expect(v["venue.trainings"]).toBe(46);
    expect(v["venue.training_attendance"]).toBe(920);
    expect(v["venue.self_check_issues"]).toBe(86);
    expect(v["activities.count"]).toBeGreaterThanOrEqual(200);
    expect(v["activities.count"]).toBeLessThanOrEqual(209);
    expect(v["activities.attendance"]).toBeGreaterThanOrEqual(7800);
    expect(v["activities.attendance"]).toBeLessThanOrEqual(7999);
    expect(v["activities.walkathon_edition"]).toBe(9);
    expect(v["activities.tea_talks"]).toBe(12);
    expect(v["activities.women_outreach_attendance"]).toBeGreaterThanOrEqual(71);
    expect(v["activities.women_outreach_attendance"]).toBeLessThanOrEqual(90);
    expect(v["safety.drills"]).toBe(20);
    // The appeals figures the tea talks feed stay as the seed writes them.
    expect(v["appeals.tea_talk_resolved"]).toBe(20);
    expect(v["appeals.cases"]).toBe(4469);
    expect(v["appeals.resident_resolved"]).toBe(849);
    expect(v["appeals.urgent_needs_resolved"]).toBe(17);
    expect(v["appeals.survey_cases"]).toBe(67);
    console.log(
      "activities + appeals seed (with platform demo):",
      seedMs,
      "ms",
      JSON.stringify(Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith("party")))),
    );
  });

  it("each tea talk shows the appeals it collected, 22 in all, all of channel 书记茶话会", async () => {
    const list = await leader.get("/api/activities?typeClass=tea_talk&from=2024-01-01&to=2024-12-31&pageSize=50");
    expect(list.statusCode).toBe(200);
    const talks = list.json().items as Array<{ id: string }>;
    expect(talks.length).toBe(12);
    let n = 0;
    let resolved = 0;
    for (const t of talks) {
      const d = (await leader.get(`/api/activities/${t.id}`)).json();
      expect(d.appeals.length).toBeGreaterThan(0);
      n += d.appeals.length;
      resolved += d.appeals.filter((a: { resolved: boolean | null }) => a.resolved).length;
    }
    expect(n).toBe(22);
    expect(resolved).toBe(20);
  });

  it("the figures drill down to their records and break down by month and category", async () => {
    const recs = await leader.get(`/api/figures/venue.trainings/records?${q()}&pageSize=100`);
    expect(recs.json().total).toBe(46);
    const cats = (await leader.get(`/api/figures/venue.training_attendance/groups?${q()}&by=category`)).json().items as Array<{ key: string; value: number }>;
    expect(cats.reduce((s, g) => s + g.value, 0)).toBe(920);
    expect(cats.map((c) => c.key).sort()).toEqual(["applicant", "other", "staff", "volunteer"]);
    const months = (await leader.get(`/api/figures/activities.count/groups?${q()}&by=month`)).json().items as Array<{ value: number }>;
    expect(months.length).toBe(12);
    const walk = (await leader.get(`/api/figures/activities.walkathon_edition/records?${q()}`)).json();
    expect(walk.rows[0].edition).toBe(9);
  });
});
