import { z } from "zod";
import { ZDate } from "./platform.js";

// 民生微实事 micro-projects (DOMAIN.md §7): 征集 → 初审 → 居民议事会评议 → 公示 → 立项 → 实施 →
// 验收 → 评价. Shared by the API routes, the public phone pages and the web forms. Money in fen.

type Msg = { zh: string; en: string };
const labels = <K extends string>(m: Record<K, Msg>) => m;

export const PROJECT_KINDS = ["service", "goods", "works"] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS = labels<ProjectKind>({
  service: { zh: "服务类", en: "Service" },
  goods: { zh: "货物类", en: "Goods" },
  works: { zh: "工程类", en: "Works" },
});

/** The stages in their order; rejected and cancelled end a project early. */
export const PROJECT_STAGES = [
  "proposed",
  "reviewed",
  "voted",
  "publicised",
  "approved",
  "implementing",
  "accepted",
  "evaluated",
  "rejected",
  "cancelled",
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS = labels<ProjectStage>({
  proposed: { zh: "征集", en: "Proposed" },
  reviewed: { zh: "初审通过", en: "Passed review" },
  voted: { zh: "议事会通过", en: "Passed the council vote" },
  publicised: { zh: "公示中", en: "Under publicity" },
  approved: { zh: "已立项", en: "Approved" },
  implementing: { zh: "实施中", en: "In implementation" },
  accepted: { zh: "已验收", en: "Accepted" },
  evaluated: { zh: "已评价", en: "Evaluated" },
  rejected: { zh: "未通过", en: "Rejected" },
  cancelled: { zh: "已撤销", en: "Cancelled" },
});

export const PROPOSER_KINDS = ["resident", "organisation", "staff"] as const;
export const PROPOSER_KIND_LABELS = labels<(typeof PROPOSER_KINDS)[number]>({
  resident: { zh: "居民", en: "Resident" },
  organisation: { zh: "组织", en: "Organisation" },
  staff: { zh: "社区工作人员", en: "Community staff" },
});

export const SURVEY_ANSWERS = ["satisfied", "fair", "unsatisfied"] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];
export const SURVEY_ANSWER_LABELS = labels<SurveyAnswer>({
  satisfied: { zh: "满意", en: "Satisfied" },
  fair: { zh: "基本满意", en: "Fairly satisfied" },
  unsatisfied: { zh: "不满意", en: "Not satisfied" },
});

/** The steps a timeline shows. */
export const PROJECT_STEPS = [
  "propose",
  "review",
  "vote",
  "publicise",
  "objection",
  "objection_resolved",
  "approve",
  "progress",
  "payment",
  "payment_void",
  "accept",
  "evaluate",
  "cancel",
] as const;
export type ProjectStep = (typeof PROJECT_STEPS)[number];
export const PROJECT_STEP_LABELS = labels<ProjectStep>({
  propose: { zh: "征集（提出项目）", en: "Proposed" },
  review: { zh: "初审", en: "Review" },
  vote: { zh: "居民议事会评议", en: "Residents' council vote" },
  publicise: { zh: "公示", en: "Publicity" },
  objection: { zh: "公示异议", en: "Objection" },
  objection_resolved: { zh: "异议处理", en: "Objection answered" },
  approve: { zh: "立项", en: "Approval" },
  progress: { zh: "实施进度", en: "Progress" },
  payment: { zh: "支付", en: "Payment" },
  payment_void: { zh: "支付作废", en: "Payment voided" },
  accept: { zh: "验收", en: "Acceptance" },
  evaluate: { zh: "评价", en: "Evaluation" },
  cancel: { zh: "撤销", en: "Cancelled" },
});

const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZFen = z.number().int().min(0).max(100_000_000_000);
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM / month must be YYYY-MM");

export const ZProjectCreate = z.object({
  communityId: z.string().min(1).max(64),
  title: ZText(80),
  kind: z.enum(PROJECT_KINDS),
  place: ZText(120),
  reason: ZText(2000),
  estimatedFen: ZFen,
  proposerKind: z.enum(PROPOSER_KINDS),
  proposerName: ZText(60),
  proposerPhone: z
    .string()
    .regex(/^1\d{10}$/, "手机号应为11位 / phone must be 11 digits")
    .nullish(),
  proposerOrgId: z.string().max(64).nullish(),
  proposedOn: ZDate.optional(),
});
export type TProjectCreate = z.infer<typeof ZProjectCreate>;

/** A step's date: today unless given (a record entered afterwards); never in the future. */
const ZOn = { on: ZDate.optional() };

export const ZReview = z.object({ passed: z.boolean(), note: z.string().trim().max(500).default(""), ...ZOn });
export type TReview = z.infer<typeof ZReview>;

export const ZMeetingCreate = z.object({
  communityId: z.string().min(1).max(64),
  title: ZText(80),
  heldOn: ZDate,
  membersPresent: z.number().int().min(1).max(1000),
  votes: z
    .array(
      z.object({
        projectId: z.string().min(1).max(64),
        votesFor: z.number().int().min(0),
        votesAgainst: z.number().int().min(0).default(0),
        abstentions: z.number().int().min(0).default(0),
      }),
    )
    .min(1)
    .max(50),
});
export type TMeetingCreate = z.infer<typeof ZMeetingCreate>;

export const ZPublicise = z.object({ ...ZOn });
export const ZObjection = z.object({ byName: ZText(60), content: ZText(1000), ...ZOn });
export const ZObjectionResolve = z.object({ resolution: ZText(1000), ...ZOn });

export const ZApprove = z.object({
  budgetFen: ZFen.refine((v) => v > 0, "预算须大于0 / budget must be above 0"),
  contractor: ZText(120),
  plannedStart: ZDate,
  plannedEnd: ZDate,
  ...ZOn,
});
export type TApprove = z.infer<typeof ZApprove>;

export const ZProgress = z.object({
  month: ZMonth,
  percent: z.number().int().min(0).max(100),
  note: z.string().trim().max(1000).default(""),
  photos: z.array(z.string().min(1).max(64)).max(20).default([]),
  ...ZOn,
});
export type TProgress = z.infer<typeof ZProgress>;

export const ZPayment = z.object({
  paidOn: ZDate,
  amountFen: ZFen.refine((v) => v > 0, "金额须大于0 / amount must be above 0"),
  voucher: ZText(60),
  payee: z.string().trim().max(120).default(""),
  note: z.string().trim().max(500).default(""),
});
export type TPayment = z.infer<typeof ZPayment>;
export const ZVoid = z.object({ reason: ZText(500) });

export const ZAccept = z.object({
  acceptors: z.array(ZText(40)).min(1).max(20),
  passed: z.boolean(),
  note: z.string().trim().max(1000).default(""),
  ...ZOn,
});
export type TAccept = z.infer<typeof ZAccept>;

export const ZSurveyAnswer = z.object({
  answer: z.enum(SURVEY_ANSWERS),
  comment: z.string().trim().max(500).default(""),
});
export type TSurveyAnswer = z.infer<typeof ZSurveyAnswer>;
export const ZEvaluate = z.object({ ...ZOn });
export const ZCancel = z.object({ reason: ZText(500), ...ZOn });

export const ZProjectQuery = z.object({
  communityId: z.string().max(64).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().max(80).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TProjectQuery = z.infer<typeof ZProjectQuery>;

export const ZProject = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  year: z.number(),
  title: z.string(),
  kind: z.enum(PROJECT_KINDS),
  place: z.string(),
  reason: z.string(),
  estimatedFen: z.number(),
  proposerKind: z.enum(PROPOSER_KINDS),
  /** Masked (张*) unless an organisation or staff. */
  proposerName: z.string(),
  proposerPhone: z.string().nullable(),
  proposedOn: z.string(),
  stage: z.enum(PROJECT_STAGES),
  publicityEndsOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  budgetFen: z.number().nullable(),
  contractor: z.string().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  progressPct: z.number(),
  spentFen: z.number(),
  acceptedOn: z.string().nullable(),
  acceptors: z.array(z.string()),
  evaluatedOn: z.string().nullable(),
  satisfaction: z.number().nullable(),
  surveyCount: z.number(),
  closedOn: z.string().nullable(),
  closeReason: z.string().nullable(),
});
export type TProject = z.infer<typeof ZProject>;

export const ZTimelineEntry = z.object({
  id: z.string(),
  step: z.enum(PROJECT_STEPS),
  on: z.string(),
  at: z.string(),
  actor: z.string(),
  note: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export const ZVoteRow = z.object({
  meetingId: z.string(),
  title: z.string(),
  heldOn: z.string(),
  membersPresent: z.number(),
  votesFor: z.number(),
  votesAgainst: z.number(),
  abstentions: z.number(),
  passed: z.boolean(),
});
export const ZObjectionRow = z.object({
  id: z.string(),
  receivedOn: z.string(),
  byName: z.string(),
  content: z.string(),
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
});
export const ZProgressRow = z.object({
  id: z.string(),
  month: z.string(),
  reportedOn: z.string(),
  percent: z.number(),
  note: z.string(),
  photos: z.array(z.string()),
});
export const ZPaymentRow = z.object({
  id: z.string(),
  paidOn: z.string(),
  amountFen: z.number(),
  voucher: z.string(),
  payee: z.string(),
  note: z.string(),
  voided: z.boolean(),
  voidReason: z.string().nullable(),
});
export const ZSurveySummary = z.object({ satisfied: z.number(), fair: z.number(), unsatisfied: z.number(), total: z.number(), rate: z.number().nullable() });

export const ZProjectDetail = ZProject.extend({
  timeline: z.array(ZTimelineEntry),
  votes: z.array(ZVoteRow),
  objections: z.array(ZObjectionRow),
  progress: z.array(ZProgressRow),
  payments: z.array(ZPaymentRow),
  survey: ZSurveySummary,
  /** The steps the project may take now (the page offers only these). */
  next: z.array(z.enum(PROJECT_STEPS)),
});
export type TProjectDetail = z.infer<typeof ZProjectDetail>;

export const ZBudgetQuery = z.object({ communityId: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) });
export const ZBudget = z.object({
  communityId: z.string(),
  year: z.number(),
  annualFen: z.number(),
  committedFen: z.number(),
  paidFen: z.number(),
  leftFen: z.number(),
  byKind: z.array(z.object({ kind: z.enum(PROJECT_KINDS), capFen: z.number(), projects: z.number(), committedFen: z.number(), paidFen: z.number() })),
});
export type TBudget = z.infer<typeof ZBudget>;

// The public (no account) side: what a resident sends and sees. Nothing personal comes back.
export const ZPublicPropose = z.object({
  communityId: z.string().min(1).max(64),
  title: ZText(80),
  kind: z.enum(PROJECT_KINDS),
  place: ZText(120),
  reason: ZText(2000),
  estimatedYuan: z.number().min(0).max(10_000_000),
  name: ZText(40),
  phone: z.string().regex(/^1\d{10}$/, "手机号应为11位 / phone must be 11 digits"),
});
export const ZPublicProject = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  kind: z.enum(PROJECT_KINDS),
  place: z.string(),
  stage: z.enum(PROJECT_STAGES),
  proposedOn: z.string(),
  budgetFen: z.number().nullable(),
  spentFen: z.number(),
  progressPct: z.number(),
  contractor: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  satisfaction: z.number().nullable(),
  surveyOpen: z.boolean(),
});
export type TPublicProject = z.infer<typeof ZPublicProject>;
export const ZPublicProjectDetail = ZPublicProject.extend({
  reason: z.string(),
  publicityEndsOn: z.string().nullable(),
  steps: z.array(z.object({ step: z.enum(PROJECT_STEPS), on: z.string(), note: z.string() })),
  progress: z.array(z.object({ month: z.string(), percent: z.number(), note: z.string(), photos: z.array(z.string()) })),
  acceptance: z.object({ on: z.string(), acceptors: z.array(z.string()), note: z.string() }).nullable(),
  survey: ZSurveySummary,
});
export type TPublicProjectDetail = z.infer<typeof ZPublicProjectDetail>;
