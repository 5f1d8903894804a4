// What the big screen shows, in one answer: the headline figures of the year so far beside the same
// days of last year, trends by month (this year and last), the map's areas and every layer (masked
// on a link), and the newest appeals for the ticker. Everything is read through the registries
// (figures, map layers) and other modules' APIs.
import type { Kysely } from "kysely";
import type { TScreenData } from "../../../contracts/screen.js";
import type { DB } from "../../db/types.js";
import { localDate } from "../../platform/dates.js";
import type { Lang } from "../../platform/errors.js";
import type { FigureDef, FigureQuery, FigureRegistry } from "../../platform/figures.js";
import { describeLayer, type MapLayerRegistry, mapAreas, readLayer } from "../../platform/map-layers.js";
import type { Scope } from "../../platform/scope.js";
import type { AppealsApi } from "../appeals/appeals.api.js";

/**
 * The screen's layout: which registered figures it shows first (a key not registered — its module
 * not installed — is skipped). Which figures, not their values: those are the registry's queries.
 */
export const HEADLINE = [
  "appeals.all_cases",
  "appeals.resolution_rate",
  "appeals.satisfaction_rate",
  "safety.hazards_found",
  "safety.disputes_resolved",
  "patrol.checkins",
  "patrol.completion_rate",
  "activities.held",
  "volunteers.hours",
  "care.visits",
];
export const TRENDS = ["appeals.all_cases", "patrol.checkins", "safety.hazards_found", "activities.held"];
export const TICKER_DAYS = 7;
export const TICKER_SIZE = 20;

export type ScreenDataDeps = {
  db: Kysely<DB>;
  figures: FigureRegistry;
  mapLayers: MapLayerRegistry;
  appeals: Pick<AppealsApi, "recentCases">;
  timeZone: string;
};

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The same calendar day a year earlier (29 February → 28 February). */
function yearBefore(date: string) {
  const [y, m, d] = date.split("-").map(Number);
  return `${y - 1}-${pad(m)}-${pad(Math.min(d, lastDay(y - 1, m)))}`;
}

async function byMonth(db: Kysely<DB>, f: FigureDef, scope: Scope, year: number, lang: Lang): Promise<number[]> {
  const q: FigureQuery = { scope, from: `${year}-01-01`, to: `${year}-12-31`, filters: {} };
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
  // One grouped query where the figure breaks down by month, else a value per month.
  const dim = f.dimensions?.month;
  if (dim) {
    const groups = await dim.groups(db, q, lang);
    const v = new Map(groups.map((g) => [g.key, g.value]));
    return months.map((m) => v.get(m) ?? 0);
  }
  const out: number[] = [];
  for (let i = 0; i < 12; i++) out.push(await f.value(db, { scope, from: `${months[i]}-01`, to: `${months[i]}-${pad(lastDay(year, i + 1))}`, filters: {} }));
  return out;
}

export async function screenData(
  deps: ScreenDataDeps,
  opts: { scope: Scope; regionName: string; role: string | null; via: "session" | "link"; now: Date; lang: Lang },
): Promise<TScreenData> {
  const { db, figures, mapLayers } = deps;
  const { scope, now, lang } = opts;
  const today = localDate(now, deps.timeZone);
  const year = Number(today.slice(0, 4));
  const ytd: FigureQuery = { scope, from: `${year}-01-01`, to: today, filters: {} };
  const lastYtd: FigureQuery = { scope, from: `${year - 1}-01-01`, to: yearBefore(today), filters: {} };

  const heads = HEADLINE.map((k) => figures.get(k)).filter((f): f is FigureDef => !!f);
  const figuresOut = [];
  for (const f of heads)
    figuresOut.push({ key: f.key, label: f.label[lang], unit: f.unit, value: await f.value(db, ytd), lastYear: await f.value(db, lastYtd) });

  const trends = [];
  const thisMonth = Number(today.slice(5, 7));
  for (const f of TRENDS.map((k) => figures.get(k)).filter((x): x is FigureDef => !!x)) {
    const [a, b] = [await byMonth(db, f, scope, year, lang), await byMonth(db, f, scope, year - 1, lang)];
    trends.push({
      key: f.key,
      label: f.label[lang],
      unit: f.unit,
      months: Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`),
      // Months still to come are no data, not zero.
      thisYear: a.map((v, i) => (i < thisMonth ? v : null)),
      lastYear: b,
    });
  }

  const areas = await mapAreas(db, scope);
  const layers = [];
  for (const l of mapLayers.forRole(opts.role)) layers.push({ ...describeLayer(l, lang), data: await readLayer(db, l, scope, areas, now, opts.role) });

  const since = new Date(now.getTime() - TICKER_DAYS * 86_400_000).toISOString();
  const ticker = (await deps.appeals.recentCases(scope, since, TICKER_SIZE)).map((c) => ({ ...c, category: c.category[lang] }));

  return {
    region: { id: scope.regionId, name: opts.regionName, level: scope.level },
    year,
    generatedAt: now.toISOString(),
    via: opts.via,
    figures: figuresOut,
    trends,
    areas,
    layers,
    ticker,
  };
}
