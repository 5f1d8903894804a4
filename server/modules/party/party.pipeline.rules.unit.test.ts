import { describe, expect, it } from "vitest";
import { STEPS, type TStepRecord } from "../../../contracts/party.js";
import { AppError } from "../../platform/errors.js";
import {
  type ApplicantState,
  approvalRule,
  approverRule,
  checkStep,
  docsRule,
  extensionRule,
  nextStep,
  orderRule,
  type StepFacts,
  voteRule,
} from "./party.pipeline.rules.js";
import { CN_HOLIDAYS_2024_2025, CN_WORKDAYS_2024_2025 } from "./party.settings.js";
import { PLAIN_WEEK, workCalendar } from "./party.workdays.js";

// The pipeline's rules step by step, at fixed dates (DOMAIN.md §5).
const TODAY = "2026-06-15";
const docs = (n: number) => STEPS[n - 1].docs.map((name) => ({ name, paper: true }));
const state = (last: number, extra: Partial<ApplicantState> = {}): ApplicantState => ({
  status: "active",
  last_step: last,
  last_step_on: "2025-01-01",
  applied_on: "2024-01-10",
  probation_start: null,
  probation_end: null,
  ...extra,
});
const input = (step: number, doneOn: string, extra: Partial<TStepRecord> = {}): TStepRecord => ({
  step,
  doneOn,
  memberIds: [],
  documents: docs(step),
  extended: false,
  ...extra,
});
const facts = (a: ApplicantState, done: Record<number, string> = {}, pub = 5): StepFacts => ({
  applicant: a,
  doneOn: (s) => done[s] ?? null,
  publicity: { pub, cal: PLAIN_WEEK },
  today: TODAY,
});
/** The message (zh) a rule refuses with, or null when it allows. */
function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.msg.zh;
    throw e;
  }
}
const vote = (v: Partial<NonNullable<TStepRecord["vote"]>>) => ({ due: 10, present: 8, yes: 6, no: 1, abstain: 1, writtenYes: 0, writtenNo: 0, ...v });

describe("which step may follow", () => {
  it("only the next one, not one done or one ahead, on or after the previous step's day and not in the future", () => {
    expect(refusal(() => orderRule(state(4), 5, "2025-02-01", TODAY))).toBeNull();
    expect(refusal(() => orderRule(state(4), 4, "2025-02-01", TODAY))).toContain("已办理");
    expect(refusal(() => orderRule(state(4), 6, "2025-02-01", TODAY))).toContain("下一步是第5步");
    expect(refusal(() => orderRule(state(4), 5, "2024-12-31", TODAY))).toContain("不能早于上一步（2025-01-01）");
    expect(refusal(() => orderRule(state(4), 5, "2026-06-16", TODAY))).toContain("不能晚于今天");
  });

  it("nothing follows a stopped applicant or the last step", () => {
    expect(refusal(() => orderRule(state(4, { status: "stopped" }), 5, "2025-02-01", TODAY))).toContain("已结束");
    expect(refusal(() => orderRule(state(25, { status: "full" }), 26, "2025-02-01", TODAY))).toContain("已结束");
    expect(nextStep(state(25, { status: "full" }), () => null, { pub: 5, cal: PLAIN_WEEK }, TODAY)).toBeNull();
    expect(nextStep(state(3, { status: "stopped" }), () => null, { pub: 5, cal: PLAIN_WEEK }, TODAY)).toBeNull();
  });

  it("steps 17 and 24 are approvals by the subdistrict, and only they", () => {
    expect(refusal(() => approvalRule(17, false))).toContain("由街道党工委审批");
    expect(refusal(() => approvalRule(24, true))).toBeNull();
    expect(refusal(() => approvalRule(16, true))).toContain("只有第17、24步是审批");
    expect(refusal(() => approverRule("subdistrict"))).toBeNull();
    expect(refusal(() => approverRule("district"))).toBeNull();
    expect(refusal(() => approverRule("community"))).toContain("社区党委无权审批");
    expect(refusal(() => approverRule(null))).toContain("社区党委无权审批");
  });
});

describe("the document checklist", () => {
  it("every document of the step uploaded or filed on paper", () => {
    expect(refusal(() => docsRule(3, docs(3)))).toBeNull();
    expect(refusal(() => docsRule(3, [{ name: "推荐材料", paper: true }]))).toContain("缺少材料「支委会会议记录」");
    expect(refusal(() => docsRule(3, [...docs(3).slice(0, 1), { name: "支委会会议记录", paper: false }]))).toContain("支委会会议记录");
    expect(refusal(() => docsRule(3, [{ name: "推荐材料", fileId: "f1", paper: false }, docs(3)[1]]))).toBeNull();
    // Steps without documents need none.
    expect(refusal(() => docsRule(5, []))).toBeNull();
    expect(refusal(() => checkStep(input(2, "2025-01-20", { documents: [] }), facts(state(1, { last_step_on: "2025-01-10" }))))).toContain("谈话记录");
  });
});

describe("each step's own conditions", () => {
  it("2: the talk is due within one month of the application, overdue after", () => {
    const a = state(1, { applied_on: "2026-05-10", last_step_on: "2026-05-10" });
    expect(nextStep(a, () => null, { pub: 5, cal: PLAIN_WEEK }, "2026-06-10")).toEqual({ step: 2, earliest: null, due: "2026-06-10", overdue: false });
    expect(nextStep(a, () => null, { pub: 5, cal: PLAIN_WEEK }, "2026-06-11")).toMatchObject({ overdue: true });
  });

  it("5: one or two contact persons, who must be full members", () => {
    const f = facts(state(4));
    expect(refusal(() => checkStep(input(5, "2025-02-01"), f))).toContain("1至2名");
    expect(refusal(() => checkStep(input(5, "2025-02-01", { memberIds: ["a", "b", "c"] }), f))).toContain("1至2名");
    expect(checkStep(input(5, "2025-02-01", { memberIds: ["a", "a"] }), f)).toEqual({
      passed: true,
      fullMembers: { ids: ["a"], what: { zh: "培养联系人", en: "contact persons" } },
    });
  });

  it("7: a candidate after at least a year as an activist", () => {
    const f = facts(state(6, { last_step_on: "2025-03-01" }), { 3: "2025-02-20" });
    expect(refusal(() => checkStep(input(7, "2026-02-19"), f))).toContain("最早2026-02-20");
    expect(checkStep(input(7, "2026-02-20"), f).passed).toBe(true);
    expect(nextStep(f.applicant, f.doneOn, f.publicity, TODAY)).toMatchObject({ step: 7, earliest: "2026-02-20" });
  });

  it("9: exactly two sponsors", () => {
    const f = facts(state(8));
    expect(refusal(() => checkStep(input(9, "2025-02-01", { memberIds: ["a"] }), f))).toContain("2名正式党员");
    expect(refusal(() => checkStep(input(9, "2025-02-01", { memberIds: ["a", "a"] }), f))).toContain("2名正式党员");
    expect(checkStep(input(9, "2025-02-01", { memberIds: ["a", "b"] }), f).fullMembers?.ids).toEqual(["a", "b"]);
  });

  it("10: the political review ends with a written conclusion", () => {
    expect(refusal(() => checkStep(input(10, "2025-02-01"), facts(state(9))))).toContain("结论");
    expect(checkStep(input(10, "2025-02-01", { conclusion: "合格" }), facts(state(9))).passed).toBe(true);
  });

  it("11: central training of at least 24 hours", () => {
    expect(refusal(() => checkStep(input(11, "2025-02-01", { trainingHours: 23.5 }), facts(state(10))))).toContain("24学时");
    expect(refusal(() => checkStep(input(11, "2025-02-01"), facts(state(10))))).toContain("登记0学时");
    expect(checkStep(input(11, "2025-02-01", { trainingHours: 24 }), facts(state(10))).passed).toBe(true);
  });

  it("15: the branch vote after the publicity period, counted in working days", () => {
    const a = state(14, { last_step_on: "2024-09-27" });
    // Fri 27 Sep 2024: Monday to Friday, the fifth working day is Fri 4 Oct.
    expect(refusal(() => checkStep(input(15, "2024-10-03", { vote: vote({}) }), facts(a, { 13: "2024-09-27" })))).toContain("最早2024-10-04");
    expect(checkStep(input(15, "2024-10-04", { vote: vote({}) }), facts(a, { 13: "2024-09-27" })).passed).toBe(true);
    // With the 2024 calendar: the 调休 Sunday counts, the National Day holiday does not.
    const cn = { ...facts(a, { 13: "2024-09-27" }), publicity: { pub: 5, cal: workCalendar(CN_HOLIDAYS_2024_2025, CN_WORKDAYS_2024_2025) } };
    expect(refusal(() => checkStep(input(15, "2024-10-09", { vote: vote({}) }), cn))).toContain("最早2024-10-10");
    expect(nextStep(a, cn.doneOn, cn.publicity, TODAY)).toMatchObject({ step: 15, earliest: "2024-10-10" });
  });

  it("15 and 23: more than half of those due present and in favour, written opinions of absentees counting", () => {
    expect(voteRule(vote({ due: 10, present: 6, yes: 6, no: 0, abstain: 0 }))).toBe(true);
    expect(voteRule(vote({ due: 10, present: 5, yes: 5, no: 0, abstain: 0 }))).toBe(false);
    expect(voteRule(vote({ due: 10, present: 8, yes: 5, no: 2, abstain: 1 }))).toBe(false);
    expect(voteRule(vote({ due: 10, present: 8, yes: 5, no: 2, abstain: 1, writtenYes: 1 }))).toBe(true);
    expect(refusal(() => voteRule(null))).toContain("应到、实到");
    expect(refusal(() => voteRule(vote({ present: 11 })))).toContain("实到人数不能多于应到人数");
    expect(refusal(() => voteRule(vote({ yes: 8 })))).toContain("表决票数不能多于实到人数");
    expect(refusal(() => voteRule(vote({ writtenYes: 3 })))).toContain("书面意见只能来自未到会党员");
    // A failed vote is recorded as failed: allowed, not passed.
    const a = state(14, { last_step_on: "2026-03-03" });
    expect(checkStep(input(15, "2026-03-10", { vote: vote({ present: 5, yes: 5, no: 0, abstain: 0 }) }), facts(a, { 13: "2026-03-02" })).passed).toBe(false);
  });

  it("17: approval within 3 months of the vote (6 with an extension); probation one year from the vote", () => {
    const f = facts(state(16, { last_step_on: "2026-03-20" }), { 15: "2026-03-12" });
    expect(refusal(() => checkStep(input(17, "2026-06-13"), f))).toContain("3个月内审批");
    expect(checkStep(input(17, "2026-06-12"), f)).toEqual({ passed: true, admit: { probationStart: "2026-03-12", probationEnd: "2027-03-12" } });
    const later = { ...f, today: "2026-12-31" };
    expect(refusal(() => checkStep(input(17, "2026-09-13", { extended: true }), later))).toContain("最长6个月");
    expect(checkStep(input(17, "2026-09-12", { extended: true }), later).passed).toBe(true);
  });

  it("17 is due three months after the branch vote, and overdue the day after (no probation dates exist yet)", () => {
    const f = facts(state(16, { last_step_on: "2026-03-20" }), { 15: "2026-03-12" });
    expect(nextStep(f.applicant, f.doneOn, f.publicity, "2026-06-12")).toMatchObject({ step: 17, due: "2026-06-12", overdue: false });
    expect(nextStep(f.applicant, f.doneOn, f.publicity, "2026-06-13")).toMatchObject({ step: 17, due: "2026-06-12", overdue: true });
  });

  it("18–23 are for probationary members; 22 and 23 wait for the end of probation, 23 refuses before it", () => {
    expect(refusal(() => checkStep(input(18, "2025-02-01"), facts(state(17, { status: "active" }))))).toContain("只适用于预备党员");
    const p = state(21, { status: "probationary", last_step_on: "2026-05-20", probation_start: "2025-06-20", probation_end: "2026-06-20" });
    expect(nextStep(p, () => null, { pub: 5, cal: PLAIN_WEEK }, TODAY)).toMatchObject({ step: 22, earliest: "2026-06-20" });
    const at22 = { ...p, last_step: 22 };
    const f = { ...facts(at22), today: "2026-07-01" };
    expect(refusal(() => checkStep(input(23, "2026-06-19", { vote: vote({}) }), f))).toContain("预备期满");
    expect(checkStep(input(23, "2026-06-20", { vote: vote({}) }), f).passed).toBe(true);
  });

  it("24: a probationary member becomes a full member", () => {
    const p = state(23, { status: "probationary", last_step_on: "2026-06-01", probation_end: "2026-05-01" });
    expect(checkStep(input(24, "2026-06-10"), facts(p))).toEqual({ passed: true, becomeFull: true });
    expect(refusal(() => checkStep(input(24, "2026-06-10"), facts({ ...p, status: "active" })))).toContain("只有预备党员可以转正");
  });

  it("probation is extended once, before the vote on full membership", () => {
    expect(refusal(() => extensionRule({ status: "probationary", extended_months: 0, last_step: 21 }))).toBeNull();
    expect(refusal(() => extensionRule({ status: "probationary", extended_months: 6, last_step: 21 }))).toContain("只能延长一次");
    expect(refusal(() => extensionRule({ status: "probationary", extended_months: 0, last_step: 23 }))).toContain("转正表决后");
    expect(refusal(() => extensionRule({ status: "active", extended_months: 0, last_step: 10 }))).toContain("只有预备党员");
  });
});
