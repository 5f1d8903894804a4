import type { FastifyInstance } from "fastify";
import type { TImportReport } from "../../../contracts/platform.js";
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
import { bad, cell, type ImportOpts, importRows, type Sheet } from "../../io/import.js";
import { importRoutes, ZCommunityImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import type { Lang } from "../../platform/errors.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { communityInScope } from "../../platform/scope.js";
import { type Who, whoOf } from "../../platform/who.js";
import { projectByCode } from "./projects.repo.js";
import type { ProjectServices } from "./projects.services.js";

// XLSX export of the project register and import of proposals (征集). An import is all or
// nothing (server/io/import.ts): every row is created in one transaction through the proposals
// service; any bad row rolls the whole file back with a report per row (ZImportReport). A row whose
// code is a project of the community, or with the same title on the same day, is left as it is, so
// an export or the same file imported again creates nothing.

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

const headersOf = (key: string) => {
  const c = PROJECT_SHEET.find((x) => x.key === key);
  return c ? [c.zh, c.en, key] : [key];
};
const labelled = <K extends string>(labels: Record<K, { zh: string; en: string }>, keys: readonly K[], t: string) => {
  const s = t.trim().toLowerCase();
  return keys.find((k) => k === s || labels[k].zh === s || labels[k].en.toLowerCase() === s);
};

/** One row of the sheet as a proposal (征集), or its refusal. */
function proposalOf(communityId: string, v: Record<string, string>): TProjectCreate {
  const get = (key: string) => cell(v)(...headersOf(key));
  const kind = labelled(PROJECT_KIND_LABELS, PROJECT_KINDS, get("kind"));
  if (!kind) throw bad("类别应为服务类、货物类或工程类", "kind must be service, goods or works");
  const proposerKind = labelled(PROPOSER_KIND_LABELS, PROPOSER_KINDS, get("proposerKind") || "居民");
  // An organisation's proposal names the organisation itself: entered on the page, not imported.
  if (!proposerKind || proposerKind === "organisation")
    throw bad(
      "提议方应为居民或社区工作人员（组织提议请在页面上录入）",
      "proposed by must be a resident or staff (enter an organisation's proposal on the page)",
    );
  const est = Number(get("estimatedYuan").replace(/[,，元\s]/g, ""));
  const parsed = ZProjectCreate.safeParse({
    communityId,
    title: get("title") || undefined,
    kind,
    place: get("place") || undefined,
    reason: get("reason") || get("title") || undefined,
    estimatedFen: get("estimatedYuan") !== "" && Number.isFinite(est) ? Math.round(est * 100) : Number.NaN,
    proposerKind,
    proposerName: get("proposerName") || undefined,
    proposedOn: get("proposedOn") || undefined,
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const f = PROJECT_SHEET.find((c) => c.key === String(i?.path[0]).replace("Fen", "Yuan"));
    throw bad(`${f?.zh ?? String(i?.path[0])}：${i?.message}`, `${f?.en ?? String(i?.path[0])}: ${i?.message}`);
  }
  return parsed.data;
}

/**
 * Rows of a sheet into proposals through the proposals service, all or nothing (server/io/import.ts):
 * a row whose code is a project of the community, or the same title on the same day, is unchanged.
 */
export async function importProjectRows(
  deps: Pick<Deps, "db">,
  svc: ProjectServices,
  who: Who,
  communityId: string,
  sheet: Sheet,
  opts: ImportOpts,
): Promise<TImportReport> {
  await communityInScope(deps.db, who.scope, communityId);
  return importRows(deps.db, sheet, opts, async (trx, r) => {
    const code = cell(r.values)(...headersOf("code"));
    if (code && (await projectByCode(trx, communityId, code))) return "unchanged";
    const made = await svc.proposals.propose(who, proposalOf(communityId, r.values), trx);
    return made.created ? "created" : "unchanged";
  });
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
  importRoutes(app, {
    path: "/api/projects/import",
    permission: "projects.write",
    operationId: "importProjects",
    tags,
    summary: "导入项目征集 XLSX（multipart 字段 file）；全部成功或全部不导入，逐行报错 Import proposals, all or nothing",
    query: ZCommunityImportQuery,
    template: {
      operationId: "projectImportTemplate",
      summary: "项目导入模板 Import template",
      filename: () => "民生微实事导入模板.xlsx",
      build: async (lang) => {
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
          {
            // The values the import takes, as drop-down lists (an organisation's proposal is entered on the page).
            choices: {
              kind: PROJECT_KINDS.map((k) => PROJECT_KIND_LABELS[k].zh),
              proposerKind: PROPOSER_KINDS.filter((k) => k !== "organisation").map((k) => PROPOSER_KIND_LABELS[k].zh),
            },
          },
        );
        return buf;
      },
    },
    run: async ({ who, query, sheet, opts }) => importProjectRows(deps, svc, who, query.communityId, await sheet(), opts),
  });
}
