import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import { CHECKIN_RESULT_LABELS, PATROL_FORCE_LABELS, POINT_KIND_EN, REVIEW_STATUS_LABELS } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Clock } from "../../platform/clock.js";
import type { Msg } from "../../platform/errors.js";
import { countFigure, type FigureDef, type FigureQuery, type FigureRegistry } from "../../platform/figures.js";
import { hazardsBySource } from "../safety/safety.api.js";
import { checkinsInScope, pointsInScope, roundsInScope } from "./patrol.repo.js";

const M = "patrol";
type QB = SelectQueryBuilder<any, any, any>;
const forceLabels = PATROL_FORCE_LABELS as Record<string, Msg>;
const kindLabels = Object.fromEntries(Object.entries(POINT_KIND_EN).map(([zh, en]) => [zh, { zh, en }]));

const CHECKIN_COLS: Array<[string, string, Msg]> = [
  ["c.id", "id", { zh: "编号", en: "ID" }],
  ["c.device_time", "time", { zh: "打卡时间", en: "Time" }],
  ["p.name", "point", { zh: "巡查点", en: "Point" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["c.user_name", "user", { zh: "巡查人", en: "Officer" }],
  ["c.force", "force", { zh: "巡查力量", en: "Force" }],
  ["c.result", "result", { zh: "结果", en: "Result" }],
  ["c.flags", "flags", { zh: "标记", en: "Flags" }],
];
const mapCheckin = (r: Record<string, unknown>) => ({
  ...r,
  force: forceLabels[r.force as string]?.zh ?? r.force,
  result: (CHECKIN_RESULT_LABELS as Record<string, Msg>)[r.result as string]?.zh ?? r.result,
  flags: JSON.parse((r.flags as string) ?? "[]").join(", "),
});
const checkinDims = {
  force: { label: { zh: "巡查力量", en: "Force" }, column: "c.force", labels: forceLabels },
  grid: { label: { zh: "网格", en: "Grid" }, column: "c.grid_id", labelColumn: "g.name" },
  month: { label: { zh: "月份", en: "Month" }, column: "c.month" },
  team: { label: { zh: "巡查队伍", en: "Team" }, column: "c.team_id", labelColumn: "t.name" },
  result: { label: { zh: "结果", en: "Result" }, column: "c.result", labels: CHECKIN_RESULT_LABELS as Record<string, Msg> },
};
const checkins = (extra?: (qb: QB) => QB) => (db: Kysely<DB>, q: FigureQuery) => {
  const qb = checkinsInScope(db, q.scope).where("c.local_date", ">=", q.from).where("c.local_date", "<=", q.to) as unknown as QB;
  return extra ? extra(qb) : qb;
};

/**
 * A ratio of two sums over the same records (rounds: visited / expected visits), so the value,
 * its breakdowns and its drill-down come from the same rows.
 */
function sumRatioFigure(spec: {
  key: string;
  label: Msg;
  definition: Msg;
  base: (db: Kysely<DB>, q: FigureQuery) => QB;
  num: (q: FigureQuery) => RawBuilder<number>;
  den: (q: FigureQuery) => RawBuilder<number>;
  numLabel: Msg;
  columns: Array<[string, string, Msg]>;
  orderBy: string;
  mapRow?: (r: Record<string, unknown>) => Record<string, unknown>;
  dimensions: Record<string, { label: Msg; column: string; labelColumn?: string; labels?: Record<string, Msg> }>;
  /** When set, the figure is the sum of `num` (a count), not the ratio. */
  sumOnly?: boolean;
}): FigureDef {
  const filtered = (db: Kysely<DB>, q: FigureQuery) => {
    let qb = spec.base(db, q);
    for (const [dim, v] of Object.entries(q.filters)) {
      const d = spec.dimensions[dim];
      if (d) qb = v === "" ? qb.where(d.column as any, "is", null) : qb.where(d.column as any, "=", v);
    }
    return qb;
  };
  const calc = (n: number, d: number) => (spec.sumOnly ? n : d ? n / d : 0);
  return {
    key: spec.key,
    module: M,
    unit: spec.sumOnly ? "count" : "ratio",
    label: spec.label,
    definition: spec.definition,
    recordsPermission: "patrol.read",
    async value(db, q) {
      const r: any = await filtered(db, q)
        .select([sql<number>`coalesce(sum(${spec.num(q)}), 0)`.as("n"), sql<number>`coalesce(sum(${spec.den(q)}), 0)`.as("d")] as any)
        .executeTakeFirst();
      return calc(Number(r?.n ?? 0), Number(r?.d ?? 0));
    },
    async records(db, q, { page, pageSize }) {
      const total = Number(
        (
          (await filtered(db, q)
            .select(sql<number>`count(*)`.as("n") as any)
            .executeTakeFirst()) as any
        )?.n ?? 0,
      );
      const rows = await filtered(db, q)
        .select([...spec.columns.map(([e, k]) => sql.raw(`${e} as ${k}`)), spec.num(q).as("counted")] as any)
        .orderBy(sql.raw(spec.orderBy) as any)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const cols = [...spec.columns.map(([, key, label]) => ({ key, label })), { key: "counted", label: spec.numLabel }];
      const out = rows.map((r: any) => ({ ...r, counted: Number(r.counted) }));
      return { columns: cols, rows: spec.mapRow ? out.map(spec.mapRow) : out, total };
    },
    dimensions: Object.fromEntries(
      Object.entries(spec.dimensions).map(([dim, d]) => [
        dim,
        {
          label: d.label,
          async groups(db: Kysely<DB>, q: FigureQuery, lang: "zh" | "en") {
            const lc = d.labelColumn ?? d.column;
            const rows: any[] = await filtered(db, q)
              .select([
                sql.raw(`${d.column}`).as("k"),
                sql.raw(`${lc}`).as("l"),
                sql<number>`coalesce(sum(${spec.num(q)}), 0)`.as("n"),
                sql<number>`coalesce(sum(${spec.den(q)}), 0)`.as("d"),
              ] as any)
              .groupBy([d.column, lc] as any)
              .orderBy(d.column as any)
              .execute();
            return rows.map((r) => ({ key: r.k ?? "", label: d.labels?.[r.k]?.[lang] ?? String(r.l ?? "—"), value: calc(Number(r.n), Number(r.d)) }));
          },
        },
      ]),
    ),
  };
}

/**
 * Hazards opened from check-ins: safety's query of the hazards of source "patrol" in scope (safety.api.ts),
 * from the (few) hazards to their check-in by primary key.
 */
const patrolHazards = (db: Kysely<DB>, q: FigureQuery) =>
  hazardsBySource(db, q.scope, "patrol")
    .innerJoin("patrol_checkins as c", "c.id", "h.source_ref")
    .leftJoin("patrol_points as p", "p.id", "c.point_id")
    .where("c.voided_at", "is", null);

export function registerPatrolFigures(figures: FigureRegistry, clock: Clock) {
  figures.register(
    countFigure({
      key: "patrol.points",
      module: M,
      label: { zh: "巡查点", en: "Patrol points" },
      definition: {
        zh: "期末在用（已设立且未停用）的巡查点数，按类型、巡查力量、网格可下钻",
        en: "Patrol points in use at the end of the period (set up, not retired), by kind, force and grid",
      },
      recordsPermission: "patrol.read",
      base: (db, q) =>
        pointsInScope(db, q.scope)
          .where("p.created_on", "<=", q.to)
          .where((eb) => eb.or([eb("p.retired_on", "is", null), eb("p.retired_on", ">", q.to)])) as unknown as QB,
      columns: [
        ["p.id", "id", { zh: "编号", en: "ID" }],
        ["p.code", "code", { zh: "点位编码", en: "Code" }],
        ["p.name", "name", { zh: "名称", en: "Name" }],
        ["p.kind", "kind", { zh: "类型", en: "Kind" }],
        ["p.force", "force", { zh: "巡查力量", en: "Force" }],
        ["g.name", "grid", { zh: "网格", en: "Grid" }],
      ],
      orderBy: "p.code",
      mapRow: (r) => ({ ...r, force: forceLabels[r.force as string]?.zh ?? r.force }),
      dimensions: {
        kind: { label: { zh: "类型", en: "Kind" }, column: "p.kind", labels: kindLabels },
        force: { label: { zh: "巡查力量", en: "Force" }, column: "p.force", labels: forceLabels },
        grid: { label: { zh: "网格", en: "Grid" }, column: "p.grid_id", labelColumn: "g.name" },
      },
    }),
  );
  figures.register(
    countFigure({
      key: "patrol.checkins",
      module: M,
      label: { zh: "巡查打卡", en: "Patrol check-ins" },
      definition: {
        zh: "期内巡查打卡次数（按打卡发生的本地日期；含被标记待审核的，重复上传只计一次，作废的不计），按巡查力量、网格、月份、队伍、结果可下钻",
        en: "Patrol check-ins in the period (by local date of the check-in; flagged ones included, resends counted once, voided ones not), by force, grid, month, team and result",
      },
      recordsPermission: "patrol.read",
      base: checkins(),
      columns: CHECKIN_COLS,
      orderBy: "c.device_time",
      mapRow: mapCheckin,
      dimensions: checkinDims,
    }),
  );
  figures.register(
    countFigure({
      key: "patrol.abnormal_checkins",
      module: M,
      label: { zh: "巡查发现异常", en: "Abnormal check-ins" },
      definition: { zh: "结果为「异常」的巡查打卡（每条转为一项隐患）", en: "Check-ins with result abnormal (each opens a hazard)" },
      recordsPermission: "patrol.read",
      base: checkins((qb) => qb.where("c.result", "=", "abnormal")),
      columns: CHECKIN_COLS,
      orderBy: "c.device_time",
      mapRow: mapCheckin,
      dimensions: { force: checkinDims.force, grid: checkinDims.grid, month: checkinDims.month },
    }),
  );
  figures.register(
    countFigure({
      key: "patrol.flagged_checkins",
      module: M,
      label: { zh: "标记待核打卡", en: "Flagged check-ins" },
      definition: {
        zh: "超出范围、二维码不符、速度异常、重复或设备时间偏差而被标记的打卡（保留，由督导审核）",
        en: "Check-ins flagged as outside the radius, wrong QR code, impossible speed, repeat or clock skew (kept; reviewed by a supervisor)",
      },
      recordsPermission: "patrol.read",
      base: checkins((qb) => qb.where("c.flag_count", ">", 0)),
      columns: CHECKIN_COLS,
      orderBy: "c.device_time",
      mapRow: mapCheckin,
      dimensions: {
        review: { label: { zh: "审核状态", en: "Review" }, column: "c.review_status", labels: REVIEW_STATUS_LABELS as Record<string, Msg> },
        force: checkinDims.force,
        grid: checkinDims.grid,
        month: checkinDims.month,
      },
    }),
  );
  figures.register(
    countFigure({
      key: "patrol.hazards_opened",
      module: M,
      label: { zh: "巡查发现隐患", en: "Hazards found on patrol" },
      definition: { zh: "由巡查异常打卡开出的隐患数（发现日期在期内）", en: "Hazards opened from abnormal patrol check-ins (found in the period)" },
      recordsPermission: "patrol.read",
      base: (db, q) => patrolHazards(db, q).where("h.found_on", ">=", q.from).where("h.found_on", "<=", q.to) as unknown as QB,
      columns: [
        ["h.code", "code", { zh: "隐患编号", en: "Hazard" }],
        ["h.found_on", "foundOn", { zh: "发现日期", en: "Found" }],
        ["p.name", "point", { zh: "巡查点", en: "Point" }],
        ["h.status", "status", { zh: "状态", en: "Status" }],
        ["h.closed_on", "closedOn", { zh: "销号日期", en: "Closed" }],
      ],
      orderBy: "h.found_on",
      dimensions: {
        status: { label: { zh: "状态", en: "Status" }, column: "h.status" },
        force: { label: { zh: "巡查力量", en: "Force" }, column: "c.force", labels: forceLabels },
        month: { label: { zh: "月份", en: "Month" }, column: "h.found_month" },
      },
    }),
  );
  figures.register(
    countFigure({
      key: "patrol.hazards_closed",
      module: M,
      label: { zh: "巡查隐患已整改销号", en: "Patrol hazards closed" },
      definition: { zh: "由巡查开出、期内整改核查后销号的隐患数", en: "Hazards from patrol check-ins rectified, verified and closed in the period" },
      recordsPermission: "patrol.read",
      base: (db, q) =>
        patrolHazards(db, q).where("h.status", "=", "closed").where("h.closed_on", ">=", q.from).where("h.closed_on", "<=", q.to) as unknown as QB,
      columns: [
        ["h.code", "code", { zh: "隐患编号", en: "Hazard" }],
        ["h.found_on", "foundOn", { zh: "发现日期", en: "Found" }],
        ["h.closed_on", "closedOn", { zh: "销号日期", en: "Closed" }],
        ["p.name", "point", { zh: "巡查点", en: "Point" }],
        ["h.rectified_by", "rectifiedBy", { zh: "整改人", en: "Rectified by" }],
      ],
      orderBy: "h.closed_on",
      dimensions: { force: { label: { zh: "巡查力量", en: "Force" }, column: "c.force", labels: forceLabels } },
    }),
  );

  // Rounds: only those whose window has closed count towards completion and missed visits.
  const closedRounds = (db: Kysely<DB>, q: FigureQuery) =>
    roundsInScope(db, q.scope).where("r.date", ">=", q.from).where("r.date", "<=", q.to).where("r.window_end", "<", clock.now().toISOString()) as unknown as QB;
  const roundCols: Array<[string, string, Msg]> = [
    ["r.id", "id", { zh: "编号", en: "ID" }],
    ["r.date", "date", { zh: "日期", en: "Date" }],
    ["r.window_start", "start", { zh: "时段开始", en: "Window start" }],
    ["pl.name", "plan", { zh: "计划", en: "Plan" }],
    ["t.name", "team", { zh: "队伍", en: "Team" }],
    ["r.expected", "expected", { zh: "应巡点次", en: "Expected" }],
    ["r.visited", "visited", { zh: "已巡点次", en: "Visited" }],
  ];
  const roundDims = {
    plan: { label: { zh: "计划", en: "Plan" }, column: "r.plan_id", labelColumn: "pl.name" },
    team: { label: { zh: "队伍", en: "Team" }, column: "r.team_id", labelColumn: "t.name" },
    force: { label: { zh: "巡查力量", en: "Force" }, column: "r.force", labels: forceLabels },
    month: { label: { zh: "月份", en: "Month" }, column: "r.month" },
  };
  figures.register(
    sumRatioFigure({
      key: "patrol.completion_rate",
      label: { zh: "巡查计划完成率", en: "Patrol plan completion" },
      definition: {
        zh: "已结束的巡查轮次中实到点次 ÷ 应到点次（超出范围或二维码不符的打卡不计入），按计划、队伍、巡查力量、月份可下钻",
        en: "Visited ÷ expected point visits over rounds whose window has ended (check-ins outside the radius or with a wrong code do not count), by plan, team, force and month",
      },
      base: closedRounds,
      num: () => sql<number>`r.visited`,
      den: () => sql<number>`r.expected`,
      numLabel: { zh: "已巡点次", en: "Visited" },
      columns: roundCols,
      orderBy: "r.window_start",
      dimensions: roundDims,
    }),
  );
  figures.register(
    sumRatioFigure({
      key: "patrol.missed_visits",
      label: { zh: "漏巡点次", en: "Missed visits" },
      definition: { zh: "已结束轮次中时段内未到的巡查点次", en: "Points not visited in their round's window, over rounds that have ended" },
      base: (db, q) => closedRounds(db, q).where(sql`r.visited`, "<", sql`r.expected`),
      num: () => sql<number>`r.expected - r.visited`,
      den: () => sql<number>`r.expected`,
      numLabel: { zh: "漏巡点次", en: "Missed" },
      columns: roundCols,
      orderBy: "r.window_start",
      dimensions: roundDims,
      sumOnly: true,
    }),
  );
  // Coverage from the per-point day counters, so it stays fast at millions of check-ins.
  figures.register(
    sumRatioFigure({
      key: "patrol.coverage",
      label: { zh: "巡查点覆盖率", en: "Point coverage" },
      definition: {
        zh: "期末在用巡查点中期内至少巡查一次的比例，按网格、巡查力量、类型可下钻",
        en: "Share of the points in use at the end of the period visited at least once in it, by grid, force and kind",
      },
      base: (db, q) =>
        pointsInScope(db, q.scope)
          .where("p.created_on", "<=", q.to)
          .where((eb) => eb.or([eb("p.retired_on", "is", null), eb("p.retired_on", ">", q.to)])) as unknown as QB,
      num: (q) =>
        sql<number>`case when exists (select 1 from patrol_point_days d2 where d2.point_id = p.id and d2.checkins > 0 and d2.date >= ${q.from} and d2.date <= ${q.to}) then 1 else 0 end`,
      den: () => sql<number>`1`,
      numLabel: { zh: "期内已巡", en: "Visited" },
      columns: [
        ["p.code", "code", { zh: "点位编码", en: "Code" }],
        ["p.name", "name", { zh: "名称", en: "Name" }],
        ["g.name", "grid", { zh: "网格", en: "Grid" }],
      ],
      orderBy: "p.code",
      dimensions: {
        grid: { label: { zh: "网格", en: "Grid" }, column: "p.grid_id", labelColumn: "g.name" },
        force: { label: { zh: "巡查力量", en: "Force" }, column: "p.force", labels: forceLabels },
        kind: { label: { zh: "类型", en: "Kind" }, column: "p.kind", labels: kindLabels },
      },
    }),
  );
}
