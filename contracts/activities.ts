// 活动与阵地 activities and venues: what the server accepts and the web shows (issue 11).
import { z } from "zod";
import { ZDate } from "./platform.js";

type Msg = { zh: string; en: string };

export const VENUE_KINDS = ["党群服务中心", "党群服务驿站", "活动室", "共建基地", "其他"] as const;
export const VENUE_KIND_EN: Record<(typeof VENUE_KINDS)[number], string> = {
  党群服务中心: "Party-mass service centre",
  党群服务驿站: "Party-mass service station",
  活动室: "Activity room",
  共建基地: "Partner base",
  其他: "Other",
};
export const VENUE_STATES = ["planning", "open", "paused", "closed"] as const;
export const VENUE_STATE_LABELS: Record<(typeof VENUE_STATES)[number], Msg> = {
  planning: { zh: "筹建", en: "Planned" },
  open: { zh: "开放", en: "Open" },
  paused: { zh: "暂停", en: "Paused" },
  closed: { zh: "关闭", en: "Closed" },
};

/** The venues list's filters — the list and its XLSX export take the same query, so the sheet is what the list shows. */
export const ZVenueQuery = z.object({
  communityId: z.string().max(64).optional(),
  kind: z.enum(VENUE_KINDS).optional(),
  state: z.enum(VENUE_STATES).optional(),
  /** Part of the name or the address. */
  q: z.string().trim().max(100).optional(),
});
export type TVenueQuery = z.infer<typeof ZVenueQuery>;

/** Which figure an activity type feeds: each type has one class, so the figures never overlap. */
export const TYPE_CLASSES = ["regular", "training", "tea_talk", "safety", "brand", "featured", "outreach", "other"] as const;
export type TypeClass = (typeof TYPE_CLASSES)[number];
export const TYPE_CLASS_LABELS: Record<TypeClass, Msg> = {
  regular: { zh: "阵地常态化服务", en: "Regular venue service" },
  training: { zh: "专题培训", en: "Training" },
  tea_talk: { zh: "书记茶话会", en: "Secretary's tea talk" },
  safety: { zh: "安全演练与讲座", en: "Drills and safety talks" },
  brand: { zh: "品牌项目（徒步、赛事）", en: "Brand events (walks, matches)" },
  featured: { zh: "特色服务活动", en: "Featured community activities" },
  outreach: { zh: "公益服务（家长学堂、走访慰问）", en: "Outreach (parents' classes, home visits)" },
  other: { zh: "其他", en: "Other" },
};

export const AUDIENCES = ["居民", "儿童", "青少年", "老年人", "妇女", "社区工作人员", "发展对象", "志愿者"] as const;
export const AUDIENCE_EN: Record<(typeof AUDIENCES)[number], string> = {
  居民: "Residents",
  儿童: "Children",
  青少年: "Youth",
  老年人: "Elderly",
  妇女: "Women",
  社区工作人员: "Community staff",
  发展对象: "Party applicants",
  志愿者: "Volunteers",
};
export const TRAINEE_CATEGORIES = ["staff", "applicant", "volunteer", "other"] as const;
export const TRAINEE_LABELS: Record<(typeof TRAINEE_CATEGORIES)[number], Msg> = {
  staff: { zh: "社区工作人员", en: "Community staff" },
  applicant: { zh: "发展对象", en: "Party applicants" },
  volunteer: { zh: "志愿者", en: "Volunteers" },
  other: { zh: "其他", en: "Other" },
};
export const ACTIVITY_STATUS_LABELS: Record<"planned" | "held" | "cancelled", Msg> = {
  planned: { zh: "计划中", en: "Planned" },
  held: { zh: "已举办", en: "Held" },
  cancelled: { zh: "已取消", en: "Cancelled" },
};
export const SIGNUP_STATUS_LABELS: Record<"confirmed" | "waitlist" | "cancelled", Msg> = {
  confirmed: { zh: "已报名", en: "Confirmed" },
  waitlist: { zh: "候补", en: "Waiting list" },
  cancelled: { zh: "已取消", en: "Cancelled" },
};
export const SERIES_KINDS = ["walkathon", "basketball", "cinema", "other"] as const;
export const SERIES_KIND_LABELS: Record<(typeof SERIES_KINDS)[number], Msg> = {
  walkathon: { zh: "公益徒步", en: "Charity walk" },
  basketball: { zh: "篮球赛", en: "Basketball" },
  cinema: { zh: "亲邻影院", en: "Cinema" },
  other: { zh: "其他", en: "Other" },
};
export const PARTNER_OFFERS = ["venue", "volunteers", "money", "services"] as const;
export const PARTNER_OFFER_LABELS: Record<(typeof PARTNER_OFFERS)[number], Msg> = {
  venue: { zh: "场地", en: "Venue" },
  volunteers: { zh: "志愿者", en: "Volunteers" },
  money: { zh: "资金", en: "Money" },
  services: { zh: "服务", en: "Services" },
};
export const ISSUE_STATUS_LABELS: Record<"open" | "rectified" | "verified", Msg> = {
  open: { zh: "待整改", en: "Open" },
  rectified: { zh: "已整改待复核", en: "Rectified" },
  verified: { zh: "已复核销号", en: "Verified" },
};

const ZIso = z.string().datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const ZVenueCreate = z.object({
  communityId: z.string().min(1),
  name: text(100),
  kind: z.enum(VENUE_KINDS),
  address: z.string().max(200).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  gridId: z.string().nullable().optional(),
  orgId: z.string().nullable().optional(),
  state: z.enum(VENUE_STATES).default("planning"),
  openedOn: ZDate.nullable().optional(),
  hours: z.string().max(200).nullable().optional(),
  photos: z.array(z.string().max(100)).max(20).optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type TVenueCreate = z.input<typeof ZVenueCreate>;
export const ZVenueUpdate = ZVenueCreate.omit({ communityId: true }).partial();
export const ZVenueState = z.object({ state: z.enum(VENUE_STATES), on: ZDate.optional() });
export const ZRoomCreate = z.object({ name: text(60), capacity: z.number().int().min(1).max(100_000) });
export const ZBookingCreate = z.object({
  roomId: z.string().min(1),
  title: text(120),
  startsAt: ZIso,
  endsAt: ZIso,
  activityId: z.string().nullable().optional(),
});
export type TBookingCreate = z.input<typeof ZBookingCreate>;
export const ZCancel = z.object({ reason: text(500) });

export const ZChecklistPut = z.object({ items: z.array(text(200)).min(1).max(100) });
export const ZInspectionCreate = z.object({
  inspectedOn: ZDate,
  inspector: text(60),
  items: z
    .array(
      z.object({
        item: text(200),
        passed: z.boolean(),
        note: z.string().max(500).nullable().optional(),
        photos: z.array(z.string().max(100)).max(10).optional(),
        assignee: z.string().max(60).nullable().optional(),
        deadline: ZDate.nullable().optional(),
        /** A safety hazard: handed to the safety module's hazard service. */
        hazard: z
          .object({ kind: z.string().min(1), risk: z.enum(["low", "medium", "high", "major"]).default("medium") })
          .nullable()
          .optional(),
      }),
    )
    .min(1)
    .max(100),
  note: z.string().max(1000).nullable().optional(),
});
export type TInspectionCreate = z.input<typeof ZInspectionCreate>;
export const ZIssueRectify = z.object({ on: ZDate, note: text(500), evidence: z.array(z.string().max(100)).max(10).optional() });
export const ZIssueVerify = z.object({ on: ZDate, passed: z.boolean(), note: z.string().max(500).nullable().optional() });

export const ZSeriesCreate = z.object({
  communityId: z.string().min(1),
  name: text(100),
  kind: z.enum(SERIES_KINDS),
  typeCode: z.string().nullable().optional(),
  firstYear: z.number().int().min(1990).max(2100),
  yearly: z.boolean().default(true),
  orgId: z.string().nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type TSeriesCreate = z.input<typeof ZSeriesCreate>;
export const ZPartnerCreate = z.object({
  communityId: z.string().min(1),
  orgId: z.string().min(1),
  offers: z.array(z.enum(PARTNER_OFFERS)).min(1),
  fromDate: ZDate,
  toDate: ZDate.nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type TPartnerCreate = z.input<typeof ZPartnerCreate>;
export const ZTypePut = z.object({
  code: z.string().regex(/^[A-Z0-9]{2,8}$/),
  name: text(40),
  nameEn: text(60),
  class: z.enum(TYPE_CLASSES),
  active: z.boolean().default(true),
});

export const ZActivityCreate = z.object({
  communityId: z.string().min(1),
  title: text(120),
  typeCode: z.string().min(1),
  organiserId: z.string().nullable().optional(),
  coOrganiserIds: z.array(z.string()).max(20).optional(),
  venueId: z.string().nullable().optional(),
  roomId: z.string().nullable().optional(),
  location: z.string().max(200).nullable().optional(),
  gridId: z.string().nullable().optional(),
  online: z.boolean().default(false),
  startsAt: ZIso,
  endsAt: ZIso,
  capacity: z.number().int().min(1).max(100_000).nullable().optional(),
  audience: z.array(z.enum(AUDIENCES)).max(8).optional(),
  seriesId: z.string().nullable().optional(),
  description: z.string().max(4000).nullable().optional(),
  public: z.boolean().default(true),
  /** A training's study hours (学时); a central training (type T02) hands them to the party pipeline. */
  trainingHours: z.number().min(0.5).max(1000).nullable().optional(),
});
export type TActivityCreate = z.input<typeof ZActivityCreate>;
export const ZActivityQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().max(100).optional(),
  typeCode: z.string().max(20).optional(),
  typeClass: z.enum(TYPE_CLASSES).optional(),
  status: z.enum(["planned", "held", "cancelled"]).optional(),
  venueId: z.string().max(64).optional(),
  seriesId: z.string().max(64).optional(),
  organiserId: z.string().max(64).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export type TActivityQuery = z.infer<typeof ZActivityQuery>;

export const ZSignupCreate = z.object({
  personId: z.string().nullable().optional(),
  name: z.string().trim().max(40).nullable().optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$/, "手机号应为 11 位 / a phone number has 11 digits")
    .nullable()
    .optional(),
  partySize: z.number().int().min(1).max(10).default(1),
});
export type TSignupCreate = z.input<typeof ZSignupCreate>;
export const ZPublicSignup = z.object({
  name: text(40),
  phone: z.string().regex(/^1\d{10}$/, "手机号应为 11 位 / a phone number has 11 digits"),
  partySize: z.number().int().min(1).max(10).default(1),
});
export const ZCheckin = z.object({
  /** The activity's check-in code (in its QR URL). */
  k: z.string().min(1).max(64),
  signupCode: z.string().max(12).nullable().optional(),
  name: z.string().trim().max(40).nullable().optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$/, "手机号应为 11 位 / a phone number has 11 digits")
    .nullable()
    .optional(),
});
export type TCheckin = z.input<typeof ZCheckin>;
export const ZAttend = z.object({
  entries: z
    .array(
      z.object({
        personId: z.string().nullable().optional(),
        signupId: z.string().nullable().optional(),
        name: z.string().trim().max(40).nullable().optional(),
        phone: z.string().max(20).nullable().optional(),
        category: z.enum(TRAINEE_CATEGORIES).nullable().optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export type TAttend = z.input<typeof ZAttend>;
export const ZHeadCount = z.object({ count: z.number().int(), note: z.string().max(500).nullable().optional() });
export const ZTeaTalkAppeal = z.object({
  categoryCode: z.string().min(1),
  title: text(100),
  content: text(2000),
  gridId: z.string().min(1),
  appellantPersonId: z.string().nullable().optional(),
  appellantName: z.string().max(40).nullable().optional(),
  appellantPhone: z.string().max(20).nullable().optional(),
  appealType: z.enum(["help", "complaint", "consult", "suggestion", "report"]).default("suggestion"),
});
export type TTeaTalkAppeal = z.input<typeof ZTeaTalkAppeal>;
