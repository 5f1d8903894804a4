import type { Builder, Expectation, World2 } from "./types.js";
import { at, countBy, ensureStaff1, inPeriod, lean, MONTH, ok, V, YEAR } from "./util2.js";

// 智能巡检 in the second community: points set up over three years (one retired), check-ins made at
// their own times (at month and year boundaries, one outside its radius, one a repeat), abnormal ones
// opening hazards that are closed later, a week of plan rounds, and check-ins entered by mistake and
// voided (作废) the next day. Every figure follows from the lists below.

type P = { key: string; c: 0 | 1; grid: number; kind: string; force: "police" | "community"; createdOn: string; retiredOn?: string; dx: number };
const POINTS: P[] = [
  { key: "P1", c: 0, grid: 0, kind: "消防通道", force: "police", createdOn: "2023-02-01", dx: -0.001 },
  { key: "P2", c: 0, grid: 0, kind: "河道", force: "police", createdOn: "2023-12-31", dx: 0.001 },
  { key: "P3", c: 0, grid: 1, kind: "公园", force: "police", createdOn: "2023-03-01", dx: 0 },
  { key: "P4", c: 0, grid: 2, kind: "工地", force: "police", createdOn: "2024-01-01", retiredOn: "2024-09-30", dx: 0 },
  { key: "P5", c: 0, grid: 1, kind: "学校周边", force: "police", createdOn: "2025-03-01", dx: 0.0015 },
  { key: "Q1", c: 1, grid: 0, kind: "出租屋", force: "community", createdOn: "2023-05-10", dx: 0 },
  { key: "Q2", c: 1, grid: 1, kind: "河道", force: "community", createdOn: "2024-07-01", dx: 0 },
];

/** A check-in: where, when (local), the result, whether it is sent from outside the radius; the hazard's closing time when abnormal and closed. */
type C = { p: string; t: string; result?: "abnormal"; outside?: true; repeat?: true; closedAt?: string; plan?: true; voidAt?: string };
const CHECKINS: C[] = [
  { p: "P1", t: "2023-03-05T10:00:00" },
  { p: "P1", t: "2023-06-30T23:59:00", result: "abnormal", closedAt: "2023-07-15T16:00:00" },
  { p: "P1", t: "2023-07-01T00:00:00", repeat: true },
  { p: "P2", t: "2023-12-31T23:59:00" },
  { p: "P1", t: "2024-01-01T00:00:00" },
  { p: "P4", t: "2024-02-29T12:00:00", result: "abnormal", closedAt: "2024-03-31T23:00:00" },
  { p: "P3", t: "2024-05-10T09:00:00", outside: true },
  { p: "P4", t: "2024-09-15T10:00:00" },
  { p: "P2", t: "2024-12-31T23:59:00", result: "abnormal" },
  // The plan's week, 3–7 March 2025, window 09:00–11:00 at P1 and P5.
  { p: "P1", t: "2025-03-03T09:30:00", plan: true },
  { p: "P5", t: "2025-03-03T09:50:00", plan: true },
  { p: "P5", t: "2025-03-04T10:10:00", plan: true },
  { p: "P1", t: "2025-03-06T09:20:00", plan: true },
  { p: "P5", t: "2025-03-06T09:45:00", plan: true },
  // Entered by mistake and voided: a visit of the round (P5 on the 5th stays missed) and P2's only check-in of 2025.
  { p: "P5", t: "2025-03-05T09:40:00", plan: true, voidAt: "2025-03-05T15:00:00" },
  { p: "P2", t: "2025-03-05T10:00:00", voidAt: "2025-03-06T08:00:00" },
  { p: "P1", t: "2025-03-07T10:30:00", outside: true, plan: true },
  { p: "P1", t: "2025-03-07T11:30:00" }, // after the window: a check-in, not a visit of the round
  { p: "P3", t: "2025-11-30T23:59:00", result: "abnormal", closedAt: "2025-12-01T09:00:00" },
  { p: "Q1", t: "2023-05-10T10:00:00" },
  { p: "Q1", t: "2024-01-31T23:59:00", result: "abnormal", closedAt: "2024-02-01T00:30:00" },
  { p: "Q2", t: "2024-07-01T08:00:00" },
  { p: "Q2", t: "2025-06-15T10:00:00" },
];
const PLAN = { days: ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"], points: ["P1", "P5"], start: "09:00", end: "11:00" };

const point = (k: string) => POINTS.find((p) => p.key === k) as P;
const leaderOf = (c: 0 | 1) => (c === 0 ? V.leader0 : V.leader1);

export const builder: Builder = {
  module: "patrol",
  async build(w: World2): Promise<Expectation[]> {
    const ids: Record<string, { id: string; lng: number; lat: number; token: string | null }> = {};
    const gridId = (p: P) => w.communities[p.c].grids[p.grid].id;
    // A team per community, its leader a member (the leader checks in: patrol.checkin).
    const teams: string[] = [];
    await ensureStaff1(w);
    for (const c of [0, 1] as const) {
      const a = await at(w, "2023-01-10T09:00:00", leaderOf(c));
      const officers = ok<Array<{ id: string; role: string }>>(await a.get(`/api/patrol/officers?communityId=${w.communities[c].id}`));
      const me = officers.find((o) => o.role === "leader");
      if (!me) throw new Error("the community's leader is not among its patrol officers");
      const force = c === 0 ? "police" : "community";
      teams.push(
        ok(await a.post("/api/patrol/teams", { communityId: w.communities[c].id, name: c === 0 ? "警务室巡逻队" : "社区巡查队", force, memberIds: [me.id] }))
          .id,
      );
    }
    // Points, each on its set-up date, in its grid's cell.
    for (const p of [...POINTS].sort((x, y) => x.createdOn.localeCompare(y.createdOn))) {
      const a = await at(w, `${p.createdOn}T09:00:00`, leaderOf(p.c));
      const g = w.communities[p.c].grids[p.grid];
      const lng = Number((g.lng + p.dx).toFixed(6));
      const lat = g.lat;
      const made = ok(
        await a.post("/api/patrol/points", {
          communityId: w.communities[p.c].id,
          name: `${p.key}${p.kind}`,
          kind: p.kind,
          lng,
          lat,
          radiusM: 50,
          force: p.force,
          teamId: teams[p.c],
          createdOn: p.createdOn,
        }),
      );
      if (made.gridId !== gridId(p)) throw new Error(`point ${p.key} placed in ${made.gridId}, not its grid`);
      const label = ok<Array<{ url: string }>>(await a.get(`/api/patrol/points/labels?ids=${made.id}`))[0];
      ids[p.key] = { id: made.id, lng, lat, token: new URL(label.url).searchParams.get("t") };
    }
    // The plan of 福 week, made the day before it starts; its rounds are made when the day's rounds are looked at.
    {
      const a = await at(w, "2025-03-02T08:00:00", V.leader0);
      ok(
        await a.post("/api/patrol/plans", {
          communityId: w.communities[0].id,
          name: "三月巡查周",
          force: "police",
          teamId: teams[0],
          pointIds: PLAN.points.map((k) => ids[k].id),
          frequency: "daily",
          windows: [{ start: PLAN.start, end: PLAN.end }],
          startsOn: PLAN.days[0],
          endsOn: PLAN.days[PLAN.days.length - 1],
        }),
      );
      for (const d of PLAN.days) ok(await a.get(`/api/patrol/rounds?date=${d}`));
    }
    // Check-ins and their hazards, in time order, interleaved with the points' retirement.
    const events: Array<{ t: string; run: () => Promise<void> }> = [];
    let n = 0;
    const hazards: Array<{ c: C; id: string }> = [];
    for (const c of CHECKINS)
      events.push({
        t: c.t,
        run: async () => {
          const p = point(c.p);
          const a = await at(w, c.t, leaderOf(p.c));
          const iso = new Date(`${c.t}+08:00`).toISOString();
          const x = ids[c.p];
          const res = ok(
            await a.post("/api/patrol/checkins", {
              clientId: `w2-patrol-${String(++n).padStart(4, "0")}`,
              pointId: x.id,
              method: "qr",
              token: x.token,
              deviceTime: iso,
              lat: c.outside ? x.lat + 0.0015 : x.lat,
              lng: x.lng,
              accuracyM: 10,
              result: c.result ?? "normal",
              note: c.result ? "通道堆放杂物" : null,
            }),
          );
          const flagged = res.flags.length > 0;
          if (flagged !== !!(c.outside || c.repeat)) throw new Error(`check-in at ${c.p} ${c.t}: flags ${res.flags.join(",")}`);
          if (c.result) hazards.push({ c, id: res.hazardId });
          if (c.voidAt) voids.push({ c, id: res.id });
        },
      });
    const voids: Array<{ c: C; id: string }> = [];
    for (const c of CHECKINS)
      if (c.voidAt)
        events.push({
          t: c.voidAt,
          run: async () => {
            const v = voids.find((x) => x.c === c);
            if (!v) throw new Error("no check-in to void");
            const a = await at(w, c.voidAt as string, leaderOf(point(c.p).c));
            ok(await a.post(`/api/patrol/checkins/${v.id}/void`, { reason: "误打卡" }));
          },
        });
    for (const p of POINTS)
      if (p.retiredOn)
        events.push({
          t: `${p.retiredOn}T17:00:00`,
          run: async () => {
            const a = await at(w, `${p.retiredOn}T17:00:00`, leaderOf(p.c));
            ok(await a.post(`/api/patrol/points/${ids[p.key].id}/retire`));
          },
        });
    for (const c of CHECKINS)
      if (c.closedAt)
        events.push({
          t: c.closedAt,
          run: async () => {
            const h = hazards.find((x) => x.c === c);
            if (!h) throw new Error("no hazard");
            const p = point(c.p);
            // Rectified by another hand than the leader's (the grid worker in 第1网格 of community 0, else the community's staff), verified and closed by the leader.
            const rectifier = await at(w, c.closedAt as string, p.c === 0 && p.grid === 0 ? V.grid : p.c === 0 ? V.staff0 : V.staff1);
            ok(await rectifier.post(`/api/safety/hazards/${h.id}/rectify`, { note: "已清理", evidence: [] }));
            const a = await at(w, c.closedAt as string, leaderOf(p.c));
            ok(await a.post(`/api/safety/hazards/${h.id}/verify`, { passed: true, note: "现场核查到位" }));
            ok(await a.post(`/api/safety/hazards/${h.id}/close`, {}));
          },
        });
    events.sort((a, b) => a.t.localeCompare(b.t));
    for (const e of events) await e.run();

    // What the figures must say, from the lists above: the voided check-ins count nowhere.
    const LIVE = CHECKINS.filter((c) => !c.voidAt);
    const local = (t: string) => t.slice(0, 10);
    const periods = [YEAR(2023), YEAR(2024), YEAR(2025), MONTH(2023, 6), MONTH(2025, 3), MONTH(2025, 12)];
    type View = { viewer: string; sees: (p: P) => boolean; grids: boolean };
    const views: View[] = [
      { viewer: V.leader0, sees: (p) => p.c === 0, grids: true },
      { viewer: V.leader1, sees: (p) => p.c === 1, grids: true },
      { viewer: V.supervisor, sees: () => true, grids: true },
      { viewer: V.grid, sees: (p) => p.c === 0 && p.grid === 0, grids: true },
    ];
    const out: Expectation[] = [];
    const gid = (p: P) => w.communities[p.c].grids[p.grid].id;
    for (const v of views)
      for (const per of periods) {
        const base = { from: per.from, to: per.to, viewer: v.viewer };
        const inUse = POINTS.filter((p) => v.sees(p) && p.createdOn <= per.to && !(p.retiredOn && p.retiredOn <= per.to));
        out.push({ key: "patrol.points", ...base, value: inUse.length, groups: { by: "kind", values: countBy(inUse, (p) => p.kind) } });
        const cs = LIVE.filter((c) => v.sees(point(c.p)) && inPeriod(local(c.t), per));
        out.push({ key: "patrol.checkins", ...base, value: cs.length, groups: { by: "month", values: countBy(cs, (c) => c.t.slice(0, 7)) } });
        const ab = cs.filter((c) => c.result === "abnormal");
        out.push({ key: "patrol.abnormal_checkins", ...base, value: ab.length, groups: { by: "grid", values: countBy(ab, (c) => gid(point(c.p))) } });
        const fl = cs.filter((c) => c.outside || c.repeat);
        out.push({ key: "patrol.flagged_checkins", ...base, value: fl.length, groups: { by: "review", values: countBy(fl, () => "pending") } });
        const visited = (p: P) => LIVE.some((c) => c.p === p.key && inPeriod(local(c.t), per));
        const cov = inUse.filter(visited);
        const byGrid: Record<string, number> = {};
        for (const [g, k] of Object.entries(countBy(inUse, gid))) byGrid[g] = (countBy(cov, gid)[g] ?? 0) / k;
        out.push({ key: "patrol.coverage", ...base, value: inUse.length ? cov.length / inUse.length : 0, groups: { by: "grid", values: byGrid } });
        const opened = ab; // a hazard is found on its check-in's local date
        out.push({ key: "patrol.hazards_opened", ...base, value: opened.length, groups: { by: "month", values: countBy(opened, (c) => c.t.slice(0, 7)) } });
        const closed = LIVE.filter((c) => v.sees(point(c.p)) && c.closedAt && inPeriod(local(c.closedAt), per));
        out.push({ key: "patrol.hazards_closed", ...base, value: closed.length, groups: { by: "force", values: countBy(closed, (c) => point(c.p).force) } });
        // Rounds: one a day of the plan's week, each expecting both points; a visit is a check-in in the window that is not outside the radius.
        if (v.sees(point("P1"))) {
          const days = PLAN.days.filter((d) => inPeriod(d, per));
          const expected = days.length * PLAN.points.length;
          const visits = LIVE.filter(
            (c) => c.plan && !c.outside && days.includes(local(c.t)) && c.t.slice(11, 16) >= PLAN.start && c.t.slice(11, 16) < PLAN.end,
          ).length;
          out.push({
            key: "patrol.completion_rate",
            ...base,
            value: expected ? visits / expected : 0,
            ...(expected ? { groups: { by: "month", values: { "2025-03": visits / expected } } } : {}),
          });
          out.push({ key: "patrol.missed_visits", ...base, value: expected - visits });
        } else {
          out.push({ key: "patrol.completion_rate", ...base, value: 0 });
          out.push({ key: "patrol.missed_visits", ...base, value: 0 });
        }
      }
    // Hazards and rounds are the community's figures (scopeLevel "community"): not asked of the grid worker.
    const community = new Set(["patrol.hazards_opened", "patrol.hazards_closed", "patrol.completion_rate", "patrol.missed_visits"]);
    return lean(out.filter((e) => e.viewer !== V.grid || !community.has(e.key)));
  },
};
