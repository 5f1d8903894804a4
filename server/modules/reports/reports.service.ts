import type { Kysely } from "kysely";
import type { TAnnualReport, TReportFigure } from "../../../contracts/reports.js";
import type { DB } from "../../db/types.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import type { FigureRegistry } from "../../platform/figures.js";
import { type Scope, scopeOf } from "../../platform/scope.js";
import { writeNumber } from "./reports.numbers.rules.js";
import { type Part, parseSentence, TemplateError } from "./reports.rules.js";
import { DEFAULT_TEMPLATE, type ReportTemplate } from "./reports.template.js";

// Writes a region's annual work report from its records: every number is a figure of the registry
// for that region and year (the same query its drill-down pages through), printed in its
// sentence's form; a sentence whose figure is not recorded here (a module the community does not
// use) or is 0 is left out and flagged, never printed as "0场".

export type ReportsDeps = { db: Kysely<DB>; figures: FigureRegistry; clock: Clock };

export function createReportsService(deps: ReportsDeps) {
  const { db, figures, clock } = deps;
  const unitOf = (key: string) => figures.get(key)?.unit;

  /** Checks a template: every placeholder names a registered figure in a form its unit allows. */
  function validate(t: ReportTemplate, known: (key: string) => "count" | "yuan" | "ratio" | undefined = unitOf) {
    parseSentence(t.title, "标题", known);
    t.sections.forEach((s, si) =>
      s.paragraphs.forEach((p, pi) => p.forEach((sentence, i) => parseSentence(sentence, `第${si + 1}节第${pi + 1}段第${i + 1}句`, known))),
    );
  }

  async function generate(callerScope: Scope, year: number, regionId?: string, template: ReportTemplate = DEFAULT_TEMPLATE): Promise<TAnnualReport> {
    let scope = callerScope;
    if (regionId && regionId !== callerScope.regionId) {
      const s = await scopeOf(db, regionId);
      if (!s?.path.startsWith(callerScope.path)) throw errors.notFound({ zh: "地区", en: "Region" });
      scope = s;
    }
    const region = await db.selectFrom("regions").select(["id", "name"]).where("id", "=", scope.regionId).executeTakeFirstOrThrow();
    const period = (y: number) => ({ scope, from: `${y}-01-01`, to: `${y}-12-31`, filters: {} });
    // Unknown keys in the template are flagged (a module not installed), not refused: the default
    // template names every figure of the seed, whether or not its module has landed.
    const known = (key: string) => unitOf(key) ?? "count";
    const values = new Map<string, { value: number; previous: number }>();
    const valueOf = async (key: string) => {
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
          const v = await valueOf(p.key);
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
      sections.push({ heading: s.heading, level: s.level, paragraphs });
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
    return { year, region, title, generatedAt: clock.now().toISOString(), sections, figures: figureList, flaggedCount };
  }

  return { generate, validate };
}
export type ReportsService = ReturnType<typeof createReportsService>;
