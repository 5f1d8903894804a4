import { z } from "zod";
import { ZDate } from "./platform.js";

// 群团 mass organisations and honours. 妇联 and 团委 organisations and their sub-organisations
// (网格妇联, "三新"妇女组织, 团支部) are platform organisations; this adds their members and leaders,
// brand projects and applications (申报), and honours & nominations.

type Msg = { zh: string; en: string };

/** The platform organisation kinds that are mass organisations (团支部 are 团委 organisations under a parent). */
export const MASS_ORG_KINDS = ["妇联", "网格妇联", "三新妇女组织", "团委"] as const;

export const MEMBER_ROLES = ["chair", "deputy", "member"] as const;
export const MEMBER_ROLE_LABELS: Record<(typeof MEMBER_ROLES)[number], Msg> = {
  chair: { zh: "主席/书记", en: "Chair / secretary" },
  deputy: { zh: "副主席/副书记", en: "Deputy" },
  member: { zh: "成员", en: "Member" },
};
export const LEVELS = ["province", "city", "district", "subdistrict"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, Msg> = {
  province: { zh: "省级", en: "Province" },
  city: { zh: "市级", en: "City" },
  district: { zh: "区级", en: "District" },
  subdistrict: { zh: "街道级", en: "Subdistrict" },
};
export const APPLICATION_RESULTS = ["pending", "approved", "rejected"] as const;
export const APPLICATION_RESULT_LABELS: Record<(typeof APPLICATION_RESULTS)[number], Msg> = {
  pending: { zh: "评审中", en: "Pending" },
  approved: { zh: "已入选", en: "Selected" },
  rejected: { zh: "未入选", en: "Not selected" },
};
export const NOMINATION_RESULTS = ["pending", "awarded", "not_awarded"] as const;
export const NOMINATION_RESULT_LABELS: Record<(typeof NOMINATION_RESULTS)[number], Msg> = {
  pending: { zh: "评选中", en: "Pending" },
  awarded: { zh: "获评", en: "Awarded" },
  not_awarded: { zh: "未获评", en: "Not awarded" },
};
export const DEFAULT_AWARDS = ["两红两优", "五星级义工", "优秀共产党员", "三八红旗手", "五四红旗团支部", "优秀共青团员", "最美家庭"] as const;

const text = (max: number) => z.string().trim().max(max);

export const ZMemberCreate = z.object({
  personId: z.string().min(1).max(64),
  role: z.enum(MEMBER_ROLES).default("member"),
  joinedOn: ZDate,
});
export const ZMemberLeave = z.object({ on: ZDate });
export const ZMember = z.object({
  id: z.string(),
  orgId: z.string(),
  personId: z.string(),
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
});

export const ZBrandProjectCreate = z.object({
  orgId: z.string().min(1).max(64),
  name: text(100).min(1, "请填写项目名称 / give a name"),
  description: text(2000).default(""),
  startedOn: ZDate,
});
export const ZApplicationCreate = z.object({
  title: text(200).min(1, "请填写申报名称 / give a title"),
  level: z.enum(LEVELS),
  appliedOn: ZDate,
  note: text(2000).default(""),
});
export const ZApplicationResult = z.object({ result: z.enum(["approved", "rejected"]), on: ZDate });
export const ZApplication = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  appliedOn: z.string(),
  result: z.enum(APPLICATION_RESULTS),
  resultOn: z.string().nullable(),
  note: z.string(),
});
export const ZBrandProject = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  startedOn: z.string(),
  applications: z.array(ZApplication),
});

export const ZMassOrg = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  gridName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  members: z.number(),
  leaders: z.array(z.string()),
  brandProjects: z.number(),
});
export const ZMassOrgDetail = z.object({
  org: ZMassOrg,
  children: z.array(ZMassOrg),
  members: z.array(ZMember),
  brandProjects: z.array(ZBrandProject),
});

export const ZNominationCreate = z
  .object({
    communityId: z.string().min(1).max(64),
    nomineeKind: z.enum(["person", "org"]),
    personId: z.string().min(1).max(64).nullable().optional(),
    orgId: z.string().min(1).max(64).nullable().optional(),
    award: text(40).min(1, "请填写奖项 / give the award"),
    level: z.enum(LEVELS),
    nominatedOn: ZDate,
    /** The organisation that nominated (社区党委, 团委 …). */
    byOrgId: z.string().min(1).max(64).nullable().optional(),
    note: text(2000).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.nomineeKind === "person" && !v.personId) ctx.addIssue({ code: "custom", path: ["personId"], message: "请选择被推荐人 / choose the person" });
    if (v.nomineeKind === "org" && !v.orgId) ctx.addIssue({ code: "custom", path: ["orgId"], message: "请选择被推荐组织 / choose the organisation" });
  });
export type TNominationCreate = z.infer<typeof ZNominationCreate>;
export const ZNominationResult = z.object({ result: z.enum(["awarded", "not_awarded"]), on: ZDate });
export const ZNomination = z.object({
  id: z.string(),
  communityId: z.string(),
  nomineeKind: z.enum(["person", "org"]),
  personId: z.string().nullable(),
  orgId: z.string().nullable(),
  /** A person's name masked (陈**); an organisation's in full. */
  nomineeName: z.string(),
  award: z.string(),
  level: z.enum(LEVELS),
  nominatedOn: z.string(),
  byOrgName: z.string().nullable(),
  result: z.enum(NOMINATION_RESULTS),
  resultOn: z.string().nullable(),
  note: z.string(),
});
export type TNomination = z.infer<typeof ZNomination>;
export const ZYearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  communityId: z.string().max(64).optional(),
});
