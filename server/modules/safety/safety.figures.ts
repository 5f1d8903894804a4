import { type Kysely, sql } from "kysely";
import { DISPUTE_SOURCE_LABELS, HAZARD_SOURCE_LABELS, LEVEL_LABELS, OUTCOME_LABELS, PLACE_KIND_LABELS } from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import { countFigure, type FigureQuery, type FigureRegistry, ratioFigure, sumFigure } from "../../platform/figures.js";
import { hazardsInScope } from "./hazards.service.js";
import { disputesInScope, inspectionsInScope } from "./safety.repo.js";

type Msg = { zh: string; en: string };
const M = "safety";
const monthLabel: Msg = { zh: "月份", en: "Month" };

const hazardCols: Array<[string, string, Msg]> = [
  ["h.code", "code", { zh: "编号", en: "No." }],
  ["h.found_on", "foundOn", { zh: "发现日期", en: "Found on" }],
  ["h.source", "source", { zh: "来源", en: "Source" }],
  ["h.kind", "kind", { zh: "类型", en: "Kind" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["h.place", "place", { zh: "地点", en: "Place" }],
  ["h.status", "status", { zh: "状态", en: "Status" }],
  ["h.deadline", "deadline", { zh: "整改期限", en: "Deadline" }],
  ["h.rectified_on", "rectifiedOn", { zh: "整改日期", en: "Rectified" }],
  ["h.closed_on", "closedOn", { zh: "销号日期", en: "Closed" }],
];
const hazardDims = {
  kind: { label: { zh: "隐患类型", en: "Kind" }, column: "h.kind" },
  grid: { label: { zh: "网格", en: "Grid" }, column: "h.grid_id", labelColumn: "g.name" },
  source: { label: { zh: "来源", en: "Source" }, column: "h.source", labels: HAZARD_SOURCE_LABELS as Record<string, Msg> },
  month: { label: monthLabel, column: "h.found_month" },
};
const disputeCols: Array<[string, string, Msg]> = [
  ["d.code", "code", { zh: "编号", en: "No." }],
  ["d.registered_on", "registeredOn", { zh: "登记日期", en: "Registered" }],
  ["d.type", "type", { zh: "类型", en: "Type" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["d.level", "level", { zh: "层级", en: "Level" }],
  ["d.outcome", "outcome", { zh: "结果", en: "Outcome" }],
  ["d.closed_on", "closedOn", { zh: "办结日期", en: "Closed" }],
  ["d.summary", "summary", { zh: "概要", en: "Summary" }],
];
const laborCols: Array<[string, string, Msg]> = [
  ["d.code", "code", { zh: "编号", en: "No." }],
  ["d.registered_on", "registeredOn", { zh: "登记日期", en: "Registered" }],
  ["d.employer", "employer", { zh: "用人单位", en: "Employer" }],
  ["d.workers", "workers", { zh: "涉及人数", en: "Workers" }],
  ["d.claimed_fen", "claimed", { zh: "诉求金额（元）", en: "Claimed (yuan)" }],
  ["d.recovered_fen", "recovered", { zh: "追回金额（元）", en: "Recovered (yuan)" }],
  ["d.outcome", "outcome", { zh: "结果", en: "Outcome" }],
  ["d.closed_on", "closedOn", { zh: "办结日期", en: "Closed" }],
];
const fenToYuan = (r: Record<string, unknown>) => ({
  ...r,
  claimed: r.claimed == null ? null : Number(r.claimed) / 100,
  recovered: r.recovered == null ? null : Number(r.recovered) / 100,
});
const disputeDims = (monthCol: string) => ({
  level: { label: { zh: "调解层级", en: "Level" }, column: "d.level", labels: LEVEL_LABELS as Record<string, Msg> },
  type: { label: { zh: "纠纷类型", en: "Type" }, column: "d.type" },
  grid: { label: { zh: "网格", en: "Grid" }, column: "d.grid_id", labelColumn: "g.name" },
  source: { label: { zh: "来源", en: "Source" }, column: "d.source", labels: DISPUTE_SOURCE_LABELS as Record<string, Msg> },
  month: { label: monthLabel, column: monthCol },
});

const foundIn = (db: Kysely<DB>, q: FigureQuery) =>
  hazardsInScope(db, q.scope).where("h.found_on", ">=", q.from).where("h.found_on", "<=", q.to).where("h.status", "!=", "cancelled");
const registeredIn = (db: Kysely<DB>, q: FigureQuery) =>
  disputesInScope(db, q.scope).where("d.registered_on", ">=", q.from).where("d.registered_on", "<=", q.to);
const closedIn = (db: Kysely<DB>, q: FigureQuery) =>
  disputesInScope(db, q.scope).where("d.status", "=", "closed").where("d.closed_on", ">=", q.from).where("d.closed_on", "<=", q.to);

export function registerSafetyFigures(figures: FigureRegistry, today: () => string) {
  figures.register(
    countFigure({
      key: "safety.hazards_found",
      module: M,
      label: { zh: "发现隐患", en: "Hazards found" },
      definition: {
        zh: "期间内发现（登记）的安全隐患（不含撤销），按类型、网格、来源、月份可下钻",
        en: "Hazards found in the period (not cancelled), by kind, grid, source and month",
      },
      recordsPermission: "safety.read",
      base: foundIn,
      columns: hazardCols,
      orderBy: "h.found_on",
      dimensions: hazardDims,
    }),
  );
  figures.register(
    countFigure({
      key: "safety.hazards_rectified_on_time",
      module: M,
      label: { zh: "按期整改隐患", en: "Hazards rectified on time" },
      definition: {
        zh: "期间内完成整改、且整改日期不晚于整改期限的隐患（按整改日期计入期间，日期均为本地日期：期限当天 23:59 前整改为按期，次日 0:00 起为逾期；不含撤销），按类型、网格、来源可下钻",
        en: "Hazards rectified in the period on or before their deadline (counted in the period of the rectification; local dates: rectified by 23:59 on the deadline day is on time, from 00:00 the day after it is late; cancelled ones left out), by kind, grid and source",
      },
      recordsPermission: "safety.read",
      base: (db, q) =>
        hazardsInScope(db, q.scope)
          .where("h.status", "!=", "cancelled")
          .where("h.rectified_on", ">=", q.from)
          .where("h.rectified_on", "<=", q.to)
          .where("h.deadline", "is not", null)
          .whereRef("h.rectified_on", "<=", "h.deadline"),
      columns: hazardCols,
      orderBy: "h.rectified_on",
      // Not by the month found: a hazard rectified in the period may have been found before it.
      dimensions: { kind: hazardDims.kind, grid: hazardDims.grid, source: hazardDims.source },
    }),
  );
  figures.register(
    countFigure({
      key: "safety.hazards_overdue",
      module: M,
      label: { zh: "逾期隐患", en: "Hazards overdue" },
      definition: {
        zh: "期间内发现、到期末（或今天）已超过整改期限的隐患：期限已过仍未整改，或整改晚于期限；期限按发现日期计，补录、迟传的同样计算",
        en: "Hazards found in the period that had missed their deadline by the period's end (or today): past it and not rectified, or rectified after it; the deadline runs from the date found, for records entered or synced late too",
      },
      recordsPermission: "safety.read",
      base: (db, q) => {
        const t = today();
        const asOf = q.to < t ? q.to : t;
        return foundIn(db, q)
          .where("h.deadline", "is not", null)
          .where("h.deadline", "<", asOf)
          .where((eb) => eb.or([eb("h.rectified_on", "is", null), eb("h.rectified_on", ">", eb.ref("h.deadline"))]));
      },
      columns: hazardCols,
      orderBy: "h.found_on",
      dimensions: hazardDims,
    }),
  );
  figures.register(
    countFigure({
      key: "safety.night_patrol_hazards_resolved",
      module: M,
      label: { zh: "夜巡化解安全问题", en: "Night-patrol hazards resolved" },
      definition: { zh: "来源为夜巡、期间内整改核查销号的隐患", en: "Hazards found on night patrols and closed (rectified and verified) in the period" },
      recordsPermission: "safety.read",
      base: (db, q) =>
        hazardsInScope(db, q.scope)
          .where("h.source", "=", "night_patrol")
          .where("h.status", "=", "closed")
          .where("h.closed_on", ">=", q.from)
          .where("h.closed_on", "<=", q.to),
      // Each record names the night patrol that found it (the volunteers module's session id).
      columns: [...hazardCols, ["h.source_ref", "sourceRef", { zh: "夜巡场次", en: "Night patrol" }]],
      orderBy: "h.closed_on",
      // By the month of closing, the figure's own date (found_month would put a group outside the period).
      dimensions: { kind: hazardDims.kind, grid: hazardDims.grid, month: { label: monthLabel, column: "h.closed_month" } },
    }),
  );
  figures.register(
    countFigure({
      key: "safety.inspections",
      module: M,
      label: { zh: "安全检查", en: "Safety inspections" },
      definition: {
        zh: "期间内登记的安全检查次数，按场所类型、网格、结果、月份可下钻",
        en: "Safety inspections in the period, by place kind, grid, result and month",
      },
      recordsPermission: "safety.read",
      base: (db, q) => inspectionsInScope(db, q.scope).where("i.inspected_on", ">=", q.from).where("i.inspected_on", "<=", q.to),
      columns: [
        ["i.inspected_on", "inspectedOn", { zh: "检查日期", en: "Date" }],
        ["p.name", "place", { zh: "场所", en: "Place" }],
        ["i.place_kind", "placeKind", { zh: "场所类型", en: "Place kind" }],
        ["g.name", "grid", { zh: "网格", en: "Grid" }],
        ["i.result", "result", { zh: "结果", en: "Result" }],
        ["i.failed_count", "failed", { zh: "不合格项", en: "Failed items" }],
      ],
      orderBy: "i.inspected_on",
      dimensions: {
        placeKind: { label: { zh: "场所类型", en: "Place kind" }, column: "i.place_kind", labels: PLACE_KIND_LABELS as Record<string, Msg> },
        grid: { label: { zh: "网格", en: "Grid" }, column: "i.grid_id", labelColumn: "g.name" },
        result: {
          label: { zh: "结果", en: "Result" },
          column: "i.result",
          labels: { passed: { zh: "合格", en: "Passed" }, failed: { zh: "不合格", en: "Failed" } },
        },
        month: { label: monthLabel, column: "i.inspected_month" },
      },
    }),
  );
  figures.register(
    countFigure({
      key: "safety.disputes_registered",
      module: M,
      label: { zh: "登记矛盾纠纷", en: "Disputes registered" },
      definition: {
        zh: "期间内登记的矛盾纠纷（含劳资纠纷），按层级、类型、网格、月份可下钻",
        en: "Disputes registered in the period (labor included), by level, type, grid and month",
      },
      recordsPermission: "safety.read",
      base: registeredIn,
      columns: disputeCols,
      orderBy: "d.registered_on",
      dimensions: disputeDims("d.registered_month"),
    }),
  );
  figures.register(
    countFigure({
      key: "safety.disputes_resolved",
      module: M,
      label: { zh: "化解矛盾纠纷", en: "Disputes resolved" },
      definition: {
        zh: "期间内以「调解成功」办结的矛盾纠纷（含劳资纠纷；定格化 + 三级调解）",
        en: "Disputes closed as settled in the period (labor included; grid-based three-level mediation)",
      },
      recordsPermission: "safety.read",
      base: (db, q) => closedIn(db, q).where("d.outcome", "=", "success"),
      columns: disputeCols,
      orderBy: "d.closed_on",
      dimensions: disputeDims("d.closed_month"),
    }),
  );
  const closedDims = {
    ...disputeDims("d.closed_month"),
    outcome: { label: { zh: "结果", en: "Outcome" }, column: "d.outcome", labels: OUTCOME_LABELS as Record<string, Msg> },
  };
  // A rate: its records are the closed disputes, and each group of a breakdown is the rate of that
  // group (settled ÷ closed there), not a count.
  figures.register(
    ratioFigure({
      key: "safety.disputes_success_rate",
      module: M,
      label: { zh: "调解成功率", en: "Mediation success rate" },
      definition: {
        zh: "期间内办结的纠纷中「调解成功」的比例（下钻为办结案件，可按结果分组）",
        en: "Share of disputes closed in the period that were settled (drill-down: closed cases, by outcome)",
      },
      recordsPermission: "safety.read",
      base: closedIn,
      columns: disputeCols,
      orderBy: "d.closed_on",
      dimensions: closedDims,
      numerator: sql`case when d.outcome = 'success' then 1 else 0 end`,
    }),
  );
  const laborRegistered = (db: Kysely<DB>, q: FigureQuery) => registeredIn(db, q).where("d.is_labor", "=", 1);
  figures.register(
    countFigure({
      key: "safety.labor_disputes",
      module: M,
      label: { zh: "处理劳资纠纷", en: "Labor disputes handled" },
      definition: { zh: "期间内受理的劳资纠纷（类型为劳资的纠纷）", en: "Labor disputes registered in the period" },
      recordsPermission: "safety.read",
      base: laborRegistered,
      columns: laborCols,
      orderBy: "d.registered_on",
      mapRow: fenToYuan,
      dimensions: { grid: disputeDims("").grid, month: { label: monthLabel, column: "d.registered_month" } },
    }),
  );
  figures.register(
    countFigure({
      key: "safety.labor_mediated",
      module: M,
      label: { zh: "调解解决劳资纠纷", en: "Labor disputes settled by mediation" },
      definition: { zh: "期间内以「调解成功」办结的劳资纠纷", en: "Labor disputes closed as settled by mediation in the period" },
      recordsPermission: "safety.read",
      base: (db, q) => closedIn(db, q).where("d.is_labor", "=", 1).where("d.outcome", "=", "success"),
      columns: laborCols,
      orderBy: "d.closed_on",
      mapRow: fenToYuan,
      dimensions: { grid: disputeDims("").grid, level: disputeDims("").level, month: { label: monthLabel, column: "d.closed_month" } },
    }),
  );
  // Sums over the records they list: money is stored in fen, the figure is in yuan.
  figures.register(
    sumFigure({
      key: "safety.labor_recovered",
      module: M,
      unit: "yuan",
      label: { zh: "追回劳资款项", en: "Wages recovered" },
      definition: { zh: "期间内办结的劳资纠纷追回的金额（元；报告以万元表述）", en: "Money recovered in labor disputes closed in the period (yuan)" },
      recordsPermission: "safety.read",
      base: (db, q) => closedIn(db, q).where("d.is_labor", "=", 1),
      columns: laborCols,
      orderBy: "d.closed_on",
      mapRow: fenToYuan,
      sum: "d.recovered_fen",
      scale: 0.01,
    }),
  );
  figures.register(
    sumFigure({
      key: "safety.labor_workers",
      module: M,
      unit: "count",
      label: { zh: "劳资纠纷涉及劳动者", en: "Workers helped in labor disputes" },
      definition: { zh: "期间内受理的劳资纠纷涉及的劳动者人数", en: "Workers involved in labor disputes registered in the period" },
      recordsPermission: "safety.read",
      base: laborRegistered,
      columns: laborCols,
      orderBy: "d.registered_on",
      mapRow: fenToYuan,
      sum: "d.workers",
    }),
  );
}
