import { z } from "zod";
import { ZVoidedFilter, ZVoiding } from "./platform.js";

// 民意速办 appeals and events (DOMAIN.md §1): vocabularies and the schemas shared by routes and forms.

type L = { zh: string; en: string };

export const CHANNELS = ["mysb", "12345", "phone", "walkin", "grid", "inspection", "night_patrol", "tea_talk", "survey", "online", "other"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, L> = {
  mysb: { zh: "民意速办平台", en: "Minyi Suban platform" },
  "12345": { zh: "12345热线/i深圳", en: "12345 hotline / iShenzhen" },
  phone: { zh: "电话", en: "Phone" },
  walkin: { zh: "来访", en: "Walk-in" },
  grid: { zh: "网格巡查", en: "Grid patrol" },
  inspection: { zh: "智能巡检", en: "Smart inspection" },
  night_patrol: { zh: "夜巡", en: "Night patrol" },
  tea_talk: { zh: "书记茶话会", en: "Secretary's tea talk" },
  survey: { zh: "社区丈量", en: "Community survey" },
  online: { zh: "网上提交", en: "Online form" },
  other: { zh: "其他", en: "Other" },
};

export const CASE_KINDS = ["appeal", "event"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, L> = { appeal: { zh: "诉求", en: "Appeal" }, event: { zh: "事件", en: "Event" } };

export const APPEAL_TYPES = ["consult", "help", "complaint", "report", "suggestion"] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];
export const APPEAL_TYPE_LABELS: Record<AppealType, L> = {
  consult: { zh: "咨询", en: "Enquiry" },
  help: { zh: "求助", en: "Request for help" },
  complaint: { zh: "投诉", en: "Complaint" },
  report: { zh: "举报", en: "Report" },
  suggestion: { zh: "建议", en: "Suggestion" },
};

export const URGENCIES = ["normal", "urgent", "supervised"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, L> = {
  normal: { zh: "一般件", en: "Normal" },
  urgent: { zh: "紧急件", en: "Urgent" },
  supervised: { zh: "督办件", en: "Supervised" },
};

/** The state machine's states. closed = 已办结, waiting for the return visit (events skip it). */
export const STATUSES = ["registered", "dispatched", "handling", "closed", "archived", "merged"] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, L> = {
  registered: { zh: "待派单", en: "To dispatch" },
  dispatched: { zh: "待签收", en: "To sign for" },
  handling: { zh: "办理中", en: "In hand" },
  closed: { zh: "已办结待回访", en: "Closed, to revisit" },
  archived: { zh: "已归档", en: "Archived" },
  merged: { zh: "已合并", en: "Merged" },
};

export const SATISFACTION = ["satisfied", "basic", "unsatisfied"] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, L> = {
  satisfied: { zh: "满意", en: "Satisfied" },
  basic: { zh: "基本满意", en: "Fairly satisfied" },
  unsatisfied: { zh: "不满意", en: "Unsatisfied" },
};

/** Deadline state of an open case. */
export const DEADLINE_STATES = ["ok", "due_soon", "overdue", "done"] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export const DEADLINE_LABELS: Record<DeadlineState, L> = {
  ok: { zh: "正常", en: "On time" },
  due_soon: { zh: "将到期", en: "Due soon" },
  overdue: { zh: "已超期", en: "Overdue" },
  done: { zh: "已完成", en: "Done" },
};

export const ACTION_LABELS: Record<string, L> = {
  register: { zh: "受理登记", en: "Registered" },
  dispatch: { zh: "派单", en: "Dispatched" },
  sign: { zh: "签收", en: "Signed for" },
  contact: { zh: "联系诉求人", en: "Contacted the appellant" },
  extension_request: { zh: "申请延期", en: "Extension requested" },
  extension_approve: { zh: "同意延期", en: "Extension approved" },
  extension_reject: { zh: "驳回延期", en: "Extension refused" },
  return: { zh: "退单", en: "Returned" },
  assist: { zh: "请求协办", en: "Assistance requested" },
  close: { zh: "答复办结", en: "Answered and closed" },
  visit: { zh: "回访", en: "Return visit" },
  reopen: { zh: "不满意重办", en: "Reopened (unsatisfied)" },
  supervise: { zh: "转督办", en: "Put under supervision" },
  archive: { zh: "归档", en: "Archived" },
  merge: { zh: "合并", en: "Merged" },
  merged_in: { zh: "并入重复件", en: "Duplicate merged in" },
  import: { zh: "导入", en: "Imported" },
  import_unknown: { zh: "导入时未知的时间", en: "Times unknown on import" },
  void: { zh: "作废", en: "Voided" },
  restore: { zh: "恢复", en: "Restored" },
};

/** 急难愁盼 and other case tags. */
export const CASE_TAGS = ["急难愁盼", "重复诉求", "疑难复杂", "涉稳", "民生实事"] as const;

const msg = (zh: string, en: string) => `${zh} / ${en}`;
const ZText = (max: number) => z.string().trim().max(max);

export const ZAppealCreate = z
  .object({
    communityId: z.string().min(1),
    channel: z.enum(CHANNELS),
    kind: z.enum(CASE_KINDS),
    appealType: z.enum(APPEAL_TYPES).nullable().optional(),
    categoryCode: z.string().min(1, msg("请选择分类", "choose a category")),
    urgency: z.enum(URGENCIES).default("normal"),
    title: ZText(100).min(2, msg("请填写标题", "give a title")),
    content: ZText(4000).min(2, msg("请填写诉求内容", "describe the case")),
    address: ZText(200).nullable().optional(),
    gridId: z.string().min(1).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    appellantName: ZText(40).nullable().optional(),
    appellantPhone: z
      .string()
      .trim()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, msg("电话格式不正确", "phone must be 11 digits or a landline"))
      .nullable()
      .optional(),
    appellantPersonId: z.string().min(1).nullable().optional(),
    photos: z.array(z.string().min(1)).max(9).optional(),
    tags: z.array(ZText(20).min(1)).max(10).optional(),
    externalNo: ZText(60).nullable().optional(),
  })
  .refine((v) => v.kind === "event" || !!v.appealType, {
    message: msg("诉求须选择类型（咨询/求助/投诉/举报/建议）", "an appeal needs a type"),
    path: ["appealType"],
  })
  .refine((v) => (v.lat == null) === (v.lng == null), { message: msg("经纬度须同时填写", "give both latitude and longitude"), path: ["lat"] });
export type TAppealCreate = z.infer<typeof ZAppealCreate>;
/** A registration as a caller writes it (defaults not yet applied). */
export type TAppealCreateInput = z.input<typeof ZAppealCreate>;

export const ZAssignment = z.object({
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  lead: z.boolean(),
  assignedAt: z.string(),
});

export const ZAppeal = z.object({
  id: z.string(),
  trackingNo: z.string(),
  externalNo: z.string().nullable(),
  communityId: z.string(),
  communityName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  channel: z.enum(CHANNELS),
  kind: z.enum(CASE_KINDS),
  appealType: z.enum(APPEAL_TYPES).nullable(),
  categoryCode: z.string(),
  categoryName: z.string().nullable(),
  categoryNameEn: z.string().nullable(),
  parentCategoryName: z.string().nullable(),
  parentCategoryNameEn: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  title: z.string(),
  status: z.enum(STATUSES),
  address: z.string().nullable(),
  appellantName: z.string().nullable(),
  appellantPhone: z.string().nullable(),
  tags: z.array(z.string()),
  registeredAt: z.string(),
  dueAt: z.string().nullable(),
  deadlineState: z.enum(DEADLINE_STATES),
  /** Milliseconds left to the handling deadline (negative when overdue); null once done. */
  msLeft: z.number().nullable(),
  assigneeOrgName: z.string().nullable(),
  assigneeUserName: z.string().nullable(),
  reopenCount: z.number(),
  closedAt: z.string().nullable(),
  resolved: z.boolean().nullable(),
  satisfaction: z.enum(SATISFACTION).nullable(),
  /** 作废: when, by whom and why (null: a live case). */
  voided: ZVoiding.optional(),
});
export type TAppeal = z.infer<typeof ZAppeal>;

export const ZTimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  /** Set when the entry comes from a duplicate merged into this case. */
  fromTrackingNo: z.string().nullable(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

/**
 * The record of another module a case was registered from (a 书记茶话会 activity, a night patrol …):
 * a (module, kind, id) triple, shown on the case as a link.
 */
export const ZAppealSource = z.object({
  module: z.string().trim().min(1).max(40),
  kind: z.string().trim().min(1).max(40),
  id: z.string().trim().min(1).max(64),
});
export type TAppealSource = z.infer<typeof ZAppealSource>;

export const ZAppealDetail = ZAppeal.extend({
  content: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  appellantPersonId: z.string().nullable(),
  photos: z.array(z.string()),
  dispatchDueAt: z.string().nullable(),
  contactDueAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  answer: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  /** Set when another module registered the case (appeals.api.ts `register`). */
  source: ZAppealSource.nullable(),
  pendingExtension: z.object({ hours: z.number(), reason: z.string(), requestedBy: z.string().nullable(), requestedAt: z.string() }).nullable(),
  assignments: z.array(ZAssignment),
  timeline: z.array(ZTimelineEntry),
  merged: z.array(z.object({ id: z.string(), trackingNo: z.string(), title: z.string() })),
  /** Transitions the caller may take now (the page shows exactly these buttons). */
  actions: z.array(z.string()),
  visit: z
    .object({ at: z.string(), reached: z.boolean(), contacted: z.boolean(), resolved: z.boolean(), satisfaction: z.enum(SATISFACTION).nullable() })
    .nullable(),
});
export type TAppealDetail = z.infer<typeof ZAppealDetail>;

export const ZAppealQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(60).optional(),
  status: z.enum([...STATUSES, "open"]).optional(),
  channel: z.enum(CHANNELS).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  urgency: z.enum(URGENCIES).optional(),
  category: z.string().max(20).optional(),
  gridId: z.string().max(60).optional(),
  deadline: z.enum(["due_soon", "overdue"]).optional(),
  tag: z.string().max(20).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  mine: z.enum(["0", "1"]).optional(),
  voided: ZVoidedFilter,
});
export type TAppealQuery = z.infer<typeof ZAppealQuery>;

export const ZDispatch = z
  .object({
    /** Lead handling unit (an organisation of the community); none with toCommunity = the community itself handles it. */
    orgId: z.string().min(1).nullable().optional(),
    userId: z.string().min(1).nullable().optional(),
    /** Joint handling: further units assisting the lead. */
    assistOrgIds: z.array(z.string().min(1)).max(10).optional(),
    toCommunity: z.boolean().optional(),
    note: ZText(500).nullable().optional(),
  })
  .refine((v) => !!(v.orgId || v.userId || v.toCommunity), { message: msg("请选择承办单位或承办人", "choose a handling unit or person"), path: ["orgId"] });
export type TDispatch = z.infer<typeof ZDispatch>;

export const ZNote = z.object({ note: ZText(1000).nullable().optional() });
export const ZReason = z.object({ reason: ZText(500).min(2, msg("请填写原因", "give a reason")) });
export const ZExtensionRequest = z.object({
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  reason: ZText(500).min(2, msg("申请延期须填写原因", "an extension needs a reason")),
});
export const ZExtensionDecision = z.object({ approve: z.boolean(), note: ZText(500).nullable().optional() });
export const ZAssist = z.object({ orgId: z.string().min(1), note: ZText(500).nullable().optional() });
export const ZClose = z.object({
  answer: ZText(2000).min(2, msg("请填写答复内容", "give the answer")),
  resolved: z.boolean(),
});
export const ZVisit = z.object({
  /** 有效回访: the appellant was reached. */
  reached: z.boolean(),
  contacted: z.boolean().default(false),
  resolved: z.boolean().default(false),
  satisfaction: z.enum(SATISFACTION).nullable().optional(),
  note: ZText(500).nullable().optional(),
});
export type TVisit = z.infer<typeof ZVisit>;
export const ZMerge = z.object({ intoId: z.string().min(1) });

export const ZCategory = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** Handling deadline for 一般件, hours. */
  deadlineHours: z.number(),
  /** Handling deadline for 紧急件 and 督办件, hours. */
  urgentHours: z.number(),
  sort: z.number(),
  archived: z.boolean(),
});
export type TCategory = z.infer<typeof ZCategory>;
export const ZCategoryCreate = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{1,11}$/, msg("编码为大写字母开头的 2–12 位字母数字", "code: 2–12 upper-case letters/digits")),
  parentCode: z.string().min(1).nullable().optional(),
  name: ZText(40).min(1),
  nameEn: ZText(60).nullable().optional(),
  deadlineHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
  urgentHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
  sort: z.number().int().optional(),
});
export const ZCategoryUpdate = ZCategoryCreate.omit({ code: true, parentCode: true }).partial().extend({ archived: z.boolean().optional() });

export const ZDuplicate = z.object({
  id: z.string(),
  trackingNo: z.string(),
  title: z.string(),
  status: z.enum(STATUSES),
  registeredAt: z.string(),
  why: z.string(),
});

// Public (no account): a resident's submission and tracking.
export const ZPublicSubmit = z.object({
  communityId: z.string().min(1),
  appealType: z.enum(APPEAL_TYPES),
  categoryCode: z.string().min(1),
  title: ZText(100).min(2, msg("请填写标题", "give a title")),
  content: ZText(2000).min(5, msg("请描述您的诉求", "describe your appeal")),
  address: ZText(200).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  name: ZText(40).min(1, msg("请填写称呼", "give your name")),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, msg("请填写 11 位手机号", "give an 11-digit mobile number")),
});
export const ZPublicTrackQuery = z.object({ phone4: z.string().regex(/^\d{4}$/, msg("请输入手机号后四位", "give the last 4 digits of your phone")) });
export const ZPublicCase = z.object({
  trackingNo: z.string(),
  title: z.string(),
  status: z.enum(STATUSES),
  categoryName: z.string().nullable(),
  registeredAt: z.string(),
  dueAt: z.string().nullable(),
  answer: z.string().nullable(),
  canVisit: z.boolean(),
  steps: z.array(z.object({ at: z.string(), action: z.string() })),
});
export const ZPublicVisit = ZPublicTrackQuery.extend({ resolved: z.boolean(), satisfaction: z.enum(SATISFACTION), note: ZText(500).nullable().optional() });
