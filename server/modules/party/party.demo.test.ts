import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { SEED_2024 } from "./party.demo.js";

// The seed is first of all a party committee's report: its 2024 figures must come out of the records.
let env: TestEnv;
let leader: Agent;
// The party demo goes through the services: seconds on SQLite, longer on a busy PostgreSQL.
beforeAll(async () => {
  const t = Date.now();
  env = await testEnv({ modules: ["party"] });
  console.log(`party demo env in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  leader = await env.login("leader");
}, 300_000);
afterAll(() => env?.close());

describe("the seed's 2024 party figures for 福民社区", () => {
  it("come out exactly through GET /api/figures", async () => {
    const res = await leader.get(`/api/figures?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31&module=party`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const items: Array<{ key: string; value: number }> = Array.isArray(body) ? body : (body.items ?? body.figures);
    const v = (k: string) => items.find((f) => f.key === `party.${k}`)?.value;
    for (const [k, want] of Object.entries(SEED_2024)) expect(v(k), k).toBe(want);
    const dual = v("company_dual_role_ratio") as number;
    const cross = v("company_cross_role_ratio") as number;
    expect(dual).toBeCloseTo(4 / 6, 3);
    // Computed from the demo companies' serving boards: 4 of 6 chairs are party secretaries, 6 of 24 members hold party posts.
    expect(dual).toBe(0.6667);
    expect(cross).toBe(0.25);
  });

  it("by-elections and secretary changes name the branches the seed names", async () => {
    const q = `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;
    const by = (await leader.get(`/api/figures/party.by_elections/records?${q}`)).json();
    expect(by.rows.map((r: any) => r.org).sort()).toEqual(["中共福民社区阳基御龙山党支部", "中共福民社区鸿发党支部"].sort());
    const sec = (await leader.get(`/api/figures/party.secretary_changes/records?${q}`)).json();
    expect(sec.rows.map((r: any) => r.org).sort()).toEqual(["中共福民社区富康党支部", "中共福民社区悦兴二党支部"].sort());
  });

  it("the 2024 compliance view lists 丹坑's missing August theme day and 狮径's short committee meeting", async () => {
    const c = (await leader.get("/api/party/compliance?year=2024")).json();
    const dankeng = c.rows.find((r: any) => r.orgName.includes("丹坑"));
    expect(dankeng.missing).toContainEqual(expect.objectContaining({ type: "主题党日", period: "2024-08", status: "missing" }));
    const shijing = c.rows.find((r: any) => r.orgName.includes("狮径"));
    expect(shijing.missing).toContainEqual(expect.objectContaining({ type: "支委会", period: "2024-05", status: "short_quorum" }));
    const honfa = c.rows.find((r: any) => r.orgName.includes("鸿发"));
    expect(honfa.missing).toEqual([]);
  });
});
