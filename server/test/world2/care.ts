import type { Builder, Expectation, World2 } from "./types.js";
import { at, countBy, ensureStaff1, inPeriod, MONTH, ok, personOf, V, YEAR } from "./util2.js";

// 关爱帮扶 in the second community: households taken in over three years (two archived at a year's or
// half-year's end), visits and 慰问活动 on the first and last days of months and years with the money
// given to each household. A household lies in its head's grid; its main kind is its first.

type HH = { key: string; c: 0 | 1; grid: number; kinds: string[]; enrolledOn: string; archivedOn?: string };
const HOUSEHOLDS: HH[] = [
  { key: "H1", c: 0, grid: 0, kinds: ["低保"], enrolledOn: "2023-03-01" },
  { key: "H2", c: 0, grid: 0, kinds: ["独居老人", "残疾"], enrolledOn: "2023-12-31" },
  { key: "H3", c: 0, grid: 1, kinds: ["特困"], enrolledOn: "2024-01-01", archivedOn: "2024-12-31" },
  { key: "H4", c: 0, grid: 2, kinds: ["失业"], enrolledOn: "2025-01-01" },
  { key: "K1", c: 1, grid: 0, kinds: ["低保"], enrolledOn: "2023-05-01" },
  { key: "K2", c: 1, grid: 1, kinds: ["重病"], enrolledOn: "2024-06-30", archivedOn: "2025-06-30" },
];
/** A visit or 慰问活动: its date, and each household's money in yuan. */
type Visit = { c: 0 | 1; on: string; kind: "visit" | "campaign"; to: Record<string, number> };
const VISITS: Visit[] = [
  { c: 0, on: "2023-03-31", kind: "visit", to: { H1: 200 } },
  { c: 0, on: "2023-12-31", kind: "visit", to: { H1: 100, H2: 100 } },
  { c: 0, on: "2024-01-01", kind: "campaign", to: { H1: 500, H2: 500, H3: 500 } },
  { c: 0, on: "2024-06-30", kind: "visit", to: { H3: 0 } },
  { c: 0, on: "2025-01-01", kind: "visit", to: { H4: 300 } },
  { c: 0, on: "2025-12-31", kind: "visit", to: { H1: 0 } },
  { c: 1, on: "2023-05-31", kind: "visit", to: { K1: 150 } },
  { c: 1, on: "2024-12-31", kind: "campaign", to: { K1: 200, K2: 200 } },
  { c: 1, on: "2025-06-15", kind: "visit", to: { K2: 100 } },
];
const leaderOf = (c: 0 | 1) => (c === 0 ? V.leader0 : V.leader1);
const hh = (k: string) => HOUSEHOLDS.find((h) => h.key === k) as HH;

export const builder: Builder = {
  module: "care",
  async build(w: World2): Promise<Expectation[]> {
    const ids: Record<string, string> = {};
    for (const h of HOUSEHOLDS) {
      const head = await personOf(w, h.c, h.grid, { age: [45, 80] });
      const a = await at(w, `${h.enrolledOn}T10:00:00`, leaderOf(h.c));
      ids[h.key] = ok(await a.post("/api/care/households", { headPersonId: head.id, kinds: h.kinds, enrolledOn: h.enrolledOn })).household.id;
    }
    await ensureStaff1(w);
    // Each community's staff goes on its visits.
    const staff = [V.staff0, V.staff1].map((u) => w.made?.users.find((x) => x.username === u)?.id as string);
    // Visits and archiving in time order (a household is visited before it leaves care).
    const events: Array<{ t: string; run: () => Promise<void> }> = [];
    for (const v of VISITS)
      events.push({
        t: `${v.on}T15:00:00`,
        run: async () => {
          const a = await at(w, `${v.on}T15:00:00`, leaderOf(v.c));
          ok(
            await a.post("/api/care/visits", {
              communityId: w.communities[v.c].id,
              visitedOn: v.on,
              title: v.kind === "campaign" ? "节日慰问活动" : `走访 ${v.on}`,
              kind: v.kind,
              visitorUserIds: [staff[v.c]],
              households: Object.entries(v.to).map(([k, yuan]) => ({ householdId: ids[k], moneyFen: yuan * 100 })),
            }),
          );
        },
      });
    for (const h of HOUSEHOLDS)
      if (h.archivedOn)
        events.push({
          t: `${h.archivedOn}T17:00:00`,
          run: async () => {
            const a = await at(w, `${h.archivedOn}T17:00:00`, leaderOf(h.c));
            ok(await a.post(`/api/care/households/${ids[h.key]}/archive`, { on: h.archivedOn, reason: "搬离本社区" }));
          },
        });
    events.sort((x, y) => x.t.localeCompare(y.t));
    for (const e of events) await e.run();

    const periods = [YEAR(2023), YEAR(2024), YEAR(2025), MONTH(2023, 12), MONTH(2024, 6), MONTH(2025, 12)];
    const gid = (h: HH) => w.communities[h.c].grids[h.grid].id;
    const views = [
      { viewer: V.leader0, sees: (h: { c: number; grid?: number }) => h.c === 0, grid: false },
      { viewer: V.leader1, sees: (h: { c: number; grid?: number }) => h.c === 1, grid: false },
      { viewer: V.supervisor, sees: () => true, grid: false },
      { viewer: V.grid, sees: (h: { c: number; grid?: number }) => h.c === 0 && h.grid === 0, grid: true },
    ];
    const out: Expectation[] = [];
    for (const v of views)
      for (const per of periods) {
        const base = { from: per.from, to: per.to, viewer: v.viewer };
        const visits = VISITS.filter((x) => inPeriod(x.on, per));
        if (!v.grid) {
          const events = visits.filter((x) => v.sees({ c: x.c }));
          out.push({ key: "care.visits", ...base, value: events.length, groups: { by: "kind", values: countBy(events, (x) => x.kind) } });
        }
        const hv = visits.flatMap((x) => Object.entries(x.to).map(([k, yuan]) => ({ h: hh(k), yuan, on: x.on }))).filter((x) => v.sees(x.h));
        out.push({ key: "care.households", ...base, value: hv.length, groups: { by: "month", values: countBy(hv, (x) => x.on.slice(0, 7)) } });
        const money = hv.filter((x) => x.yuan > 0);
        out.push({ key: "care.money_given", ...base, value: money.reduce((n, x) => n + x.yuan, 0), groups: { by: "kind", values: countBy(money, (x) => x.h.kinds[0], (x) => x.yuan) } });
        const active = HOUSEHOLDS.filter((h) => v.sees(h) && h.enrolledOn <= per.to && !(h.archivedOn && h.archivedOn <= per.to));
        out.push({ key: "care.households_active", ...base, value: active.length, groups: { by: "kind", values: countBy(active, (h) => h.kinds[0]) } });
        const seen = active.filter((h) => hv.some((x) => x.h === h));
        const byGrid: Record<string, number> = {};
        for (const [g, n] of Object.entries(countBy(active, gid))) byGrid[g] = (countBy(seen, gid)[g] ?? 0) / n;
        out.push({ key: "care.coverage", ...base, value: active.length ? seen.length / active.length : 0, groups: { by: "grid", values: byGrid } });
      }
    return out;
  },
};
