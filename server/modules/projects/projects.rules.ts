import type { ProjectKind, ProjectStage, ProjectStep, SurveyAnswer } from "../../../contracts/projects.js";
import { PROJECT_KIND_LABELS, PROJECT_STAGE_LABELS } from "../../../contracts/projects.js";
import { addWorkingDays, type WorkCalendar } from "../../platform/workdays.js";

// The rules of a 民生微实事 project's life (DOMAIN.md §7), pure: which step may follow which, the
// council's vote, the publicity period in working days, the budget caps at 立项, the payments
// against the budget, the satisfaction rate. The services call these inside their transactions.

export type Msg = { zh: string; en: string };

/** 1234567 fen → "12,345.67元" / "12,345.67 yuan", for the figures a refusal shows. */
export function yuan(fen: number): Msg {
  const s = (fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return { zh: `${s}元`, en: `${s} yuan` };
}

/** What a step needs of the project. */
export type StepState = {
  stage: ProjectStage;
  today: string;
  publicityEndsOn: string | null;
  openObjections: number;
  progressPct: number;
  surveyCount: number;
  surveyMin: number;
};

const stageName = (s: ProjectStage) => PROJECT_STAGE_LABELS[s];

/** The stages a step may be taken from, and the rule a refusal states. */
const STEP_RULES: Partial<Record<ProjectStep, { from: ProjectStage[]; rule: Msg }>> = {
  review: { from: ["proposed"], rule: { zh: "初审只能对征集阶段的项目进行", en: "Only a proposed project can be reviewed" } },
  vote: {
    from: ["reviewed"],
    rule: {
      zh: "项目须先通过社区党委初审，方可提交居民议事会评议",
      en: "A project goes to the residents' council only after passing the party committee's review",
    },
  },
  publicise: {
    from: ["voted"],
    rule: { zh: "项目须经居民议事会评议通过后方可公示", en: "A project is publicised only after the residents' council has passed it" },
  },
  objection: { from: ["publicised"], rule: { zh: "异议只能在公示期内提出", en: "Objections are taken during the publicity period only" } },
  objection_resolved: {
    from: ["publicised", "approved", "implementing"],
    rule: { zh: "该项目没有可处理的异议", en: "This project has no objection to answer" },
  },
  approve: {
    from: ["publicised"],
    rule: {
      zh: "项目须公示期满且异议均已处理后方可立项",
      en: "A project is approved only after its publicity period has ended and every objection is answered",
    },
  },
  progress: { from: ["approved", "implementing"], rule: { zh: "立项后、验收前方可报告实施进度", en: "Progress is reported between approval and acceptance" } },
  payment: {
    from: ["approved", "implementing"],
    rule: { zh: "立项后、验收前方可支付（尾款须在验收前支付）", en: "Payments are made between approval and acceptance (the balance before acceptance)" },
  },
  accept: {
    from: ["implementing"],
    rule: { zh: "项目须在实施中且进度达到100%方可验收", en: "A project is accepted only while in implementation, with its progress at 100%" },
  },
  evaluate: {
    from: ["accepted"],
    rule: { zh: "项目须验收后、收到足够的满意度答卷方可评价", en: "A project is evaluated after acceptance, once enough survey answers are in" },
  },
  cancel: {
    from: ["proposed", "reviewed", "voted", "publicised", "approved", "implementing"],
    rule: { zh: "已验收、已评价或已结束的项目不能撤销", en: "An accepted, evaluated or closed project cannot be cancelled" },
  },
};

/** Why a step cannot be taken now (null: it may). The message names the rule and where the project stands. */
export function stepRefusal(step: ProjectStep, s: StepState): Msg | null {
  const r = STEP_RULES[step];
  if (!r) return null;
  const now = stageName(s.stage);
  const refuse = (extra?: Msg): Msg => ({
    zh: `${r.rule.zh}（当前阶段：${now.zh}${extra ? `；${extra.zh}` : ""}）`,
    en: `${r.rule.en} (now: ${now.en}${extra ? `; ${extra.en}` : ""})`,
  });
  if (!r.from.includes(s.stage)) return refuse();
  if (step === "objection" && s.publicityEndsOn && s.today > s.publicityEndsOn)
    return refuse({ zh: `公示期已于${s.publicityEndsOn}结束`, en: `the publicity period ended on ${s.publicityEndsOn}` });
  if (step === "approve") {
    if (s.publicityEndsOn && s.today <= s.publicityEndsOn)
      return refuse({ zh: `公示期至${s.publicityEndsOn}，期满后方可立项`, en: `publicity runs until ${s.publicityEndsOn}` });
    if (s.openObjections > 0) return refuse({ zh: `尚有${s.openObjections}条异议未处理`, en: `${s.openObjections} objection(s) not yet answered` });
  }
  if (step === "accept" && s.progressPct < 100) return refuse({ zh: `当前进度${s.progressPct}%`, en: `progress is ${s.progressPct}%` });
  if (step === "evaluate" && s.surveyCount < s.surveyMin)
    return refuse({ zh: `已收到${s.surveyCount}份答卷，至少需要${s.surveyMin}份`, en: `${s.surveyCount} answers in, at least ${s.surveyMin} needed` });
  return null;
}

/** The steps open now (what the detail page offers). */
export function nextSteps(s: StepState): ProjectStep[] {
  return (Object.keys(STEP_RULES) as ProjectStep[]).filter((k) => k !== "objection_resolved" && !stepRefusal(k, s));
}

/** A stage's order (rejected and cancelled last). */
export const stageRank = (s: ProjectStage) =>
  ["proposed", "reviewed", "voted", "publicised", "approved", "implementing", "accepted", "evaluated", "rejected", "cancelled"].indexOf(s);

/** The council's vote on one project: refused when more votes are cast than members present. */
export function voteRefusal(v: { present: number; votesFor: number; votesAgainst: number; abstentions: number }, title: string): Msg | null {
  const cast = v.votesFor + v.votesAgainst + v.abstentions;
  if (cast > v.present)
    return {
      zh: `项目「${title}」的票数（赞成${v.votesFor}、反对${v.votesAgainst}、弃权${v.abstentions}，共${cast}票）多于到会成员${v.present}人`,
      en: `${title}: ${cast} votes cast (${v.votesFor} for, ${v.votesAgainst} against, ${v.abstentions} abstaining) but only ${v.present} members present`,
    };
  return null;
}

/** Passed when the votes for are more than `share` of the members present (default: more than half). */
export const votePasses = (votesFor: number, present: number, share: number) => votesFor > present * share;

/** The last day of the publicity period: `days` working days after the day it starts (that day not counted). */
export const publicityEnd = (start: string, days: number, cal: WorkCalendar) => addWorkingDays(start, days, cal);

/** 立项: the project's budget within its kind's cap, and the year's committed budget within the community's. */
export function approvalRefusal(a: {
  kind: ProjectKind;
  budgetFen: number;
  capFen: number;
  committedFen: number;
  annualFen: number;
  year: number;
}): Msg | null {
  const k = PROJECT_KIND_LABELS[a.kind];
  if (a.budgetFen > a.capFen) {
    const b = yuan(a.budgetFen);
    const c = yuan(a.capFen);
    return {
      zh: `项目预算${b.zh}超过${k.zh}项目上限${c.zh}`,
      en: `The budget of ${b.en} is over the cap of ${c.en} for a ${k.en.toLowerCase()} project`,
    };
  }
  if (a.committedFen + a.budgetFen > a.annualFen) {
    const [b, used, total, left] = [yuan(a.budgetFen), yuan(a.committedFen), yuan(a.annualFen), yuan(Math.max(0, a.annualFen - a.committedFen))];
    return {
      zh: `${a.year}年度社区预算${total.zh}已立项${used.zh}，剩余${left.zh}，不足本项目预算${b.zh}`,
      en: `The community's ${a.year} budget is ${total.en}, ${used.en} already committed, ${left.en} left: not enough for a budget of ${b.en}`,
    };
  }
  return null;
}

/** A payment that takes the project over its budget is refused, with the figures. */
export function paymentRefusal(p: { budgetFen: number; spentFen: number; amountFen: number }): Msg | null {
  if (p.spentFen + p.amountFen <= p.budgetFen) return null;
  const [a, s, b] = [yuan(p.amountFen), yuan(p.spentFen), yuan(p.budgetFen)];
  return {
    zh: `支付${a.zh}后累计支出将超过项目预算${b.zh}（已支付${s.zh}）`,
    en: `A payment of ${a.en} would take the spend over the budget of ${b.en} (${s.en} paid so far)`,
  };
}

/** Monthly progress: one report a month, from the month of 立项, never going back. */
export function progressRefusal(p: {
  month: string;
  percent: number;
  approvedOn: string;
  today: string;
  last: { month: string; percent: number } | null;
}): Msg | null {
  if (p.month < p.approvedOn.slice(0, 7))
    return {
      zh: `进度月份${p.month}早于立项月份${p.approvedOn.slice(0, 7)}`,
      en: `The month ${p.month} is before the month of approval ${p.approvedOn.slice(0, 7)}`,
    };
  if (p.month > p.today.slice(0, 7)) return { zh: `进度月份${p.month}尚未到来`, en: `The month ${p.month} has not come yet` };
  if (p.last && p.month <= p.last.month)
    return { zh: `${p.last.month}已报告进度，请报告之后月份的进度`, en: `Progress was reported for ${p.last.month}; report a later month` };
  if (p.last && p.percent < p.last.percent)
    return { zh: `进度不能低于上月的${p.last.percent}%`, en: `Progress cannot fall below last report's ${p.last.percent}%` };
  return null;
}

/** Satisfaction rate: (满意 + 基本满意) ÷ answers; null without answers. */
export function satisfactionOf(answers: Record<SurveyAnswer, number>): { total: number; rate: number | null } {
  const total = answers.satisfied + answers.fair + answers.unsatisfied;
  return { total, rate: total ? Math.round(((answers.satisfied + answers.fair) / total) * 10000) / 10000 : null };
}

/** A step's date: not in the future, not before the step before it. */
export function stepDateRefusal(on: string, today: string, after: string | null): Msg | null {
  if (on > today) return { zh: `日期${on}不能晚于今天（${today}）`, en: `The date ${on} cannot be after today (${today})` };
  if (after && on < after) return { zh: `日期${on}不能早于上一步骤的日期${after}`, en: `The date ${on} cannot be before the previous step's date ${after}` };
  return null;
}
