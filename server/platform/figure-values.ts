// The figures' values and breakdowns as the workbench asks for them (GET /api/figures, /api/figures/:key,
// …/groups, 社区对比), kept per version of the tables each one reads (server/platform/version-cache.ts,
// server/db/table-versions.ts): a check-in leaves the appeals' figures as they are. A subdistrict's
// workbench is ~100 figures over 50 communities, and between two writes none of them can change but
// with the clock. A value depends on the figure, the scope (its region, path, level and community),
// the period and the drill-down filters — not on the caller's role or language (labels are added
// after); a breakdown also on the language (its group labels). Today's date is in the key and an
// answer is at most FIGURE_MAX_AGE_MS old (overdue counts change without a write). After a write to
// a table a figure reads — audited or not — the next request computes it afresh (no stale answers).
// Only for reads on the database itself, never inside a transaction (its uncommitted rows would be
// kept under the committed version).
import type { Kysely } from "kysely";
import { readTableVersions, type TableVersions } from "../db/table-versions.js";
import type { DB } from "../db/types.js";
import type { Clock } from "./clock.js";
import { localDate } from "./dates.js";
import type { Lang } from "./errors.js";
import type { FigureDef, FigureGroup, FigureQuery } from "./figures.js";
import { createVersionCache } from "./version-cache.js";

export const FIGURE_MAX_AGE_MS = 60_000;
/** ~100 figures × periods (a year, 24 months of a trend) × the scopes in use; a value is a number. */
const MAX_VALUES = 20_000;
// A breakdown can be a few hundred groups (a district by grid): fewer of them.
const MAX_GROUPS = 500;

export type FigureValues = ReturnType<typeof createFigureValues>;

export function createFigureValues(deps: { db: Kysely<DB>; clock: Clock; timeZone: string }) {
  const { db, clock } = deps;
  const now = () => clock.now().getTime();
  const version = () => readTableVersions(db);
  const values = createVersionCache<number>({ version, tables: true, now, maxAgeMs: FIGURE_MAX_AGE_MS, maxEntries: MAX_VALUES });
  const groups = createVersionCache<FigureGroup[]>({ version, tables: true, now, maxAgeMs: FIGURE_MAX_AGE_MS, maxEntries: MAX_GROUPS });
  const keyOf = (f: FigureDef, q: FigureQuery) => {
    const s = q.scope;
    const filters = Object.entries(q.filters).sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify([f.key, s.regionId, s.path, s.level, s.communityId, q.from, q.to, filters, localDate(clock.now(), deps.timeZone)]);
  };
  return {
    /** The tables' versions now: read once for the many values of one request. */
    version,
    /** The figure's value for the query; `at`: the versions read for this request. */
    value: (f: FigureDef, q: FigureQuery, at?: TableVersions) => values.get(keyOf(f, q), () => f.value(db, q), at),
    /** The figure broken down by `dim` (one of its dimensions), group labels in `lang`. */
    groups: (f: FigureDef, dim: string, q: FigureQuery, lang: Lang, at?: TableVersions) => {
      const d = f.dimensions?.[dim];
      if (!d) throw new Error(`figure ${f.key} has no dimension ${dim}`);
      return groups.get(JSON.stringify([keyOf(f, q), dim, lang]), () => d.groups(db, q, lang), at);
    },
    /** How many values and breakdowns were computed (tests, bench). */
    computed: () => values.computed() + groups.computed(),
  };
}
