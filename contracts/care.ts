import { z } from "zod";
import { ZDate, ZVoidedFilter, ZVoiding } from "./platform.js";

// 关爱帮扶 care for households in difficulty: households of the people registry with their
// difficulty kinds, needs, grid worker and paired party members (结对帮扶, '四个万家'), and care
// visits (a visit or a 慰问活动 covering many households) with what was given. Money in fen.

type Msg = { zh: string; en: string };

/** The default difficulty kinds (the list itself is a setting, care.difficulty_kinds). */
export const DEFAULT_DIFFICULTY_KINDS = ["低保", "特困", "残疾", "困境儿童", "独居老人", "失业", "重病", "其他"] as const;
export const DIFFICULTY_KIND_EN: Record<string, string> = {
  低保: "Minimum living allowance",
  特困: "Extreme poverty support",
  残疾: "Disability",
  困境儿童: "Children in difficulty",
  独居老人: "Elderly living alone",
  失业: "Unemployed",
  重病: "Serious illness",
  其他: "Other",
};

export const HOUSEHOLD_STATES = ["active", "archived"] as const;
export const HOUSEHOLD_STATE_LABELS: Record<(typeof HOUSEHOLD_STATES)[number], Msg> = {
  active: { zh: "帮扶中", en: "In care" },
  archived: { zh: "已归档", en: "Archived" },
};
export const VISIT_KINDS = ["visit", "campaign"] as const;
export const VISIT_KIND_LABELS: Record<(typeof VISIT_KINDS)[number], Msg> = {
  visit: { zh: "走访", en: "Home visit" },
  campaign: { zh: "慰问活动", en: "Care campaign" },
};

const text = (max: number) => z.string().trim().max(max);
const ids = (max: number) => z.array(z.string().min(1).max(64)).max(max);

export const ZHouseholdCreate = z.object({
  /** The head of the household, a person of the registry: the household's community, grid and address are theirs. */
  headPersonId: z.string().min(1).max(64),
  /** Other members at the same house (people of the registry). */
  memberIds: ids(30).default([]),
  kinds: z.array(text(20).min(1)).min(1, "至少选择一种困难类型 / choose at least one difficulty kind").max(10),
  needs: z.array(text(200).min(1)).max(20).default([]),
  gridWorkerId: z.string().min(1).max(64).nullable().optional(),
  /** 结对帮扶 party members (people of the registry tagged 党员). */
  pairedIds: ids(10).default([]),
  enrolledOn: ZDate,
  note: text(2000).nullable().optional(),
});
export type THouseholdCreate = z.infer<typeof ZHouseholdCreate>;
export const ZHouseholdUpdate = z.object({
  kinds: z.array(text(20).min(1)).min(1).max(10).optional(),
  needs: z.array(text(200).min(1)).max(20).optional(),
  gridWorkerId: z.string().min(1).max(64).nullable().optional(),
  pairedIds: ids(10).optional(),
  note: text(2000).nullable().optional(),
});
export const ZHouseholdArchive = z.object({ on: ZDate, reason: text(200).min(1, "请填写归档原因 / give a reason") });

export const ZHouseholdMember = z.object({ personId: z.string(), name: z.string(), gender: z.string(), age: z.number().nullable(), head: z.boolean() });
export const ZHousehold = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  /** 张*家: the head's name masked. */
  name: z.string(),
  /** Down to the building (masked). */
  address: z.string().nullable(),
  kinds: z.array(z.string()),
  needs: z.array(z.string()),
  gridWorkerId: z.string().nullable(),
  gridWorkerName: z.string().nullable(),
  paired: z.array(z.object({ personId: z.string(), name: z.string() })),
  members: z.array(ZHouseholdMember),
  state: z.enum(HOUSEHOLD_STATES),
  enrolledOn: z.string(),
  archivedOn: z.string().nullable(),
  archiveReason: z.string().nullable(),
  lastVisitedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type THousehold = z.infer<typeof ZHousehold>;

export const ZGiven = z.object({
  goods: text(200).default(""),
  moneyFen: z.number().int().min(0).max(100_000_000).default(0),
  services: text(200).default(""),
});
export const ZVisitHousehold = ZGiven.extend({
  householdId: z.string().min(1).max(64),
  followUp: text(500).default(""),
});
export const ZVisitCreate = z
  .object({
    communityId: z.string().min(1).max(64),
    visitedOn: ZDate,
    title: text(100).min(1, "请填写标题 / give a title"),
    kind: z.enum(VISIT_KINDS).default("visit"),
    /** Accounts that went (staff, grid workers). */
    visitorUserIds: ids(30).default([]),
    /** People of the registry who went (party members, volunteers). */
    visitorPersonIds: ids(30).default([]),
    /** Partner units: organisations of the platform (市台办, 区工务署, 企业党支部 …). */
    partnerOrgIds: ids(20).default([]),
    households: z.array(ZVisitHousehold).min(1, "至少走访一户 / visit at least one household").max(500),
    note: text(2000).default(""),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const [i, h] of v.households.entries()) {
      if (seen.has(h.householdId))
        ctx.addIssue({ code: "custom", path: ["households", i], message: "同一户在一次走访中只能出现一次 / a household appears once per visit" });
      seen.add(h.householdId);
    }
    if (!v.visitorUserIds.length && !v.visitorPersonIds.length && !v.partnerOrgIds.length)
      ctx.addIssue({ code: "custom", path: ["visitorUserIds"], message: "请填写走访人员或共建单位 / name who visited" });
  });
export type TVisitCreate = z.infer<typeof ZVisitCreate>;

export const ZVisitLine = z.object({
  id: z.string(),
  householdId: z.string(),
  householdName: z.string(),
  gridName: z.string().nullable(),
  goods: z.string(),
  moneyFen: z.number(),
  services: z.string(),
  followUp: z.string(),
  followUpClosedOn: z.string().nullable(),
});
export const ZVisit = z.object({
  id: z.string(),
  communityId: z.string(),
  visitedOn: z.string(),
  title: z.string(),
  kind: z.enum(VISIT_KINDS),
  visitors: z.array(z.string()),
  partners: z.array(z.object({ id: z.string(), name: z.string() })),
  households: z.array(ZVisitLine),
  moneyFen: z.number(),
  note: z.string(),
  /** Voided (作废) with a reason: out of the figures and lists, kept on the households' timelines. */
  voided: ZVoiding.optional(),
});
export type TVisit = z.infer<typeof ZVisit>;

/** A household's page: the household, its visits (newest first), what it received and its open needs. */
export const ZHouseholdDetail = z.object({
  household: ZHousehold,
  visits: z.array(
    z.object({
      visitId: z.string(),
      lineId: z.string(),
      visitedOn: z.string(),
      title: z.string(),
      kind: z.enum(VISIT_KINDS),
      visitors: z.array(z.string()),
      partners: z.array(z.string()),
      goods: z.string(),
      moneyFen: z.number(),
      services: z.string(),
      followUp: z.string(),
      followUpClosedOn: z.string().nullable(),
      voided: z.boolean().optional(),
    }),
  ),
  received: z.object({ visits: z.number(), moneyFen: z.number(), goods: z.array(z.string()), services: z.array(z.string()) }),
  openNeeds: z.array(z.object({ text: z.string(), source: z.enum(["household", "follow_up"]), lineId: z.string().nullable(), since: z.string() })),
});
export type THouseholdDetail = z.infer<typeof ZHouseholdDetail>;

export const ZHouseholdQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(40).optional(),
  gridId: z.string().max(64).optional(),
  kind: z.string().max(20).optional(),
  state: z.enum(HOUSEHOLD_STATES).optional(),
  /** Only active households not visited for the setting's months (or `months`), as of today. */
  unvisited: z.enum(["0", "1"]).optional(),
  months: z.coerce.number().int().min(1).max(60).optional(),
});
export const ZVisitQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  from: ZDate.optional(),
  to: ZDate.optional(),
  q: z.string().trim().max(40).optional(),
  voided: ZVoidedFilter,
});
export const ZFollowUpClose = z.object({ on: ZDate });
