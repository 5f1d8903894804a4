import type { Builder, Expectation, World2 } from "./types.js";
import { addDaysTo, at, countBy, ensureStaff1, inPeriod, MONTH, ok, V, YEAR } from "./util2.js";

// 三务公开 in the second community: items proposed by staff, reviewed and approved by the leader on
// their own days — on a due day, a day late, before the schedule starts (portal.schedule_since,
// 2024-01-01 by default), one withdrawn after publication — and residents' feedback on the public
// side. The on-time rate's slots are worked out here from the catalogue's periods (monthly, quarterly,
// yearly; due 10, 15 and 90 days after the period ends) for every scheduled column of each community.

const SINCE = "2024-01-01";
const GRACE = { monthly: 10, quarterly: 15, yearly: 90 } as const;
type Item = { c: 0 | 1; column: string; from: string; to: string; publishedOn: string; withdrawnOn?: string };
const ITEMS: Item[] = [
  { c: 0, column: "finance.statements", from: "2023-06-01", to: "2023-06-30", publishedOn: "2023-06-30" },
  { c: 0, column: "finance.statements", from: "2024-01-01", to: "2024-01-31", publishedOn: "2024-02-10" },
  { c: 0, column: "finance.statements", from: "2024-02-01", to: "2024-02-29", publishedOn: "2024-03-11" },
  { c: 0, column: "party.dues", from: "2024-01-01", to: "2024-03-31", publishedOn: "2024-04-15", withdrawnOn: "2024-05-01" },
  { c: 0, column: "finance.statements", from: "2024-12-01", to: "2024-12-31", publishedOn: "2025-01-10" },
  { c: 1, column: "finance.statements", from: "2025-03-01", to: "2025-03-31", publishedOn: "2025-04-01" },
];
/** Residents' feedback on the public side (each becomes an appeal, unanswered here): which item, when. */
const FEEDBACK = [{ item: 5, on: "2025-04-05", kind: "question" as const }];

const staffOf = (c: 0 | 1) => (c === 0 ? V.staff0 : V.staff1);
const leaderOf = (c: 0 | 1) => (c === 0 ? V.leader0 : V.leader1);
const endOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/** The slots of a column's period due in [from, to] (as portal.rules' slotsDue: from the schedule's start). */
function slots(period: keyof typeof GRACE, from: string, to: string) {
  const step = period === "monthly" ? 1 : period === "quarterly" ? 3 : 12;
  const out: Array<{ from: string; to: string; due: string }> = [];
  for (let y = Number(SINCE.slice(0, 4)), m = 1; y <= 2026; m += step) {
    if (m > 12) {
      m -= 12;
      y++;
    }
    const sFrom = `${y}-${String(m).padStart(2, "0")}-01`;
    const sTo = endOfMonth(y, m + step - 1 > 12 ? 12 : m + step - 1);
    const due = addDaysTo(sTo, GRACE[period]);
    if (due > to) break;
    if (sFrom >= SINCE && due >= from) out.push({ from: sFrom, to: sTo, due });
  }
  return out;
}

export const builder: Builder = {
  module: "portal",
  async build(w: World2): Promise<Expectation[]> {
    await ensureStaff1(w);
    const ids: string[] = [];
    const events: Array<{ t: string; run: () => Promise<void> }> = [];
    for (const [i, it] of ITEMS.entries()) {
      events.push({
        t: `${it.publishedOn}T10:00:00`,
        run: async () => {
          const s = await at(w, `${it.publishedOn}T09:00:00`, staffOf(it.c));
          const made = ok(
            await s.post("/api/portal/items", {
              communityId: w.communities[it.c].id,
              columnKey: it.column,
              title: `${w.communities[it.c].name}${it.from.slice(0, 7)}公开事项`,
              body: "<p>本期收支情况见附表，欢迎居民监督。</p>",
              periodFrom: it.from,
              periodTo: it.to,
            }),
          );
          ids[i] = made.id;
          const l = await at(w, `${it.publishedOn}T10:00:00`, leaderOf(it.c));
          ok(await l.post(`/api/portal/items/${made.id}/review`, { passed: true }));
          const done = ok(await l.post(`/api/portal/items/${made.id}/approve`, { approved: true }));
          if (done.publishedOn !== it.publishedOn) throw new Error(`published on ${done.publishedOn}, not ${it.publishedOn}`);
        },
      });
      if (it.withdrawnOn)
        events.push({
          t: `${it.withdrawnOn}T10:00:00`,
          run: async () => {
            const l = await at(w, `${it.withdrawnOn}T10:00:00`, leaderOf(it.c));
            ok(await l.post(`/api/portal/items/${ids[i]}/withdraw`, { reason: "数据有误，核实后重新公开" }));
          },
        });
    }
    for (const f of FEEDBACK)
      events.push({
        t: `${f.on}T11:00:00`,
        run: async () => {
          w.setNow(`${f.on}T11:00:00`);
          const r = await w.env.app.inject({
            method: "POST",
            url: `/api/public/disclosure/items/${ids[f.item]}/feedback`,
            payload: { kind: f.kind, content: "请问本期支出明细在哪里查看？" },
            headers: { "x-forwarded-for": "10.88.0.1", "accept-language": "zh" },
          });
          ok(r);
        },
      });
    events.sort((a, b) => a.t.localeCompare(b.t));
    for (const e of events) await e.run();

    // The catalogue's scheduled columns (its configuration, not a figure).
    const columns = ok<Array<{ key: string; period: string; active: boolean }>>(await (await at(w, "2025-12-31T12:00:00", V.leader0)).get("/api/portal/columns")).filter(
      (k) => k.active && k.period in GRACE,
    );
    const periods = [YEAR(2023), YEAR(2024), YEAR(2025), MONTH(2024, 2), MONTH(2024, 4), MONTH(2025, 4)];
    const views = [
      { viewer: V.leader0, cs: [0] },
      { viewer: V.leader1, cs: [1] },
      { viewer: V.supervisor, cs: [0, 1] },
    ];
    const out: Expectation[] = [];
    for (const v of views)
      for (const per of periods) {
        const base = { from: per.from, to: per.to, viewer: v.viewer };
        const published = ITEMS.filter((it) => v.cs.includes(it.c) && inPeriod(it.publishedOn, per));
        out.push({ key: "portal.items_published", ...base, value: published.length, groups: { by: "column", values: countBy(published, (it) => it.column) } });
        // Every slot of every scheduled column due in the period, in each community; filled on time by an item of the column whose period ends in the slot, published by the due day (and by the period's end).
        const rows = v.cs.flatMap((c) =>
          columns.flatMap((k) =>
            slots(k.period as keyof typeof GRACE, per.from, per.to).map((s) => ({
              c,
              column: k.key,
              hit: ITEMS.some((it) => it.c === c && it.column === k.key && it.to >= s.from && it.to <= s.to && it.publishedOn <= s.due && it.publishedOn <= per.to) ? 1 : 0,
            })),
          ),
        );
        const byCommunity: Record<string, number> = {};
        for (const c of v.cs) {
          const mine = rows.filter((r) => r.c === c);
          if (mine.length) byCommunity[w.communities[c].id] = mine.reduce((n, r) => n + r.hit, 0) / mine.length;
        }
        out.push({
          key: "portal.on_time_rate",
          ...base,
          value: rows.length ? rows.reduce((n, r) => n + r.hit, 0) / rows.length : 0,
          groups: { by: "community", values: byCommunity },
        });
        const fb = FEEDBACK.filter((f) => v.cs.includes(ITEMS[f.item].c) && inPeriod(f.on, per));
        out.push({ key: "portal.feedback", ...base, value: fb.length, groups: { by: "answered", values: countBy(fb, () => "no") } });
      }
    return out;
  },
};
