import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { makeMeeting, makeMember, makePartyOrg, makePerson, makePost } from "./party.test-factories.js";

// The meeting and branch figures for a community nobody tuned them to: a committee, two branches
// (one of an urban village, founded in 2024), meetings of every counted type on the first and last
// days of years and months. The expected values are counted here from the list of meetings made.
let env: TestEnv;
let leader: Agent;
type M = { org: "committee" | "a" | "b"; type: string; on: string };
const made: M[] = [];

const YEARS = [
  ["2023-01-01", "2023-12-31"],
  ["2024-01-01", "2024-12-31"],
  ["2025-01-01", "2025-12-31"],
  ["2024-03-01", "2024-03-31"],
] as const;
const FIGURES: Record<string, { types: string[]; committeeOnly?: boolean }> = {
  "party.committee_meetings": { types: ["党委会议"], committeeOnly: true },
  "party.planning_meetings": { types: ["党建工作部署总结会"] },
  "party.theme_days": { types: ["主题党日"] },
  "party.three_meetings_one_lesson": { types: ["支部党员大会", "支委会", "党小组会", "党课"] },
};

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-01-15T02:00:00Z") });
  leader = await env.login("leader");
  const committee = await makePartyOrg(env, leader, {
    name: "中共指标测试社区委员会",
    level: "党委",
    partyKind: "社区",
    foundedOn: "2005-01-01",
    termStart: "2021-12-10",
  });
  for (const [i, post] of ["书记", "副书记", "组织委员"].entries())
    await makePost(leader, committee, await makePerson(env, leader, `指标党委委员${i}`), post, "2021-12-10");
  const a = await makePartyOrg(env, leader, { name: "中共指标测试甲党支部", level: "党支部", partyKind: "小区", parentId: committee, foundedOn: "2010-01-01" });
  const b = await makePartyOrg(env, leader, {
    name: "中共指标测试乙村党支部",
    level: "党支部",
    partyKind: "城中村",
    parentId: committee,
    foundedOn: "2024-05-01",
  });
  await makePartyOrg(env, leader, { name: "中共指标测试丙村党支部", level: "党支部", partyKind: "城中村", parentId: committee, foundedOn: "2023-12-31" });
  for (const [org, n] of [
    [a, 3],
    [b, 2],
  ] as const)
    for (let i = 0; i < n; i++) await makeMember(leader, await makePerson(env, leader, `指标党员${org.slice(-4)}${i}`), org, { joinedOn: "2001-07-01" });
  const ids = { committee, a, b };
  const plan: M[] = [
    { org: "committee", type: "党委会议", on: "2024-01-01" },
    { org: "committee", type: "党委会议", on: "2024-12-31" },
    { org: "committee", type: "党委会议", on: "2023-12-31" },
    { org: "committee", type: "党委会议", on: "2025-01-01" },
    { org: "committee", type: "党建工作部署总结会", on: "2024-03-01" },
    { org: "committee", type: "党建工作部署总结会", on: "2024-03-31" },
    { org: "a", type: "主题党日", on: "2024-03-10" },
    { org: "a", type: "主题党日", on: "2024-04-01" },
    { org: "b", type: "主题党日", on: "2024-06-10" },
    { org: "a", type: "支部党员大会", on: "2024-02-29" },
    { org: "a", type: "支委会", on: "2024-12-31" },
    { org: "b", type: "党课", on: "2025-01-01" },
    { org: "a", type: "党课", on: "2023-06-01" },
  ];
  for (const m of plan) {
    await makeMeeting(leader, ids[m.org], m.type, m.on);
    made.push(m);
  }
});
afterAll(() => env?.close());

const value = async (key: string, from: string, to: string) => (await leader.get(`/api/figures/${key}?from=${from}&to=${to}`)).json().value as number;

describe("party meeting and branch figures on the test's own records", () => {
  it("count the meetings of each figure's types held in the period, on its first and last days", async () => {
    for (const [key, f] of Object.entries(FIGURES))
      for (const [from, to] of YEARS) {
        const expected = made.filter((m) => f.types.includes(m.type) && (!f.committeeOnly || m.org === "committee") && m.on >= from && m.on <= to).length;
        expect(await value(key, from, to), `${key} ${from}..${to}`).toBe(expected);
        const recs = (await leader.get(`/api/figures/${key}/records?from=${from}&to=${to}&pageSize=100`)).json();
        expect(recs.total, `${key} records ${from}..${to}`).toBe(expected);
      }
  });

  it("party.new_village_branches counts urban-village branches founded in the period", async () => {
    expect(await value("party.new_village_branches", "2024-01-01", "2024-12-31")).toBe(1);
    expect(await value("party.new_village_branches", "2023-01-01", "2023-12-31")).toBe(1);
    expect(await value("party.new_village_branches", "2025-01-01", "2025-12-31")).toBe(0);
  });
});
