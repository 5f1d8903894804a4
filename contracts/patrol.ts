import { z } from "zod";
import { ZDate, ZVoidedFilter, ZVoiding } from "./platform.js";

// 智能巡检 patrol: points with location and QR code, plans and their rounds, check-ins (phone,
// offline queue, bulk sync from devices and other patrol systems), flags and their review.
// Shared by the API routes and the web forms.

type Msg = { zh: string; en: string };
const labels = <K extends string>(m: Record<K, Msg>) => m;

export const PATROL_FORCES = ["community", "police", "security"] as const;
export type PatrolForce = (typeof PATROL_FORCES)[number];
/** The three patrol forces of 群防群治: the community, the police district, the companies' security teams. */
export const PATROL_FORCE_LABELS = labels<PatrolForce>({
  community: { zh: "社区", en: "Community" },
  police: { zh: "警区", en: "Police district" },
  security: { zh: "股份公司安保", en: "Company security" },
});

export const POINT_KINDS = ["消防通道", "出租屋", "河道", "工地", "学校周边", "公园", "地下空间", "其他"] as const;
export const POINT_KIND_EN: Record<(typeof POINT_KINDS)[number], string> = {
  消防通道: "Fire lane",
  出租屋: "Rented housing",
  河道: "River",
  工地: "Construction site",
  学校周边: "Around a school",
  公园: "Park",
  地下空间: "Underground space",
  其他: "Other",
};

export const CHECKIN_METHODS = ["qr", "gps", "nfc"] as const;
export const CHECKIN_METHOD_LABELS = labels<(typeof CHECKIN_METHODS)[number]>({
  qr: { zh: "扫码", en: "QR code" },
  gps: { zh: "定位", en: "GPS" },
  nfc: { zh: "NFC", en: "NFC" },
});
export const CHECKIN_RESULTS = ["normal", "abnormal"] as const;
export const CHECKIN_RESULT_LABELS = labels<(typeof CHECKIN_RESULTS)[number]>({
  normal: { zh: "正常", en: "Normal" },
  abnormal: { zh: "异常", en: "Abnormal" },
});

/** Why a stored check-in needs a supervisor's look; flagged check-ins are kept, never dropped. */
export const CHECKIN_FLAGS = ["outside_radius", "token_mismatch", "too_fast", "repeat", "time_skew"] as const;
export type CheckinFlag = (typeof CHECKIN_FLAGS)[number];
export const CHECKIN_FLAG_LABELS = labels<CheckinFlag>({
  outside_radius: { zh: "超出范围", en: "Outside the radius" },
  token_mismatch: { zh: "二维码不符", en: "QR code does not match" },
  too_fast: { zh: "移动速度异常", en: "Impossible travel speed" },
  repeat: { zh: "重复打卡", en: "Repeat check-in" },
  time_skew: { zh: "设备时间偏差", en: "Device time skew" },
});
export const REVIEW_STATUSES = ["none", "pending", "accepted", "rejected"] as const;
export const REVIEW_STATUS_LABELS = labels<(typeof REVIEW_STATUSES)[number]>({
  none: { zh: "无需审核", en: "No review" },
  pending: { zh: "待审核", en: "Pending" },
  accepted: { zh: "已认可", en: "Accepted" },
  rejected: { zh: "已驳回", en: "Rejected" },
});

export const ROUND_STATUSES = ["pending", "in_progress", "completed", "incomplete", "expired"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS = labels<RoundStatus>({
  pending: { zh: "未开始", en: "Pending" },
  in_progress: { zh: "进行中", en: "In progress" },
  completed: { zh: "已完成", en: "Completed" },
  incomplete: { zh: "未完成", en: "Incomplete" },
  expired: { zh: "已过期", en: "Expired" },
});

export const PLAN_FREQUENCIES = ["shift", "daily", "weekly", "every_n_days"] as const;
export const PLAN_FREQUENCY_LABELS = labels<(typeof PLAN_FREQUENCIES)[number]>({
  shift: { zh: "每班次", en: "Every shift" },
  daily: { zh: "每天", en: "Daily" },
  weekly: { zh: "每周", en: "Weekly" },
  every_n_days: { zh: "每N天", en: "Every N days" },
});

const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZLng = z.number().min(-180).max(180);
const ZLat = z.number().min(-90).max(90);
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:mm / time must be HH:mm");

// ---------------------------------------------------------------- teams

export const ZTeamCreate = z.object({
  communityId: z.string().min(1),
  name: ZText(80),
  force: z.enum(PATROL_FORCES),
  /** The organisation behind the team (警务室, 股份公司安保队 …). */
  orgId: z.string().min(1).nullable().optional(),
  memberIds: z.array(z.string().min(1)).max(200).optional(),
});
export type TTeamCreate = z.input<typeof ZTeamCreate>;
/** A change to a team: any of its fields but the community; a field left out stays as it is. */
export const ZTeamUpdate = ZTeamCreate.omit({ communityId: true }).partial();
export type TTeamUpdate = z.input<typeof ZTeamUpdate>;
export const ZTeam = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  force: z.enum(PATROL_FORCES),
  orgId: z.string().nullable(),
  memberIds: z.array(z.string()),
  archived: z.boolean(),
});
export type TTeam = z.infer<typeof ZTeam>;

// ---------------------------------------------------------------- points

export const ZPointCreate = z.object({
  communityId: z.string().min(1),
  name: ZText(100),
  kind: z.enum(POINT_KINDS),
  lng: ZLng,
  lat: ZLat,
  radiusM: z.number().int().min(5).max(2000).default(50),
  force: z.enum(PATROL_FORCES),
  teamId: z.string().min(1).nullable().optional(),
  checklist: z.array(ZText(100)).max(30).default([]),
  note: z.string().trim().max(500).nullable().optional(),
  /** 设立日期: when the point was set up (today when not given; an import brings it from its sheet). */
  createdOn: ZDate.optional(),
});
export type TPointCreate = z.input<typeof ZPointCreate>;
export const ZPointUpdate = ZPointCreate.omit({ communityId: true }).partial();
export type TPointUpdate = z.input<typeof ZPointUpdate>;
export const ZPoint = z.object({
  id: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  gridName: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  lng: z.number(),
  lat: z.number(),
  radiusM: z.number(),
  force: z.enum(PATROL_FORCES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  checklist: z.array(z.string()),
  note: z.string().nullable(),
  active: z.boolean(),
  createdOn: z.string(),
  retiredOn: z.string().nullable(),
  updatedAt: z.string(),
});
export type TPoint = z.infer<typeof ZPoint>;
export const ZPointQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: z.string().trim().max(100).optional(),
  kind: z.string().max(40).optional(),
  force: z.enum(PATROL_FORCES).optional(),
  gridId: z.string().max(64).optional(),
  teamId: z.string().max(64).optional(),
  active: z.enum(["0", "1", "all"]).default("1"),
});
/** What the QR label and the admin see: the URL the phone camera opens (with the current token). */
export const ZPointCode = z.object({ pointId: z.string(), name: z.string(), code: z.string(), url: z.string(), svg: z.string() });

// ---------------------------------------------------------------- plans and rounds

const ZPlanFields = z.object({
  communityId: z.string().min(1),
  name: ZText(100),
  force: z.enum(PATROL_FORCES),
  teamId: z.string().min(1).nullable().optional(),
  assigneeIds: z.array(z.string().min(1)).max(100).default([]),
  pointIds: z.array(z.string().min(1)).min(1).max(500),
  frequency: z.enum(PLAN_FREQUENCIES),
  everyNDays: z.number().int().min(1).max(365).nullable().optional(),
  /** Time windows in local time; a window ending before it starts runs past midnight (night shift). */
  windows: z
    .array(z.object({ start: ZTime, end: ZTime }))
    .min(1)
    .max(8),
  order: z.enum(["fixed", "random"]).default("fixed"),
  startsOn: ZDate,
  endsOn: ZDate.nullable().optional(),
});
type PlanRules = { frequency?: string; everyNDays?: number | null; startsOn?: string; endsOn?: string | null };
const planRules = <S extends z.ZodType<PlanRules>>(schema: S) =>
  schema
    .refine((v) => v.frequency !== "every_n_days" || !!v.everyNDays, { message: "请填写间隔天数 / give N", path: ["everyNDays"] })
    .refine((v) => !v.endsOn || !v.startsOn || v.endsOn >= v.startsOn, { message: "结束日期不能早于开始日期 / ends before it starts", path: ["endsOn"] });
export const ZPlanCreate = planRules(ZPlanFields);
export type TPlanCreate = z.input<typeof ZPlanCreate>;
/**
 * A change to a plan: any of its fields. Rounds already started keep the points they had; rounds
 * not yet started are made again from the changed plan.
 */
export const ZPlanUpdate = ZPlanFields.omit({ communityId: true })
  .partial()
  // no defaults in a change: a field left out stays as it is
  .extend({ assigneeIds: z.array(z.string().min(1)).max(100).optional(), order: z.enum(["fixed", "random"]).optional() });
export type TPlanUpdate = z.input<typeof ZPlanUpdate>;
export const ZPlan = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  force: z.enum(PATROL_FORCES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  assigneeIds: z.array(z.string()),
  pointIds: z.array(z.string()),
  frequency: z.enum(PLAN_FREQUENCIES),
  everyNDays: z.number().nullable(),
  windows: z.array(z.object({ start: z.string(), end: z.string() })),
  order: z.enum(["fixed", "random"]),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  active: z.boolean(),
});
export type TPlan = z.infer<typeof ZPlan>;
export const ZRound = z.object({
  id: z.string(),
  planId: z.string(),
  planName: z.string(),
  force: z.enum(PATROL_FORCES),
  teamName: z.string().nullable(),
  date: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  expected: z.number(),
  visited: z.number(),
  missed: z.number(),
  status: z.enum(ROUND_STATUSES),
  /** The points in the plan's order (random plans: shuffled per round), with whether each is done. */
  points: z.array(z.object({ id: z.string(), name: z.string(), visited: z.boolean() })).optional(),
});
export type TRound = z.infer<typeof ZRound>;

// ---------------------------------------------------------------- check-ins

/** One check-in as a phone or another patrol system sends it. clientId makes a resend idempotent. */
export const ZCheckinInput = z.object({
  clientId: z.string().trim().min(8).max(64),
  pointId: z.string().min(1).max(64),
  method: z.enum(CHECKIN_METHODS).default("qr"),
  token: z.string().max(64).nullable().optional(),
  deviceTime: z.string().datetime({ offset: true }),
  lat: ZLat,
  lng: ZLng,
  accuracyM: z.number().min(0).max(100_000).nullable().optional(),
  result: z.enum(CHECKIN_RESULTS).default("normal"),
  note: z.string().trim().max(1000).nullable().optional(),
  photos: z.array(z.string().min(1).max(64)).max(9).default([]),
  /** Checklist answers, item → ok. */
  checklist: z.record(z.string().max(100), z.boolean()).optional(),
  /** Device clock when it sent the request (for offline queues: how far its clock is from the server's). */
  sentAt: z.string().datetime({ offset: true }).nullable().optional(),
});
export type TCheckinInput = z.input<typeof ZCheckinInput>;
/** A batch from a device or another patrol system; each row is validated on its own. */
export const ZSyncBatch = z.object({
  sentAt: z.string().datetime({ offset: true }).nullable().optional(),
  checkins: z.array(z.unknown()).min(1).max(1000),
});
export const ZSyncResult = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  results: z.array(
    z.object({
      index: z.number(),
      clientId: z.string().nullable(),
      status: z.enum(["accepted", "duplicate", "rejected"]),
      id: z.string().nullable(),
      flags: z.array(z.string()),
      code: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type TSyncResult = z.infer<typeof ZSyncResult>;
export const ZCheckin = z.object({
  id: z.string(),
  clientId: z.string(),
  communityId: z.string(),
  gridId: z.string(),
  gridName: z.string().nullable(),
  pointId: z.string(),
  pointName: z.string().nullable(),
  roundId: z.string().nullable(),
  userName: z.string(),
  force: z.enum(PATROL_FORCES),
  teamName: z.string().nullable(),
  method: z.enum(CHECKIN_METHODS),
  result: z.enum(CHECKIN_RESULTS),
  note: z.string().nullable(),
  photos: z.array(z.string()),
  checklist: z.record(z.string(), z.boolean()),
  lat: z.number(),
  lng: z.number(),
  accuracyM: z.number().nullable(),
  distanceM: z.number(),
  deviceTime: z.string(),
  serverTime: z.string(),
  date: z.string(),
  flags: z.array(z.enum(CHECKIN_FLAGS)),
  reviewStatus: z.enum(REVIEW_STATUSES),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
  hazardId: z.string().nullable(),
  hazardStatus: z.string().nullable(),
  /** Set when the check-in was voided (作废): who, when, why. */
  voided: ZVoiding.optional(),
});
export type TCheckin = z.infer<typeof ZCheckin>;
export const ZCheckinQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  pointId: z.string().max(64).optional(),
  gridId: z.string().max(64).optional(),
  force: z.enum(PATROL_FORCES).optional(),
  result: z.enum(CHECKIN_RESULTS).optional(),
  review: z.enum(REVIEW_STATUSES).optional(),
  flagged: z.enum(["0", "1"]).optional(),
  mine: z.enum(["0", "1"]).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  /** 作废: "1" voided only, "all" both; live check-ins otherwise. */
  voided: ZVoidedFilter,
});
export const ZReview = z.object({ decision: z.enum(["accepted", "rejected"]), note: z.string().trim().max(500).optional() });

/** Today's state of every point (the supervisor's map). */
export const ZPointStatus = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  force: z.enum(PATROL_FORCES),
  gridId: z.string(),
  lng: z.number(),
  lat: z.number(),
  checkins: z.number(),
  abnormal: z.number(),
  flagged: z.number(),
  lastAt: z.string().nullable(),
  status: z.enum(["done", "abnormal", "flagged", "todo"]),
});
export type TPointStatus = z.infer<typeof ZPointStatus>;
