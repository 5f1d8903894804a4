import { z } from "zod";
import { ZDate } from "./platform.js";
import { HAZARD_KINDS } from "./safety.js";

// 志愿服务 volunteers (DOMAIN.md §6): the registry, teams (成熟即建), service records with
// sign-in/out and the organiser's confirmation, Shenzhen star levels from hours and tenure, and
// night patrols (夜巡) whose problems open hazards in safety. Shared by the routes and the web.

type Msg = { zh: string; en: string };
const labels = <K extends string>(m: Record<K, Msg>) => m;

export const VOLUNTEER_STATES = ["active", "paused", "left"] as const;
export type VolunteerState = (typeof VOLUNTEER_STATES)[number];
export const VOLUNTEER_STATE_LABELS = labels<VolunteerState>({
  active: { zh: "在册", en: "Active" },
  paused: { zh: "暂停服务", en: "Paused" },
  left: { zh: "已退出", en: "Left" },
});

export const RECORD_KINDS = ["activity", "night_patrol", "other"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_KIND_LABELS = labels<RecordKind>({
  activity: { zh: "活动服务", en: "Activity" },
  night_patrol: { zh: "夜巡", en: "Night patrol" },
  other: { zh: "其他服务", en: "Other service" },
});

export const RECORD_STATES = ["open", "pending", "confirmed", "void"] as const;
export type RecordState = (typeof RECORD_STATES)[number];
export const RECORD_STATE_LABELS = labels<RecordState>({
  open: { zh: "已签到", en: "Signed in" },
  pending: { zh: "待确认", en: "Awaiting confirmation" },
  confirmed: { zh: "已确认", en: "Confirmed" },
  void: { zh: "已作废", en: "Void" },
});

export const SIGN_METHODS = ["qr", "leader", "import"] as const;

const ZIso = z.string().datetime({ offset: true });
const ZName = z.string().trim().min(1).max(100);

export const ZVolunteerCreate = z.object({
  personId: z.string().min(1).max(64),
  joinedOn: ZDate,
  skills: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  availability: z.string().trim().max(200).nullish(),
  userId: z.string().max(64).nullish(),
});
export type TVolunteerCreate = z.input<typeof ZVolunteerCreate>;
export const ZVolunteerPatch = z.object({
  skills: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
  availability: z.string().trim().max(200).nullish(),
  state: z.enum(VOLUNTEER_STATES).optional(),
  userId: z.string().max(64).nullish(),
});

export const ZStar = z.object({
  level: z.number().int(),
  /** Date each level was first reached, lowest first. */
  reached: z.array(z.object({ level: z.number().int(), on: z.string() })),
  /** The next level and what is left: hours still to serve and the date tenure allows it. */
  next: z.object({ level: z.number().int(), hoursLeft: z.number(), tenureOn: z.string() }).nullable(),
});
export type TStar = z.infer<typeof ZStar>;

export const ZVolunteer = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  personId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  skills: z.array(z.string()),
  availability: z.string().nullable(),
  joinedOn: z.string(),
  state: z.enum(VOLUNTEER_STATES),
  leftOn: z.string().nullable(),
  hasAccount: z.boolean(),
  starLevel: z.number().int(),
  hoursTotal: z.number(),
});
export type TVolunteer = z.infer<typeof ZVolunteer>;

export const ZVolunteerQuery = z.object({
  q: z.string().max(50).optional(),
  state: z.enum(VOLUNTEER_STATES).optional(),
  star: z.coerce.number().int().min(0).max(9).optional(),
  teamId: z.string().max(64).optional(),
  /** Star levels on this date (today by default). */
  on: ZDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZRecordCreate = z.object({
  volunteerId: z.string().min(1).max(64),
  kind: z.enum(RECORD_KINDS).default("other"),
  activityId: z.string().max(64).nullish(),
  title: z.string().trim().max(100).nullish(),
  signInAt: ZIso,
  signOutAt: ZIso,
  note: z.string().trim().max(200).nullish(),
});
export type TRecordCreate = z.input<typeof ZRecordCreate>;
export const ZSignIn = z.object({
  volunteerId: z.string().min(1).max(64),
  activityId: z.string().max(64).nullish(),
  title: z.string().trim().max(100).nullish(),
});
export const ZCorrection = z.object({ signInAt: ZIso, signOutAt: ZIso, reason: z.string().trim().min(2).max(200) });

export const ZRecord = z.object({
  id: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  kind: z.enum(RECORD_KINDS),
  activityId: z.string().nullable(),
  nightPatrolId: z.string().nullable(),
  teamId: z.string().nullable(),
  title: z.string(),
  serviceDate: z.string(),
  signInAt: z.string(),
  signOutAt: z.string().nullable(),
  hours: z.number(),
  method: z.string(),
  state: z.enum(RECORD_STATES),
  confirmedBy: z.string().nullable(),
  corrections: z.number().int(),
});
export type TRecord = z.infer<typeof ZRecord>;
export const ZRecordQuery = z.object({
  volunteerId: z.string().max(64).optional(),
  state: z.enum(RECORD_STATES).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZTeamCreate = z.object({
  communityId: z.string().min(1).max(64),
  name: ZName,
  orgId: z.string().max(64).nullish(),
  leaderId: z.string().min(1).max(64),
  /** The leader's (and the team's first) date. */
  startedOn: ZDate,
  memberIds: z.array(z.string().min(1).max(64)).max(500).default([]),
});
export const ZMemberAdd = z.object({ volunteerId: z.string().min(1).max(64), joinedOn: ZDate });
export const ZMemberLeave = z.object({ leftOn: ZDate });
export const ZTeam = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  leaderId: z.string(),
  leaderName: z.string(),
  foundedOn: z.string().nullable(),
  members: z.array(
    z.object({ id: z.string(), volunteerId: z.string(), name: z.string(), role: z.string(), joinedOn: z.string(), leftOn: z.string().nullable() }),
  ),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZFinding = z.object({
  gridId: z.string().min(1).max(64),
  kind: z.enum(HAZARD_KINDS),
  place: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(500),
  risk: z.enum(["low", "medium", "high", "major"]).default("low"),
});
export type TFinding = z.input<typeof ZFinding>;
export const ZNightPatrolCreate = z.object({
  teamId: z.string().min(1).max(64),
  gridId: z.string().max(64).nullish(),
  startsAt: ZIso,
  endsAt: ZIso,
  routeKind: z.enum(["free", "points"]).default("free"),
  route: z.string().trim().max(300).nullish(),
  pointIds: z.array(z.string().max(64)).max(100).default([]),
  participantIds: z.array(z.string().min(1).max(64)).min(1).max(100),
  findings: z.array(ZFinding).max(50).default([]),
  note: z.string().trim().max(500).nullish(),
});
export type TNightPatrolCreate = z.input<typeof ZNightPatrolCreate>;
export const ZNightPatrol = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  gridId: z.string().nullable(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  routeKind: z.string(),
  route: z.string().nullable(),
  pointIds: z.array(z.string()),
  note: z.string().nullable(),
  participants: z.number().int(),
  hours: z.number(),
  hazards: z.number().int(),
});
export type TNightPatrol = z.infer<typeof ZNightPatrol>;
export const ZNightPatrolDetail = ZNightPatrol.extend({
  records: z.array(ZRecord),
  hazardList: z.array(
    z.object({ id: z.string(), code: z.string(), kind: z.string(), place: z.string(), description: z.string(), status: z.string(), risk: z.string() }),
  ),
});
export type TNightPatrolDetail = z.infer<typeof ZNightPatrolDetail>;
export const ZNightPatrolQuery = z.object({
  teamId: z.string().max(64).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZSummary = z.object({
  volunteer: ZVolunteer,
  on: z.string(),
  hoursYear: z.number(),
  hoursTotal: z.number(),
  star: ZStar,
});
export type TSummary = z.infer<typeof ZSummary>;
export const ZMyPage = ZSummary.extend({
  records: z.array(ZRecord),
  openRecord: ZRecord.nullable(),
  upcoming: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), signedUp: z.boolean() })),
});
export type TMyPage = z.infer<typeof ZMyPage>;
