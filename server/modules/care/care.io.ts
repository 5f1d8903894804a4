import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { VISIT_KIND_LABELS, ZHouseholdCreate, ZHouseholdQuery, ZVisitCreate, ZVisitQuery } from "../../../contracts/care.js";
import type { DB } from "../../db/types.js";
import { bad, cell, importRows, type SheetRow, sheetDate, templateXlsx } from "../../io/import.js";
import { importRoutes, ZCommunityImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { communityInScope, inScope } from "../../platform/scope.js";
import { type Who, whoOf } from "../../platform/who.js";
import type { CareServices } from "./care.services.js";

// The households register and the visits as XLSX, with the lists' filters: names masked and
// addresses down to the building as on the page (the full values stay on the people registry,
// revealed there with a reason); each export is audited. Imports of households and of visits (server/io/import.ts: a template,
// a check first, all or nothing with a report per row; the same file again changes nothing), each row
// stored through the services as a user's entry would be (the same rules and audit entries).

/** Items of a cell separated by 、 , ， ; ；. */
const list = (s: string) =>
  s
    .split(/[、,，;；]/)
    .map((x) => x.trim())
    .filter(Boolean);
/** The first message of a zod refusal, for the row's report line. */
const zodMessage = (e: z.ZodError) => e.issues[0]?.message ?? "格式有误 / invalid";
/** "12.5" (yuan) → 1250 fen; null when it is not an amount. */
function fenOf(s: string): number | null {
  if (!s.trim()) return 0;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : null;
}

/** People of the community's registry (in the caller's scope) by ID number. */
async function peopleByIdNumber(trx: Kysely<DB>, who: Who, communityId: string, idNumbers: string[]) {
  if (!idNumbers.length) return new Map<string, { id: string; name: string }>();
  const rows = await trx
    .selectFrom("people as p")
    .select(["p.id", "p.name", "p.id_number"])
    .where(inScope(who.scope, { community: "p.community_id", grid: "p.grid_id" }))
    .where("p.community_id", "=", communityId)
    .where("p.archived", "=", 0)
    .where("p.id_number", "in", idNumbers)
    .execute();
  return new Map(rows.map((r) => [String(r.id_number), { id: r.id, name: r.name }]));
}
async function personOf(trx: Kysely<DB>, who: Who, communityId: string, idNumber: string, what: { zh: string; en: string }) {
  const p = (await peopleByIdNumber(trx, who, communityId, [idNumber])).get(idNumber);
  if (!p) throw bad(`${what.zh}：人口库中没有身份证号 ${idNumber} 的居民`, `${what.en}: no resident with ID number ${idNumber} in the people registry`);
  return p;
}

export const HOUSEHOLD_COLS = [
  { header: "户主身份证号", en: "Head's ID number", example: "440309195501011233", width: 22 },
  { header: "户主姓名", en: "Head's name", example: "张三", width: 10 },
  { header: "家庭成员身份证号", en: "Members' ID numbers", example: "", width: 30 },
  { header: "困难类型", en: "Difficulty kinds", example: "低保、独居老人", width: 16 },
  { header: "需求", en: "Needs", example: "助餐、陪诊", width: 20 },
  { header: "网格员账号", en: "Grid worker (username)", example: "", width: 14 },
  { header: "结对党员身份证号", en: "Paired party members' ID numbers", example: "", width: 30 },
  { header: "纳入帮扶日期", en: "In care since", example: "2024-03-01", width: 14 },
  { header: "备注", en: "Note", example: "", width: 20 },
] as const;
export const VISIT_COLS = [
  { header: "走访日期", en: "Date", example: "2024-09-14", width: 12 },
  { header: "名称", en: "Title", example: "中秋暖心慰问", width: 18 },
  { header: "类型", en: "Kind", example: "慰问活动", width: 10 },
  { header: "户主身份证号", en: "Head's ID number", example: "440309195501011233", width: 22 },
  { header: "走访人员账号", en: "Visitors (usernames)", example: "staff", width: 16 },
  { header: "走访人员身份证号", en: "Visitors' ID numbers", example: "", width: 22 },
  { header: "共建单位", en: "Partner units", example: "", width: 18 },
  { header: "物资", en: "Goods", example: "米、油", width: 14 },
  { header: "慰问金（元）", en: "Money (yuan)", example: "200", width: 12 },
  { header: "服务", en: "Services", example: "", width: 14 },
  { header: "后续需求", en: "Follow-up", example: "", width: 18 },
  { header: "备注", en: "Note", example: "", width: 18 },
] as const;

export function registerCareIoRoutes(app: FastifyInstance, deps: Deps, svc: CareServices) {
  const r = withZod(app);
  const tags = ["care"];
  // The visits' 类型 as a drop-down list of the kinds the import takes.
  const choices: Record<string, readonly string[]> = { 类型: Object.values(VISIT_KIND_LABELS).map((l) => l.zh) };
  const template = (name: string, cols: ReadonlyArray<{ header: string; example: string; width: number }>) =>
    templateXlsx(
      name,
      cols.map((c) => ({ header: c.header, example: c.example, width: c.width, choices: choices[c.header] })),
    );

  importRoutes(app, {
    path: "/api/care/households/import",
    permission: "care.write",
    operationId: "importCareHouseholds",
    tags,
    summary: "导入困难户 XLSX（multipart 字段 file），全部成功或全部不导入",
    query: ZCommunityImportQuery,
    template: {
      operationId: "careHouseholdImportTemplate",
      summary: "困难户导入模板",
      filename: () => "困难户导入模板.xlsx",
      build: () => template("困难户", HOUSEHOLD_COLS),
    },
    db: deps.db,
    row:
      ({ who }, c) =>
      async (trx, row) => {
        const get = cell(row.values);
        const headId = get("户主身份证号", "Head's ID number").toUpperCase();
        if (!headId) throw bad("户主身份证号必填", "The head's ID number is required");
        const head = await personOf(trx, who, c.id, headId, { zh: "户主", en: "Head" });
        const name = get("户主姓名", "Head's name");
        if (name && name !== head.name) throw bad("户主姓名与人口库不一致", "The head's name differs from the people registry");
        // The head already in a household in care: the same file read again changes nothing.
        const inCare = await trx
          .selectFrom("care_household_people as hp")
          .innerJoin("care_households as h", "h.id", "hp.household_id")
          .select("h.id")
          .where("hp.person_id", "=", head.id)
          .where("hp.role", "=", "head")
          .where("hp.until", "is", null)
          .where("h.state", "=", "active")
          .executeTakeFirst();
        if (inCare) return "unchanged";
        const memberNos = list(get("家庭成员身份证号", "Members' ID numbers").toUpperCase());
        const pairedNos = list(get("结对党员身份证号", "Paired party members' ID numbers").toUpperCase());
        const found = await peopleByIdNumber(trx, who, c.id, [...memberNos, ...pairedNos]);
        const missing = [...memberNos, ...pairedNos].find((n) => !found.has(n));
        if (missing) throw bad(`人口库中没有身份证号 ${missing} 的居民`, `No resident with ID number ${missing} in the people registry`);
        const enrolledOn = sheetDate(get("纳入帮扶日期", "In care since"));
        if (!enrolledOn) throw bad("纳入帮扶日期应为日期（YYYY-MM-DD）", "In care since must be a date (YYYY-MM-DD)");
        let gridWorkerId: string | null = null;
        const worker = get("网格员账号", "Grid worker (username)");
        if (worker) {
          const u = await trx.selectFrom("users").select("id").where("username", "=", worker).executeTakeFirst();
          if (!u) throw bad(`没有账号 ${worker}`, `No account ${worker}`);
          gridWorkerId = u.id;
        }
        const input = ZHouseholdCreate.safeParse({
          headPersonId: head.id,
          memberIds: memberNos.map((n) => found.get(n)?.id),
          kinds: list(get("困难类型", "Difficulty kinds")),
          needs: list(get("需求", "Needs")),
          gridWorkerId,
          pairedIds: pairedNos.map((n) => found.get(n)?.id),
          enrolledOn,
          note: get("备注", "Note") || null,
        });
        if (!input.success) throw bad(zodMessage(input.error), zodMessage(input.error));
        await svc.households.create(who, input.data, trx);
        return "created";
      },
  });

  importRoutes(app, {
    path: "/api/care/visits/import",
    permission: "care.write",
    operationId: "importCareVisits",
    tags,
    summary: "导入走访慰问 XLSX（multipart 字段 file），全部成功或全部不导入",
    query: ZCommunityImportQuery,
    template: {
      operationId: "careVisitImportTemplate",
      summary: "走访慰问导入模板",
      filename: () => "走访慰问导入模板.xlsx",
      build: () => template("走访慰问", VISIT_COLS),
    },
    // The whole sheet is read first: the rows of one visit are stored together at its last row.
    run: async ({ who, query, opts, sheet: readIt }) => {
      const sheet = await readIt();
      const c = await communityInScope(deps.db, who.scope, query.communityId);
      const get = (row: SheetRow) => cell(row.values);
      const keyOf = (row: SheetRow) => `${sheetDate(get(row)("走访日期", "Date")) ?? get(row)("走访日期", "Date")}|${get(row)("名称", "Title")}`;
      // The rows of one visit, and which of them is its last (the visit is stored there, once all its rows are read).
      const lastOf = new Map<string, number>();
      for (const row of sheet) lastOf.set(keyOf(row), row.row);
      const groups = new Map<string, { exists: boolean; failed: boolean; first: SheetRow; lines: z.input<typeof ZVisitCreate>["households"] }>();
      const kinds = Object.entries(VISIT_KIND_LABELS);
      return importRows(deps.db, sheet, opts, async (trx, row) => {
        const v = get(row);
        const key = keyOf(row);
        let g = groups.get(key);
        const isLast = lastOf.get(key) === row.row;
        try {
          const visitedOn = sheetDate(v("走访日期", "Date"));
          if (!visitedOn) throw bad("走访日期应为日期（YYYY-MM-DD）", "Date must be a date (YYYY-MM-DD)");
          const title = v("名称", "Title");
          if (!title) throw bad("名称必填", "Title is required");
          if (!g) {
            const had = await trx
              .selectFrom("care_visits")
              .select("id")
              .where("community_id", "=", c.id)
              .where("visited_on", "=", visitedOn)
              .where("title", "=", title)
              .executeTakeFirst();
            g = { exists: !!had, failed: false, first: row, lines: [] };
            groups.set(key, g);
          }
          const headNo = v("户主身份证号", "Head's ID number").toUpperCase();
          if (!headNo) throw bad("户主身份证号必填", "The head's ID number is required");
          const head = await personOf(trx, who, c.id, headNo, { zh: "户主", en: "Head" });
          const h = await trx
            .selectFrom("care_household_people as hp")
            .innerJoin("care_households as h", "h.id", "hp.household_id")
            .select(["h.id", "h.state"])
            .where("hp.person_id", "=", head.id)
            .where("hp.role", "=", "head")
            .orderBy("h.enrolled_on", "desc")
            .executeTakeFirst();
          if (!h) throw bad(`${head.name} 不是困难户户主，请先登记困难户`, `${head.name} heads no household in care: enrol the household first`);
          const moneyFen = fenOf(v("慰问金（元）", "Money (yuan)"));
          if (moneyFen == null) throw bad("慰问金应为金额（元，最多两位小数）", "Money must be an amount in yuan (at most 2 decimals)");
          g.lines.push({ householdId: h.id, goods: v("物资", "Goods"), moneyFen, services: v("服务", "Services"), followUp: v("后续需求", "Follow-up") });
        } catch (e) {
          if (g) g.failed = true;
          throw e;
        }
        if (!isLast || g.failed || g.exists) return g.exists ? "unchanged" : "created";
        // The visit's own columns come from its first row.
        const f = get(g.first);
        const kindText = f("类型", "Kind");
        const kind = kindText ? kinds.find(([, l]) => l.zh === kindText || l.en.toLowerCase() === kindText.toLowerCase())?.[0] : "visit";
        if (!kind) throw bad(`类型应为${kinds.map(([, l]) => l.zh).join("或")}`, `Kind must be one of ${kinds.map(([, l]) => l.en).join(", ")}`);
        const usernames = list(f("走访人员账号", "Visitors (usernames)"));
        const users = usernames.length ? await trx.selectFrom("users").select(["id", "username"]).where("username", "in", usernames).execute() : [];
        const noUser = usernames.find((u) => !users.some((x) => x.username === u));
        if (noUser) throw bad(`没有账号 ${noUser}`, `No account ${noUser}`);
        const visitorNos = list(f("走访人员身份证号", "Visitors' ID numbers").toUpperCase());
        const visitors = await peopleByIdNumber(trx, who, c.id, visitorNos);
        const noPerson = visitorNos.find((n) => !visitors.has(n));
        if (noPerson) throw bad(`走访人员：人口库中没有身份证号 ${noPerson} 的居民`, `Visitors: no resident with ID number ${noPerson}`);
        const orgNames = list(f("共建单位", "Partner units"));
        const orgs = orgNames.length
          ? await trx.selectFrom("organisations").select(["id", "name"]).where("community_id", "=", c.id).where("name", "in", orgNames).execute()
          : [];
        const noOrg = orgNames.find((n) => !orgs.some((o) => o.name === n));
        if (noOrg) throw bad(`本社区组织名录中没有「${noOrg}」`, `No organisation "${noOrg}" on this community's register`);
        const input = ZVisitCreate.safeParse({
          communityId: c.id,
          visitedOn: sheetDate(f("走访日期", "Date")),
          title: f("名称", "Title"),
          kind,
          visitorUserIds: users.map((u) => u.id),
          visitorPersonIds: visitorNos.map((n) => visitors.get(n)?.id),
          partnerOrgIds: orgs.map((o) => o.id),
          households: g.lines,
          note: f("备注", "Note"),
        });
        if (!input.success) throw bad(zodMessage(input.error), zodMessage(input.error));
        await svc.visits.record(who, input.data, trx);
        return "created";
      });
    },
  });

  r.get(
    "/api/care/households/export.xlsx",
    {
      config: { permission: "care.export" },
      schema: {
        operationId: "exportCareHouseholds",
        tags: ["care"],
        summary: "导出困难户 XLSX Export households",
        querystring: ZHouseholdQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const items = [];
      for (let page = 1; ; page++) {
        const got = await svc.households.list(ctx.scope, { ...req.query, page, pageSize: 200 });
        items.push(...got.items);
        if (items.length >= got.total || !got.items.length || page >= 250) break;
      }
      await deps.db.transaction().execute((trx) =>
        deps.audit.record(trx, whoOf(req), {
          action: "care.export",
          entity: "care_household",
          communityId: ctx.scope.communityId,
          after: { rows: items.length, filters: req.query },
        }),
      );
      const zh = ctx.lang !== "en";
      const buf = await toXlsx(
        zh ? "困难户" : "Households",
        [
          { header: zh ? "困难户" : "Household", key: "name" },
          { header: zh ? "网格" : "Grid", key: "gridName" },
          { header: zh ? "地址" : "Address", key: "address", width: 36 },
          { header: zh ? "困难类型" : "Difficulty kinds", key: "kinds", value: (h) => h.kinds.join("、") },
          { header: zh ? "需求" : "Needs", key: "needs", value: (h) => h.needs.join("、") },
          { header: zh ? "网格员" : "Grid worker", key: "gridWorkerName" },
          { header: zh ? "结对党员" : "Paired party members", key: "paired", value: (h) => h.paired.map((p) => p.name).join("、") },
          { header: zh ? "成员数" : "Members", key: "members", value: (h) => h.members.length },
          { header: zh ? "纳入帮扶" : "In care since", key: "enrolledOn" },
          { header: zh ? "最近走访" : "Last visited", key: "lastVisitedOn" },
          { header: zh ? "状态" : "State", key: "state", value: (h) => (h.state === "active" ? (zh ? "帮扶中" : "In care") : zh ? "已归档" : "Archived") },
        ],
        items,
      );
      return sendFile(reply, zh ? "困难户.xlsx" : "care-households.xlsx", XLSX_MIME, buf);
    },
  );
  // One row per household of a visit, as the visits import reads them (its columns, in both languages).
  const visitHeader = (zh: (typeof VISIT_COLS)[number]["header"], en: boolean) => {
    const c = VISIT_COLS.find((x) => x.header === zh);
    return c && en ? c.en : zh;
  };
  r.get(
    "/api/care/visits/export.xlsx",
    {
      config: { permission: "care.export" },
      schema: {
        operationId: "exportCareVisits",
        tags: ["care"],
        summary: "导出走访慰问 XLSX（每户一行，姓名脱敏）Export visits, a row per household visited",
        querystring: ZVisitQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const visits = [];
      for (let page = 1; ; page++) {
        const got = await svc.visits.list(ctx.scope, { ...req.query, page, pageSize: 200 });
        visits.push(...got.items);
        if (visits.length >= got.total || !got.items.length || page >= 250) break;
      }
      const rows = visits.flatMap((v) => v.households.map((h) => ({ v, h })));
      await deps.db.transaction().execute((trx) =>
        deps.audit.record(trx, whoOf(req), {
          action: "care.visits.export",
          entity: "care_visit",
          communityId: ctx.scope.communityId,
          after: { visits: visits.length, rows: rows.length, filters: req.query },
        }),
      );
      const en = ctx.lang === "en";
      const yuanOf = (fen: number) => (fen / 100).toFixed(2);
      const buf = await toXlsx<(typeof rows)[number]>(
        en ? "Visits" : "走访慰问",
        [
          { header: visitHeader("走访日期", en), key: "visitedOn", width: 12, value: ({ v }) => v.visitedOn },
          { header: visitHeader("名称", en), key: "title", width: 18, value: ({ v }) => v.title },
          { header: visitHeader("类型", en), key: "kind", width: 10, value: ({ v }) => VISIT_KIND_LABELS[v.kind][ctx.lang] },
          { header: en ? "Household" : "困难户", key: "household", width: 12, value: ({ h }) => h.householdName },
          { header: en ? "Grid" : "网格", key: "grid", width: 10, value: ({ h }) => h.gridName ?? "" },
          { header: en ? "Visitors" : "走访人员", key: "visitors", width: 20, value: ({ v }) => v.visitors.join("、") },
          { header: visitHeader("共建单位", en), key: "partners", width: 18, value: ({ v }) => v.partners.map((p) => p.name).join("、") },
          { header: visitHeader("物资", en), key: "goods", width: 14, value: ({ h }) => h.goods },
          { header: visitHeader("慰问金（元）", en), key: "money", width: 12, value: ({ h }) => yuanOf(h.moneyFen) },
          { header: visitHeader("服务", en), key: "services", width: 14, value: ({ h }) => h.services },
          { header: visitHeader("后续需求", en), key: "followUp", width: 18, value: ({ h }) => h.followUp },
          { header: en ? "Follow-up met on" : "需求解决日期", key: "followUpClosedOn", width: 12, value: ({ h }) => h.followUpClosedOn ?? "" },
          { header: visitHeader("备注", en), key: "note", width: 18, value: ({ v }) => v.note },
          {
            header: en ? "Voided" : "作废",
            key: "voided",
            width: 8,
            value: ({ v }) => (v.voided ? (en ? "yes" : "是") : ""),
          },
        ],
        rows,
      );
      return sendFile(reply, en ? "care-visits.xlsx" : "走访慰问.xlsx", XLSX_MIME, buf);
    },
  );
}
