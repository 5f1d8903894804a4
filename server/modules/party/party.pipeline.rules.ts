import { APPROVAL_STEPS, STEPS, type TStepRecord } from "../../../contracts/party.js";
import type { RegionLevel } from "../../db/types.js";
import { addMonths } from "../../platform/dates.js";
import { AppError, errors, type Msg } from "../../platform/errors.js";
import { levelRank } from "../../platform/scope.js";
import { notPast, rule } from "./party.common.js";
import type { PartyApplicantTable } from "./party.tables.js";
import { addWorkingDays, type WorkCalendar } from "./party.workdays.js";

// The rules of the 25-step development pipeline [A] (DOMAIN.md §5), pure: which step may follow,
// the time rules, each step's document checklist and its own conditions. The service reads the
// record, asks these rules, and carries out what they decide.

export const stepName = (n: number) => STEPS[n - 1];
export const stepLabel = (n: number): Msg => ({ zh: `第${n}步「${stepName(n).zh}」`, en: `step ${n} (${stepName(n).en})` });

/** The publicity period [B] in working days and the calendar it is counted in (settings). */
export type PublicityRules = { pub: number; cal: WorkCalendar };

/** What the rules need of an applicant's record. */
export type ApplicantState = Pick<PartyApplicantTable, "status" | "last_step" | "last_step_on" | "applied_on" | "probation_start" | "probation_end">;

/** The facts a step is judged on: the record, when earlier steps were passed, the publicity rules, today. */
export type StepFacts = { applicant: ApplicantState; doneOn: (step: number) => string | null; publicity: PublicityRules; today: string };

/** What a step, once allowed, does beyond being recorded. */
export type StepEffect = {
  /** A vote that misses the majority is recorded as failed; the applicant stays where they were. */
  passed: boolean;
  /** Member ids named at the step that must be full members of the community (contact persons, sponsors). */
  fullMembers?: { ids: string[]; what: Msg };
  /** Step 17: admitted as a probationary member, probation one year from the branch vote [A]. */
  admit?: { probationStart: string; probationEnd: string };
  /** Step 24: a full member, from the end of probation. */
  becomeFull?: true;
};

/** The next step of an applicant and its time rules: the earliest day it may be done, the day it is due by. */
export function nextStep(a: ApplicantState, doneOn: (step: number) => string | null, { pub, cal }: PublicityRules, today: string) {
  if (a.status === "stopped" || a.last_step >= 25) return null;
  const n = a.last_step + 1;
  let earliest: string | null = null;
  let due: string | null = null;
  // The talk within one month of the application.
  if (n === 2) due = addMonths(a.applied_on, 1);
  // Trained and observed for at least a year as an activist before becoming a candidate.
  const s3 = doneOn(3);
  if (n === 7 && s3) earliest = addMonths(s3, 12);
  // The publicity period before the branch vote, in working days.
  const s13 = doneOn(13);
  if (n === 15 && s13) earliest = addWorkingDays(s13, pub, cal);
  // The higher committee's approval within 3 months of the branch vote (step 15) [A]; an approved
  // extension (up to 6) is recorded with the approval itself, so the plain limit is the due date.
  const s15 = doneOn(15);
  if (n === 17 && s15) due = addMonths(s15, 3);
  // Full membership once probation ends.
  if ((n === 22 || n === 23) && a.probation_end) earliest = a.probation_end;
  return { step: n, earliest, due, overdue: !!due && today > due };
}

/** Steps 17 and 24 are the subdistrict's approvals, done through Approve; nothing else is. */
export function approvalRule(n: number, approving: boolean) {
  const isApproval = (APPROVAL_STEPS as readonly number[]).includes(n);
  if (isApproval && !approving)
    throw rule(`${stepLabel(n).zh}由街道党工委审批，请使用「审批」`, `${stepLabel(n).en} is decided by the subdistrict party working committee: use Approve`);
  if (!isApproval && approving) throw errors.badRequest("只有第17、24步是审批", "Only steps 17 and 24 are approvals");
}

/** A 社区党委 does not approve 预备党员: the 街道党工委 does [A]. `level` is the approver's own region's. */
export function approverRule(level: RegionLevel | null) {
  if (!level || levelRank(level) > levelRank("subdistrict"))
    throw new AppError(403, "PARTY_RULE", {
      zh: "社区党委无权审批预备党员的接收和转正，须由街道党工委审批",
      en: "A community party committee does not approve probationary or full membership: the subdistrict party working committee does",
    });
}

/** Steps go in order, one after another, on or after the day of the previous one, never in the future. */
export function orderRule(a: ApplicantState, n: number, doneOn: string, today: string) {
  if (a.status === "stopped" || (a.status === "full" && a.last_step >= 25))
    throw errors.conflict("该申请人的发展流程已结束", "This applicant's pipeline has ended");
  const expected = a.last_step + 1;
  if (n !== expected) {
    if (n <= a.last_step) throw rule(`${stepLabel(n).zh}已办理`, `${stepLabel(n).en} is already done`);
    throw rule(
      `须按顺序办理：下一步是${stepLabel(expected).zh}，不能跳到${stepLabel(n).zh}`,
      `Steps go in order: the next is ${stepLabel(expected).en}, not ${stepLabel(n).en}`,
    );
  }
  notPast(doneOn, today, { zh: "办理日期", en: "Step date" });
  if (doneOn < a.last_step_on)
    throw rule(`${stepLabel(n).zh}的日期不能早于上一步（${a.last_step_on}）`, `${stepLabel(n).en} cannot precede the previous step (${a.last_step_on})`);
}

/** Each step's document checklist: every document uploaded or marked filed on paper. */
export function docsRule(n: number, docs: TStepRecord["documents"]) {
  for (const d of stepName(n).docs) {
    const got = docs.find((x) => x.name === d);
    if (!got || !(got.fileId || got.paper))
      throw rule(
        `${stepLabel(n).zh}缺少材料「${d}」：请上传或标记为纸质已归档`,
        `${stepLabel(n).en} lacks the document "${d}": upload it or mark it filed on paper`,
      );
  }
}

/** The branch general meeting's vote [A]: more than half of those due present, more than half of those due in favour (written opinions count). */
export function voteRule(v: TStepRecord["vote"]): boolean {
  if (!v) throw errors.badRequest("支部大会表决须登记应到、实到和表决票数", "A branch vote needs members due, present and the votes");
  if (v.present > v.due) throw errors.badRequest("实到人数不能多于应到人数", "More members present than due");
  if (v.yes + v.no + v.abstain > v.present) throw errors.badRequest("表决票数不能多于实到人数", "More votes than members present");
  if (v.writtenYes + v.writtenNo > v.due - v.present) throw errors.badRequest("书面意见只能来自未到会党员", "Written opinions come only from absent members");
  return v.present * 2 > v.due && (v.yes + v.writtenYes) * 2 > v.due;
}

export const CENTRAL_TRAINING_HOURS = 24;

type StepRule = (input: TStepRecord, f: StepFacts) => Omit<StepEffect, "passed"> & { passed?: boolean };

/** The conditions of the steps that have their own, step by step. */
export const STEP_RULES: Partial<Record<number, StepRule>> = {
  // 1–2 full members as contact persons.
  5: (input) => {
    const ids = [...new Set(input.memberIds)];
    if (ids.length < 1 || ids.length > 2) throw rule("须指定1至2名正式党员作为培养联系人", "One or two full members are assigned as contact persons");
    return { fullMembers: { ids, what: { zh: "培养联系人", en: "contact persons" } } };
  },
  // At least a year of training and observation as an activist.
  7: (input, f) => {
    const s3 = f.doneOn(3) as string;
    const earliest = addMonths(s3, 12);
    if (input.doneOn < earliest)
      throw rule(
        `确定为发展对象须经一年以上的培养教育和考察：确定为积极分子于${s3}，最早${earliest}`,
        `An activist is trained and observed for at least one year before becoming a candidate: activist since ${s3}, earliest ${earliest}`,
      );
    return {};
  },
  // Two full members as sponsors.
  9: (input) => {
    const ids = [...new Set(input.memberIds)];
    if (ids.length !== 2) throw rule("须有2名正式党员作入党介绍人", "Two full members act as sponsors");
    return { fullMembers: { ids, what: { zh: "入党介绍人", en: "sponsors" } } };
  },
  // The political review ends with a written conclusion.
  10: (input) => {
    if (!input.conclusion) throw rule("政治审查须形成结论性材料，请填写审查结论", "A political review ends with a written conclusion: enter it");
    return {};
  },
  // Central training of at least 3 days or 24 hours.
  11: (input) => {
    if ((input.trainingHours ?? 0) < CENTRAL_TRAINING_HOURS)
      throw rule(
        `发展对象须经集中培训，时间不少于3天或24学时（登记${input.trainingHours ?? 0}学时）`,
        `Central training of at least 3 days or 24 hours (${input.trainingHours ?? 0} h recorded)`,
      );
    return {};
  },
  // The branch vote after the publicity period.
  15: (input, f) => {
    const s13 = f.doneOn(13) as string;
    const { pub, cal } = f.publicity;
    const earliest = addWorkingDays(s13, pub, cal);
    if (input.doneOn < earliest)
      throw rule(
        `支部大会讨论前须公示${pub}个工作日：公示始于${s13}，最早${earliest}`,
        `Publicity of ${pub} working days before the branch vote: from ${s13}, earliest ${earliest}`,
      );
    return { passed: voteRule(input.vote) };
  },
  // Approval within 3 months of the vote (6 with an approved extension); probation one year from the vote.
  17: (input, f) => {
    const s15 = f.doneOn(15) as string;
    const limit = addMonths(s15, input.extended ? 6 : 3);
    if (input.doneOn > limit)
      throw rule(
        input.extended
          ? `审批期限最长6个月：支部大会于${s15}，期限至${limit}`
          : `上级党委应在支部大会通过后3个月内审批（特殊情况经批准可延至6个月）：支部大会于${s15}，期限至${limit}`,
        input.extended
          ? `Approval within at most 6 months: vote on ${s15}, limit ${limit}`
          : `Approval within 3 months of the branch vote (6 with an approved extension): vote on ${s15}, limit ${limit}`,
      );
    return { admit: { probationStart: s15, probationEnd: addMonths(s15, 12) } };
  },
  // The vote on full membership once probation ends.
  23: (input, f) => {
    const end = f.applicant.probation_end;
    if (end && input.doneOn < end)
      throw rule(`预备期满方可讨论转正：预备期至${end}`, `Full membership is discussed when probation ends: probation until ${end}`);
    return { passed: voteRule(input.vote) };
  },
  24: (_input, f) => {
    if (f.applicant.status !== "probationary") throw errors.conflict("只有预备党员可以转正", "Only a probationary member becomes a full member");
    return { becomeFull: true };
  },
};

/**
 * Whether a step may be recorded now, and what it does: in order, dated, with its documents, and
 * meeting its own conditions. Approvals (17, 24) are checked by `approvalRule` and `approverRule` first.
 */
export function checkStep(input: TStepRecord, f: StepFacts): StepEffect {
  const n = input.step;
  orderRule(f.applicant, n, input.doneOn, f.today);
  docsRule(n, input.documents);
  const own = STEP_RULES[n]?.(input, f) ?? {};
  // The probation's steps are for probationary members.
  if (n >= 18 && n <= 23 && f.applicant.status !== "probationary") throw errors.conflict("该步骤只适用于预备党员", "This step is for probationary members");
  return { ...own, passed: own.passed ?? true };
}

/** Probation can be extended once, by 6–12 months, until the vote on full membership [A]. */
export function extensionRule(a: Pick<PartyApplicantTable, "status" | "extended_months" | "last_step">) {
  if (a.status !== "probationary") throw errors.conflict("只有预备党员可以延长预备期", "Only a probationary member's probation can be extended");
  if (a.extended_months > 0) throw rule("预备期只能延长一次（6至12个月）", "Probation can be extended once only (6–12 months)");
  if (a.last_step >= 23) throw errors.conflict("转正表决后不能延长预备期", "Probation cannot be extended after the vote on full membership");
}

/** Applicants are at least 18 when they apply [A]. */
export function ageRule(name: string, age: number | null) {
  if (age === null) throw errors.badRequest("人员缺少出生日期，无法核对年龄", "The person has no birth date to check the age against");
  if (age < 18) throw rule(`申请入党须年满18周岁（${name}申请时${age}岁）`, `An applicant must be at least 18 years old (${name} was ${age})`);
}
