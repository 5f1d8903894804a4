import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, demoEnv, type TestEnv } from "../../test/helpers.js";

// The demo's volunteers on their own (no other module's demo): its night patrols open their hazards
// through safety's service, so safety's night-patrol figure comes from them alone.
let env: TestEnv;
let leader: Agent;
beforeAll(async () => {
  env = await demoEnv({ people: 240, modules: ["volunteers"] });
  leader = await env.login("leader");
}, 120_000);
afterAll(() => env.close());

describe("the demo community's 2024 volunteers", () => {
  it("give the report's figures, and each night-patrol hazard names the patrol that found it", async () => {
    const q = `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;
    const v = Object.fromEntries((await leader.get(`/api/figures?${q}`)).json().items.map((f: any) => [f.key, f.value]));
    expect(v["volunteers.night_patrols"]).toBe(32);
    expect(v["volunteers.five_star"]).toBe(4);
    expect(v["safety.night_patrol_hazards_resolved"]).toBe(206);
    expect(v["volunteers.hours"]).toBeGreaterThan(0);
    const recs = (await leader.get(`/api/figures/safety.night_patrol_hazards_resolved/records?${q}&pageSize=200`)).json();
    const patrols = (await leader.get("/api/volunteers/night-patrols?from=2024-01-01&to=2024-12-31&pageSize=50")).json();
    expect(patrols.total).toBe(32);
    const ids = new Set(patrols.items.map((p: any) => p.id));
    expect(recs.rows.every((r: any) => ids.has(r.sourceRef))).toBe(true);
    const one = (await leader.get(`/api/volunteers/night-patrols/${patrols.items[0].id}`)).json();
    expect(one.hazardList.length).toBe(one.hazards);
    expect(one.hazardList.every((h: any) => h.status === "closed")).toBe(true);
    // 2023 had one five-star; the volunteer01 account sees its own page.
    const v23 = Object.fromEntries(
      (await leader.get(`/api/figures?region=${env.world.communityId}&from=2023-01-01&to=2023-12-31`)).json().items.map((f: any) => [f.key, f.value]),
    );
    expect(v23["volunteers.five_star"]).toBe(1);
    const me = (await (await env.login("volunteer01")).get("/api/volunteers/me")).json();
    expect(me.star.level).toBe(5);
  });
});
