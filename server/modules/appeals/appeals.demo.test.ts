import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

// The seed's 2024 figures for 福民社区 (PRODUCT.md), computed from the generated cases.
let env: TestEnv;
let leader: Agent;
let seedMs = 0;
beforeAll(async () => {
  const t = Date.now();
  env = await testEnv({ modules: ["appeals"] });
  seedMs = Date.now() - t;
  leader = await env.login("leader");
  // Some 5,000 cases through the whole flow: seconds on SQLite, about a minute over PostgreSQL's round trips.
}, 400_000);
afterAll(() => env?.close());

describe("appeals demo data", () => {
  it("gives the seed's 2024 figures exactly", async () => {
    const res = await leader.get(`/api/figures?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31&module=appeals`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ key: string; value: number }>;
    const v = Object.fromEntries(items.map((f) => [f.key, f.value]));
    expect(v["appeals.cases"]).toBe(4469);
    expect(v["appeals.resident_resolved"]).toBe(849);
    expect(v["appeals.resident_resolution_rate"]).toBe(1);
    expect(v["appeals.tea_talk_resolved"]).toBe(20);
    expect(v["appeals.urgent_needs_resolved"]).toBe(17);
    expect(v["appeals.survey_cases"]).toBe(67);
    expect(v["appeals.survey_resolution_rate"]).toBe(1);
    console.log("appeals seed (with platform demo):", seedMs, "ms", JSON.stringify(v));
  });
});
