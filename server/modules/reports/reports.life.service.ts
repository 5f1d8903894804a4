import type { Kysely } from "kysely";
import type { TAnnualReport, TReportChange, TReportLife, TReportState, TReportTemplate, TTemplateAnswer } from "../../../contracts/reports.js";
import type { DB } from "../../db/types.js";
import { type Audit, dataVersion } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { AppError, errors } from "../../platform/errors.js";
import type { FigureRegistry } from "../../platform/figures.js";
import type { Scope } from "../../platform/scope.js";
import { actorId, actorName, type Who } from "../../platform/who.js";
import { chartData } from "./reports.charts.js";
import { reportDocx } from "./reports.docx.js";
import type { Decision } from "./reports.findings.js";
import { editRefusal, newVersionRefusal, nextState, type Step } from "./reports.life.rules.js";
import { type MonthlySummary, monthlyDocx, monthlySummary } from "./reports.monthly.js";
import { type Key, reportsRepo as repo } from "./reports.repo.js";
import { type ReportsService, regionScope } from "./reports.service.js";
import type { AnnualReportTable } from "./reports.tables.js";
import { DEFAULT_TEMPLATE, type ReportTemplate } from "./reports.template.js";

// A region's report for a year, kept: its template (every save a new version), its versions and
// their life (草稿 → 审核 → 定稿 → 发布), the editor's decisions on the findings, and the frozen
// report once published — GET of a published year answers what was published, whatever the records
// say today; "what changed" lists the figures whose value is no longer the one published. Every
// generation and every step is audited.

export type LifeDeps = { db: Kysely<DB>; audit: Audit; clock: Clock; figures: FigureRegistry; reports: ReportsService };
/**
 * Generated reports are kept for this long while no record changes (the data version): a year
 * that ended more than a month ago for 10 minutes, a year still open (or just closed) for 30 s —
 * figures such as overdue appeals or closed patrol rounds move with the clock, not only with writes.
 */
export const CACHE_TTL_MS = { past: 10 * 60_000, current: 30_000 } as const;
const CACHE_SIZE = 64;
type Cached = { key: string; at: number; report: TAnnualReport; charts?: TAnnualReport["charts"]; docx?: Buffer };
const conflict = (r: { zh: string; en: string }) => new AppError(409, "CONFLICT", r);
const by = (who: Who) => ({ id: actorId(who), name: who.user?.displayName || actorName(who) });

export function createReportLife(deps: LifeDeps) {
  const { db, audit, clock, reports } = deps;
  const now = () => clock.now().toISOString();
  const keyOf = async (scope: Scope, year: number, regionId?: string): Promise<Key & { scope: Scope }> => {
    const s = await regionScope(db, scope, regionId);
    return { regionId: s.regionId, year, scope: s };
  };
  const current = async (db2: Kysely<DB>, k: Key) => (await repo.reports(db2, k))[0];
  const stateOf = (r?: AnnualReportTable) => (r?.state ?? "draft") as TReportState;
  /**
   * The year's template: its latest saved version; else (version 0) the latest saved for the region
   * in an earlier year, carried over; else the seed's default.
   */
  const templateOf = async (db2: Kysely<DB>, k: Key) => {
    const t = await repo.latestTemplate(db2, k);
    const from = t ? undefined : await repo.earlierTemplate(db2, k);
    const body = t ?? from;
    return {
      version: t?.version ?? 0,
      body: body ? (JSON.parse(body.body) as ReportTemplate) : DEFAULT_TEMPLATE,
      row: t,
      inheritedFrom: from ? { year: from.year, version: from.version, savedBy: from.saved_by_name, savedAt: from.saved_at } : null,
    };
  };
  /** The draft to write to: the current version if it is a draft, made when there is none; refused otherwise. */
  async function editable(trx: Kysely<DB>, who: Who, k: Key): Promise<AnnualReportTable> {
    const r = await current(trx, k);
    const refusal = editRefusal(stateOf(r));
    if (refusal) throw conflict(refusal);
    if (r) return r;
    const row = await repo.insertReport(trx, k, 1, by(who).name, now());
    await repo.insertEvent(trx, row.id, "create", by(who), now());
    return row;
  }

  async function getTemplate(scope: Scope, year: number, regionId?: string): Promise<TTemplateAnswer> {
    const k = await keyOf(scope, year, regionId);
    const t = await templateOf(db, k);
    const versions = (await repo.templateVersions(db, k)).map((v) => ({ version: v.version, savedBy: v.saved_by_name, savedAt: v.saved_at }));
    return {
      version: t.version,
      savedBy: t.row?.saved_by_name ?? null,
      savedAt: t.row?.saved_at ?? null,
      body: t.body as TReportTemplate,
      versions,
      inheritedFrom: t.inheritedFrom,
    };
  }

  async function saveTemplate(who: Who, year: number, regionId: string | undefined, body: TReportTemplate): Promise<TTemplateAnswer> {
    const k = await keyOf(who.scope, year, regionId);
    const problems = reports.problems(body);
    if (problems.length)
      throw errors.badRequest(`模板有${problems.length}处错误：${problems[0].zh}`, `The template has ${problems.length} error(s): ${problems[0].en}`, {
        problems,
      });
    await db.transaction().execute(async (trx) => {
      const r = await editable(trx, who, k);
      const version = (await templateOf(trx, k)).version + 1;
      await repo.insertTemplate(trx, k, version, body, by(who), now());
      await repo.updateReport(trx, r.id, { template_version: version, updated_at: now() });
      await repo.insertEvent(trx, r.id, "template", by(who), now(), `模板第${version}版`);
      await audit.record(trx, who, {
        action: "reports.template.save",
        entity: "annual_report",
        entityId: r.id,
        communityId: k.scope.communityId,
        after: { year, regionId: k.regionId, version, sections: body.sections.length },
      });
    });
    return getTemplate(who.scope, year, regionId);
  }

  async function decideFinding(who: Who, year: number, regionId: string | undefined, id: string, d: Decision) {
    const k = await keyOf(who.scope, year, regionId);
    await db.transaction().execute(async (trx) => {
      const r = await editable(trx, who, k);
      const decisions = JSON.parse(r.findings) as Record<string, Decision>;
      if (d.status === "proposed") delete decisions[id];
      else decisions[id] = d.status === "edited" ? { status: "edited", text: d.text ?? "" } : { status: d.status };
      await repo.updateReport(trx, r.id, { findings: JSON.stringify(decisions), updated_at: now() });
      await audit.record(trx, who, {
        action: "reports.finding",
        entity: "annual_report",
        entityId: r.id,
        communityId: k.scope.communityId,
        after: { year, finding: id, status: d.status },
      });
    });
  }

  // Generated reports by (region, year, report version and state, template version, the editor's
  // decisions, data version): any write to any module moves the data version, so a number is never
  // answered stale after a write; time alone moves figures only within CACHE_TTL_MS. Per process:
  // with several processes each keeps its own, all keyed by the same data version in the database.
  const cache = new Map<string, Cached>();
  const ttlOf = (year: number) => (clock.now().getTime() - Date.UTC(year + 1, 1, 1) > 0 ? CACHE_TTL_MS.past : CACHE_TTL_MS.current);
  async function cacheKey(k: Key, r: AnnualReportTable | undefined, templateVersion: number) {
    return [
      k.regionId,
      k.year,
      r?.id ?? "-",
      r?.version ?? 0,
      r?.state ?? "-",
      r?.updated_at ?? "-",
      templateVersion,
      r?.findings ?? "{}",
      await dataVersion(db),
    ].join("|");
  }
  const slotOf = (k: Key) => `${k.regionId}|${k.year}`;
  const cached = (k: Key, key: string) => {
    const c = cache.get(slotOf(k));
    const age = clock.now().getTime() - (c?.at ?? 0);
    return c && c.key === key && age >= 0 && age < ttlOf(k.year) ? c : undefined;
  };

  /**
   * The report generated from the records, with the region's template and the editor's decisions;
   * unless `fresh`, the one generated earlier while no record has changed (`hit`). `entry` is the
   * cache's own entry when kept (the DOCX of the same report is kept on it).
   */
  async function liveEntry(
    k: Key & { scope: Scope },
    r: AnnualReportTable | undefined,
    fresh = false,
  ): Promise<{ entry: Cached; hit: boolean; kept: boolean }> {
    const t = await templateOf(db, k);
    const key = await cacheKey(k, r, t.version);
    const hit = fresh ? undefined : cached(k, key);
    if (hit) return { entry: hit, hit: true, kept: true };
    const decisions = r ? (JSON.parse(r.findings) as Record<string, Decision>) : {};
    const report = await reports.generate(k.scope, k.year, k.regionId, { template: t.body, decisions });
    const entry: Cached = { key, at: clock.now().getTime(), report: { ...report, version: r?.version ?? 1, state: stateOf(r), frozen: false } };
    // Kept only if nothing was written while it was generated: else the next GET generates it again.
    const kept = (await cacheKey(k, r, t.version)) === key;
    if (kept) {
      cache.delete(slotOf(k));
      cache.set(slotOf(k), entry);
      while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    return { entry, hit: false, kept };
  }
  const live = async (k: Key & { scope: Scope }, r?: AnnualReportTable) => (await liveEntry(k, r, true)).entry.report;
  const frozenOf = (r: AnnualReportTable): TAnnualReport => ({
    ...(JSON.parse(r.frozen ?? "{}") as TAnnualReport),
    version: r.version,
    state: "published",
    frozen: true,
  });

  /**
   * GET of a year: the published report frozen as it was, else the current version generated from
   * the records — or, unless `fresh`, as generated earlier when no record has changed since (audited
   * either way, with whether it was answered from the cache).
   */
  async function entryOf(who: Who, year: number, regionId?: string, fresh = false): Promise<{ report: TAnnualReport; entry?: Cached }> {
    const k = await keyOf(who.scope, year, regionId);
    const r = await current(db, k);
    if (r?.state === "published" && r.frozen) return { report: frozenOf(r) };
    const { entry, hit, kept } = await liveEntry(k, r, fresh);
    const out = hit ? { ...entry.report, cached: true } : entry.report;
    await audit.append(db, {
      actorId: actorId(who),
      actorName: actorName(who),
      ip: who.ip ?? null,
      action: "reports.generate",
      entity: "annual_report",
      entityId: r?.id ?? null,
      communityId: k.scope.communityId,
      after: { year, regionId: k.regionId, version: out.version, figures: out.figures.length, flagged: out.flaggedCount, cached: hit },
    });
    return { report: out, entry: kept ? entry : undefined };
  }
  const reportOf = async (who: Who, year: number, regionId?: string, fresh = false) => (await entryOf(who, year, regionId, fresh)).report;

  const report = reportOf;

  async function published(scope: Scope, year: number, regionId?: string): Promise<TAnnualReport> {
    const k = await keyOf(scope, year, regionId);
    const r = await repo.latestPublished(db, k);
    if (!r?.frozen) throw errors.notFound({ zh: `${year}年已发布的工作报告`, en: `A published ${year} report` });
    return frozenOf(r);
  }

  async function life(scope: Scope, year: number, regionId?: string): Promise<TReportLife> {
    const k = await keyOf(scope, year, regionId);
    const rows = await repo.reports(db, k);
    const version = new Map(rows.map((r) => [r.id, r.version]));
    const events = (
      await repo.events(
        db,
        rows.map((r) => r.id),
      )
    ).map((e) => ({
      version: version.get(e.report_id) ?? 0,
      step: e.step,
      actorName: e.actor_name,
      at: e.at,
      note: e.note,
    }));
    return {
      version: rows[0]?.version ?? 1,
      state: stateOf(rows[0]),
      versions: rows.map((r) => ({
        version: r.version,
        state: r.state as TReportState,
        authorName: r.author_name,
        reviewerName: r.reviewer_name,
        createdBy: r.created_by_name,
        createdAt: r.created_at,
        publishedAt: r.published_at,
      })),
      events,
    };
  }

  /** A step of the life; publishing freezes the report as generated, with its figures. */
  async function step(who: Who, year: number, regionId: string | undefined, s: Step, note = ""): Promise<TReportLife> {
    const k = await keyOf(who.scope, year, regionId);
    const live0 = s === "publish" ? await live(k, await current(db, k)) : null;
    const frozen = live0 ? { ...live0, charts: await chartData(db, deps.figures, k.scope, live0) } : null;
    await db.transaction().execute(async (trx) => {
      const r = (await current(trx, k)) ?? (await editable(trx, who, k));
      const next = nextState(stateOf(r), s, actorId(who), r.author_id);
      if ("refused" in next) throw conflict(next.refused);
      const patch: Partial<AnnualReportTable> = { state: next.to, updated_at: now() };
      if (s === "submit") Object.assign(patch, { author_id: actorId(who), author_name: by(who).name });
      if (s === "approve") patch.reviewer_name = by(who).name;
      if (s === "return") patch.reviewer_name = null;
      if (frozen) Object.assign(patch, { frozen: JSON.stringify({ ...frozen, state: "published", frozen: true }), published_at: now() });
      await repo.updateReport(trx, r.id, patch);
      await repo.insertEvent(trx, r.id, s, by(who), now(), note);
      await audit.record(trx, who, {
        action: `reports.${s}`,
        entity: "annual_report",
        entityId: r.id,
        communityId: k.scope.communityId,
        before: { state: r.state },
        after: { year, regionId: k.regionId, version: r.version, state: next.to },
      });
    });
    return life(who.scope, year, regionId);
  }

  /** A new version (a draft) of a published report, carrying its findings decisions. */
  async function newVersion(who: Who, year: number, regionId?: string): Promise<TReportLife> {
    const k = await keyOf(who.scope, year, regionId);
    await db.transaction().execute(async (trx) => {
      const r = await current(trx, k);
      const refusal = newVersionRefusal(stateOf(r));
      if (refusal || !r) throw conflict(refusal ?? { zh: "只有已发布的报告才能新建版本", en: "Only a published report gets a new version" });
      const row = await repo.insertReport(trx, k, r.version + 1, by(who).name, now(), r.findings);
      await repo.insertEvent(trx, row.id, "create", by(who), now(), `由第${r.version}版新建`);
      await audit.record(trx, who, {
        action: "reports.version",
        entity: "annual_report",
        entityId: row.id,
        communityId: k.scope.communityId,
        after: { year, regionId: k.regionId, version: row.version },
      });
    });
    return life(who.scope, year, regionId);
  }

  // What changed since publication, kept like the generated reports: by the published version and
  // the data version, for CACHE_TTL_MS (it reads every figure of the report anew).
  type Changes = { publishedAt: string; generatedAt: string; items: TReportChange[] };
  const changesCache = new Map<string, { key: string; at: number; out: Changes }>();

  /** The figures of the latest published report whose value today differs from the one published. */
  async function changes(scope: Scope, year: number, regionId?: string): Promise<Changes> {
    const k = await keyOf(scope, year, regionId);
    const r = await repo.latestPublished(db, k);
    if (!r?.frozen) throw errors.notFound({ zh: `${year}年已发布的工作报告`, en: `A published ${year} report` });
    const version = await dataVersion(db);
    const key = [r.id, r.version, r.published_at ?? "-", version].join("|");
    const c = changesCache.get(slotOf(k));
    const age = clock.now().getTime() - (c?.at ?? 0);
    if (c && c.key === key && age >= 0 && age < ttlOf(year)) return c.out;
    const at = clock.now().getTime();
    const was = frozenOf(r);
    const items: TReportChange[] = [];
    for (const f of was.figures) {
      const def = deps.figures.get(f.key);
      const current = def ? await def.value(db, { scope: k.scope, from: `${year}-01-01`, to: `${year}-12-31`, filters: {} }) : null;
      if (current !== f.value) items.push({ key: f.key, label: f.label, published: f.value, current });
    }
    const out = { publishedAt: r.published_at ?? "", generatedAt: was.generatedAt, items };
    // Kept only if nothing was written while the figures were read.
    if ((await dataVersion(db)) === version) {
      changesCache.delete(slotOf(k));
      changesCache.set(slotOf(k), { key, at, out });
      while (changesCache.size > CACHE_SIZE) changesCache.delete(changesCache.keys().next().value as string);
    }
    return out;
  }

  /** The Word document of a year: the report as GET answers it, with its charts (a published report's as frozen). */
  async function docx(who: Who, year: number, regionId?: string, fresh = false): Promise<{ report: TAnnualReport; file: Buffer }> {
    const { report, entry } = await entryOf(who, year, regionId, fresh);
    if (entry?.docx) return { report, file: entry.docx };
    const k = await keyOf(who.scope, year, regionId);
    const charts = report.charts ?? entry?.charts ?? (await chartData(db, deps.figures, k.scope, report));
    const file = await reportDocx({ ...report, charts });
    if (entry) Object.assign(entry, { charts, docx: file });
    return { report, file };
  }

  /** Issue 16's one-page monthly summary of a region's figures (JSON; the DOCX audited as an export). */
  async function monthly(who: Who, month: string, regionId?: string): Promise<MonthlySummary> {
    const s = await regionScope(db, who.scope, regionId);
    const region = await db.selectFrom("regions").select(["id", "name"]).where("id", "=", s.regionId).executeTakeFirstOrThrow();
    return monthlySummary(db, deps.figures, s, region, month, clock.now());
  }
  async function monthlyFile(who: Who, month: string, regionId?: string): Promise<{ summary: MonthlySummary; file: Buffer }> {
    const summary = await monthly(who, month, regionId);
    const file = await monthlyDocx(summary);
    const scope = await regionScope(db, who.scope, regionId);
    await audit.append(db, {
      actorId: actorId(who),
      actorName: actorName(who),
      ip: who.ip ?? null,
      action: "reports.monthly.export",
      entity: "monthly_summary",
      entityId: null,
      communityId: scope.communityId,
      after: { month, regionId: summary.region.id, figures: summary.rows.length },
    });
    return { summary, file };
  }

  return { monthly, monthlyFile, docx, getTemplate, saveTemplate, decideFinding, report, published, life, step, newVersion, changes };
}
export type ReportLife = ReturnType<typeof createReportLife>;
