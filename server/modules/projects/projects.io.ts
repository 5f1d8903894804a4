import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type TImportReport, ZImportReport } from "../../../contracts/platform.js";
import {
  PROJECT_KIND_LABELS,
  PROJECT_KINDS,
  PROJECT_STAGE_LABELS,
  PROPOSER_KIND_LABELS,
  PROPOSER_KINDS,
  type TProject,
  type TProjectCreate,
  ZProjectCreate,
  ZProjectQuery,
} from "../../../contracts/projects.js";
import { fromXlsx, toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { AppError, errors, type Lang } from "../../platform/errors.js";
import { authed, type Deps, sendFile, uploadedFile, withZod } from "../../platform/http.js";
import { communityInScope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { type Who, whoOf } from "../../platform/who.js";
import { projectByCode } from "./projects.repo.js";
import type { ProjectServices } from "./projects.services.js";

// XLSX export of the project register and import of proposals (征集). An import is all or
// nothing: every row is checked, then created in one transaction through the proposals service;
// any bad row rolls the whole file back with a report per row (ZImportReport). A row whose code
// is a project of the community, or with the same title on the same day, is left as it is, so an
// export or the same file imported again creates nothing.

export const PROJECT_SHEET = [
  { key: "code", zh: "编号", en: "Code", width: 14 },
  { key: "communityName", zh: "社区", en: "Community", width: 12 },
  { key: "year", zh: "年度", en: "Year", width: 8 },
  { key: "title", zh: "项目名称", en: "Title", width: 30 },
  { key: "kind", zh: "类别", en: "Kind", width: 10 },
  { key: "place", zh: "地点", en: "Place", width: 20 },
  { key: "reason", zh: "理由", en: "Reason", width: 40 },
  { key: "estimatedYuan", zh: "估算金额（元）", en: "Estimate (yuan)", width: 14 },
  { key: "proposerKind", zh: "提议方", en: "Proposed by", width: 12 },
  { key: "proposerName", zh: "提议人", en: "Proposer", width: 14 },
  { key: "proposedOn", zh: "提议日期", en: "Proposed on", width: 12 },
  { key: "stage", zh: "阶段", en: "Stage", width: 12 },
  { key: "budgetYuan", zh: "立项预算（元）", en: "Budget (yuan)", width: 14 },
  { key: "contractor", zh: "实施单位", en: "Contractor", width: 24 },
  { key: "progressPct", zh: "进度（%）", en: "Progress (%)", width: 10 },
  { key: "spentYuan", zh: "已支付（元）", en: "Paid (yuan)", width: 14 },
  { key: "acceptedOn", zh: "验收日期", en: "Accepted on", width: 12 },
  { key: "satisfaction", zh: "满意度", en: "Satisfaction", width: 10 },
] as const;

const yuanOf = (fen: number | null) => (fen === null ? "" : fen / 100);

export async function projectsXlsx(items: TProject[], lang: Lang) {
  const en = lang === "en";
  return toXlsx<TProject>(
    en ? "Micro-projects" : "民生微实事",
    PROJECT_SHEET.map((c) => ({
      header: en ? c.en : c.zh,
      key: c.key,
      width: c.width,
      value: (p: TProject) => {
        switch (c.key) {
          case "kind":
            return PROJECT_KIND_LABELS[p.kind][lang];
          case "proposerKind":
            return PROPOSER_KIND_LABELS[p.proposerKind][lang];
          case "stage":
            return PROJECT_STAGE_LABELS[p.stage][lang];
          case "estimatedYuan":
            return yuanOf(p.estimatedFen);
          case "budgetYuan":
            return yuanOf(p.budgetFen);
          case "spentYuan":
            return yuanOf(p.spentFen);
          case "satisfaction":
            return p.satisfaction === null ? "" : `${(p.satisfaction * 100).toFixed(1)}%`;
          default:
            return (p as Record<string, unknown>)[c.key] ?? "";
        }
      },
    })),
    items,
  );
}

const cell = (v: Record<string, string>, key: string) => {
  const c = PROJECT_SHEET.find((x) => x.key === key);
  return (c ? [c.zh, c.en, key] : [key]).map((k) => v[k]).find((x) => x !== undefined && x !== "");
};
const labelled = <K extends string>(labels: Record<K, { zh: string; en: string }>, keys: readonly K[], t: string | undefined) => {
  const s = (t ?? "").trim().toLowerCase();
  return keys.find((k) => k === s || labels[k].zh === s || labels[k].en.toLowerCase() === s);
};

class RollBack extends Error {}

/** Rows of a sheet into proposals, all or nothing. */
export async function importProjectRows(
  deps: Pick<Deps, "db" | "audit">,
  svc: ProjectServices,
  who: Who,
  communityId: string,
  rows: Array<{ row: number; values: Record<string, string> }>,
  opts: { lang: Lang; dryRun: boolean },
): Promise<TImportReport> {
  const errs: TImportReport["errors"] = [];
  const bad = (row: number, zh: string, en: string) => errs.push({ row, message: opts.lang === "en" ? en : zh });
  let created = 0;
  let unchanged = 0;
  const todo: Array<{ row: number; code?: string; input: TProjectCreate }> = [];
  for (const { row, values: v } of rows) {
    const kind = labelled(PROJECT_KIND_LABELS, PROJECT_KINDS, cell(v, "kind"));
    const proposerKind = labelled(PROPOSER_KIND_LABELS, PROPOSER_KINDS, cell(v, "proposerKind") ?? "居民");
    if (!kind) {
      bad(row, "类别应为服务类、货物类或工程类", "kind must be service, goods or works");
      continue;
    }
    if (!proposerKind || proposerKind === "organisation") {
      // An organisation's proposal names the organisation itself: entered on the page, not imported.
      bad(
        row,
        "提议方应为居民或社区工作人员（组织提议请在页面上录入）",
        "proposed by must be a resident or staff (enter an organisation's proposal on the page)",
      );
      continue;
    }
    const est = Number(String(cell(v, "estimatedYuan") ?? "").replace(/[,，元\s]/g, ""));
    const parsed = ZProjectCreate.safeParse({
      communityId,
      title: cell(v, "title"),
      kind,
      place: cell(v, "place"),
      reason: cell(v, "reason") ?? cell(v, "title"),
      estimatedFen: Number.isFinite(est) ? Math.round(est * 100) : Number.NaN,
      proposerKind,
      proposerName: cell(v, "proposerName"),
      proposedOn: cell(v, "proposedOn"),
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const f = PROJECT_SHEET.find((c) => c.key === String(i?.path[0]).replace("Fen", "Yuan"));
      bad(row, `${f?.zh ?? String(i?.path[0])}：${i?.message}`, `${f?.en ?? String(i?.path[0])}: ${i?.message}`);
      continue;
    }
    todo.push({ row, code: cell(v, "code"), input: parsed.data });
  }
  try {
    await inTx(deps.db, null, async (trx) => {
      await communityInScope(trx, who.scope, communityId);
      for (const t of todo) {
        try {
          if (t.code && (await projectByCode(trx, communityId, t.code))) {
            unchanged++;
            continue;
          }
          const made = await svc.proposals.propose(who, t.input, trx);
          if (made.created) created++;
          else unchanged++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          errs.push({ row: t.row, message: e.msg[opts.lang] });
        }
      }
      if (errs.length || opts.dryRun) throw new RollBack();
      await deps.audit.record(trx, who, { action: "projects.import", entity: "project", communityId, after: { created, unchanged } });
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
  }
  return { created: errs.length ? 0 : created, unchanged, errors: errs.sort((a, b) => a.row - b.row), dryRun: opts.dryRun };
}

export function registerProjectIoRoutes(app: FastifyInstance, deps: Deps, svc: ProjectServices) {
  const r = withZod(app);
  const tags = ["projects"];
  r.get(
    "/api/projects/export.xlsx",
    {
      config: { permission: "projects.export" },
      schema: {
        operationId: "exportProjects",
        tags,
        summary: "导出民生微实事项目 XLSX Export projects",
        querystring: ZProjectQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const items = await svc.query.all(ctx.scope, req.query);
      await deps.db.transaction().execute((trx) =>
        deps.audit.record(trx, whoOf(req), {
          action: "projects.export",
          entity: "project",
          communityId: ctx.scope.communityId,
          after: { rows: items.length, filters: req.query },
        }),
      );
      return sendFile(reply, ctx.lang === "en" ? "micro-projects.xlsx" : "民生微实事项目.xlsx", XLSX_MIME, await projectsXlsx(items, ctx.lang));
    },
  );
  r.get(
    "/api/projects/import/template",
    { config: { permission: "projects.write" }, schema: { operationId: "projectImportTemplate", tags, summary: "项目导入模板 Import template" } },
    async (req, reply) => {
      const lang = authed(req).lang;
      const cols = PROJECT_SHEET.filter((c) =>
        ["title", "kind", "place", "reason", "estimatedYuan", "proposerKind", "proposerName", "proposedOn"].includes(c.key),
      );
      const buf = await toXlsx(
        lang === "en" ? "Proposals" : "项目征集",
        cols.map((c) => ({ header: c.zh, key: c.key, width: c.width })),
        [
          {
            title: "小区健身器材更新",
            kind: "货物类",
            place: "狮径公园",
            reason: "器材老化",
            estimatedYuan: 80000,
            proposerKind: "居民",
            proposerName: "张三",
            proposedOn: "2024-03-01",
          },
        ],
      );
      return sendFile(reply, "民生微实事导入模板.xlsx", XLSX_MIME, buf);
    },
  );
  r.post(
    "/api/projects/import",
    {
      config: { permission: "projects.write" },
      schema: {
        operationId: "importProjects",
        tags,
        summary: "导入项目征集 XLSX（multipart 字段 file）；全部成功或全部不导入，逐行报错 Import proposals, all or nothing",
        querystring: z.object({ communityId: z.string().min(1).max(64), dryRun: z.enum(["0", "1"]).optional() }),
        response: { 200: ZImportReport },
      },
    },
    async (req) => {
      const { buf, truncated } = await uploadedFile(req);
      if (truncated) throw errors.badRequest("文件过大", "The file is too large");
      const rows = await fromXlsx(buf).catch(() => {
        throw errors.badRequest("文件不是有效的 XLSX", "The file is not a valid XLSX workbook");
      });
      return importProjectRows(deps, svc, whoOf(req), req.query.communityId, rows, { lang: authed(req).lang, dryRun: req.query.dryRun === "1" });
    },
  );
}
