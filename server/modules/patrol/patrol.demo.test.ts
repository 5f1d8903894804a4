import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../test/helpers.js";
import { CHECKINS_2024, POINTS_2024 } from "./patrol.demo.js";

// The demo community's 2024 patrol figures (the seed's "114个巡查点 … 累计巡查14万余次"), computed
// from the records the demo generated through the bulk-sync service.
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ modules: ["patrol"] });
}, 480_000);
afterAll(() => env?.close());

const Q = () => `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;

describe("patrol demo data", () => {
  it("gives exactly 114 points in use and 142,368 check-ins for 福民社区 in 2024", async () => {
    const leader = await env.login("leader");
    const res = await leader.get(`/api/figures?${Q()}&module=patrol`);
    expect(res.statusCode).toBe(200);
    const figs = Object.fromEntries((res.json().items as Array<{ key: string; value: number }>).map((f) => [f.key, f.value]));
    expect(figs["patrol.points"]).toBe(POINTS_2024);
    expect(figs["patrol.checkins"]).toBe(CHECKINS_2024);
    expect(figs["patrol.checkins"]).toBeGreaterThanOrEqual(140_000);
    expect(figs["patrol.checkins"]).toBeLessThan(150_000);
    // Some visits missed, a few flagged, anomalies that became hazards and were mostly closed.
    expect(figs["patrol.missed_visits"]).toBeGreaterThan(0);
    expect(figs["patrol.completion_rate"]).toBeGreaterThan(0.85);
    expect(figs["patrol.completion_rate"]).toBeLessThan(1);
    expect(figs["patrol.flagged_checkins"]).toBeGreaterThan(0);
    expect(figs["patrol.hazards_opened"]).toBe(figs["patrol.abnormal_checkins"]);
    expect(figs["patrol.hazards_closed"]).toBeGreaterThan(0);
    expect(figs["patrol.hazards_closed"]).toBeLessThanOrEqual(figs["patrol.hazards_opened"]);
  }, 60_000);

  it("breaks the check-ins down by the three forces, and the parts add up", async () => {
    const leader = await env.login("leader");
    const res = await leader.get(`/api/figures/patrol.checkins/groups?${Q()}&by=force`);
    expect(res.statusCode).toBe(200);
    const groups = res.json().items as Array<{ key: string; value: number }>;
    expect(groups.map((g) => g.key).sort()).toEqual(["community", "police", "security"]);
    expect(groups.reduce((s, g) => s + g.value, 0)).toBe(CHECKINS_2024);
    const recs = await leader.get(`/api/figures/patrol.checkins/records?${Q()}&pageSize=5`);
    expect(recs.statusCode).toBe(200);
    expect(recs.json().total).toBe(CHECKINS_2024);
  });

  it("shows today's rounds and the map state of every point", async () => {
    const leader = await env.login("leader");
    const map = await leader.get("/api/patrol/map/today");
    expect(map.statusCode).toBe(200);
    expect(map.json()).toHaveLength(POINTS_2024);
    const rounds = await leader.get("/api/patrol/rounds");
    expect(rounds.statusCode).toBe(200);
    expect(rounds.json().length).toBe(11);
  });
});
