import type { Kysely } from "kysely";
import type { TAnnualReport, TReportFigure, TTemplateProblem } from "../../../contracts/reports.js";
import type { DB } from "../../db/types.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import type { FigureRegistry } from "../../platform/figures.js";
import { type Scope, scopeOf } from "../../platform/scope.js";
import type { ProjectsApi } from "../projects/projects.api.js";
import { type Decision, draftFindings } from "./reports.findings.js";
import { writeNumber } from "./reports.numbers.rules.js";
import { type Part, parseSentence, TemplateError } from "./reports.rules.js";
import { DEFAULT_TEMPLATE, type ReportTemplate } from "./reports.template.js";

// Writes a region's annual work report from its records: every number is a figure of the registry
// for that region and year (the same query its drill-down pages through), printed in its
// sentence's form; a sentence whose figure is not recorded here (a module the community does not
// use) or is 0 is left out and flagged, never printed as "0场".

export type ReportsDeps = { db: Kysely<DB>; figures: FigureRegistry; clock: Clock; projects?: ProjectsApi };
/** Stages of a project not yet carried out: next year's plans. */
const PLANNED = new Set(["proposed", "reviewed", "voted", "publicised", "approved"]);

/** The scope of the region asked for: the caller's own root by default, else a region inside it. */
export async function regionScope(db: Kysely<DB>, callerScope: Scope, regionId?: string): Promise<Scope> {
  if (!regionId || regionId === callerScope.regionId) return callerScope;
  const s = await scopeOf(db, regionId);
  if (!s?.path.startsWith(callerScope.path)) throw errors.notFound({ zh: "地区", en: "Region" });
  return s;
}
const CN = "一二三四五六七八九十";
const names = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join("、")}等${xs.length}个` : xs.join("、"));
/** Figure keys the seed's default template names, with the unit its forms imply. */
const RESERVED = new Map<string, "count" | "yuan" | "ratio">();
for (const s of [DEFAULT_TEMPLATE.title, ...DEFAULT_TEMPLATE.sections.flatMap((x) => x.paragraphs.flat())])
  for (const m of s.matchAll(/\{([a-z_.]+)(?::([^}]+))?\}/g))
    if (m[1].includes(".")) RESERVED.set(m[1], m[2] === "%" || m[2] === "百分百" ? "ratio" : m[2] === "万元" ? "yuan" : "count");
export type GenerateOptions = { template?: ReportTemplate; decisions?: Record<string, Decision> };

export function createReportsService(deps: ReportsDeps) {
  const { db, figures, clock } = deps;
  const unitOf = (key: string) => figures.get(key)?.unit;

  /**
   * Every problem of a template, each at its sentence: a placeholder naming no figure, a form that
   * does not exist, a rate printed as a count, a brace left open. A key the seed's default template
   * names is known even before its module lands (its sentences are flagged until then).
   */
  function problems(t: ReportTemplate): TTemplateProblem[] {
    const known = (key: string) => unitOf(key) ?? RESERVED.get(key);
    const out: TTemplateProblem[] = [];
    const check = (s: string, where: string, section: number | null, paragraph: number | null, sentence: number | null) => {
      try {
        parseSentence(s, where, known);
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        out.push({ section, paragraph, sentence, zh: e.zh, en: e.en });
      }
    };
    check(t.title, "标题", null, null, null);
    for (const [si, s] of t.sections.entries())
      for (const [pi, p] of s.paragraphs.entries())
        for (const [i, sentence] of p.entries()) check(sentence, `第${si + 1}节第${pi + 1}段第${i + 1}句`, si, pi, i);
    return out;
  }

  async function generate(callerScope: Scope, year: number, regionId?: string, opts: GenerateOptions = {}): Promise<TAnnualReport> {
    const template = opts.template ?? DEFAULT_TEMPLATE;
    const scope = await regionScope(db, callerScope, regionId);
    const region = await db.selectFrom("regions").select(["id", "name"]).where("id", "=", scope.regionId).executeTakeFirstOrThrow();
    const period = (y: number) => ({ scope, from: `${y}-01-01`, to: `${y}-12-31`, filters: {} });
    // Unknown keys in the template are flagged (a module not installed), not refused: the default
    // template names every figure of the seed, whether or not its module has landed.
    const known = (key: string) => unitOf(key) ?? "count";
    const values = new Map<string, { value: number; previous: number }>();
    const figureValue = async (key: string) => {
      const def = figures.get(key);
      if (!def) return null;
      let v = values.get(key);
      if (!v) {
        v = { value: await def.value(db, period(year)), previous: await def.value(db, period(year - 1)) };
        values.set(key, v);
      }
      return v;
    };
    const specials = { region: region.name, year: String(year), nextYear: String(year + 1) };
    let flaggedCount = 0;
    const render = async (sentence: string, where: string) => {
      let parts: Part[];
      try {
        parts = parseSentence(sentence, where, known);
      } catch (e) {
        if (e instanceof TemplateError) throw errors.badRequest(e.zh, e.en);
        throw e;
      }
      const runs: Array<{ text: string } | { text: string; key: string }> = [];
      const missing: string[] = [];
      let zero = false;
      for (const p of parts) {
        if ("text" in p) runs.push({ text: p.text });
        else if ("special" in p) runs.push({ text: specials[p.special] });
        else {
          const v = await figureValue(p.key);
          if (!v) missing.push(p.key);
          else {
            if (!v.value) zero = true;
            runs.push({ text: writeNumber(v.value, p.form), key: p.key });
          }
        }
      }
      const flagged = missing.length ? ("missing" as const) : zero ? ("zero" as const) : null;
      if (flagged) flaggedCount++;
      return { runs, flagged, missing };
    };
    const sections = [];
    for (const [si, s] of template.sections.entries()) {
      const paragraphs = [];
      for (const [pi, p] of s.paragraphs.entries()) {
        const sentences = [];
        for (const [i, sentence] of p.entries()) sentences.push(await render(sentence, `第${si + 1}节第${pi + 1}段第${i + 1}句`));
        const text = sentences
          .filter((x) => !x.flagged)
          .map((x) => x.runs.map((r) => r.text).join(""))
          .join("");
        paragraphs.push({ text, sentences });
      }
      sections.push({ heading: s.heading, level: s.level, paragraphs, ...(s.chart ? { chart: true } : {}) });
    }
    // 存在问题 drafted from the data: the findings the editor accepted (or edited) are printed as a
    // section of their own at the end of 二、存在问题, each number a link to its evidence.
    const findings = await draftFindings(figures, db, period(year), async (k) => (await figureValue(k))?.value ?? null, opts.decisions ?? {});
    const kept = findings.filter((f) => f.status === "accepted" || f.status === "edited");
    const at = sections.findIndex((s) => s.level === 1 && s.heading.includes("存在问题"));
    if (kept.length && at !== -1) {
      let end = at + 1;
      while (end < sections.length && sections[end].level !== 1) end++;
      const n = end - at;
      sections.splice(end, 0, {
        heading: `（${CN[n - 1] ?? n}）数据反映的问题`,
        level: 2,
        paragraphs: kept.map((f) => {
          const num = writeNumber(f.value, figures.get(f.key)?.unit === "ratio" ? "%" : "exact");
          const i = f.text.indexOf(num);
          const runs = i === -1 ? [{ text: f.text }] : [{ text: f.text.slice(0, i) }, { text: num, key: f.key }, { text: f.text.slice(i + num.length) }];
          return { text: f.text, sentences: [{ runs: runs.filter((r) => r.text), flagged: null, missing: [] }] };
        }),
      });
    }
    // 努力方向 drafted from next year's plans the modules hold: 民生微实事 projects not yet carried
    // out, proposed in the report's year or the next (through projects' api). Accepted ones are
    // printed at the end of 三、认识体会和努力方向.
    if (deps.projects && scope.communityId) {
      const planned = (await deps.projects.publicList(scope.communityId)).filter((p) => PLANNED.has(p.stage) && p.proposedOn >= `${year}-01-01`);
      if (planned.length) {
        const fen = planned.reduce((n, p) => n + (p.budgetFen ?? 0), 0);
        const money = fen ? `，预算合计${writeNumber(fen / 100, "万元")}` : "";
        const id = "plan:projects";
        const dec = opts.decisions?.[id];
        const status = dec?.status ?? "proposed";
        const proposed = `${year + 1}年，将推进${names(planned.map((p) => `“${p.title}”`))}${planned.length > 3 ? "" : `${planned.length}个`}民生微实事项目${money}，持续增进居民幸福感。`;
        findings.push({
          id,
          kind: "plan",
          key: "",
          label: "民生微实事计划",
          filters: {},
          value: planned.length,
          proposed,
          status,
          text: status === "edited" && dec?.text ? dec.text : proposed,
        });
        const plan = findings.find((f) => f.id === id);
        const goal = sections.findIndex((s) => s.level === 1 && s.heading.includes("努力方向"));
        if (plan && (plan.status === "accepted" || plan.status === "edited") && goal !== -1) {
          const para = { text: plan.text, sentences: [{ runs: [{ text: plan.text }], flagged: null, missing: [] }] };
          if (sections[goal + 1]?.level === 2) sections[goal + 1].paragraphs.push(para);
          else sections.splice(goal + 1, 0, { heading: "", level: 2, paragraphs: [para] });
        }
      }
    }
    const title = (await render(template.title, "标题")).runs.map((r) => r.text).join("");
    const printed = new Map<string, string>();
    for (const s of sections) for (const p of s.paragraphs) for (const x of p.sentences) for (const r of x.runs) if ("key" in r) printed.set(r.key, r.text);
    const figureList: TReportFigure[] = [];
    for (const [key, v] of values) {
      const def = figures.get(key);
      if (!def) continue;
      figureList.push({
        key,
        label: def.label.zh,
        unit: def.unit,
        value: v.value,
        printed: printed.get(key) ?? null,
        previous: v.previous,
        changePct: v.previous ? Math.round(((v.value - v.previous) / v.previous) * 1000) / 10 : null,
      });
    }
    return {
      year,
      region,
      title,
      generatedAt: clock.now().toISOString(),
      sections,
      figures: figureList,
      flaggedCount,
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
      findings,
    };
  }

  return { generate, problems };
}
export type ReportsService = ReturnType<typeof createReportsService>;
