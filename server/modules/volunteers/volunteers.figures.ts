import { type Kysely, sql } from "kysely";
import { maskName } from "../../../contracts/mask.js";
import { RECORD_KIND_LABELS } from "../../../contracts/volunteers.js";
import type { DB } from "../../db/types.js";
import { countFigure, type FigureDef, type FigureGroup, type FigureQuery, type FigureRegistry, sumFigure } from "../../platform/figures.js";
import { inScope } from "../../platform/scope.js";

type Msg = { zh: string; en: string };
const M = "volunteers";
const P = "volunteers.read" as const;
const grid = { label: { zh: "网格", en: "Grid" }, column: "g.name" };
const maskRow = (r: Record<string, unknown>) => ({ ...r, name: maskName(r.name as string) });
const STAR_LABELS: Record<string, Msg> = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [String(n), { zh: `${n}星`, en: `${n}★` }]));

const volunteerCols: Array<[string, string, Msg]> = [
  ["v.code", "code", { zh: "编号", en: "No." }],
  ["p.name", "name", { zh: "姓名", en: "Name" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["v.joined_on", "joinedOn", { zh: "注册日期", en: "Joined" }],
];

/** Service records that count: confirmed, by their service date in the period. */
const confirmed = (db: Kysely<DB>, q: FigureQuery) =>
  db
    .selectFrom("vol_records as r")
    .innerJoin("vol_volunteers as v", "v.id", "r.volunteer_id")
    .innerJoin("people as p", "p.id", "v.person_id")
    .leftJoin("vol_teams as t", "t.id", "r.team_id")
    .leftJoin("regions as g", "g.id", "r.grid_id")
    .where(inScope(q.scope, { community: "r.community_id", grid: "r.grid_id" }))
    .where("r.state", "=", "confirmed")
    .where("r.service_date", ">=", q.from)
    .where("r.service_date", "<=", q.to);

// At a subdistrict's scale (hundreds of thousands of records a year) joining every record to its
// volunteer and person only to sum its minutes cost seconds. The values and breakdowns below are the
// same records counted from vol_records alone (a covering index); the drill-down lists them joined.
const LEAN_COLS: Record<string, string> = { team: "r.team_id", grid: "r.grid_id", month: "r.service_month", kind: "r.kind" };
function leanRecords(db: Kysely<DB>, q: FigureQuery) {
  let qb = db
    .selectFrom("vol_records as r")
    .where(inScope(q.scope, { community: "r.community_id", grid: "r.grid_id" }))
    .where("r.state", "=", "confirmed")
    .where("r.service_date", ">=", q.from)
    .where("r.service_date", "<=", q.to);
  for (const [dim, v] of Object.entries(q.filters)) {
    const col = LEAN_COLS[dim];
    if (col) qb = v === "" ? qb.where(col as any, "is", null) : qb.where(col as any, "=", v);
  }
  return qb;
}
async function labelled(
  db: Kysely<DB>,
  dim: string,
  rows: Array<{ k: unknown; v: unknown }>,
  lang: "zh" | "en",
  value: (v: unknown) => number,
): Promise<FigureGroup[]> {
  const ids = rows.map((r) => r.k).filter((k): k is string => typeof k === "string" && k !== "");
  const names = new Map<string, string>();
  if (ids.length && dim === "team")
    for (const t of await db.selectFrom("vol_teams").select(["id", "name"]).where("id", "in", ids).execute()) names.set(t.id, t.name);
  if (ids.length && dim === "grid")
    for (const g of await db.selectFrom("regions").select(["id", "name"]).where("id", "in", ids).execute()) names.set(g.id, g.name);
  return rows
    .map((r) => {
      const key = r.k === null || r.k === undefined ? "" : String(r.k);
      const label = dim === "kind" ? ((RECORD_KIND_LABELS as Record<string, Msg>)[key]?.[lang] ?? key) : dim === "month" ? key : (names.get(key) ?? "—");
      return { key, label, value: value(r.v) };
    })
    .sort((a, b) => b.value - a.value);
}
function lean(
  full: FigureDef,
  value: (db: Kysely<DB>, q: FigureQuery) => Promise<number>,
  groups: Record<string, (db: Kysely<DB>, q: FigureQuery, lang: "zh" | "en") => Promise<FigureGroup[]>>,
): FigureDef {
  const dims = Object.fromEntries(Object.entries(full.dimensions ?? {}).map(([k, d]) => [k, groups[k] ? { label: d.label, groups: groups[k] } : d]));
  return { ...full, value, dimensions: dims };
}
const hoursOf = (v: unknown) => Math.round((Number(v ?? 0) / 60) * 100) / 100;

export function registerVolunteerFigures(figures: FigureRegistry) {
  figures.register(
    countFigure({
      key: "volunteers.night_patrols",
      module: M,
      label: { zh: "夜巡活动", en: "Night patrols" },
      definition: {
        zh: "志愿服务队在期间内开展的夜巡场次（按夜巡开始的日期）",
        en: "Night patrols held by volunteer teams in the period (by the date each started)",
      },
      recordsPermission: P,
      base: (db, q) =>
        db
          .selectFrom("vol_night_patrols as n")
          .innerJoin("vol_teams as t", "t.id", "n.team_id")
          .leftJoin("regions as g", "g.id", "n.grid_id")
          .where(inScope(q.scope, { community: "n.community_id", grid: "n.grid_id" }))
          .where("n.patrol_date", ">=", q.from)
          .where("n.patrol_date", "<=", q.to),
      columns: [
        ["n.code", "code", { zh: "编号", en: "No." }],
        ["n.patrol_date", "date", { zh: "日期", en: "Date" }],
        ["t.name", "team", { zh: "队伍", en: "Team" }],
        ["g.name", "grid", { zh: "网格", en: "Grid" }],
        ["n.route", "route", { zh: "路线", en: "Route" }],
        ["n.hazards", "hazards", { zh: "发现问题", en: "Problems found" }],
      ],
      orderBy: "n.starts_at",
      dimensions: {
        team: { label: { zh: "队伍", en: "Team" }, column: "n.team_id", labelColumn: "t.name" },
        grid: { ...grid, column: "n.grid_id", labelColumn: "g.name" },
        month: { label: { zh: "月份", en: "Month" }, column: "n.patrol_month" },
      },
    }),
  );

  figures.register(
    countFigure({
      key: "volunteers.five_star",
      module: M,
      label: { zh: "五星级义工", en: "Five-star volunteers" },
      definition: {
        zh: "期间内首次达到五星级的志愿者：由已确认的服务时数（累计1500小时）与注册时长（两年）计算，达到日期为两项均满足的首日（门槛为设置项）",
        en: "Volunteers who first reached five stars in the period: from confirmed service hours (1,500 cumulative) and tenure (two years); the date is the first day both are met (thresholds are settings)",
      },
      recordsPermission: P,
      base: (db, q) =>
        db
          .selectFrom("vol_star_levels as s")
          .innerJoin("vol_volunteers as v", "v.id", "s.volunteer_id")
          .innerJoin("people as p", "p.id", "v.person_id")
          .leftJoin("regions as g", "g.id", "s.grid_id")
          .where(inScope(q.scope, { community: "s.community_id", grid: "s.grid_id" }))
          .where("s.level", "=", 5)
          .where("s.reached_on", ">=", q.from)
          .where("s.reached_on", "<=", q.to),
      columns: [...volunteerCols, ["s.reached_on", "reachedOn", { zh: "达到五星日期", en: "Reached five stars" }]],
      mapRow: maskRow,
      orderBy: "s.reached_on",
      dimensions: { grid: { ...grid, column: "s.grid_id", labelColumn: "g.name" } },
    }),
  );

  const hoursGroups = (dim: string) => async (db: Kysely<DB>, q: FigureQuery, lang: "zh" | "en") =>
    labelled(
      db,
      dim,
      (await leanRecords(db, q)
        .select((eb) => [eb.ref(LEAN_COLS[dim] as any).as("k"), eb.fn.sum<number>("r.minutes").as("v")])
        .groupBy(LEAN_COLS[dim] as any)
        .execute()) as Array<{ k: unknown; v: unknown }>,
      lang,
      hoursOf,
    );
  const hours = sumFigure({
    key: "volunteers.hours",
    module: M,
    unit: "count",
    label: { zh: "志愿服务时数", en: "Volunteer service hours" },
    definition: {
      zh: "期间内已由组织者确认的服务记录的时数之和（签到至签退的实际服务时间，按签到日期计）",
      en: "Hours of the service records confirmed by the organiser, by the date signed in (actual time from sign-in to sign-out)",
    },
    recordsPermission: P,
    base: confirmed,
    sum: "r.minutes",
    scale: 1 / 60,
    columns: [
      ["r.service_date", "date", { zh: "日期", en: "Date" }],
      ["p.name", "name", { zh: "志愿者", en: "Volunteer" }],
      ["r.title", "title", { zh: "服务", en: "Service" }],
      ["t.name", "team", { zh: "队伍", en: "Team" }],
      ["r.minutes", "minutes", { zh: "分钟", en: "Minutes" }],
    ],
    mapRow: maskRow,
    orderBy: "r.service_date",
    dimensions: {
      team: { label: { zh: "队伍", en: "Team" }, column: "r.team_id", labelColumn: "t.name" },
      grid: { ...grid, column: "r.grid_id", labelColumn: "g.name" },
      month: { label: { zh: "月份", en: "Month" }, column: "r.service_month" },
      kind: { label: { zh: "服务类型", en: "Kind" }, column: "r.kind", labels: RECORD_KIND_LABELS as Record<string, Msg> },
    },
  });
  figures.register(
    lean(
      hours,
      async (db, q) =>
        hoursOf(
          (
            await leanRecords(db, q)
              .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("r.minutes"), eb.lit(0)).as("v"))
              .executeTakeFirst()
          )?.v,
        ),
      { team: hoursGroups("team"), grid: hoursGroups("grid"), month: hoursGroups("month"), kind: hoursGroups("kind") },
    ),
  );

  const active = countFigure({
    key: "volunteers.active",
    module: M,
    label: { zh: "活跃志愿者", en: "Active volunteers" },
    definition: {
      zh: "期间内至少有一条已确认服务记录的志愿者",
      en: "Volunteers with at least one confirmed service record in the period",
    },
    recordsPermission: P,
    base: (db, q) =>
      db
        .selectFrom("vol_volunteers as v")
        .innerJoin("people as p", "p.id", "v.person_id")
        .leftJoin("regions as g", "g.id", "v.grid_id")
        .where(inScope(q.scope, { community: "v.community_id", grid: "v.grid_id" }))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("vol_records as r")
              .select("r.id")
              .whereRef("r.volunteer_id", "=", "v.id")
              .where("r.state", "=", "confirmed")
              .where("r.service_date", ">=", q.from)
              .where("r.service_date", "<=", q.to),
          ),
        ),
    columns: volunteerCols,
    mapRow: maskRow,
    orderBy: "v.code",
    dimensions: { grid: { ...grid, column: "v.grid_id", labelColumn: "g.name" } },
  });
  // Distinct volunteers of the period's records; a record carries its volunteer's grid.
  const activeIn = (db: Kysely<DB>, q: FigureQuery) => {
    const { grid: g, ...rest } = q.filters;
    let qb = leanRecords(db, { ...q, filters: rest });
    if (g !== undefined)
      qb = qb.where((eb) => eb.exists(eb.selectFrom("vol_volunteers as v").select("v.id").whereRef("v.id", "=", "r.volunteer_id").where("v.grid_id", "=", g)));
    return qb;
  };
  figures.register(
    lean(active, async (db, q) => Number((await activeIn(db, q).select(sql<number>`count(distinct r.volunteer_id)`.as("n")).executeTakeFirst())?.n ?? 0), {
      grid: async (db, q, lang) =>
        labelled(
          db,
          "grid",
          (await db
            .selectFrom("vol_volunteers as v")
            .select((eb) => ["v.grid_id as k", eb.fn.countAll().as("v")])
            .where("v.id", "in", activeIn(db, q).select("r.volunteer_id"))
            .groupBy("v.grid_id")
            .execute()) as Array<{ k: unknown; v: unknown }>,
          lang,
          Number,
        ),
    }),
  );

  const byStar = countFigure({
    key: "volunteers.by_star",
    module: M,
    label: { zh: "星级志愿者", en: "Star-rated volunteers" },
    definition: {
      zh: "期末（期间最后一日）星级为一星及以上、未退出的志愿者；按星级分组即各星级人数",
      en: "Volunteers, not left, whose star level at the end of the period is one star or more; broken down by star level",
    },
    recordsPermission: P,
    base: (db, q) => {
      const lvl = db
        .selectFrom("vol_star_levels as s")
        .select((eb) => ["s.volunteer_id", eb.fn.max("s.level").as("lvl")])
        .where(inScope(q.scope, { community: "s.community_id", grid: "s.grid_id" }))
        .where("s.reached_on", "<=", q.to)
        .groupBy("s.volunteer_id")
        .as("st");
      return db
        .selectFrom("vol_volunteers as v")
        .innerJoin(lvl, "st.volunteer_id", "v.id")
        .innerJoin("people as p", "p.id", "v.person_id")
        .leftJoin("regions as g", "g.id", "v.grid_id")
        .where(inScope(q.scope, { community: "v.community_id", grid: "v.grid_id" }))
        .where((eb) => eb.or([eb("v.left_on", "is", null), eb("v.left_on", ">", q.to)]));
    },
    columns: [...volunteerCols, ["st.lvl", "star", { zh: "星级", en: "Stars" }]],
    mapRow: maskRow,
    orderBy: "v.code",
    dimensions: {
      star: { label: { zh: "星级", en: "Star level" }, column: "st.lvl", labels: STAR_LABELS },
      grid: { ...grid, column: "v.grid_id", labelColumn: "g.name" },
    },
  });
  // Everyone with a star has reached level 1: the value counts those rows, without the person join.
  figures.register(
    lean(
      byStar,
      async (db, q) => {
        if (Object.keys(q.filters).length) return byStar.value(db, q);
        const r = await db
          .selectFrom("vol_star_levels as s")
          .innerJoin("vol_volunteers as v", "v.id", "s.volunteer_id")
          .select((eb) => eb.fn.countAll().as("n"))
          .where(inScope(q.scope, { community: "s.community_id", grid: "s.grid_id" }))
          .where("s.level", "=", 1)
          .where("s.reached_on", "<=", q.to)
          .where((eb) => eb.or([eb("v.left_on", "is", null), eb("v.left_on", ">", q.to)]))
          .executeTakeFirst();
        return Number(r?.n ?? 0);
      },
      {},
    ),
  );
}
