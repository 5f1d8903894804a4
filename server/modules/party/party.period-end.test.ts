import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { addDays, addMonths } from "../../platform/dates.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { docs, makeApplicant, makeMember, makePartyOrg, makePerson } from "./party.test-factories.js";

// Figures of the pipeline and the register are right for a data set nobody tuned them to: the
// stock figures are the state at the period's end (not today's), and the approval's deadline runs
// from the branch vote. Every expected value is worked out here from the records made here.

const TODAY = "2026-06-15";
let env: TestEnv;
let leader: Agent;
let supervisor: Agent;
let branchId: string;
let full: string[];

type Made = { id: string; name: string; applied: string; vote?: string; approved?: string; fullApproved?: string; probationEnd?: string; left?: string };
const made: Made[] = [];

const vote = { due: 10, present: 8, yes: 8, no: 0, abstain: 0 };
const figure = async (key: string, from: string, to: string, extra = "") => (await leader.get(`/api/figures/${key}?from=${from}&to=${to}${extra}`)).json();
const records = async (key: string, from: string, to: string) => (await leader.get(`/api/figures/${key}/records?from=${from}&to=${to}&pageSize=100`)).json();

/** An applicant taken to the branch vote (step 15) on `voteOn`, then the higher committee's talk (16). */
async function toVote(name: string, appliedOn: string, voteOn: string) {
  const id = await makeApplicant(env, leader, { name, orgId: branchId, appliedOn, lastStep: 14, full });
  const s15 = await leader.post(`/api/party/applicants/${id}/steps`, { step: 15, doneOn: voteOn, documents: docs(15), vote });
  expect(s15.statusCode, s15.body).toBe(200);
  const s16 = await leader.post(`/api/party/applicants/${id}/steps`, { step: 16, doneOn: addDays(voteOn, 5), documents: docs(16) });
  expect(s16.statusCode, s16.body).toBe(200);
  return id;
}

async function step(id: string, n: number, doneOn: string, extra: Record<string, unknown> = {}) {
  const who = n === 17 || n === 24 ? supervisor : leader;
  const res = await who.post(`/api/party/applicants/${id}/${n === 17 || n === 24 ? "approve" : "steps"}`, { step: n, doneOn, documents: docs(n), ...extra });
  expect(res.statusCode, `${n}: ${res.body}`).toBe(200);
}

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock(`${TODAY}T02:00:00Z`) });
  leader = await env.login("leader");
  supervisor = await env.login("supervisor");
  const committee = await makePartyOrg(env, leader, { name: "中共期末测试社区委员会", level: "党委", partyKind: "社区", foundedOn: "2005-01-01" });
  branchId = await makePartyOrg(env, leader, { name: "中共期末测试党支部", level: "党支部", partyKind: "小区", parentId: committee, foundedOn: "2010-01-01" });
  full = [];
  for (let i = 0; i < 3; i++) full.push((await makeMember(leader, await makePerson(env, leader, `期末正式党员${i}`), branchId)).id);

  // Voted 2024-10-20, approved 2024-11-20 (probationary from the vote), full membership approved 2025-11-10.
  const a = await toVote("跨年转正甲", "2023-01-05", "2024-10-20");
  await step(a, 17, "2024-11-20");
  for (const [n, on] of [
    [18, "2024-11-25"],
    [19, "2024-11-26"],
    [20, "2024-12-01"],
    [21, "2025-06-01"],
    [22, "2025-10-20"],
  ] as const)
    await step(a, n, on);
  await step(a, 23, "2025-10-25", { vote });
  await step(a, 24, "2025-11-10");
  made.push({
    id: a,
    name: "跨年转正甲",
    applied: "2023-01-05",
    vote: "2024-10-20",
    approved: "2024-11-20",
    fullApproved: "2025-11-10",
    probationEnd: "2025-10-20",
  });

  // Voted more than three months before today, not yet approved: overdue.
  const b = await toVote("逾期审批乙", "2024-06-01", "2026-02-01");
  made.push({ id: b, name: "逾期审批乙", applied: "2024-06-01", vote: "2026-02-01" });
  // Voted within three months: due, not overdue.
  const c = await toVote("按期审批丙", "2024-08-01", "2026-04-01");
  made.push({ id: c, name: "按期审批丙", applied: "2024-08-01", vote: "2026-04-01" });

  // Applied in 2024, never had the talk (overdue a month later), left the pipeline in May 2025.
  const d = await makeApplicant(env, leader, { name: "中途退出丁", orgId: branchId, appliedOn: "2024-03-01", lastStep: 1, full });
  const early = await leader.post(`/api/party/applicants/${d}/leave`, { on: "2024-02-01", reason: "本人撤回申请" });
  expect(early.statusCode).toBe(400);
  expect(early.json().error.message).toContain("不能早于最后办理的步骤");
  const left = await leader.post(`/api/party/applicants/${d}/leave`, { on: "2025-05-10", reason: "本人撤回申请" });
  expect(left.statusCode, left.body).toBe(200);
  expect(left.json()).toMatchObject({ status: "stopped", stoppedOn: "2025-05-10", stopReason: "本人撤回申请", next: null });
  expect((await leader.post(`/api/party/applicants/${d}/leave`, { on: "2025-05-11", reason: "再次" })).statusCode).toBe(409);
  made.push({ id: d, name: "中途退出丁", applied: "2024-03-01", left: "2025-05-10" });
});
afterAll(() => env?.close());

describe("the pipeline's figures for a data set of the test's own", () => {
  it("approval is overdue three months after the branch vote, and the applicant page shows that due date", async () => {
    // Only those still in the pipeline: one who left is not overdue.
    const expected = made.filter((m) => !m.left && m.vote && !m.approved && addMonths(m.vote, 3) < TODAY).map((m) => m.name);
    expect(expected).toEqual(["逾期审批乙"]);
    const recs = await records("party.overdue_steps", "2026-01-01", "2026-12-31");
    expect(recs.rows.map((r: any) => r.name).sort()).toEqual(expected);
    expect((await figure("party.overdue_steps", "2026-01-01", "2026-12-31")).value).toBe(expected.length);
    for (const m of made.filter((x) => x.vote && !x.approved)) {
      const vote = m.vote as string;
      const page = (await leader.get(`/api/party/applicants/${m.id}`)).json();
      expect(page.next, m.name).toMatchObject({ step: 17, due: addMonths(vote, 3), overdue: addMonths(vote, 3) < TODAY });
    }
  });

  it("party.pipeline counts who was in the pipeline at the period's end, at the stage they were at then", async () => {
    for (const [from, to] of [
      ["2024-01-01", "2024-12-31"],
      ["2025-01-01", "2025-12-31"],
      ["2026-01-01", "2026-12-31"],
      ["2025-01-01", "2025-11-09"],
      ["2025-01-01", "2025-11-10"],
      ["2025-01-01", "2025-05-09"],
      ["2025-01-01", "2025-05-10"],
      ["2023-01-01", "2023-12-31"],
    ]) {
      // In the pipeline at `to`: applied by then, full membership not yet approved and not left by then.
      const expected = made.filter((m) => m.applied <= to && (m.fullApproved ?? "9999") > to && (m.left ?? "9999") > to).map((m) => m.name);
      const recs = await records("party.pipeline", from, to);
      expect(recs.rows.map((r: any) => r.name).sort(), to).toEqual([...expected].sort());
      expect((await figure("party.pipeline", from, to)).value, to).toBe(expected.length);
    }
    // At the end of 2024 the one voted in 2024 had passed step 20 (stage 5); the two later ones
    // were still at stage 3 or 4 (their last step by then).
    const g = (await leader.get("/api/figures/party.pipeline/groups?by=stage&from=2024-01-01&to=2024-12-31")).json();
    expect(g.items, JSON.stringify(g)).toBeDefined();
    const byStage = Object.fromEntries(g.items.map((x: any) => [x.key, x.value]));
    expect(byStage["5"]).toBe(1);
    // 丁 had only applied (stage 1).
    expect(byStage["1"]).toBe(1);
    expect(Object.values(byStage).reduce((s: number, v) => s + (v as number), 0)).toBe(4);
  });

  it("party.members by status is the status at the period's end: probationary at the end of 2024, full at the end of 2025", async () => {
    const statusAt = async (to: string) => {
      const g = (await leader.get(`/api/figures/party.members/groups?by=status&from=2024-01-01&to=${to}`)).json();
      return Object.fromEntries(g.items.map((x: any) => [x.key, x.value]));
    };
    // The 3 full members of the register plus the one admitted from the pipeline.
    expect(await statusAt("2024-12-31")).toEqual({ full: 3, probationary: 1 });
    // Full from the end of probation (one year from the vote) — party age counts from then.
    const m = made[0];
    expect(await statusAt(addDays(m.probationEnd as string, -1))).toEqual({ full: 3, probationary: 1 });
    expect(await statusAt("2025-12-31")).toEqual({ full: 4 });
    const rows = (await records("party.members", "2024-01-01", "2024-12-31")).rows;
    expect(rows.find((r: any) => r.name === m.name)?.status).toBe("预备党员");
  });
});

describe("committee members' certificates at the period's end (party.certified_share)", () => {
  it("counts a certificate from its date; a date after today is refused; an unknown date counts throughout", async () => {
    const org = branchId;
    const p1 = await makePerson(env, leader, "持证委员甲");
    const p2 = await makePerson(env, leader, "持证委员乙");
    const a = await leader.post("/api/party/posts", { orgId: org, personId: p1, post: "书记", termStart: "2021-01-01" });
    expect(a.statusCode, a.body).toBe(201);
    const b = await leader.post("/api/party/posts", { orgId: org, personId: p2, post: "委员", termStart: "2021-01-01", certified: true });
    expect(b.statusCode, b.body).toBe(201);
    const future = await leader.post(`/api/party/posts/${a.json().id}/certify`, { on: addDays(TODAY, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain("晚于今天");
    expect((await leader.post(`/api/party/posts/${a.json().id}/certify`, { on: "2024-09-30" })).statusCode).toBe(200);
    // The date-unknown one cannot be given a date by this action (its certificate is on record already).
    expect((await leader.post(`/api/party/posts/${b.json().id}/certify`, { on: "2024-01-01" })).statusCode).toBe(409);
    const mine = async (to: string) => {
      const r = (await records("party.certified_share", "2000-01-01", to)).rows as Array<{ org: string; name: string; certified: string }>;
      return r.filter((x) => x.org === "中共期末测试党支部").map((x) => `${x.name}:${x.certified}`);
    };
    expect(await mine("2024-09-29")).toEqual(expect.arrayContaining(["持证委员甲:否", "持证委员乙:是"]));
    expect(await mine("2024-09-30")).toEqual(expect.arrayContaining(["持证委员甲:是（2024-09-30）", "持证委员乙:是"]));
    // The share is the records' share: one more certified member at the later end.
    const share = async (to: string) => {
      const r = (await records("party.certified_share", "2024-01-01", to)).rows as Array<{ certified: string }>;
      const v = (await figure("party.certified_share", "2024-01-01", to)).value as number;
      expect(v).toBeCloseTo(r.filter((x) => x.certified.startsWith("是")).length / r.length, 3);
      return r.filter((x) => x.certified.startsWith("是")).length;
    };
    expect((await share("2024-09-30")) - (await share("2024-09-29"))).toBe(1);
  });
});
