import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { addDays } from "../../platform/dates.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";

// The figures on the test's own projects, made through the API with their step dates, around the
// year's ends: a project approved in 2023 and accepted in January 2024 counts in both years (its
// 2023 payment in 2023's spend only); one approved on 31 December 2024 counts in 2024 and 2025,
// its payments split at midnight; one approved on 1 January 2025 only in 2025; one cancelled in
// 2024 after a payment counts in 2024 with that payment; a rejected proposal never counts.

const clock = fixedClock("2025-06-16T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let community: string;
let n = 0;

async function approved(title: string, approveOn: string, budgetFen = 10_000_000) {
  const made = await leader.post("/api/projects", {
    communityId: community,
    title,
    kind: n % 2 ? "service" : "works",
    place: "测试地点",
    reason: "测试",
    estimatedFen: budgetFen,
    proposerKind: "staff",
    proposerName: "社区工作人员",
    proposedOn: addDays(approveOn, -30),
  });
  n++;
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBeLessThan(300);
  };
  await ok(leader.post(`/api/projects/${id}/review`, { passed: true, on: addDays(approveOn, -28) }));
  await ok(
    leader.post("/api/projects/meetings", {
      communityId: community,
      title: "议事会",
      heldOn: addDays(approveOn, -25),
      membersPresent: 9,
      votes: [{ projectId: id, votesFor: 7 }],
    }),
  );
  await ok(leader.post(`/api/projects/${id}/publicise`, { on: addDays(approveOn, -24) }));
  await ok(
    leader.post(`/api/projects/${id}/approve`, {
      budgetFen,
      contractor: "施工单位",
      plannedStart: approveOn,
      plannedEnd: addDays(approveOn, 90),
      on: approveOn,
    }),
  );
  return id;
}
const pay = async (id: string, paidOn: string, yuan: number, voucher: string) => {
  const r = await leader.post(`/api/projects/${id}/payments`, { paidOn, amountFen: yuan * 100, voucher });
  expect(r.statusCode, r.body).toBe(200);
};
const fig = async (key: string, from: string, to: string) => {
  const r = await leader.get(`/api/figures/${key}?region=${community}&from=${from}&to=${to}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().value as number;
};
const groups = async (key: string, by: string, from: string, to: string) =>
  Object.fromEntries(
    ((await leader.get(`/api/figures/${key}/groups?region=${community}&from=${from}&to=${to}&by=${by}`)).json().items as any[]).map((g) => [g.key, g.value]),
  );

beforeAll(async () => {
  env = await testEnv({ clock });
  community = env.world.communityId;
  leader = await env.login("leader");
  const a = await approved("A 2023年立项2024年1月验收", "2023-12-20");
  await pay(a, "2023-12-28", 1000, "A1");
  await leader.post(`/api/projects/${a}/progress`, { month: "2024-01", percent: 100, on: "2024-01-04" });
  await pay(a, "2024-01-03", 500, "A2");
  expect((await leader.post(`/api/projects/${a}/accept`, { acceptors: ["验收人"], passed: true, on: "2024-01-05" })).statusCode).toBe(200);
  for (const answer of ["satisfied", "fair", "unsatisfied"]) await leader.post(`/api/projects/${a}/survey`, { answer });
  const b = await approved("B 2024年12月31日立项", "2024-12-31");
  await pay(b, "2024-12-31", 300, "B1");
  await pay(b, "2025-01-01", 200, "B2");
  expect((await leader.post(`/api/projects/${b}/progress`, { month: "2025-01", percent: 10, on: "2025-01-02" })).statusCode).toBe(200);
  await approved("C 2025年1月1日立项", "2025-01-01");
  const d = await approved("D 2024年立项后撤销", "2024-03-11");
  await pay(d, "2024-03-20", 100, "D1");
  expect((await leader.post(`/api/projects/${d}/cancel`, { reason: "选址变更", on: "2024-05-06" })).statusCode).toBe(200);
  const e = await leader.post("/api/projects", {
    communityId: community,
    title: "E 未通过初审",
    kind: "goods",
    place: "x",
    reason: "x",
    estimatedFen: 100,
    proposerKind: "staff",
    proposerName: "x",
    proposedOn: "2024-06-03",
  });
  await leader.post(`/api/projects/${e.json().id}/review`, { passed: false, note: "不符合条件", on: "2024-06-05" });
}, 120_000);
afterAll(() => env?.close());

describe("projects figures", () => {
  it("count the projects carried out in each year", async () => {
    expect(await fig("projects.count", "2023-01-01", "2023-12-31")).toBe(1);
    expect(await fig("projects.count", "2024-01-01", "2024-12-31")).toBe(3);
    expect(await fig("projects.count", "2025-01-01", "2025-12-31")).toBe(2);
    expect(await fig("projects.count", "2024-01-01", "2024-01-31")).toBe(1);
    expect(await fig("projects.count", "2024-01-06", "2024-03-10")).toBe(0);
    expect(await fig("projects.count", "2024-12-31", "2024-12-31")).toBe(1);
    const recs = (await leader.get(`/api/figures/projects.count/records?region=${community}&from=2024-01-01&to=2024-12-31`)).json();
    expect(recs.rows.map((r: any) => r.title).sort()).toEqual(["A 2023年立项2024年1月验收", "B 2024年12月31日立项", "D 2024年立项后撤销"]);
  });

  it("break the count down by the stage each project had at the period's end", async () => {
    expect(await groups("projects.count", "stage", "2024-01-01", "2024-12-31")).toEqual({ accepted: 1, approved: 1, cancelled: 1 });
    expect(await groups("projects.count", "stage", "2023-01-01", "2023-12-31")).toEqual({ approved: 1 });
    expect(await groups("projects.count", "stage", "2025-01-01", "2025-12-31")).toEqual({ implementing: 1, approved: 1 });
    expect(await groups("projects.count", "stage", "2024-01-01", "2024-04-30")).toEqual({ accepted: 1, approved: 1 });
  });

  it("sum each year's payments in yuan, split at midnight of 31 December", async () => {
    expect(await fig("projects.spend", "2023-01-01", "2023-12-31")).toBe(1000);
    expect(await fig("projects.spend", "2024-01-01", "2024-12-31")).toBe(900);
    expect(await fig("projects.spend", "2025-01-01", "2025-12-31")).toBe(200);
    expect(await fig("projects.spend", "2024-12-01", "2024-12-31")).toBe(300);
    expect(await groups("projects.spend", "month", "2024-01-01", "2024-12-31")).toEqual({ "2024-01": 500, "2024-03": 100, "2024-12": 300 });
    const recs = (await leader.get(`/api/figures/projects.spend/records?region=${community}&from=2024-01-01&to=2024-12-31`)).json();
    expect(recs.rows.map((r: any) => r.voucher)).toEqual(["A2", "D1", "B1"]);
  });

  it("give the budgets approved, the budget used, the proposals and the satisfaction", async () => {
    expect(await fig("projects.budget_committed", "2024-01-01", "2024-12-31")).toBe(100_000);
    expect(await fig("projects.budget_used", "2024-01-01", "2024-12-31")).toBeCloseTo(900 / 2_000_000, 6);
    expect(await fig("projects.budget_used", "2024-01-01", "2025-12-31")).toBeCloseTo(1100 / 4_000_000, 6);
    expect(await fig("projects.proposals", "2024-01-01", "2024-12-31")).toBe(4);
    expect(await groups("projects.proposals", "stage", "2024-01-01", "2024-12-31")).toEqual({ approved: 1, rejected: 1, publicised: 1, cancelled: 1 });
    expect(await fig("projects.satisfaction", "2025-01-01", "2025-12-31")).toBeCloseTo(2 / 3, 4);
    expect(await fig("projects.satisfaction", "2024-01-01", "2024-12-31")).toBe(0);
  });
});
