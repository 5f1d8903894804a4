import type { Agent } from "../helpers.js";
import type { Expectation, World2 } from "./types.js";

// What the builders of history2 (patrol, activities, volunteers, care, massorgs, projects, portal) share:
// the viewers' usernames, a signed-in agent at a moment, and small helpers to build expectations.

/** The viewers World2 signs in (leaders of community 0 and 1, the subdistrict supervisor, community 0's first grid's worker). */
export const V = { leader0: "w2leader0", leader1: "w2leader1", supervisor: "w2supervisor", grid: "w2grid0", staff0: "w2staff0", staff1: "w2staff1" } as const;

/** Moves the clock to `localIso` and signs `username` in again (sessions idle out on the same clock). */
export async function at(w: World2, localIso: string, username: string): Promise<Agent> {
  w.setNow(localIso);
  return w.as(username);
}

/** The body of a response, failing with its text when the status is not the one expected. */
export function ok<T = any>(res: { statusCode: number; body: string; json: () => any }, status: number | number[] = [200, 201]): T {
  const want = Array.isArray(status) ? status : [status];
  if (!want.includes(res.statusCode)) throw new Error(`HTTP ${res.statusCode}: ${res.body.slice(0, 600)}`);
  return res.json() as T;
}

/** Periods that end at month and year boundaries over the three years. */
export const YEAR = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
export const MONTH = (y: number, m: number) => {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
};
export const ALL = { from: "2023-01-01", to: "2025-12-31" };

export const inPeriod = (date: string, p: { from: string; to: string }) => date >= p.from && date <= p.to;

/** Counts per key of the items, leaving out empty groups (the product lists only groups with records). */
export function countBy<T>(items: T[], key: (t: T) => string, weight: (t: T) => number = () => 1): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = key(it);
    out[k] = (out[k] ?? 0) + weight(it);
  }
  return out;
}

/** One expectation per viewer/period pair from a function computing the value (and optional groups). */
export function expectEach(
  key: string,
  cases: Array<{ viewer: string; period: { from: string; to: string }; region?: string }>,
  compute: (c: { viewer: string; period: { from: string; to: string }; region?: string }) => Pick<Expectation, "value" | "groups" | "tolerance">,
): Expectation[] {
  return cases.map((c) => ({ key, from: c.period.from, to: c.period.to, viewer: c.viewer, ...(c.region ? { region: c.region } : {}), ...compute(c) }));
}
