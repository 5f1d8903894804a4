import { type Kysely, sql } from "kysely";
import { DIFFICULTY_KIND_EN, VISIT_KIND_LABELS } from "../../../contracts/care.js";
import type { DB } from "../../db/types.js";
import type { Msg } from "../../platform/errors.js";
import { countFigure, type FigureDef, type FigureQuery, type FigureRegistry, ratioFigure, sumFigure } from "../../platform/figures.js";
import { inScope } from "../../platform/scope.js";
import { householdName } from "./care.rules.js";

// The figures of 关爱帮扶 (PRODUCT.md: care.visits 20余, care.households 150 户次 for 福民社区 in
// 2024), each defined once by the query of its records. care.visits counts visit events (a 慰问活动
// covering forty households is one); care.households counts household-visits (户次: that 慰问活动
// is forty). A household is "in care at the period's end" when taken in on or before its last day
// and not archived by then; coverage is the share of those visited at least once in the period.

const M = "care";
const visitKinds = VISIT_KIND_LABELS as Record<string, Msg>;
const kindLabels: Record<string, Msg> = new Proxy({} as Record<string, Msg>, {
  get: (_t, k: string) => ({ zh: k, en: DIFFICULTY_KIND_EN[k] ?? k }),
});

const visits = (db: Kysely<DB>, q: FigureQuery) =>
  db
    .selectFrom("care_visits as v")
    .where("v.voided_at", "is", null)
    .where(inScope(q.scope, { community: "v.community_id" }))
    .where("v.visited_on", ">=", q.from)
    .where("v.visited_on", "<=", q.to);

/** Household-visits of the period (a line per household of each visit), with the household and its grid. */
const lines = (db: Kysely<DB>, q: FigureQuery) =>
  db
    .selectFrom("care_visit_households as l")
    .innerJoin("care_visits as v", "v.id", "l.visit_id")
    .innerJoin("care_households as h", "h.id", "l.household_id")
    .leftJoin("people as hp", "hp.id", "h.head_person_id")
    .leftJoin("regions as g", "g.id", "l.grid_id")
    .where(inScope(q.scope, { community: "l.community_id", grid: "l.grid_id" }))
    .where("v.voided_at", "is", null)
    .where("l.visited_on", ">=", q.from)
    .where("l.visited_on", "<=", q.to);

/** Households in care at the period's end. */
const activeAt = (db: Kysely<DB>, q: FigureQuery) =>
  db
    .selectFrom("care_households as h")
    .leftJoin("people as hp", "hp.id", "h.head_person_id")
    .leftJoin("regions as g", "g.id", "h.grid_id")
    .where(inScope(q.scope, { community: "h.community_id", grid: "h.grid_id" }))
    .where("h.enrolled_on", "<=", q.to)
    .where((eb) => eb.or([eb("h.archived_on", "is", null), eb("h.archived_on", ">", q.to)]));

const HH_COLS: Array<[string, string, Msg]> = [
  ["h.id", "id", { zh: "编号", en: "ID" }],
  ["hp.name", "household", { zh: "困难户", en: "Household" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["h.kinds", "kinds", { zh: "困难类型", en: "Difficulty kinds" }],
  ["h.enrolled_on", "enrolledOn", { zh: "纳入帮扶日期", en: "Taken into care" }],
  ["h.last_visited_on", "lastVisitedOn", { zh: "最近走访", en: "Last visited" }],
];
const mapHousehold = (r: Record<string, unknown>) => ({
  ...r,
  household: householdName(String(r.household ?? "")),
  kinds: (JSON.parse(String(r.kinds ?? "[]")) as string[]).join("、"),
});
const gridDim = (col: string) => ({ label: { zh: "网格", en: "Grid" }, column: col, labelColumn: "g.name" });
const kindDim = { label: { zh: "主要困难类型", en: "Main difficulty kind" }, column: "h.primary_kind", labels: kindLabels };

const LINE_COLS: Array<[string, string, Msg]> = [
  ["l.visited_on", "visitedOn", { zh: "走访日期", en: "Visited on" }],
  ["v.title", "visit", { zh: "走访/慰问活动", en: "Visit" }],
  ["hp.name", "household", { zh: "困难户", en: "Household" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["h.primary_kind", "kind", { zh: "主要困难类型", en: "Main difficulty kind" }],
  ["l.goods", "goods", { zh: "物资", en: "Goods" }],
  ["l.money_fen", "moneyYuan", { zh: "慰问金（元）", en: "Money (yuan)" }],
  ["l.services", "services", { zh: "服务", en: "Services" }],
];
const mapLine = (r: Record<string, unknown>) => ({ ...r, household: householdName(String(r.household ?? "")), moneyYuan: Number(r.moneyYuan ?? 0) / 100 });
const lineDims = { grid: gridDim("l.grid_id"), kind: kindDim, month: { label: { zh: "月份", en: "Month" }, column: "l.visit_month" } };

export function careFigures(): FigureDef[] {
  return [
    countFigure({
      key: "care.visits",
      module: M,
      label: { zh: "暖心慰问活动", en: "Care visits" },
      definition: {
        zh: "期间内登记的走访与慰问活动次数（按活动计，一次慰问活动覆盖多户也只计一次）；按月份、类型分组",
        en: "Care visits and campaigns held in the period, counted as events (a campaign covering many households counts once); by month, kind",
      },
      recordsPermission: "care.read",
      base: visits,
      columns: [
        ["v.visited_on", "visitedOn", { zh: "日期", en: "Date" }],
        ["v.title", "title", { zh: "名称", en: "Title" }],
        ["v.kind", "kind", { zh: "类型", en: "Kind" }],
        ["v.household_count", "households", { zh: "覆盖户数", en: "Households" }],
        ["v.money_fen", "moneyYuan", { zh: "慰问金（元）", en: "Money (yuan)" }],
      ],
      orderBy: "v.visited_on",
      mapRow: (r) => ({ ...r, kind: visitKinds[r.kind as string]?.zh ?? r.kind, moneyYuan: Number(r.moneyYuan ?? 0) / 100 }),
      dimensions: {
        month: { label: { zh: "月份", en: "Month" }, column: "v.visit_month" },
        kind: { label: { zh: "类型", en: "Kind" }, column: "v.kind", labels: visitKinds },
      },
    }),
    countFigure({
      key: "care.households",
      module: M,
      label: { zh: "慰问覆盖户次", en: "Household-visits" },
      definition: {
        zh: "期间内走访与慰问活动覆盖的困难户户次（每次走访的每一户计一次）；按网格、主要困难类型、月份分组",
        en: "Households visited in the period, counted per visit (户次: each household of each visit once); by grid, main difficulty kind, month",
      },
      recordsPermission: "care.read",
      base: lines,
      columns: LINE_COLS,
      orderBy: "l.visited_on",
      mapRow: mapLine,
      dimensions: lineDims,
    }),
    sumFigure({
      key: "care.money_given",
      module: M,
      unit: "yuan",
      sum: "l.money_fen",
      scale: 0.01,
      label: { zh: "慰问金", en: "Care money given" },
      definition: {
        zh: "期间内走访与慰问活动发放给困难户的慰问金合计（元）；按网格、主要困难类型、月份分组",
        en: "Money given to households on the period's visits, in yuan; by grid, main difficulty kind, month",
      },
      recordsPermission: "care.read",
      base: lines,
      columns: LINE_COLS,
      orderBy: "l.visited_on",
      mapRow: mapLine,
      dimensions: lineDims,
    }),
    countFigure({
      key: "care.households_active",
      module: M,
      label: { zh: "帮扶中的困难户", en: "Households in care" },
      definition: {
        zh: "期末在帮扶中的困难户：纳入日期不晚于期末、且期末前未归档；按网格、主要困难类型分组",
        en: "Households in care at the period's end: taken in on or before its last day and not archived by then; by grid, main difficulty kind",
      },
      recordsPermission: "care.read",
      base: activeAt,
      columns: HH_COLS,
      orderBy: "h.enrolled_on",
      mapRow: mapHousehold,
      dimensions: { grid: gridDim("h.grid_id"), kind: kindDim },
    }),
    ratioFigure({
      key: "care.coverage",
      module: M,
      label: { zh: "困难户走访覆盖率", en: "Care visit coverage" },
      definition: {
        zh: "期末在帮扶中的困难户中，期间内至少走访一次的比例；按网格、主要困难类型分组",
        en: "Share of the households in care at the period's end that were visited at least once in the period; by grid, main difficulty kind",
      },
      recordsPermission: "care.read",
      base: activeAt,
      numerator: (_db, q) =>
        sql`case when exists (select 1 from care_visit_households lx inner join care_visits vx on vx.id = lx.visit_id where lx.household_id = h.id and vx.voided_at is null and lx.visited_on >= ${q.from} and lx.visited_on <= ${q.to}) then 1 else 0 end`,
      columns: HH_COLS,
      orderBy: "h.enrolled_on",
      mapRow: mapHousehold,
      dimensions: { grid: gridDim("h.grid_id"), kind: kindDim },
    }),
  ];
}

export function registerCareFigures(figures: FigureRegistry) {
  for (const f of careFigures()) figures.register(f);
}
