import type { Builder, Expectation, World2 } from "./types.js";
import { READ_AT } from "./types.js";
import { at, countBy, inPeriod, lean, local, MONTH, ok, orgOf, V, xlsxUpload, YEAR } from "./util2.js";

// 活动与阵地 in the second community: venues imported from each community's sheet (the venue register's
// XLSX import, rooms in a cell) and opened over three years (one still being planned), room
// bookings at the year's turn (one cancelled), activities of every class held at month and year ends
// (one planned and never held, one cancelled), trainings with sign-in lists by category, a charity
// walk series, fire drills (safety.drills), self-inspections with failed items. Activities and venues are the community's: a grid
// worker sees community 0's (docs/decisions.md, "What a grid worker sees").

type Venue = { key: string; c: 0 | 1; grid: number; kind: string; openedOn?: string; openedLater?: string; room?: string };
const VENUES: Venue[] = [
  { key: "V0", c: 0, grid: 0, kind: "党群服务中心", openedOn: "2023-04-01", room: "多功能厅" },
  { key: "V1", c: 0, grid: 1, kind: "党群服务驿站", openedLater: "2024-12-31" },
  { key: "V2", c: 1, grid: 0, kind: "活动室", openedOn: "2025-01-01", room: "活动室一" },
  { key: "V3", c: 1, grid: 1, kind: "共建基地" },
];
type Booking = { venue: string; start: string; end: string; cancelled?: true };
const BOOKINGS: Booking[] = [
  { venue: "V0", start: "2023-12-31T23:00", end: "2023-12-31T23:50" },
  { venue: "V0", start: "2024-01-01T00:00", end: "2024-01-01T00:50" },
  { venue: "V0", start: "2024-06-01T14:00", end: "2024-06-01T16:00" },
  { venue: "V0", start: "2024-06-02T14:00", end: "2024-06-02T16:00", cancelled: true },
  { venue: "V2", start: "2025-03-01T08:00", end: "2025-03-01T09:00" },
];
type Cls = "regular" | "training" | "tea_talk" | "featured" | "outreach" | "brand" | "safety";
type Act = {
  c: 0 | 1;
  type: string;
  cls: Cls;
  start: string;
  end: string;
  venue?: string;
  head?: number;
  /** Sign-in list of a training, by trainee category. */
  list?: Array<"staff" | "applicant" | "volunteer" | "other">;
  women?: true;
  walk?: true;
  cancelled?: true;
  /** Audiences (an activity for two is in both groups of the breakdown by audience). */
  aud?: string[];
};
const ACTS: Act[] = [
  { c: 0, type: "R01", cls: "regular", start: "2023-04-15T19:00", end: "2023-04-15T21:00", venue: "V0", head: 30, aud: ["居民", "儿童"] },
  { c: 0, type: "R01", cls: "regular", start: "2023-12-31T23:30", end: "2024-01-01T00:30", venue: "V0", head: 12 },
  { c: 0, type: "R02", cls: "regular", start: "2025-01-01T00:00", end: "2025-01-01T01:00", venue: "V1", head: 8 },
  { c: 0, type: "R01", cls: "regular", start: "2024-03-01T09:00", end: "2024-03-01T10:00", head: 5 }, // no venue: not a regular venue service
  {
    c: 0,
    type: "T01",
    cls: "training",
    start: "2024-06-30T23:00",
    end: "2024-06-30T23:50",
    venue: "V0",
    list: ["staff", "applicant", "volunteer"],
    aud: ["社区工作人员", "发展对象", "志愿者"],
  },
  { c: 0, type: "T01", cls: "training", start: "2024-07-01T09:00", end: "2024-07-01T11:00", list: ["other", "volunteer"] },
  { c: 0, type: "C01", cls: "tea_talk", start: "2023-09-10T19:00", end: "2023-09-10T21:00", head: 15 },
  { c: 0, type: "C01", cls: "tea_talk", start: "2025-02-28T23:00", end: "2025-02-28T23:59", head: 10 },
  { c: 0, type: "F02", cls: "featured", start: "2024-08-01T09:00", end: "2024-08-01T11:00", head: 40, aud: ["老年人"] },
  { c: 0, type: "F02", cls: "featured", start: "2024-08-02T09:00", end: "2024-08-02T11:00" }, // planned, never held
  { c: 0, type: "F02", cls: "featured", start: "2024-08-03T09:00", end: "2024-08-03T11:00", cancelled: true },
  { c: 0, type: "O01", cls: "outreach", start: "2025-05-05T14:00", end: "2025-05-05T16:00", head: 9, women: true },
  { c: 0, type: "O01", cls: "outreach", start: "2025-05-06T14:00", end: "2025-05-06T16:00", head: 4 },
  { c: 0, type: "B01", cls: "brand", start: "2023-11-10T08:00", end: "2023-11-10T11:00", head: 100, walk: true },
  { c: 0, type: "B01", cls: "brand", start: "2025-11-09T08:00", end: "2025-11-09T11:00", head: 120, walk: true },
  { c: 0, type: "S01", cls: "safety", start: "2024-11-09T09:00", end: "2024-11-09T10:30", head: 40 },
  { c: 1, type: "S01", cls: "safety", start: "2025-05-12T15:00", end: "2025-05-12T16:00", head: 30 },
  { c: 1, type: "R01", cls: "regular", start: "2025-03-01T10:00", end: "2025-03-01T12:00", venue: "V2", head: 20 },
  { c: 1, type: "F02", cls: "featured", start: "2023-06-01T09:00", end: "2023-06-01T11:00", head: 25 },
  { c: 1, type: "C01", cls: "tea_talk", start: "2024-12-31T20:00", end: "2024-12-31T21:30", head: 6, aud: ["居民"] },
  { c: 1, type: "T01", cls: "training", start: "2025-01-31T23:30", end: "2025-01-31T23:55", list: ["staff"] },
];
const WALK_FIRST_YEAR = 2022;
/**
 * Self-inspections: the failed items are issues, found on the inspection's date, each with its deadline
 * and, for some, the day it was rectified (one on time, one late). Overdue by a period's end (or the
 * reading day, READ_AT): past the deadline and not rectified, or rectified after it.
 */
type Failed = { item: string; deadline: string; rectified?: string };
const INSPECTIONS: Array<{ venue: string; on: string; failed: Failed[]; passed: string[] }> = [
  {
    venue: "V0",
    on: "2024-03-31",
    failed: [
      { item: "消防器材完好有效", deadline: "2024-04-10", rectified: "2024-04-08" },
      { item: "环境卫生整洁", deadline: "2024-04-15", rectified: "2024-05-20" },
    ],
    passed: ["标识标牌规范清晰"],
  },
  // Its deadline is the year's last day: not yet overdue at the end of 2024; overdue in a later reading.
  { venue: "V0", on: "2024-12-20", failed: [{ item: "应急照明正常", deadline: "2024-12-31" }], passed: [] },
  { venue: "V2", on: "2025-12-31", failed: [{ item: "应急照明正常", deadline: "2026-01-15" }], passed: [] },
];

const leaderOf = (c: 0 | 1) => (c === 0 ? V.leader0 : V.leader1);
const nameOf = (w: World2, v: Venue) => `${w.communities[v.c].name}${v.kind}${v.key}`;
const venue = (k: string) => VENUES.find((v) => v.key === k) as Venue;
const people = (a: Act) => a.head ?? a.list?.length ?? 0;
const held = (a: Act) => !a.cancelled && people(a) > 0;

export const builder: Builder = {
  module: "activities",
  async build(w: World2): Promise<Expectation[]> {
    const vid: Record<string, string> = {};
    const rid: Record<string, string> = {};
    // Each community's venues come in from its sheet (the register's import), rooms in one cell.
    for (const c of [0, 1] as const) {
      const a = await at(w, "2023-02-01T09:00", leaderOf(c));
      const rows = VENUES.filter((v) => v.c === c).map((v) => [
        nameOf(w, v),
        v.kind,
        v.openedOn ? "开放" : "",
        v.openedOn ?? "",
        w.communities[c].grids[v.grid].name,
        v.room ? `${v.room}:50` : "",
      ]);
      const m = await xlsxUpload(["阵地名称", "类型", "状态", "启用日期", "网格", "功能室（名称:容纳人数，以、分隔）"], rows, "阵地.xlsx");
      const rep = ok(await a.req("POST", `/api/activities/venues/import?communityId=${w.communities[c].id}`, m.payload, { headers: m.headers }));
      if (rep.errors.length || rep.created !== rows.length) throw new Error(`venue import: ${JSON.stringify(rep)}`);
      const listed = ok(await a.get(`/api/activities/venues?communityId=${w.communities[c].id}`)).items as Array<{ id: string; name: string }>;
      for (const v of VENUES.filter((x) => x.c === c)) {
        const got = listed.find((x) => x.name === nameOf(w, v));
        if (!got) throw new Error(`venue ${v.key} not imported`);
        vid[v.key] = got.id;
        if (v.room) rid[v.key] = (ok(await a.get(`/api/activities/venues/${got.id}`)).rooms as Array<{ id: string }>)[0].id;
      }
    }
    {
      const v = venue("V1");
      const a = await at(w, `${v.openedLater}T10:00`, leaderOf(v.c));
      ok(await a.post(`/api/activities/venues/${vid.V1}/state`, { state: "open", on: v.openedLater }));
    }
    for (const b of BOOKINGS) {
      const v = venue(b.venue);
      const a = await at(w, `${b.start.slice(0, 10)}T08:00`, leaderOf(v.c));
      const made = ok(
        await a.post("/api/activities/bookings", {
          roomId: rid[b.venue],
          title: `预约${b.start}`,
          startsAt: local(`${b.start}:00`),
          endsAt: local(`${b.end}:00`),
        }),
      );
      if (b.cancelled) ok(await a.post(`/api/activities/bookings/${made.id}/cancel`, { reason: "活动改期" }));
    }
    const women = await orgOf(w, 0, "妇联", `${w.communities[0].name}妇女联合会`, "2020-03-08");
    const series = ok(
      await (await at(w, "2023-01-05T09:00", V.leader0)).post("/api/activities/series", {
        communityId: w.communities[0].id,
        name: "为爱益行",
        kind: "walkathon",
        typeCode: "B01",
        firstYear: WALK_FIRST_YEAR,
      }),
    ).id;
    let k = 0;
    for (const x of ACTS) {
      const a = await at(w, `${x.start.slice(0, 10)}T00:00`, leaderOf(x.c));
      const made = ok(
        await a.post("/api/activities", {
          communityId: w.communities[x.c].id,
          typeCode: x.type,
          title: `活动${++k}`,
          startsAt: local(`${x.start}:00`),
          endsAt: local(`${x.end}:00`),
          ...(x.venue ? { venueId: vid[x.venue] } : {}),
          ...(x.women ? { organiserId: women } : {}),
          ...(x.walk ? { seriesId: series } : {}),
          ...(x.aud ? { audience: x.aud } : {}),
        }),
      );
      if (x.cancelled) ok(await a.post(`/api/activities/${made.id}/cancel`, { reason: "天气原因取消" }));
      // The attendance is entered when the activity is over.
      const after = x.head || x.list ? await at(w, `${x.end}:00`, leaderOf(x.c)) : a;
      if (x.head) ok(await after.post(`/api/activities/${made.id}/head-count`, { count: x.head }));
      if (x.list)
        ok(
          await after.post(`/api/activities/${made.id}/attendance`, {
            entries: x.list.map((category, i) => ({ name: `学员${k}-${i}`, phone: `139${String(k * 100 + i).padStart(8, "0")}`, category })),
          }),
        );
    }
    for (const s of INSPECTIONS) {
      const v = venue(s.venue);
      const a = await at(w, `${s.on}T15:00`, leaderOf(v.c));
      ok(
        await a.post(`/api/activities/venues/${vid[s.venue]}/inspections`, {
          inspectedOn: s.on,
          inspector: "社区工作人员",
          items: [...s.failed.map((f) => ({ item: f.item, passed: false, deadline: f.deadline })), ...s.passed.map((item) => ({ item, passed: true }))],
        }),
      );
      const issues = ok(await a.get(`/api/activities/issues?venueId=${vid[s.venue]}`)).items as Array<{ id: string; item: string; foundOn: string }>;
      for (const f of s.failed.filter((x) => x.rectified)) {
        const issue = issues.find((i) => i.item === f.item && i.foundOn === s.on);
        if (!issue) throw new Error(`issue ${f.item} not found`);
        const b = await at(w, `${f.rectified}T10:00`, leaderOf(v.c));
        ok(await b.post(`/api/activities/issues/${issue.id}/rectify`, { on: f.rectified, note: "已整改" }));
      }
    }

    const periods = [YEAR(2023), YEAR(2024), YEAR(2025), MONTH(2023, 12), MONTH(2024, 6), MONTH(2025, 1)];
    const views = [
      { viewer: V.leader0, sees: (c: number) => c === 0 },
      { viewer: V.leader1, sees: (c: number) => c === 1 },
      { viewer: V.supervisor, sees: () => true },
      // Activities and venues are the community's: the grid worker sees community 0's.
      { viewer: V.grid, sees: (c: number) => c === 0 },
    ];
    const out: Expectation[] = [];
    const month = (a: Act) => a.start.slice(0, 7);
    for (const v of views)
      for (const per of periods) {
        const base = { from: per.from, to: per.to, viewer: v.viewer };
        const acts = ACTS.filter((a) => v.sees(a.c) && held(a) && inPeriod(a.start.slice(0, 10), per));
        const of = (cls: Cls) => acts.filter((a) => a.cls === cls);
        const sum = (xs: Act[]) => xs.reduce((n, a) => n + people(a), 0);
        const regular = of("regular").filter((a) => a.venue);
        out.push({ key: "venue.regular_activities", ...base, value: regular.length, groups: { by: "month", values: countBy(regular, month) } });
        out.push({ key: "venue.regular_attendance", ...base, value: sum(regular), groups: { by: "month", values: countBy(regular, month, people) } });
        const trainings = of("training");
        out.push({ key: "venue.trainings", ...base, value: trainings.length, groups: { by: "month", values: countBy(trainings, month) } });
        const trainees = trainings.flatMap((a) => a.list ?? []);
        out.push({ key: "venue.training_attendance", ...base, value: trainees.length, groups: { by: "category", values: countBy(trainees, (c) => c) } });
        const featured = of("featured");
        out.push({ key: "activities.count", ...base, value: featured.length });
        out.push({ key: "activities.attendance", ...base, value: sum(featured) });
        const tea = of("tea_talk");
        out.push({ key: "activities.tea_talks", ...base, value: tea.length, groups: { by: "month", values: countBy(tea, month) } });
        out.push({ key: "activities.women_outreach_attendance", ...base, value: sum(of("outreach").filter((a) => a.women)) });
        // Drills and safety talks are activities of the class "safety" (registered by the activities module).
        const drills = of("safety");
        out.push({ key: "safety.drills", ...base, value: drills.length, groups: { by: "month", values: countBy(drills, month) } });
        out.push({ key: "activities.held", ...base, value: acts.length, groups: { by: "class", values: countBy(acts, (a) => a.cls) } });
        // The walk's edition: years with a held walk from the series' first year up to the activity's year.
        const walkYears = [...new Set(ACTS.filter((a) => a.walk && held(a)).map((a) => Number(a.start.slice(0, 4))))].sort();
        const editions = of("brand")
          .filter((a) => a.walk)
          .map((a) => walkYears.filter((y) => y >= WALK_FIRST_YEAR && y <= Number(a.start.slice(0, 4))).length);
        out.push({ key: "activities.walkathon_edition", ...base, value: Math.max(0, ...editions) });
        const opened = VENUES.filter((x) => v.sees(x.c) && (x.openedOn ?? x.openedLater) && inPeriod((x.openedOn ?? x.openedLater) as string, per));
        out.push({ key: "venue.opened", ...base, value: opened.length, groups: { by: "kind", values: countBy(opened, (x) => x.kind) } });
        const bookings = BOOKINGS.filter((b) => v.sees(venue(b.venue).c) && !b.cancelled && inPeriod(b.start.slice(0, 10), per));
        out.push({ key: "venue.bookings", ...base, value: bookings.length, groups: { by: "venue", values: countBy(bookings, (b) => vid[b.venue]) } });
        const issues = INSPECTIONS.filter((s) => v.sees(venue(s.venue).c) && inPeriod(s.on, per)).flatMap((s) => s.failed.map((f) => ({ ...f, on: s.on })));
        out.push({ key: "venue.self_check_issues", ...base, value: issues.length, groups: { by: "month", values: countBy(issues, (s) => s.on.slice(0, 7)) } });
        const asOf = per.to < READ_AT.slice(0, 10) ? per.to : READ_AT.slice(0, 10);
        const overdue = issues.filter((f) => f.deadline < asOf && (!f.rectified || f.rectified > f.deadline));
        out.push({
          key: "venue.self_check_issues_overdue",
          ...base,
          value: overdue.length,
          groups: { by: "month", values: countBy(overdue, (s) => s.on.slice(0, 7)) },
        });
        const minutes = (b: Booking) => (Date.parse(`${b.end}:00Z`) - Date.parse(`${b.start}:00Z`)) / 60_000;
        out.push({
          key: "venue.booked_hours",
          ...base,
          value: bookings.reduce((n, b) => n + minutes(b), 0) / 60,
          groups: {
            by: "venue",
            values: countBy(
              bookings,
              (b) => vid[b.venue],
              (b) => minutes(b) / 60,
            ),
          },
          tolerance: 0.01,
        });
        // By audience: an activity for several audiences counts in each; those with none in the group "".
        const byAud = acts.flatMap((a) => (a.aud?.length ? a.aud : [""]).map((k) => ({ k, n: people(a) })));
        out.push({
          key: "activities.held_attendance",
          ...base,
          value: sum(acts),
          groups: {
            by: "audience",
            values: countBy(
              byAud,
              (x) => x.k,
              (x) => x.n,
            ),
          },
        });
        // The same figures' other breakdowns: read for the year periods only (their values are checked above).
        const isYear = per.from.endsWith("-01-01") && per.to.endsWith("-12-31");
        if (isYear) out.push({ key: "activities.held", ...base, value: acts.length, groups: { by: "audience", values: countBy(byAud, (x) => x.k) } });
        // Trainings by the categories on their sign-in lists (a training in the group of each).
        const byCat = trainings.flatMap((a) => [...new Set(a.list ?? [])]);
        if (isYear) out.push({ key: "venue.trainings", ...base, value: trainings.length, groups: { by: "category", values: countBy(byCat, (c) => c) } });
      }
    // Bookings and the walk's edition are the community's figures (scopeLevel "community"): not asked of the grid worker.
    return lean(out.filter((e) => e.viewer !== V.grid || !["venue.bookings", "venue.booked_hours", "activities.walkathon_edition"].includes(e.key)));
  },
};
