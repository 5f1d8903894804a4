import type { Agent } from "../helpers.js";
import { multipartFile } from "../http.js";
import type { Expectation, World2 } from "./types.js";
import { W2_USERS } from "./types.js";

// Helpers the builders share: the periods every figure is read for, and the viewers whose scopes
// split a builder's record list (leader of each community, the supervisor over both, the grid worker
// of community 0's first grid).

export type Period = { from: string; to: string };

/** Three full years, one month, and a year that ends at a mid-year month boundary. */
export const PERIODS: Period[] = [
  { from: "2023-01-01", to: "2023-12-31" },
  { from: "2024-01-01", to: "2024-12-31" },
  { from: "2025-01-01", to: "2025-12-31" },
  { from: "2025-03-01", to: "2025-03-31" },
  { from: "2024-07-01", to: "2025-06-30" },
];

/** Where a record lies: its community and (when it has one) its grid; communityId may be the subdistrict's for records of the subdistrict as a whole. */
export type Placed = { communityId: string; gridId?: string | null };

export type Viewer = { username: string; holds: (r: Placed) => boolean; grid: boolean };

/** The viewers of a builder's figures; `grid: true` only for the grid worker (grid-scoped figures only). */
export function viewers(w: World2): Viewer[] {
  const [c0, c1] = w.communities;
  return [
    { username: W2_USERS.leaders[0], holds: (r) => r.communityId === c0.id, grid: false },
    { username: W2_USERS.leaders[1], holds: (r) => r.communityId === c1.id, grid: false },
    { username: W2_USERS.supervisor, holds: (r) => r.communityId === c0.id || r.communityId === c1.id || r.communityId === w.subdistrict.id, grid: false },
    { username: W2_USERS.grid, holds: (r) => r.gridId === c0.grids[0].id, grid: true },
  ];
}

/** Whether a local date (or an ISO local date-time's date) lies in a period. */
export const within = (date: string | null | undefined, p: Period) => !!date && date.slice(0, 10) >= p.from && date.slice(0, 10) <= p.to;

/**
 * One expectation per period and viewer (the grid worker only when `gridScoped`): `value(p, holds)`
 * works the figure out from the builder's records; `groups` adds a breakdown.
 */
export function expectAll(
  w: World2,
  key: string,
  o: {
    gridScoped: boolean;
    periods?: Period[];
    value: (p: Period, holds: (r: Placed) => boolean) => number;
    groups?: { by: string; values: (p: Period, holds: (r: Placed) => boolean) => Record<string, number> };
    tolerance?: number;
  },
): Expectation[] {
  const out: Expectation[] = [];
  for (const p of o.periods ?? PERIODS)
    for (const v of viewers(w)) {
      if (v.grid && !o.gridScoped) continue;
      out.push({
        key,
        from: p.from,
        to: p.to,
        viewer: v.username,
        value: o.value(p, v.holds),
        ...(o.groups ? { groups: { by: o.groups.by, values: o.groups.values(p, v.holds) } } : {}),
        ...(o.tolerance ? { tolerance: o.tolerance } : {}),
      });
    }
  return out;
}

/** Counts per key of the items (a breakdown of a count figure), leaving out zero groups. */
export function countBy<T>(items: T[], keyOf: (t: T) => string): Record<string, number> {
  const m: Record<string, number> = {};
  for (const t of items) m[keyOf(t)] = (m[keyOf(t)] ?? 0) + 1;
  return m;
}

/** A ratio per key: numerator ÷ denominator over the items of each group (groups with no items left out). */
export function ratioBy<T>(items: T[], keyOf: (t: T) => string, hit: (t: T) => number): Record<string, number> {
  const n: Record<string, number> = {};
  const s: Record<string, number> = {};
  for (const t of items) {
    const k = keyOf(t);
    n[k] = (n[k] ?? 0) + 1;
    s[k] = (s[k] ?? 0) + hit(t);
  }
  return Object.fromEntries(Object.keys(n).map((k) => [k, s[k] / n[k]]));
}

export const ratio = (num: number, den: number) => (den ? num / den : 0);

/** An XLSX of header-keyed rows (the headers are the union of the rows' keys, in first-seen order). */
export async function xlsxOf(rows: Array<Record<string, string | number>>, sheet = "Sheet1"): Promise<Buffer> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  const h = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads an XLSX import as `agent` and fails (with the report) unless every row went in. */
export async function importXlsx(agent: Agent, url: string, rows: Array<Record<string, string | number>>, what: string) {
  const m = multipartFile(`${what}.xlsx`, await xlsxOf(rows));
  const res = await agent.req("POST", url, m.payload, { headers: m.headers });
  const body = res.json();
  if (res.statusCode !== 200 || body.errors?.length) throw new Error(`${what} import: ${res.statusCode} ${res.body.slice(0, 1500)}`);
  return body as { created: number; unchanged: number; notes?: string[] };
}

/** A request that must succeed (2xx): its JSON body, or an error naming what was being done. */
export async function ok(res: Promise<{ statusCode: number; body: string; json: () => any }>, what: string) {
  const r = await res;
  if (r.statusCode < 200 || r.statusCode > 299) throw new Error(`${what}: ${r.statusCode} ${r.body.slice(0, 800)}`);
  return r.json();
}

/** The calendar date n days after a date. */
export const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
