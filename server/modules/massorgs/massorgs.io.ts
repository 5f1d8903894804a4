import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { maskIdNumber, maskName } from "../../../contracts/mask.js";
import {
  LEVEL_LABELS,
  LEVELS,
  MEMBER_ROLE_LABELS,
  MEMBER_ROLES,
  NOMINATION_RESULT_LABELS,
  ZBrandProjectCreate,
  ZMemberCreate,
  ZNominationCreate,
  ZYearQuery,
} from "../../../contracts/massorgs.js";
import { can } from "../../../contracts/roles.js";
import { bad, cell, sheetDate, templateXlsx } from "../../io/import.js";
import { importRoutes, ZCommunityImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import type { Msg } from "../../platform/errors.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { type Who, whoOf } from "../../platform/who.js";
import * as repo from "./massorgs.repo.js";
import type { MassOrgsService } from "./massorgs.service.js";

// The registers of 群团 as XLSX: members and leaders of the mass organisations, their brand projects,
// and honours & nominations. Each import (server/io/import.ts: a template made from the register's
// columns, a check first, all or nothing with a report per row naming the column; the same file again
// changes nothing) stores every row through the service, as a user's entry would be (the same rules
// of massorgs.rules.ts and the same audit entries). Each export takes the list's filters, is audited,
// and masks names and ID numbers unless the caller may reveal them (people.reveal) and asks to.

type Col = { key: string; zh: string; en: string; width: number; example?: string; choices?: readonly string[] };
const roleChoices = MEMBER_ROLES.map((r) => MEMBER_ROLE_LABELS[r].zh);
const levelChoices = LEVELS.map((l) => LEVEL_LABELS[l].zh);
const KIND_LABELS = { person: { zh: "个人", en: "Person" }, org: { zh: "组织", en: "Organisation" } } as const;

/** The members register's columns: what the import reads and the export writes (the example row is a fictitious person). */
export const MEMBER_COLS: Col[] = [
  { key: "org", zh: "组织", en: "Organisation", width: 18, example: "社区妇联" },
  { key: "name", zh: "姓名", en: "Name", width: 10, example: "张三" },
  { key: "idNumber", zh: "身份证号", en: "ID number", width: 22, example: "440309199001011235" },
  { key: "role", zh: "职务", en: "Role", width: 14, example: MEMBER_ROLE_LABELS.member.zh, choices: roleChoices },
  { key: "joinedOn", zh: "加入日期", en: "Joined", width: 12, example: "2024-03-01" },
  { key: "leftOn", zh: "退出日期", en: "Left", width: 12, example: "" },
];
export const BRAND_COLS: Col[] = [
  { key: "org", zh: "组织", en: "Organisation", width: 18, example: "社区妇联" },
  { key: "name", zh: "项目名称", en: "Project", width: 20, example: "巾帼微家" },
  { key: "startedOn", zh: "启动日期", en: "Started", width: 12, example: "2024-03-08" },
  { key: "description", zh: "项目简介", en: "Description", width: 36, example: "为社区妇女儿童提供议事、学习和互助的空间" },
  { key: "applications", zh: "申报次数", en: "Applications", width: 10 },
];
export const NOMINATION_COLS: Col[] = [
  {
    key: "kind",
    zh: "被推荐类型",
    en: "Nominee kind",
    width: 12,
    example: KIND_LABELS.person.zh,
    choices: [KIND_LABELS.person.zh, KIND_LABELS.org.zh],
  },
  { key: "name", zh: "被推荐人姓名", en: "Nominee's name", width: 12, example: "张三" },
  { key: "idNumber", zh: "被推荐人身份证号", en: "Nominee's ID number", width: 22, example: "440309199001011235" },
  { key: "org", zh: "被推荐组织", en: "Nominated organisation", width: 18, example: "" },
  { key: "award", zh: "奖项", en: "Award", width: 16, example: "最美家庭" },
  { key: "level", zh: "级别", en: "Level", width: 10, example: LEVEL_LABELS.subdistrict.zh, choices: levelChoices },
  { key: "nominatedOn", zh: "推荐日期", en: "Nominated on", width: 12, example: "2024-03-01" },
  { key: "byOrg", zh: "推荐单位", en: "Nominated by", width: 18, example: "" },
  { key: "note", zh: "备注", en: "Note", width: 24, example: "" },
  { key: "result", zh: "结果", en: "Result", width: 10 },
  { key: "resultOn", zh: "结果日期", en: "Result on", width: 12 },
];

/** A template from the columns the import reads (those with an example), a drop-down list on the enumerated ones. */
const templateOf = (sheet: string, cols: Col[]) =>
  templateXlsx(
    sheet,
    cols.filter((c) => c.example !== undefined).map((c) => ({ header: c.zh, example: c.example ?? "", width: c.width, choices: c.choices })),
  );
/** A row's cell under a column, by its Chinese or English header. */
const getter = (cols: Col[], values: Record<string, string>) => {
  const get = cell(values);
  return (key: string) => {
    const c = cols.find((x) => x.key === key);
    return c ? get(c.zh, c.en).trim() : "";
  };
};
const colName = (cols: Col[], key: string): Msg => {
  const c = cols.find((x) => x.key === key);
  return { zh: c?.zh ?? key, en: c?.en ?? key };
};
/** A date cell (YYYY-MM-DD, 2024/3/1 …) or a refusal naming its column. */
function dateOf(cols: Col[], key: string, v: string, required = true): string | null {
  if (!v && !required) return null;
  const n = colName(cols, key);
  if (!v) throw bad(`${n.zh}必填`, `${n.en} is required`);
  const d = sheetDate(v);
  if (!d) throw bad(`${n.zh}“${v}”不是日期（YYYY-MM-DD）`, `${n.en} "${v}" is not a date (YYYY-MM-DD)`);
  return d;
}
/** A labelled choice (its Chinese or English label, or its code), or a refusal naming the column and the choices. */
function choiceOf<K extends string>(cols: Col[], key: string, v: string, labels: Record<K, Msg>, fallback?: K): K {
  if (!v && fallback) return fallback;
  const found = (Object.keys(labels) as K[]).find((k) => k === v || labels[k].zh === v || labels[k].en.toLowerCase() === v.toLowerCase());
  if (found) return found;
  const n = colName(cols, key);
  const all = Object.values<Msg>(labels);
  throw bad(`${n.zh}“${v}”应为${all.map((l) => l.zh).join("、")}之一`, `${n.en} "${v}" must be one of ${all.map((l) => l.en).join(", ")}`);
}
/** A column's zod refusal, for the row's report line. */
function parsed<T>(r: z.ZodSafeParseResult<T>): T {
  if (r.success) return r.data;
  const m = r.error.issues[0]?.message ?? "格式有误 / invalid";
  throw bad(m, m);
}

export function registerMassOrgIoRoutes(app: FastifyInstance, deps: Deps, svc: MassOrgsService) {
  const r = withZod(app);
  const tags = ["massorgs"];
  const { db } = deps;
  const audited = (who: Who, action: string, entity: string, after: Record<string, unknown>) =>
    db.transaction().execute((trx) => deps.audit.record(trx, who, { action, entity, communityId: who.scope.communityId, after }));

  /** The community's one mass organisation of this name (the column named in the refusal). */
  async function massOrgNamed(exec: typeof db, who: Who, communityId: string, name: string) {
    if (!name) throw bad("组织必填", "Organisation is required");
    const all = (await repo.massOrgs(exec, who.scope)).filter((o) => o.community_id === communityId && o.name === name);
    if (!all.length) throw bad(`组织：本社区没有名为“${name}”的群团组织`, `Organisation: no mass organisation named "${name}" in this community`);
    if (all.length > 1) throw bad(`组织：本社区有多个名为“${name}”的群团组织`, `Organisation: more than one mass organisation is named "${name}"`);
    return all[0];
  }
  /** The community's person of this ID number, the name (if given) as on the registry. */
  async function personOf(exec: typeof db, who: Who, communityId: string, cols: Col[], idNumber: string, name: string) {
    const n = colName(cols, "idNumber");
    if (!idNumber) throw bad(`${n.zh}必填`, `${n.en} is required`);
    const p = await repo.personByIdNumber(exec, who.scope, communityId, idNumber);
    if (!p)
      throw bad(
        `${n.zh}：本社区人口库中没有身份证号 ${maskIdNumber(idNumber)} 的居民，请先登记居民`,
        `${n.en}: no resident with ID number ${maskIdNumber(idNumber)} on this community's people registry; register the person first`,
      );
    const nn = colName(cols, "name");
    if (name && name !== p.name) throw bad(`${nn.zh}与人口库不一致`, `${nn.en} differs from the people registry`);
    return p;
  }
  /** A refusal for the second row of the file saying the same thing. */
  const once = () => {
    const seen = new Map<string, number>();
    return (key: string, row: number) => {
      const first = seen.get(key);
      if (first !== undefined) throw bad(`与第 ${first} 行重复`, `Repeats row ${first}`);
      seen.set(key, row);
    };
  };
  const revealOf = (req: Parameters<typeof authed>[0], asked: string | undefined) => asked === "1" && can(authed(req).user.role, "people.reveal");
  const ZReveal = z.enum(["0", "1"]).default("0");

  // Members and leaders.
  importRoutes(app, {
    path: "/api/massorgs/members/import",
    permission: "massorgs.write",
    operationId: "importMassOrgMembers",
    tags,
    summary: "导入群团组织成员 XLSX（multipart 字段 file），全部成功或全部不导入",
    query: ZCommunityImportQuery,
    template: {
      operationId: "massOrgMemberImportTemplate",
      summary: "群团组织成员导入模板",
      filename: () => "群团组织成员导入模板.xlsx",
      build: () => templateOf("群团组织成员", MEMBER_COLS),
    },
    db,
    row: ({ who }, c) => {
      const dup = once();
      return async (trx, row) => {
        const get = getter(MEMBER_COLS, row.values);
        const org = await massOrgNamed(trx, who, c.id, get("org"));
        const p = await personOf(trx, who, c.id, MEMBER_COLS, get("idNumber").toUpperCase(), get("name"));
        const role = choiceOf(MEMBER_COLS, "role", get("role"), MEMBER_ROLE_LABELS, "member");
        const joinedOn = dateOf(MEMBER_COLS, "joinedOn", get("joinedOn")) as string;
        const leftOn = dateOf(MEMBER_COLS, "leftOn", get("leftOn"), false);
        dup(`${org.id}|${p.id}|${joinedOn}`, row.row);
        const had = await repo.memberSince(trx, org.id, p.id, joinedOn);
        if (had && (had.left_on ?? null) === leftOn) return "unchanged";
        const memberId = had ? had.id : await svc.addMember(who, org.id, parsed(ZMemberCreate.safeParse({ personId: p.id, role, joinedOn })), trx);
        if (leftOn) await svc.leaveMember(who, org.id, memberId, leftOn, trx);
        else if (had) throw bad("该成员已退出，退出日期不能清空", "The member has left; the leaving date cannot be cleared");
        return "created";
      };
    },
  });
  r.get(
    "/api/massorgs/members/export.xlsx",
    {
      config: { permission: "massorgs.export" },
      schema: {
        operationId: "exportMassOrgMembers",
        tags,
        summary: "导出群团组织成员 XLSX（脱敏，除非有查看权限并选择显示）",
        querystring: z.object({ orgId: z.string().max(64).optional(), reveal: ZReveal }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const reveal = revealOf(req, req.query.reveal);
      const orgs = (await repo.massOrgs(db, ctx.scope)).filter((o) => !req.query.orgId || o.id === req.query.orgId);
      const rows = await repo.membersForExport(
        db,
        orgs.map((o) => o.id),
      );
      await audited(whoOf(req), "massorgs.members.export", "organisation", { rows: rows.length, filters: { orgId: req.query.orgId }, revealed: reveal });
      const en = ctx.lang === "en";
      const buf = await toXlsx(
        en ? "Members" : "群团组织成员",
        MEMBER_COLS.map((c) => ({ header: en ? c.en : c.zh, key: c.key, width: c.width })),
        rows.map((m) => ({
          org: m.org_name,
          name: reveal ? m.name : (maskName(m.name) ?? ""),
          idNumber: reveal ? (m.id_number ?? "") : (maskIdNumber(m.id_number) ?? ""),
          role: MEMBER_ROLE_LABELS[m.role as (typeof MEMBER_ROLES)[number]]?.[ctx.lang] ?? m.role,
          joinedOn: m.joined_on,
          leftOn: m.left_on ?? "",
        })),
      );
      return sendFile(reply, en ? "mass-org-members.xlsx" : "群团组织成员.xlsx", XLSX_MIME, buf);
    },
  );

  // Brand projects.
  importRoutes(app, {
    path: "/api/massorgs/brand-projects/import",
    permission: "massorgs.write",
    operationId: "importBrandProjects",
    tags,
    summary: "导入品牌项目 XLSX（multipart 字段 file），全部成功或全部不导入",
    query: ZCommunityImportQuery,
    template: {
      operationId: "brandProjectImportTemplate",
      summary: "品牌项目导入模板",
      filename: () => "品牌项目导入模板.xlsx",
      build: () => templateOf("品牌项目", BRAND_COLS),
    },
    db,
    row: ({ who }, c) => {
      const dup = once();
      return async (trx, row) => {
        const get = getter(BRAND_COLS, row.values);
        const org = await massOrgNamed(trx, who, c.id, get("org"));
        const name = get("name");
        if (!name) throw bad("项目名称必填", "Project is required");
        const startedOn = dateOf(BRAND_COLS, "startedOn", get("startedOn")) as string;
        dup(`${org.id}|${name}`, row.row);
        if (await repo.brandProjectNamed(trx, org.id, name)) return "unchanged";
        await svc.addBrandProject(who, parsed(ZBrandProjectCreate.safeParse({ orgId: org.id, name, description: get("description"), startedOn })), trx);
        return "created";
      };
    },
  });
  r.get(
    "/api/massorgs/brand-projects/export.xlsx",
    {
      config: { permission: "massorgs.export" },
      schema: {
        operationId: "exportBrandProjects",
        tags,
        summary: "导出品牌项目 XLSX",
        querystring: z.object({ orgId: z.string().max(64).optional() }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const orgs = (await repo.massOrgs(db, ctx.scope)).filter((o) => !req.query.orgId || o.id === req.query.orgId);
      const projects = await repo.brandProjects(
        db,
        orgs.map((o) => o.id),
      );
      const apps = await repo.applicationsOf(
        db,
        projects.map((p) => p.id),
      );
      await audited(whoOf(req), "massorgs.brand.export", "mo_brand_project", { rows: projects.length, filters: { orgId: req.query.orgId } });
      const en = ctx.lang === "en";
      const buf = await toXlsx(
        en ? "Brand projects" : "品牌项目",
        BRAND_COLS.map((c) => ({ header: en ? c.en : c.zh, key: c.key, width: c.width })),
        projects.map((p) => ({
          org: p.org_name,
          name: p.name,
          startedOn: p.started_on,
          description: p.description,
          applications: apps.filter((a) => a.project_id === p.id).length,
        })),
      );
      return sendFile(reply, en ? "brand-projects.xlsx" : "品牌项目.xlsx", XLSX_MIME, buf);
    },
  );

  // Honours and nominations.
  importRoutes(app, {
    path: "/api/massorgs/nominations/import",
    permission: "massorgs.write",
    operationId: "importNominations",
    tags,
    summary: "导入荣誉推荐 XLSX（multipart 字段 file），全部成功或全部不导入",
    query: ZCommunityImportQuery,
    template: {
      operationId: "nominationImportTemplate",
      summary: "荣誉推荐导入模板",
      filename: () => "荣誉推荐导入模板.xlsx",
      build: () => templateOf("荣誉推荐", NOMINATION_COLS),
    },
    db,
    row: ({ who }, c) => {
      const dup = once();
      const cols = NOMINATION_COLS;
      return async (trx, row) => {
        const get = getter(cols, row.values);
        const kind = choiceOf(cols, "kind", get("kind"), KIND_LABELS, get("org") && !get("idNumber") ? "org" : "person");
        let personId: string | null = null;
        let orgId: string | null = null;
        if (kind === "person") personId = (await personOf(trx, who, c.id, cols, get("idNumber").toUpperCase(), get("name"))).id;
        else {
          const name = get("org");
          const n = colName(cols, "org");
          if (!name) throw bad(`${n.zh}必填`, `${n.en} is required`);
          const found = await repo.orgsNamed(trx, c.id, name);
          if (found.length !== 1)
            throw bad(
              `${n.zh}：本社区组织名录中${found.length ? "有多个" : "没有"}名为“${name}”的组织`,
              `${n.en}: ${found.length ? "more than one organisation" : "no organisation"} named "${name}" on this community's register`,
            );
          orgId = found[0].id;
        }
        const award = get("award");
        if (!award) throw bad("奖项必填", "Award is required");
        const level = choiceOf(cols, "level", get("level"), LEVEL_LABELS);
        const nominatedOn = dateOf(cols, "nominatedOn", get("nominatedOn")) as string;
        let byOrgId: string | null = null;
        const by = get("byOrg");
        if (by) {
          const found = await repo.orgsNamed(trx, c.id, by);
          if (found.length !== 1)
            throw bad(
              `推荐单位：本社区组织名录中${found.length ? "有多个" : "没有"}名为“${by}”的组织`,
              `Nominated by: ${found.length ? "more than one organisation" : "no organisation"} named "${by}" on this community's register`,
            );
          byOrgId = found[0].id;
        }
        dup(`${personId ?? orgId}|${award}|${nominatedOn}`, row.row);
        if (await repo.sameNomination(trx, { communityId: c.id, personId, orgId, award, nominatedOn })) return "unchanged";
        await svc.nominate(
          who,
          parsed(ZNominationCreate.safeParse({ communityId: c.id, nomineeKind: kind, personId, orgId, award, level, nominatedOn, byOrgId, note: get("note") })),
          trx,
        );
        return "created";
      };
    },
  });
  r.get(
    "/api/massorgs/nominations/export.xlsx",
    {
      config: { permission: "massorgs.export" },
      schema: {
        operationId: "exportNominations",
        tags,
        summary: "导出荣誉推荐 XLSX（按年；个人姓名、身份证号脱敏，除非有查看权限并选择显示）",
        querystring: ZYearQuery.extend({ reveal: ZReveal }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const reveal = revealOf(req, req.query.reveal);
      const { reveal: _r, ...filters } = req.query;
      const rows = await repo.nominationsIn(db, ctx.scope, filters);
      const ids = await repo.idNumbersOf(
        db,
        rows.flatMap((n) => (n.person_id ? [n.person_id] : [])),
      );
      await audited(whoOf(req), "massorgs.nominations.export", "mo_nomination", { rows: rows.length, filters, revealed: reveal });
      const en = ctx.lang === "en";
      const buf = await toXlsx(
        en ? "Honours" : "荣誉推荐",
        NOMINATION_COLS.map((c) => ({ header: en ? c.en : c.zh, key: c.key, width: c.width })),
        rows.map((n) => {
          const person = n.nominee_kind === "person";
          const idNumber = person && n.person_id ? (ids.get(n.person_id) ?? "") : "";
          return {
            kind: KIND_LABELS[person ? "person" : "org"][ctx.lang],
            name: person ? (reveal ? n.nominee_name : (maskName(n.nominee_name) ?? "")) : "",
            idNumber: reveal ? idNumber : (maskIdNumber(idNumber) ?? ""),
            org: person ? "" : n.nominee_name,
            award: n.award,
            level: LEVEL_LABELS[n.level as (typeof LEVELS)[number]]?.[ctx.lang] ?? n.level,
            nominatedOn: n.nominated_on,
            byOrg: n.by_org_name ?? "",
            note: n.note,
            result: NOMINATION_RESULT_LABELS[n.result as keyof typeof NOMINATION_RESULT_LABELS]?.[ctx.lang] ?? n.result,
            resultOn: n.result_on ?? "",
          };
        }),
      );
      return sendFile(reply, en ? "honours.xlsx" : "荣誉推荐.xlsx", XLSX_MIME, buf);
    },
  );
}
