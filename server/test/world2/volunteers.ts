import type { Builder, Expectation, World2 } from "./types.js";
import { addDaysTo, addMonthsTo, at, countBy, inPeriod, local, MONTH, ok, personOf, V, xlsxUpload, YEAR } from "./util2.js";

// 志愿服务 in the second community: volunteers who joined over three years (two reach five stars from
// hours imported as a sheet of service records), records at month and year ends (one left pending), a
// night-patrol team founded once its fifth member joined, its patrols' findings opening hazards that are
// closed later (safety.night_patrol_hazards_resolved, the volunteers' own). Star levels are the default
// thresholds (volunteers.star_levels): a level is reached on the first day both its hours and its tenure are met.

const STARS = [
  { level: 1, hours: 100, months: 6 },
  { level: 2, hours: 300, months: 6 },
  { level: 3, hours: 600, months: 12 },
  { level: 4, hours: 1000, months: 12 },
  { level: 5, hours: 1500, months: 24 },
];
type Vol = { c: 0 | 1; grid: number; joinedOn: string };
const VOLS: Vol[] = [
  { c: 0, grid: 0, joinedOn: "2022-06-01" },
  { c: 0, grid: 0, joinedOn: "2023-01-01" },
  { c: 0, grid: 0, joinedOn: "2023-02-28" },
  { c: 0, grid: 0, joinedOn: "2023-03-01" },
  { c: 0, grid: 1, joinedOn: "2023-03-15" },
  { c: 0, grid: 1, joinedOn: "2023-04-01" },
  { c: 0, grid: 2, joinedOn: "2023-04-01" },
  { c: 1, grid: 0, joinedOn: "2023-03-01" },
  { c: 1, grid: 1, joinedOn: "2025-01-01" },
];
/** A service record: volunteer, local sign-in and sign-out; imported ones are confirmed on import. */
type Rec = { v: number; in: string; out: string; pending?: true; imported?: true; patrol?: number };
const day12 = (v: number, from: string, n: number): Rec[] =>
  Array.from({ length: n }, (_, i) => ({ v, in: `${addDaysTo(from, i)}T07:00`, out: `${addDaysTo(from, i)}T19:00`, imported: true }));
const RECS: Rec[] = [
  ...day12(0, "2023-03-01", 130), // 1500 h on the 125th day (2023-07-03); two years' tenure on 2024-06-01: five stars then
  ...day12(1, "2024-01-01", 125), // 1500 h on 2024-05-04; two years' tenure on 2025-01-01
  ...day12(7, "2023-04-01", 10), // 120 h: one star on 2023-09-01 (half a year)
  { v: 2, in: "2024-02-01T00:30", out: "2024-02-01T02:30" },
  { v: 3, in: "2023-12-31T20:00", out: "2023-12-31T23:30" },
  { v: 4, in: "2024-03-03T09:00", out: "2024-03-03T12:00", pending: true },
  { v: 5, in: "2025-06-01T09:00", out: "2025-06-01T11:00" },
  { v: 8, in: "2025-02-02T14:00", out: "2025-02-02T17:00" },
];
/** The night-patrol team of community 0: leader and four members from its start, the fifth member later (founded then). */
const TEAM = { leader: 2, members: [3, 4, 5, 6], startedOn: "2023-04-01", fifth: 0, fifthOn: "2023-05-20" };
type NP = { grid: number; start: string; end: string; with: number[]; closedAt?: string };
const PATROLS: NP[] = [
  { grid: 0, start: "2023-06-30T21:00", end: "2023-06-30T23:30", with: [2, 3], closedAt: "2023-07-10T10:00" },
  { grid: 1, start: "2024-12-31T22:00", end: "2024-12-31T23:59", with: [4, 5] },
  { grid: 0, start: "2025-08-08T20:00", end: "2025-08-08T22:00", with: [2, 3], closedAt: "2025-09-01T10:00" },
];

const leaderOf = (c: 0 | 1) => (c === 0 ? V.leader0 : V.leader1);
const minutes = (r: { in: string; out: string }) => (Date.parse(`${r.out}:00Z`) - Date.parse(`${r.in}:00Z`)) / 60_000;
/** Every confirmed record, the night patrols' included (each participant's time on the patrol). */
const allRecords = (): Rec[] => [
  ...RECS.filter((r) => !r.pending),
  ...PATROLS.flatMap((p, i) => p.with.map((v) => ({ v, in: p.start, out: p.end, patrol: i }))),
];

/** The star level of a volunteer on a date: the highest level whose hours (records up to the date) and tenure are both met. */
function starOn(v: number, date: string): number {
  const hours = allRecords()
    .filter((r) => r.v === v && r.in.slice(0, 10) <= date)
    .reduce((n, r) => n + minutes(r) / 60, 0);
  let level = 0;
  for (const s of STARS) if (hours >= s.hours && addMonthsTo(VOLS[v].joinedOn, s.months) <= date) level = s.level;
  return level;
}
/** The first date a volunteer is at five stars (checking each day from joining to the end of 2025). */
function fiveStarOn(v: number): string | null {
  for (let d = VOLS[v].joinedOn; d <= "2025-12-31"; d = addDaysTo(d, 1)) if (starOn(v, d) >= 5) return d;
  return null;
}

export const builder: Builder = {
  module: "volunteers",
  async build(w: World2): Promise<Expectation[]> {
    const ids: string[] = [];
    const codes: string[] = [];
    for (const v of VOLS) {
      const p = await personOf(w, v.c, v.grid);
      const a = await at(w, `${v.joinedOn < "2023-01-01" ? "2023-01-02" : v.joinedOn}T10:00:00`, leaderOf(v.c));
      const made = ok(await a.post("/api/volunteers", { personId: p.id, joinedOn: v.joinedOn, skills: ["巡逻"] }));
      ids.push(made.id);
      codes.push(made.code);
    }
    // The long service histories come in as one sheet per community (confirmed by the importer).
    for (const c of [0, 1] as const) {
      const rows = RECS.filter((r) => r.imported && VOLS[r.v].c === c).map((r) => [codes[r.v], "社区值守", r.in.replace("T", " "), r.out.replace("T", " ")]);
      const a = await at(w, "2025-12-20T10:00:00", leaderOf(c));
      const rep = ok(
        await a.req("POST", `/api/volunteers/records/import?communityId=${w.communities[c].id}`, undefined, await xlsxUpload(["志愿者编号", "服务内容", "签到时间", "签退时间"], rows)),
      );
      if (rep.errors?.length) throw new Error(`volunteer records import: ${JSON.stringify(rep.errors.slice(0, 3))}`);
    }
    for (const r of RECS.filter((x) => !x.imported)) {
      const c = VOLS[r.v].c;
      const a = await at(w, `${r.out}:00`, leaderOf(c));
      const made = ok(await a.post("/api/volunteers/records", { volunteerId: ids[r.v], title: "社区服务", signInAt: local(`${r.in}:00`), signOutAt: local(`${r.out}:00`) }));
      if (!r.pending) ok(await a.post(`/api/volunteers/records/${made.id}/confirm`));
    }
    // The team, founded when its fifth member joins; its patrols and their findings.
    let a = await at(w, `${TEAM.startedOn}T10:00:00`, V.leader0);
    const team = ok(
      await a.post("/api/volunteers/teams", {
        communityId: w.communities[0].id,
        name: "平安夜巡队",
        leaderId: ids[TEAM.leader],
        startedOn: TEAM.startedOn,
        memberIds: TEAM.members.map((i) => ids[i]),
      }),
    );
    a = await at(w, `${TEAM.fifthOn}T10:00:00`, V.leader0);
    ok(await a.post(`/api/volunteers/teams/${team.id}/members`, { volunteerId: ids[TEAM.fifth], joinedOn: TEAM.fifthOn }));
    const hazards: Array<{ p: NP; id: string }> = [];
    for (const p of PATROLS) {
      a = await at(w, `${p.end}:00`, V.leader0);
      const g = w.communities[0].grids[p.grid].id;
      const np = ok(
        await a.post("/api/volunteers/night-patrols", {
          teamId: team.id,
          gridId: g,
          startsAt: local(`${p.start}:00`),
          endsAt: local(`${p.end}:00`),
          route: "主干道",
          participantIds: p.with.map((i) => ids[i]),
          findings: [{ gridId: g, kind: "用电", place: "3栋", description: "飞线充电" }],
        }),
      );
      hazards.push({ p, id: np.hazardList[0].id });
    }
    for (const { p, id } of hazards) {
      if (!p.closedAt) continue;
      // Assigned and closed by the leader, rectified by another hand (the grid worker of 第1网格, where these patrols went).
      a = await at(w, `${p.closedAt}:00`, V.leader0);
      ok(await a.post(`/api/safety/hazards/${id}/assign`, { assigneeName: "网格员" }));
      ok(await (await at(w, `${p.closedAt}:00`, V.grid)).post(`/api/safety/hazards/${id}/rectify`, { note: "已拆除飞线", evidence: [] }));
      a = await at(w, `${p.closedAt}:00`, V.leader0);
      ok(await a.post(`/api/safety/hazards/${id}/verify`, { passed: true }));
      ok(await a.post(`/api/safety/hazards/${id}/close`, {}));
    }

    const periods = [YEAR(2023), YEAR(2024), YEAR(2025), MONTH(2023, 12), MONTH(2024, 2), MONTH(2024, 6)];
    const gid = (v: number) => w.communities[VOLS[v].c].grids[VOLS[v].grid].id;
    const views = [
      { viewer: V.leader0, sees: (c: number) => c === 0, grid: null as number | null },
      { viewer: V.leader1, sees: (c: number) => c === 1, grid: null },
      { viewer: V.supervisor, sees: () => true, grid: null },
      { viewer: V.grid, sees: (c: number) => c === 0, grid: 0 },
    ];
    const recs = allRecords();
    const five = VOLS.map((_, i) => fiveStarOn(i));
    const out: Expectation[] = [];
    for (const v of views)
      for (const per of periods) {
        const base = { from: per.from, to: per.to, viewer: v.viewer };
        const seesVol = (i: number) => v.sees(VOLS[i].c) && (v.grid === null || VOLS[i].grid === v.grid);
        const rs = recs.filter((r) => seesVol(r.v) && inPeriod(r.in.slice(0, 10), per));
        const hours = (xs: Rec[]) => Math.round((xs.reduce((n, r) => n + minutes(r), 0) / 60) * 100) / 100;
        const byMonth: Record<string, number> = {};
        for (const [m, mins] of Object.entries(countBy(rs, (r) => r.in.slice(0, 7), minutes))) byMonth[m] = Math.round((mins / 60) * 100) / 100;
        out.push({ key: "volunteers.hours", ...base, value: hours(rs), groups: { by: "month", values: byMonth }, tolerance: 0.01 });
        const active = [...new Set(rs.map((r) => r.v))];
        out.push({ key: "volunteers.active", ...base, value: active.length, groups: { by: "grid", values: countBy(active, gid) } });
        const atEnd = VOLS.map((_, i) => i).filter((i) => seesVol(i) && VOLS[i].joinedOn <= per.to && starOn(i, per.to) >= 1);
        out.push({ key: "volunteers.by_star", ...base, value: atEnd.length, groups: { by: "star", values: countBy(atEnd, (i) => String(starOn(i, per.to))) } });
        const fives = VOLS.map((_, i) => i).filter((i) => seesVol(i) && five[i] && inPeriod(five[i] as string, per));
        out.push({ key: "volunteers.five_star", ...base, value: fives.length });
        const patrols = PATROLS.filter((p) => v.sees(0) && (v.grid === null || p.grid === v.grid) && inPeriod(p.start.slice(0, 10), per));
        out.push({ key: "volunteers.night_patrols", ...base, value: patrols.length, groups: { by: "month", values: countBy(patrols, (p) => p.start.slice(0, 7)) } });
        const resolved = PATROLS.filter((p) => v.sees(0) && (v.grid === null || p.grid === v.grid) && p.closedAt && inPeriod(p.closedAt.slice(0, 10), per));
        out.push({ key: "safety.night_patrol_hazards_resolved", ...base, value: resolved.length, groups: { by: "month", values: countBy(resolved, (p) => (p.closedAt as string).slice(0, 7)) } });
      }
    return out;
  },
};
