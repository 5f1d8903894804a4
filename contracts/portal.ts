import { z } from "zod";
import { ZDate } from "./platform.js";

// 三务公开 the public disclosure portal (DOMAIN.md §8): 党务, 居务, 财务. Items go 提出 → 保密审核 →
// 审批 → 发布; published items are kept; a withdrawal is recorded and stays visible as withdrawn;
// a correction is a new version linked to the old. Shared by the routes, the staff pages and the
// public pages.

type Msg = { zh: string; en: string };

export const PORTAL_SECTIONS = ["party", "residents", "finance"] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number];
export const PORTAL_SECTION_LABELS: Record<PortalSection, Msg> = {
  party: { zh: "党务", en: "Party affairs" },
  residents: { zh: "居务", en: "Community affairs" },
  finance: { zh: "财务", en: "Finances" },
};

export const PORTAL_PERIODS = ["monthly", "quarterly", "yearly", "immediate", "none"] as const;
export type PortalPeriod = (typeof PORTAL_PERIODS)[number];
export const PORTAL_PERIOD_LABELS: Record<PortalPeriod, Msg> = {
  monthly: { zh: "每月", en: "Monthly" },
  quarterly: { zh: "每季度", en: "Quarterly" },
  yearly: { zh: "每年", en: "Yearly" },
  immediate: { zh: "随时（重大事项即时公开）", en: "At once (major matters)" },
  none: { zh: "（栏目分类）", en: "(heading)" },
};

export const ITEM_STATUSES = ["draft", "proposed", "reviewed", "published", "withdrawn", "superseded"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, Msg> = {
  draft: { zh: "草稿", en: "Draft" },
  proposed: { zh: "待保密审核", en: "Awaiting confidentiality review" },
  reviewed: { zh: "待审批", en: "Awaiting approval" },
  published: { zh: "已发布", en: "Published" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
  superseded: { zh: "已更正", en: "Corrected" },
};

export const ZColumn = z.object({
  key: z.string(),
  parentKey: z.string().nullable(),
  section: z.enum(PORTAL_SECTIONS),
  name: z.string(),
  period: z.enum(PORTAL_PERIODS),
  proposerRoles: z.array(z.string()),
  sort: z.number(),
  active: z.boolean(),
});
export type TColumn = z.infer<typeof ZColumn>;

const ZKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, { message: "栏目代码只能用小写字母、数字、点 column key: lower-case letters, digits, dots" })
  .max(60);
export const ZColumnSave = z.object({
  key: ZKey,
  parentKey: ZKey.nullable().optional(),
  section: z.enum(PORTAL_SECTIONS),
  name: z.string().trim().min(2).max(60),
  period: z.enum(PORTAL_PERIODS),
  proposerRoles: z.array(z.string().min(1)).max(10).default(["leader", "staff"]),
  sort: z.number().int().min(0).max(9999).default(100),
  active: z.boolean().default(true),
});
export type TColumnSave = z.input<typeof ZColumnSave>;

export const ZSource = z.object({ module: z.string().min(1).max(30), kind: z.string().min(1).max(30), id: z.string().min(1).max(64) });
export type TSource = z.infer<typeof ZSource>;

export const ZItemCreate = z
  .object({
    communityId: z.string().min(1),
    columnKey: z.string().min(1),
    title: z.string().trim().min(2).max(120),
    body: z.string().max(200_000),
    attachments: z.array(z.string().min(1)).max(20).default([]),
    periodFrom: ZDate,
    periodTo: ZDate,
    source: ZSource.nullable().optional(),
    /** Submit at once for 保密审核 (提出); false keeps a draft. */
    submit: z.boolean().default(true),
  })
  .refine((v) => v.periodFrom <= v.periodTo, { message: "起止日期颠倒 the period ends before it starts", path: ["periodTo"] });
export type TItemCreate = z.input<typeof ZItemCreate>;

export const ZItemEdit = z.object({
  title: z.string().trim().min(2).max(120).optional(),
  body: z.string().max(200_000).optional(),
  attachments: z.array(z.string().min(1)).max(20).optional(),
  periodFrom: ZDate.optional(),
  periodTo: ZDate.optional(),
});

/** What 保密审核 found in an item: an ID number, a mobile phone or a resident's full name. */
export const FINDING_KINDS = ["id_number", "phone", "name"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_LABELS: Record<FindingKind, Msg> = {
  id_number: { zh: "身份证号", en: "ID number" },
  phone: { zh: "手机号", en: "Mobile phone" },
  name: { zh: "居民姓名", en: "Resident's name" },
};
export const ZFinding = z.object({ kind: z.enum(FINDING_KINDS), text: z.string(), masked: z.string(), count: z.number() });
export type TFinding = z.infer<typeof ZFinding>;

export const ZReview = z.object({
  /** Pass to 审批; false returns it to the proposer with the reason. */
  passed: z.boolean(),
  reason: z.string().trim().max(500).optional(),
  /** Each finding the reviewer confirms is not personal data (or may be disclosed), with a note. */
  confirmations: z.array(z.object({ kind: z.enum(FINDING_KINDS), text: z.string().max(60), note: z.string().trim().min(2).max(200) })).default([]),
});
export const ZApprove = z.object({ approved: z.boolean(), reason: z.string().trim().max(500).optional() });
export const ZWithdraw = z.object({ reason: z.string().trim().min(4, { message: "请写明撤回原因 give the reason" }).max(500) });

export const ZItemEvent = z.object({ step: z.string(), at: z.string(), actor: z.string(), note: z.string() });
export const ZItem = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  columnKey: z.string(),
  columnName: z.string(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  version: z.number(),
  periodFrom: z.string(),
  periodTo: z.string(),
  source: ZSource.nullable(),
  draftedBy: z.string(),
  proposedBy: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  publishedOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  previousId: z.string().nullable(),
  supersededBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type TItem = z.infer<typeof ZItem>;
export const ZItemDetail = ZItem.extend({
  body: z.string(),
  attachments: z.array(z.string()),
  findings: z.array(ZFinding),
  confirmed: z.array(z.object({ kind: z.string(), text: z.string(), note: z.string(), by: z.string() })),
  events: z.array(ZItemEvent),
});
export type TItemDetail = z.infer<typeof ZItemDetail>;

export const ZItemQuery = z.object({
  communityId: z.string().optional(),
  columnKey: z.string().optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  q: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZOverdue = z.object({
  communityId: z.string(),
  communityName: z.string(),
  columnKey: z.string(),
  columnName: z.string(),
  period: z.enum(PORTAL_PERIODS),
  slotFrom: z.string(),
  slotTo: z.string(),
  dueOn: z.string(),
});
export type TOverdue = z.infer<typeof ZOverdue>;

// ---- public (no account)
export const ZPublicItem = z.object({
  id: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  columnKey: z.string(),
  columnName: z.string(),
  section: z.enum(PORTAL_SECTIONS),
  title: z.string(),
  status: z.enum(["published", "withdrawn", "superseded"]),
  version: z.number(),
  periodFrom: z.string(),
  periodTo: z.string(),
  publishedOn: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});
export type TPublicItem = z.infer<typeof ZPublicItem>;
export const ZPublicItemDetail = ZPublicItem.extend({
  body: z.string(),
  attachments: z.array(z.string()),
  source: ZSource.nullable(),
  previousId: z.string().nullable(),
  supersededBy: z.string().nullable(),
  /** 公示 items take questions and objections until the end of the period they cover. */
  feedbackOpen: z.boolean(),
});
export type TPublicItemDetail = z.infer<typeof ZPublicItemDetail>;
export const ZPublicPage = z.object({ items: z.array(ZPublicItem), total: z.number(), page: z.number(), pageSize: z.number() });
export const ZPublicQuery = z.object({
  community: z.string().max(40).optional(),
  column: z.string().max(60).optional(),
  q: z.string().max(60).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export const ZFeedback = z.object({
  kind: z.enum(["question", "objection"]),
  content: z.string().trim().min(5).max(2000),
  name: z.string().trim().max(40).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, { message: "手机号格式不正确 phone must be 11 digits" })
    .nullable()
    .optional(),
});
export type TFeedback = z.input<typeof ZFeedback>;
