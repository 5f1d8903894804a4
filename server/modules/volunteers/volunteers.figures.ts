import type { Kysely } from "kysely";
import { maskName } from "../../../contracts/mask.js";
import { RECORD_KIND_LABELS } from "../../../contracts/volunteers.js";
import type { DB } from "../../db/types.js";
import { countFigure, type FigureQuery, type FigureRegistry, sumFigure } from "../../platform/figures.js";
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

  figures.register(
    sumFigure({
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
      orderBy: "r.sign_in_at",
      dimensions: {
        team: { label: { zh: "队伍", en: "Team" }, column: "r.team_id", labelColumn: "t.name" },
        grid: { ...grid, column: "r.grid_id", labelColumn: "g.name" },
        month: { label: { zh: "月份", en: "Month" }, column: "r.service_month" },
        kind: { label: { zh: "服务类型", en: "Kind" }, column: "r.kind", labels: RECORD_KIND_LABELS as Record<string, Msg> },
      },
    }),
  );

  figures.register(
    countFigure({
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
    }),
  );

  figures.register(
    countFigure({
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
    }),
  );
}
