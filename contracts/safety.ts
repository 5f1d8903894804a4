import { z } from "zod";
import { ZDate, ZVoidedFilter, ZVoiding } from "./platform.js";

// 平安 safety: hazards (隐患), safety inspections, disputes (矛盾纠纷) with 定格化 three-level
// mediation, labor disputes (劳资). Shared by the API routes and the web forms.

type Msg = { zh: string; en: string };
const labels = <K extends string>(m: Record<K, Msg>) => m;

// ---------------------------------------------------------------- hazards (隐患)

export const HAZARD_SOURCES = ["patrol", "night_patrol", "inspection", "case", "report"] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];
export const HAZARD_SOURCE_LABELS = labels<HazardSource>({
  patrol: { zh: "巡查", en: "Patrol" },
  night_patrol: { zh: "夜巡", en: "Night patrol" },
  inspection: { zh: "安全检查", en: "Inspection" },
  case: { zh: "案件", en: "Case" },
  report: { zh: "群众举报", en: "Report" },
});

export const HAZARD_KINDS = ["消防", "燃气", "用电", "高空坠物", "违建", "河道", "交通", "其他"] as const;
export const HAZARD_KIND_EN: Record<(typeof HAZARD_KINDS)[number], string> = {
  消防: "Fire",
  燃气: "Gas",
  用电: "Electrical",
  高空坠物: "Falling objects",
  违建: "Illegal building",
  河道: "River",
  交通: "Traffic",
  其他: "Other",
};

export const RISK_LEVELS = ["low", "medium", "high", "major"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LABELS = labels<RiskLevel>({
  low: { zh: "一般", en: "Low" },
  medium: { zh: "较大", en: "Medium" },
  high: { zh: "重大", en: "High" },
  major: { zh: "特别重大", en: "Critical" },
});

export const HAZARD_STATUSES = ["found", "assigned", "rectified", "verified", "closed", "cancelled"] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_STATUS_LABELS = labels<HazardStatus>({
  found: { zh: "已发现", en: "Found" },
  assigned: { zh: "整改中", en: "Rectifying" },
  rectified: { zh: "待核查", en: "Awaiting check" },
  verified: { zh: "已核查", en: "Verified" },
  closed: { zh: "已销号", en: "Closed" },
  cancelled: { zh: "已撤销", en: "Cancelled" },
});

const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZFileIds = z.array(z.string().min(1).max(64)).max(20);

export const ZHazardCreate = z
  .object({
    /** Where it is: a grid, or a point the grid is found from. */
    gridId: z.string().min(1).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    source: z.enum(HAZARD_SOURCES),
    /** The record it came from (a check-in, a night patrol, an inspection item, a case …). */
    sourceRef: z.string().trim().max(80).nullable().optional(),
    kind: z.enum(HAZARD_KINDS),
    place: ZText(200),
    description: ZText(2000),
    risk: z.enum(RISK_LEVELS).default("low"),
    photos: ZFileIds.optional(),
    foundOn: ZDate.optional(),
  })
  .refine((v) => !!v.gridId || (v.lng != null && v.lat != null), { message: "请选择网格或提供位置 / choose a grid or give a location", path: ["gridId"] });
export type THazardCreate = z.input<typeof ZHazardCreate>;

export const ZHazardAssign = z.object({
  assigneeName: ZText(60),
  /** 整改期限; without one the default for the risk level applies. */
  deadline: ZDate.optional(),
  note: z.string().trim().max(1000).optional(),
});
export const ZHazardRectify = z.object({
  note: ZText(2000),
  evidence: ZFileIds.optional(),
  rectifiedOn: ZDate.optional(),
});
export const ZHazardVerify = z.object({ passed: z.boolean(), note: z.string().trim().max(1000).optional() });
export const ZHazardClose = z.object({ note: z.string().trim().max(1000).optional() });
export const ZHazardCancel = z.object({ reason: ZText(500) });

export const ZHazard = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  gridName: z.string().nullable(),
  source: z.enum(HAZARD_SOURCES),
  sourceRef: z.string().nullable(),
  kind: z.string(),
  place: z.string(),
  description: z.string(),
  risk: z.enum(RISK_LEVELS),
  photos: z.array(z.string()),
  foundOn: z.string(),
  foundBy: z.string(),
  status: z.enum(HAZARD_STATUSES),
  assigneeName: z.string().nullable(),
  deadline: z.string().nullable(),
  daysLeft: z.number().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  rectifiedOn: z.string().nullable(),
  rectifiedBy: z.string().nullable(),
  rectificationNote: z.string().nullable(),
  evidence: z.array(z.string()),
  verifiedBy: z.string().nullable(),
  /** The instant of the check that passed (or failed last). */
  verifiedAt: z.string().nullable(),
  verifyNote: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedBy: z.string().nullable(),
  onTime: z.boolean().nullable(),
  updatedAt: z.string(),
});
export type THazard = z.infer<typeof ZHazard>;

export const ZHazardQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(60).optional(),
  status: z.enum([...HAZARD_STATUSES, "open", "overdue"]).optional(),
  kind: z.string().max(20).optional(),
  source: z.enum(HAZARD_SOURCES).optional(),
  gridId: z.string().max(64).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export type THazardQuery = z.infer<typeof ZHazardQuery>;

// ---------------------------------------------------------------- places and inspections

export const PLACE_KINDS = ["shop", "rental", "three_small", "construction", "venue", "school"] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_LABELS = labels<PlaceKind>({
  shop: { zh: "商铺", en: "Shop" },
  rental: { zh: "出租屋", en: "Rented housing" },
  three_small: { zh: "三小场所", en: "Small premises (三小)" },
  construction: { zh: "建筑工地", en: "Construction site" },
  venue: { zh: "公共场馆", en: "Venue" },
  school: { zh: "学校", en: "School" },
});

export const ZPlaceCreate = z.object({
  gridId: z.string().min(1),
  kind: z.enum(PLACE_KINDS),
  name: ZText(100),
  address: z.string().trim().max(200).nullable().optional(),
  contactName: z.string().trim().max(40).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[\d-]{6,20}$/, "电话格式不正确 / invalid phone")
    .nullable()
    .optional(),
  /** Inspect every N days (1 = daily). */
  intervalDays: z.number().int().min(1).max(365).optional(),
});
export type TPlaceCreate = z.infer<typeof ZPlaceCreate>;
export const ZPlaceUpdate = ZPlaceCreate.omit({ gridId: true }).partial().extend({ archived: z.boolean().optional() });

export const ZPlace = z.object({
  id: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  gridName: z.string().nullable(),
  kind: z.enum(PLACE_KINDS),
  name: z.string(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  intervalDays: z.number(),
  lastInspectedOn: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  archived: z.boolean(),
});
export type TPlace = z.infer<typeof ZPlace>;

export const ZPlaceQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(60).optional(),
  kind: z.enum(PLACE_KINDS).optional(),
  gridId: z.string().max(64).optional(),
});

export const ZChecklist = z.object({
  placeKind: z.enum(PLACE_KINDS),
  items: z.array(ZText(200)).min(1).max(60),
  updatedAt: z.string().nullable(),
});
export const ZChecklistPut = z.object({ items: z.array(ZText(200)).min(1).max(60) });

export const ZInspectionItemInput = z.object({
  item: ZText(200),
  passed: z.boolean(),
  note: z.string().trim().max(1000).nullable().optional(),
  photos: ZFileIds.optional(),
});
export const ZInspectionCreate = z.object({
  placeId: z.string().min(1),
  inspectedOn: ZDate,
  inspectors: z.array(ZText(40)).min(1).max(10),
  items: z.array(ZInspectionItemInput).min(1).max(60),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type TInspectionCreate = z.infer<typeof ZInspectionCreate>;

export const ZInspectionItem = z.object({
  id: z.string(),
  item: z.string(),
  passed: z.boolean(),
  note: z.string().nullable(),
  photos: z.array(z.string()),
  hazardId: z.string().nullable(),
  hazardCode: z.string().nullable(),
  hazardStatus: z.enum(HAZARD_STATUSES).nullable(),
});
export const ZInspection = z.object({
  id: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  gridName: z.string().nullable(),
  placeId: z.string(),
  placeName: z.string(),
  placeKind: z.enum(PLACE_KINDS),
  inspectedOn: z.string(),
  inspectors: z.array(z.string()),
  result: z.enum(["passed", "failed"]),
  failedCount: z.number(),
  note: z.string().nullable(),
  items: z.array(ZInspectionItem).optional(),
});
export type TInspection = z.infer<typeof ZInspection>;
export const ZInspectionQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  placeId: z.string().max(64).optional(),
  gridId: z.string().max(64).optional(),
  result: z.enum(["passed", "failed"]).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export const ZOpenHazardFromItem = z.object({
  kind: z.enum(HAZARD_KINDS).default("消防"),
  risk: z.enum(RISK_LEVELS).default("low"),
  description: z.string().trim().max(2000).optional(),
});

export const ZPlanItem = z.object({
  placeId: z.string(),
  placeName: z.string(),
  placeKind: z.enum(PLACE_KINDS),
  gridName: z.string().nullable(),
  lastInspectedOn: z.string().nullable(),
  dueOn: z.string(),
  state: z.enum(["due", "missed", "done"]),
  daysMissed: z.number(),
});

// ---------------------------------------------------------------- disputes (矛盾纠纷)

export const DISPUTE_TYPES = ["邻里", "婚姻家庭", "物业", "房屋租赁", "劳资", "消费", "交通", "其他"] as const;
export const DISPUTE_TYPE_EN: Record<(typeof DISPUTE_TYPES)[number], string> = {
  邻里: "Neighbours",
  婚姻家庭: "Marriage & family",
  物业: "Property management",
  房屋租赁: "Tenancy",
  劳资: "Labor",
  消费: "Consumer",
  交通: "Traffic",
  其他: "Other",
};
export const DISPUTE_SOURCES = ["grid_check", "walk_in", "police", "court", "case_12345", "initiative"] as const;
export const DISPUTE_SOURCE_LABELS = labels<(typeof DISPUTE_SOURCES)[number]>({
  grid_check: { zh: "网格员排查", en: "Grid worker check" },
  walk_in: { zh: "来访申请", en: "Walk-in application" },
  police: { zh: "派出所移交", en: "Referral from police" },
  court: { zh: "法院委派", en: "Referral from court" },
  case_12345: { zh: "12345 案件", en: "12345 case" },
  initiative: { zh: "主动调解", en: "Committee's initiative" },
});
export const LEVELS = ["grid", "community", "subdistrict", "district"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS = labels<Level>({
  grid: { zh: "网格", en: "Grid" },
  community: { zh: "社区", en: "Community" },
  subdistrict: { zh: "街道", en: "Subdistrict" },
  district: { zh: "区", en: "District" },
});
export const OUTCOMES = ["success", "failed", "referred", "terminated"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS = labels<Outcome>({
  success: { zh: "调解成功", en: "Settled" },
  failed: { zh: "调解不成", en: "Not settled" },
  referred: { zh: "转介", en: "Referred" },
  terminated: { zh: "终止", en: "Terminated" },
});
export const REFERRALS = ["劳动监察", "仲裁", "法院", "派出所", "其他"] as const;

const ZFen = z.number().int("金额须为整数（分）/ amount must be a whole number of fen").min(0, "金额不能为负 / amount cannot be negative").max(100_000_000_000);

export const ZParty = z.object({
  /** A person of the registry, or free text. */
  personId: z.string().min(1).nullable().optional(),
  name: ZText(60),
  role: z.enum(["applicant", "respondent", "other"]).default("applicant"),
  phone: z
    .string()
    .trim()
    .regex(/^[\d-]{6,20}$/, "电话格式不正确 / invalid phone")
    .nullable()
    .optional(),
  idNumber: z.string().trim().max(30).nullable().optional(),
});

export const ZLabor = z.object({
  employer: ZText(100),
  workers: z.number().int().min(1).max(100_000),
  claimedFen: ZFen,
  recoveredFen: ZFen.optional(),
  advanceFen: ZFen.optional(),
});

export const ZDisputeCreate = z.object({
  gridId: z.string().min(1),
  type: z.enum(DISPUTE_TYPES),
  source: z.enum(DISPUTE_SOURCES),
  sourceRef: z.string().trim().max(80).nullable().optional(),
  summary: ZText(2000),
  registeredOn: ZDate.optional(),
  parties: z.array(ZParty).min(1).max(50),
  labor: ZLabor.nullable().optional(),
});
export type TDisputeCreate = z.infer<typeof ZDisputeCreate>;

export const ZEscalate = z.object({
  toLevel: z.enum(LEVELS),
  reason: ZText(1000),
  /** Needed only when a level is skipped. */
  skipReason: z.string().trim().max(1000).optional(),
});
export const ZSession = z.object({
  heldOn: ZDate,
  mediators: z.array(ZText(40)).min(1).max(10),
  attendees: ZText(500),
  record: ZText(4000),
});
export const ZAgreement = z.object({
  form: z.enum(["written", "oral"]),
  madeOn: ZDate,
  facts: ZText(4000),
  terms: ZText(4000),
  performance: ZText(1000),
  /** Party ids that signed (written agreements: all parties). */
  signedPartyIds: z.array(z.string()).max(50).default([]),
  mediatorSigned: z.boolean().default(false),
});
export const ZDisputeClose = z.object({
  outcome: z.enum(OUTCOMES),
  closedOn: ZDate.optional(),
  reason: z.string().trim().max(1000).optional(),
  referral: z.enum(REFERRALS).optional(),
  agreement: ZAgreement.optional(),
  labor: ZLabor.partial().optional(),
});
export type TDisputeClose = z.infer<typeof ZDisputeClose>;
export const ZFollowup = z.object({
  visitedOn: ZDate,
  performed: z.enum(["full", "partial", "none"]),
  note: ZText(1000),
});

export const ZDisputeEvent = z.object({
  id: z.string(),
  kind: z.string(),
  on: z.string(),
  at: z.string(),
  actor: z.string(),
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  reason: z.string().nullable(),
  mediators: z.array(z.string()),
  attendees: z.string().nullable(),
  record: z.string().nullable(),
  performed: z.string().nullable(),
});
export const ZDispute = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  gridName: z.string().nullable(),
  type: z.string(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  summary: z.string(),
  registeredOn: z.string(),
  level: z.enum(LEVELS),
  status: z.enum(["open", "closed"]),
  outcome: z.enum(OUTCOMES).nullable(),
  closedOn: z.string().nullable(),
  closeReason: z.string().nullable(),
  referral: z.string().nullable(),
  settleBy: z.string(),
  daysLeft: z.number().nullable(),
  parties: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      phone: z.string().nullable(),
      idNumber: z.string().nullable(),
      personId: z.string().nullable(),
    }),
  ),
  labor: z
    .object({
      employer: z.string(),
      workers: z.number(),
      claimedFen: z.number(),
      recoveredFen: z.number(),
      advanceFen: z.number(),
      /** 15 days after the application: then the worker may go to arbitration. */
      mediationDeadline: z.string(),
    })
    .nullable(),
  agreement: z
    .object({
      form: z.enum(["written", "oral"]),
      madeOn: z.string(),
      facts: z.string(),
      terms: z.string(),
      performance: z.string(),
      mediatorSigned: z.boolean(),
      signedPartyIds: z.array(z.string()),
      /** Judicial confirmation must be applied for within 30 days. */
      confirmBy: z.string(),
    })
    .nullable(),
  events: z.array(ZDisputeEvent).optional(),
  /** 作废: when, by whom and why (null: a live record). */
  voided: ZVoiding,
  updatedAt: z.string(),
});
export type TDispute = z.infer<typeof ZDispute>;

export const ZDisputeQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(60).optional(),
  type: z.string().max(20).optional(),
  level: z.enum(LEVELS).optional(),
  status: z.enum(["open", "closed"]).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  gridId: z.string().max(64).optional(),
  labor: z.enum(["0", "1"]).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  voided: ZVoidedFilter,
});
export type TDisputeQuery = z.infer<typeof ZDisputeQuery>;

/** Yuan text (as a form shows it) to integer fen; null if not a valid non-negative amount with at most 2 decimals. */
export function yuanToFen(v: string | number): number | null {
  const s = String(v).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [i, d = ""] = s.split(".");
  return Number(i) * 100 + Number(d.padEnd(2, "0"));
}
