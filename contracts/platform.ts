import { z } from "zod";
import { ROLES } from "./roles.js";

// Schemas shared by the API routes and the web forms. No server or browser imports here.

export const REGION_LEVELS = ["district", "subdistrict", "community", "grid", "estate", "building"] as const;
export const REGION_LEVEL_LABELS: Record<(typeof REGION_LEVELS)[number], { zh: string; en: string }> = {
  district: { zh: "区", en: "District" },
  subdistrict: { zh: "街道", en: "Subdistrict" },
  community: { zh: "社区", en: "Community" },
  grid: { zh: "网格", en: "Grid" },
  estate: { zh: "小区/城中村", en: "Estate / village" },
  building: { zh: "楼栋", en: "Building" },
};

/** A calendar date YYYY-MM-DD that exists (no 2025-02-30, no month 13). */
export const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "日期不存在 / no such date");
const ZGeometry = z
  .object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.any()).min(1) })
  .describe("GeoJSON Polygon or MultiPolygon, [lng, lat] pairs");

export const ZRegionCreate = z.object({
  parentId: z.string().min(1).nullable(),
  level: z.enum(REGION_LEVELS),
  name: z.string().trim().min(1).max(60),
  /** 14-digit 单元网格 code for grids (6 county + 3 subdistrict + 3 community + 2 sequence); other levels their official codes. */
  code: z
    .string()
    .trim()
    .regex(/^\d{6,14}$/, "编码应为 6–14 位数字 / code must be 6–14 digits")
    .nullable()
    .optional(),
  boundary: ZGeometry.nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  sort: z.number().int().optional(),
  /** 设立日期: when the region was set up in the real world (a grid drawn today may be years old); counts it in past periods. */
  establishedOn: ZDate.nullable().optional(),
});
export type TRegionCreate = z.infer<typeof ZRegionCreate>;
export const ZRegionUpdate = ZRegionCreate.omit({ parentId: true, level: true }).partial().extend({ archived: z.boolean().optional() });
export type TRegionUpdate = z.infer<typeof ZRegionUpdate>;
export const ZRegion = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(REGION_LEVELS),
  name: z.string(),
  code: z.string().nullable(),
  path: z.string(),
  communityId: z.string().nullable(),
  boundary: z.any().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  sort: z.number(),
  archived: z.boolean(),
  establishedOn: z.string().nullable(),
});
export type TRegion = z.infer<typeof ZRegion>;

export const ORG_KINDS = [
  "党组织",
  "股份合作公司",
  "两新组织",
  "学校",
  "社康",
  "企业",
  "社会组织",
  "志愿服务队",
  "妇联",
  "网格妇联",
  "三新妇女组织",
  "团委",
  "共建单位",
  "物业公司",
  "业委会",
  "驾校",
  "其他",
] as const;
export const ORG_KIND_EN: Record<(typeof ORG_KINDS)[number], string> = {
  党组织: "Party organisation",
  股份合作公司: "Joint-stock cooperative",
  两新组织: "New economic/social organisation",
  学校: "School",
  社康: "Community health centre",
  企业: "Enterprise",
  社会组织: "Social organisation",
  志愿服务队: "Volunteer team",
  妇联: "Women's federation",
  网格妇联: "Grid women's federation",
  三新妇女组织: "New-sector women's organisation",
  团委: "Youth league committee",
  共建单位: "Partner unit",
  物业公司: "Property management company",
  业委会: "Owners' committee",
  驾校: "Driving school",
  其他: "Other",
};

export const ZOrgCreate = z.object({
  communityId: z.string().min(1),
  gridId: z.string().min(1).nullable().optional(),
  parentId: z.string().min(1).nullable().optional(),
  kind: z.enum(ORG_KINDS),
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().max(40).nullable().optional(),
  foundedOn: ZDate.nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  contactName: z.string().trim().max(40).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s]{5,20}$/, "电话格式不正确 / invalid phone")
    .nullable()
    .optional(),
  note: z.string().max(2000).nullable().optional(),
});
export type TOrgCreate = z.infer<typeof ZOrgCreate>;
export const ZOrgUpdate = ZOrgCreate.omit({ communityId: true }).partial().extend({ archived: z.boolean().optional() });
export const ZOrg = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  parentId: z.string().nullable(),
  kind: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  note: z.string().nullable(),
  archived: z.boolean(),
});
export type TOrg = z.infer<typeof ZOrg>;

export const PERSON_KINDS = ["registered", "migrant", "foreign"] as const;
export const PERSON_KIND_LABELS = {
  registered: { zh: "户籍", en: "Registered" },
  migrant: { zh: "流动", en: "Migrant" },
  foreign: { zh: "境外", en: "Foreign" },
} as const;
export const PERSON_TAGS = ["老年人", "残疾人", "低保", "困境儿童", "党员", "志愿者", "退役军人", "独居老人", "重点关注"] as const;
export const PERSON_TAG_EN: Record<(typeof PERSON_TAGS)[number], string> = {
  老年人: "Elderly",
  残疾人: "Disabled",
  低保: "Minimum living allowance",
  困境儿童: "Child in difficulty",
  党员: "Party member",
  志愿者: "Volunteer",
  退役军人: "Veteran",
  独居老人: "Elderly living alone",
  重点关注: "Needs attention",
};

/** 18-digit resident ID with the GB 11643 check digit; foreign residents may carry a passport number instead. */
export function idNumberValid(v: string): boolean {
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(v[i]), 0);
  return "10X98765432"[sum % 11] === v[17];
}

export const ZPersonCreate = z
  .object({
    communityId: z.string().min(1),
    gridId: z.string().min(1).nullable().optional(),
    estateId: z.string().min(1).nullable().optional(),
    name: z.string().trim().min(1).max(40),
    gender: z.enum(["M", "F"]),
    birthDate: ZDate.nullable().optional(),
    idNumber: z.string().trim().toUpperCase().max(30).nullable().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, "手机号应为 11 位 / phone must be 11 digits")
      .nullable()
      .optional(),
    address: z.string().trim().max(200).nullable().optional(),
    kind: z.enum(PERSON_KINDS),
    tags: z.array(z.enum(PERSON_TAGS)).max(20).default([]),
    note: z.string().max(2000).nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.idNumber && p.kind !== "foreign" && !idNumberValid(p.idNumber))
      ctx.addIssue({ code: "custom", path: ["idNumber"], message: "身份证号码无效（18 位且校验位正确）/ invalid resident ID number" });
  });
export type TPersonCreate = z.infer<typeof ZPersonCreate>;
export const ZPersonUpdate = z.object({
  gridId: z.string().min(1).nullable().optional(),
  estateId: z.string().min(1).nullable().optional(),
  name: z.string().trim().min(1).max(40).optional(),
  gender: z.enum(["M", "F"]).optional(),
  birthDate: ZDate.nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, "手机号应为 11 位 / phone must be 11 digits")
    .nullable()
    .optional(),
  address: z.string().trim().max(200).nullable().optional(),
  kind: z.enum(PERSON_KINDS).optional(),
  tags: z.array(z.enum(PERSON_TAGS)).max(20).optional(),
  note: z.string().max(2000).nullable().optional(),
  archived: z.boolean().optional(),
});
export type TPersonUpdate = z.infer<typeof ZPersonUpdate>;
/** A person as the API returns it: id number and phone masked; the address down to the building. */
export const ZPerson = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  estateId: z.string().nullable(),
  name: z.string(),
  gender: z.enum(["M", "F"]),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  kind: z.enum(PERSON_KINDS),
  tags: z.array(z.string()),
  note: z.string().nullable(),
  archived: z.boolean(),
  updatedAt: z.string(),
});
export type TPerson = z.infer<typeof ZPerson>;
export const ZPersonQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(40).optional(),
  gridId: z.string().optional(),
  kind: z.enum(PERSON_KINDS).optional(),
  tag: z.enum(PERSON_TAGS).optional(),
  archived: z.enum(["0", "1"]).optional(),
});
export const ZReveal = z.object({
  field: z.enum(["idNumber", "phone", "address"]),
  reason: z.string().trim().min(2, "请填写查看原因 / give a reason").max(200),
});

export const ZUserCreate = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, "用户名 3–32 位小写字母、数字、._- / username: 3–32 lower-case letters, digits, ._-"),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  scopeRegionId: z.string().min(1),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, "手机号应为 11 位 / phone must be 11 digits")
    .nullable()
    .optional(),
  password: z.string().min(1).max(128),
});
export type TUserCreate = z.infer<typeof ZUserCreate>;
export const ZUserUpdate = z.object({
  displayName: z.string().trim().min(1).max(40).optional(),
  role: z.enum(ROLES).optional(),
  scopeRegionId: z.string().min(1).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, "手机号应为 11 位 / phone must be 11 digits")
    .nullable()
    .optional(),
  disabled: z.boolean().optional(),
});
export const ZUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scopeRegionId: z.string(),
  scopeName: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** The password is to be changed at next login: reset by the security administrator, or none set yet (imported). */
  mustReset: z.boolean(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZFigure = z.object({
  key: z.string(),
  module: z.string(),
  value: z.number(),
  unit: z.enum(["count", "yuan", "ratio"]),
  label: z.string(),
  definition: z.string(),
  dimensions: z.array(z.object({ key: z.string(), label: z.string() })),
  /** "community": records of the community as a whole, which a grid worker sees as the community's. */
  scopeLevel: z.enum(["grid", "community"]).optional(),
});
export type TFigure = z.infer<typeof ZFigure>;
export const ZFigureQuery = z.object({
  region: z.string().optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});

export const ZAuditEntry = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.any().nullable(),
  after: z.any().nullable(),
  success: z.boolean(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

/**
 * What every import route answers (XLSX, GeoJSON, any register): imports are all or nothing, so
 * `errors` non-empty means nothing was written; `created` and `unchanged` then say what the file
 * would have done. A dry run (`dryRun=1`) checks and counts without writing. A re-import of the
 * same file creates nothing and counts its rows as unchanged. Rows are numbered as the file shows
 * them (the header is row 1 of a sheet; GeoJSON features count from 1).
 */
export const ZImportReport = z.object({
  created: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  dryRun: z.boolean(),
  /** What the file leaves unknown and which figures therefore leave those rows out (never invented). */
  notes: z.array(z.string()).optional(),
});
export type TImportReport = z.infer<typeof ZImportReport>;
/** The query every import route takes: `dryRun=1` checks the file and writes nothing. */
export const ZImportQuery = z.object({ dryRun: z.enum(["0", "1"]).optional() });
/** An import into one community (`communityId`, checked against the caller's scope). */
export const ZCommunityImportQuery = ZImportQuery.extend({ communityId: z.string().min(1).max(64) });

/**
 * 作废: a record entered by mistake is voided with a reason (it leaves figures and lists, stays in
 * the audit log and on its timeline) and can be restored.
 */
export const ZVoid = z.object({
  reason: z.string().trim().min(2, "请写明作废原因（至少 2 个字） / give the reason (2 characters or more)").max(200),
});
export type TVoid = z.infer<typeof ZVoid>;
/** A list's choice: live records (default), the voided ones only ("1"), or all. */
export const ZVoidedFilter = z.enum(["0", "1", "all"]).optional();
/** What a voidable record says of its voiding (null: not voided). */
export const ZVoiding = z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable();
