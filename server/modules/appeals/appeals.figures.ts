// The figures of 民意速办 (PRODUCT.md's table and DOMAIN.md §1). Every one is defined by the query of
// its records, so a number and its drill-down can never disagree. A period counts cases by the
// local date they were registered.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { APPEAL_TYPE_LABELS, CASE_KIND_LABELS, CHANNEL_LABELS, SATISFACTION_LABELS, STATUS_LABELS, URGENCY_LABELS } from "../../../contracts/appeals.js";
import { maskPhone } from "../../../contracts/mask.js";
import { ilike } from "../../db/connect.js";
import type { DB } from "../../db/types.js";
import type { Clock } from "../../platform/clock.js";
import type { Msg } from "../../platform/errors.js";
import { countFigure, type FigureQuery, type FigureRegistry, ratioFigure } from "../../platform/figures.js";
import type { Settings } from "../../platform/settings.js";
import { casesInScope, isOpen } from "./appeals.repo.js";
import { APPEAL_SETTINGS } from "./appeals.rules.js";

type QB = ReturnType<typeof casesInScope>;
const M = "appeals";

const COLUMNS: Array<[string, string, Msg]> = [
  ["a.id", "id", { zh: "编号", en: "ID" }],
  ["a.tracking_no", "trackingNo", { zh: "受理编号", en: "Tracking no." }],
  ["a.reg_date", "date", { zh: "登记日期", en: "Registered" }],
  ["a.channel", "channel", { zh: "渠道", en: "Channel" }],
  ["a.kind", "kind", { zh: "类型", en: "Kind" }],
  ["cat.name", "category", { zh: "分类", en: "Category" }],
  ["a.title", "title", { zh: "标题", en: "Title" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["a.status", "status", { zh: "状态", en: "Status" }],
  ["a.resolved", "resolved", { zh: "已解决", en: "Resolved" }],
  ["a.satisfaction", "satisfaction", { zh: "满意度", en: "Satisfaction" }],
  ["a.appellant_phone", "phone", { zh: "诉求人电话", en: "Appellant phone" }],
];
const mapRow = (r: Record<string, unknown>) => ({
  ...r,
  phone: maskPhone(r.phone as string),
  channel: CHANNEL_LABELS[r.channel as keyof typeof CHANNEL_LABELS]?.zh ?? r.channel,
  kind: CASE_KIND_LABELS[r.kind as keyof typeof CASE_KIND_LABELS]?.zh ?? r.kind,
  status: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS]?.zh ?? r.status,
  satisfaction: r.satisfaction ? (SATISFACTION_LABELS[r.satisfaction as keyof typeof SATISFACTION_LABELS]?.zh ?? r.satisfaction) : null,
  resolved: r.resolved == null ? null : !!r.resolved,
});
const labels = (m: Record<string, Msg>) => m;

const DIMS = {
  channel: { label: { zh: "渠道", en: "Channel" }, column: "a.channel", labels: labels(CHANNEL_LABELS) },
  kind: { label: { zh: "诉求/事件", en: "Appeal / event" }, column: "a.kind", labels: labels(CASE_KIND_LABELS) },
  appealType: { label: { zh: "诉求类型", en: "Appeal type" }, column: "a.appeal_type", labels: labels(APPEAL_TYPE_LABELS) },
  category: { label: { zh: "分类（大类）", en: "Category" }, column: "cat.parent_code", labelColumn: "pcat.name" },
  grid: { label: { zh: "网格", en: "Grid" }, column: "a.grid_id", labelColumn: "g.name" },
  status: { label: { zh: "状态", en: "Status" }, column: "a.status", labels: labels(STATUS_LABELS) },
  urgency: { label: { zh: "紧急程度", en: "Urgency" }, column: "a.urgency", labels: labels(URGENCY_LABELS) },
  month: { label: { zh: "月份", en: "Month" }, column: "a.reg_month" },
};

/** Cases registered in the period (merged duplicates count once, in the case they joined). */
export function periodCases(db: Kysely<DB>, q: FigureQuery): QB {
  return casesInScope(db, q.scope).where("a.reg_date", ">=", q.from).where("a.reg_date", "<=", q.to).where("a.status", "!=", "merged");
}
const display = (qb: QB) =>
  qb
    .leftJoin("regions as g", "g.id", "a.grid_id")
    .leftJoin("appeal_categories as cat", "cat.code", "a.category_code")
    .leftJoin("appeal_categories as pcat", "pcat.code", "cat.parent_code") as unknown as QB;

const resolved = (qb: QB) => qb.where("a.resolved", "=", 1).where("a.status", "in", ["closed", "archived"]);
const visited = (qb: QB) => qb.where("a.visit_reached", "=", 1);
// An answer of the return visit that is not known (an imported case whose file does not say) is null:
// the rate over that answer leaves the case out rather than counting it as a "no".
const knows = (qb: QB, ...cols: Array<"a.visit_contacted" | "a.visit_resolved">) => cols.reduce((q, c) => q.where(c, "is not", null), qb);

export function registerAppealFigures(figures: FigureRegistry, deps: { clock: Clock; settings: Settings }) {
  const count = (key: string, label: Msg, definition: Msg, base: (db: Kysely<DB>, q: FigureQuery) => QB, dims: Array<keyof typeof DIMS>) =>
    figures.register(
      countFigure({
        key,
        module: M,
        label,
        definition,
        recordsPermission: "appeals.read",
        base: (db, q) => display(base(db, q)),
        columns: COLUMNS,
        orderBy: "a.registered_at",
        mapRow,
        dimensions: Object.fromEntries(dims.map((d) => [d, DIMS[d]])),
      }),
    );
  /** A rate over the records of `base`: each case counts in the numerator by the weight `numerator` (0…1). */
  const ratio = (spec: {
    key: string;
    label: Msg;
    definition: Msg;
    base: (db: Kysely<DB>, q: FigureQuery) => QB;
    numerator: Parameters<typeof ratioFigure>[0]["numerator"];
    dims: Array<keyof typeof DIMS>;
  }) =>
    figures.register(
      ratioFigure({
        key: spec.key,
        module: M,
        label: spec.label,
        definition: spec.definition,
        recordsPermission: "appeals.read",
        base: (db, q) => display(spec.base(db, q)),
        columns: COLUMNS,
        orderBy: "a.registered_at",
        mapRow,
        dimensions: Object.fromEntries(spec.dims.map((d) => [d, DIMS[d]])),
        numerator: spec.numerator,
      }),
    );
  const mysb = (db: Kysely<DB>, q: FigureQuery) => periodCases(db, q).where("a.channel", "=", "mysb");
  const residentAppeals = (db: Kysely<DB>, q: FigureQuery) => mysb(db, q).where("a.kind", "=", "appeal");
  const isResolved = sql`case when a.resolved = 1 and a.status in ('closed', 'archived') then 1 else 0 end`;

  // The seed's figures (PRODUCT.md).
  count(
    "appeals.cases",
    { zh: "民意速办处理案件", en: "Minyi Suban cases handled" },
    {
      zh: "“民意速办”平台渠道登记的全部案件（诉求和事件），按登记日期计",
      en: "All cases (appeals and events) of the Minyi Suban platform channel, by registration date",
    },
    mysb,
    ["kind", "appealType", "category", "grid", "status", "urgency", "month"],
  );
  count(
    "appeals.resident_resolved",
    { zh: "受理并化解群众诉求", en: "Resident appeals resolved" },
    { zh: "“民意速办”渠道受理的群众诉求中已办结且已解决的", en: "Resident appeals of the Minyi Suban channel closed as resolved" },
    (db, q) => resolved(residentAppeals(db, q)),
    ["appealType", "category", "grid", "month"],
  );
  ratio({
    key: "appeals.resident_resolution_rate",
    label: { zh: "群众诉求化解率", en: "Resident appeal resolution rate" },
    definition: { zh: "已解决 ÷ 受理的“民意速办”群众诉求", en: "Resolved ÷ accepted resident appeals of the Minyi Suban channel" },
    base: residentAppeals,
    numerator: isResolved,
    dims: ["category", "grid", "month"],
  });
  count(
    "appeals.tea_talk_resolved",
    { zh: "书记茶话会诉求解决", en: "Tea-talk appeals resolved" },
    { zh: "来源为“书记茶话会”且已解决的诉求建议", en: "Appeals raised at the secretary's tea talks and resolved" },
    (db, q) => resolved(periodCases(db, q).where("a.channel", "=", "tea_talk")),
    ["category", "grid", "month"],
  );
  count(
    "appeals.urgent_needs_resolved",
    { zh: "解决居民急难愁盼", en: "Urgent needs resolved by party organisations" },
    { zh: "标记“急难愁盼”、由党组织承办并已解决的诉求", en: "Appeals tagged 急难愁盼 handled by a party organisation and resolved" },
    (db, q) =>
      resolved(periodCases(db, q))
        .where(ilike("a.tags", '"急难愁盼"'))
        .where("a.assignee_org_id", "in", db.selectFrom("organisations").select("id").where("kind", "=", "党组织")),
    ["category", "grid", "month"],
  );
  count(
    "appeals.survey_cases",
    { zh: "“社区丈量”收集民生诉求", en: "Community-survey appeals" },
    { zh: "来源为“社区丈量”的诉求", en: "Appeals collected by the community survey" },
    (db, q) => periodCases(db, q).where("a.channel", "=", "survey"),
    ["category", "grid", "status", "month"],
  );
  ratio({
    key: "appeals.survey_resolution_rate",
    label: { zh: "“社区丈量”诉求解决率", en: "Community-survey resolution rate" },
    definition: { zh: "“社区丈量”诉求中已解决的比例", en: "Share of community-survey appeals resolved" },
    base: (db, q) => periodCases(db, q).where("a.channel", "=", "survey"),
    numerator: isResolved,
    dims: ["category", "grid"],
  });

  // Work figures of DOMAIN.md §1, over all channels.
  count(
    "appeals.all_cases",
    { zh: "全部渠道案件", en: "Cases, all channels" },
    { zh: "各渠道登记的案件，按渠道、类型、分类、网格、状态、月份可下钻", en: "Cases of every channel, by channel, kind, category, grid, status and month" },
    periodCases,
    ["channel", "kind", "appealType", "category", "grid", "status", "urgency", "month"],
  );
  const weights = (q: FigureQuery) => deps.settings.get(APPEAL_SETTINGS.weights, q.scope.path);
  ratio({
    key: "appeals.response_rate",
    label: { zh: "响应率", en: "Response rate" },
    definition: { zh: "回访中表示已被联系的 ÷ 有效回访数", en: "Visited appellants who say they were contacted ÷ valid return visits" },
    base: (db, q) => knows(visited(periodCases(db, q)), "a.visit_contacted"),
    numerator: sql`coalesce(a.visit_contacted, 0)`,
    dims: ["channel", "category", "grid", "month"],
  });
  ratio({
    key: "appeals.resolution_rate",
    label: { zh: "解决率", en: "Resolution rate" },
    definition: { zh: "回访中表示已解决的 ÷ 有效回访数", en: "Visited appellants who say it was resolved ÷ valid return visits" },
    base: (db, q) => knows(visited(periodCases(db, q)), "a.visit_resolved"),
    numerator: sql`coalesce(a.visit_resolved, 0)`,
    dims: ["channel", "category", "grid", "month"],
  });
  const satWeight = async (_db: Kysely<DB>, q: FigureQuery) => {
    const w = await weights(q);
    return sql`case a.satisfaction when 'satisfied' then 1 when 'basic' then ${sql.lit(w.basicSatisfied)} else 0 end`;
  };
  ratio({
    key: "appeals.satisfaction_rate",
    label: { zh: "满意率", en: "Satisfaction rate" },
    definition: {
      zh: "（满意 + 基本满意 × 系数）÷ 有效回访数，系数见设置",
      en: "(satisfied + fairly satisfied × factor) ÷ valid return visits; factor in settings",
    },
    base: (db, q) => visited(periodCases(db, q)),
    numerator: satWeight,
    dims: ["channel", "category", "grid", "month"],
  });
  ratio({
    key: "appeals.combined_score",
    label: { zh: "综合评分", en: "Combined score" },
    definition: {
      zh: "响应率 × 10% + 解决率 × 50% + 满意率 × 40%（权重见设置），按有效回访计",
      en: "10% response + 50% resolution + 40% satisfaction (weights in settings), over valid return visits",
    },
    base: (db, q) => knows(visited(periodCases(db, q)), "a.visit_contacted", "a.visit_resolved"),
    numerator: async (db, q) => {
      const w = await weights(q);
      const sat = await satWeight(db, q);
      return sql`(${sql.lit(w.response)} * coalesce(a.visit_contacted, 0) + ${sql.lit(w.resolution)} * coalesce(a.visit_resolved, 0) + ${sql.lit(w.satisfaction)} * (${sat}))`;
    },
    dims: ["channel", "category", "grid", "month"],
  });
  ratio({
    key: "appeals.timely_sign_rate",
    label: { zh: "及时签收率", en: "Signed on time" },
    definition: { zh: "签收时限内签收的 ÷ 已签收案件", en: "Cases signed for within the sign deadline ÷ cases signed for" },
    base: (db, q) => periodCases(db, q).where("a.sign_late", "is not", null),
    numerator: sql`case when a.sign_late = 0 then 1 else 0 end`,
    dims: ["channel", "category", "grid", "month"],
  });
  ratio({
    key: "appeals.on_time_close_rate",
    label: { zh: "按时办结率", en: "Closed on time" },
    definition: {
      zh: "按时办结的 ÷（已办结 + 未办结已超期），未办结超期件计为超期",
      en: "Closed by the deadline ÷ (closed + open and overdue); open overdue cases count as late",
    },
    base: (db, q) =>
      periodCases(db, q).where((eb) => eb.or([eb("a.closed_late", "is not", null), eb.and([isOpen, eb("a.due_at", "<", deps.clock.now().toISOString())])])),
    numerator: sql`case when a.closed_late = 0 then 1 else 0 end`,
    dims: ["channel", "category", "grid", "month"],
  });
  ratio({
    key: "appeals.repeat_rate",
    label: { zh: "重复诉求率", en: "Repeat-appeal rate" },
    definition: { zh: "同一诉求人在统计窗口内再次诉求的 ÷ 诉求数", en: "Appeals from an appellant who appealed within the window before ÷ appeals" },
    base: (db, q) => periodCases(db, q).where("a.kind", "=", "appeal"),
    numerator: sql`a.is_repeat`,
    dims: ["channel", "category", "grid", "month"],
  });
  count(
    "appeals.reopened",
    { zh: "重办件", en: "Reopened cases" },
    { zh: "回访不满意后重办过的案件", en: "Cases reopened after an unsatisfied return visit" },
    (db, q) => periodCases(db, q).where("a.reopen_count", ">", 0),
    ["channel", "category", "grid", "urgency", "month"],
  );
  count(
    "appeals.overdue_open",
    { zh: "超期未办结", en: "Open and overdue" },
    { zh: "尚未办结且已过办理时限的案件", en: "Open cases past their handling deadline" },
    (db, q) => periodCases(db, q).where(isOpen).where("a.due_at", "<", deps.clock.now().toISOString()),
    ["channel", "category", "grid", "status", "urgency"],
  );
  // Average handling time: a mean, so its own FigureDef; the records are the closed cases.
  // Closed cases only: a case reopened (不满意 → 重办) and not yet closed again has no handling time.
  const closedBase = (db: Kysely<DB>, q: FigureQuery) =>
    display(periodCases(db, q).where("a.handling_minutes", "is not", null).where("a.closed_at", "is not", null));
  figures.register({
    key: "appeals.avg_handling_hours",
    module: M,
    unit: "count",
    label: { zh: "平均办理时长（小时）", en: "Average handling time (hours)" },
    definition: { zh: "已办结案件从受理到办结的平均小时数", en: "Mean hours from registration to close, closed cases" },
    recordsPermission: "appeals.read",
    async value(db, q) {
      const r = (await closedBase(db, q).select(sql<number>`avg(a.handling_minutes)`.as("m")).executeTakeFirst()) as any;
      return r?.m == null ? 0 : Math.round((Number(r.m) / 60) * 10) / 10;
    },
    async records(db, q, { page, pageSize }) {
      const total = Number(
        (
          (await closedBase(db, q)
            .select((eb: any) => eb.fn.countAll().as("n"))
            .executeTakeFirst()) as any
        )?.n ?? 0,
      );
      const rows = await closedBase(db, q)
        .select([...COLUMNS.map(([e, k]) => `${e} as ${k}` as any), "a.handling_minutes as minutes"] as any)
        .orderBy("a.registered_at" as any)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        columns: [...COLUMNS.map(([, key, label]) => ({ key, label })), { key: "hours", label: { zh: "办理小时", en: "Hours" } }],
        rows: rows.map((r: any) => ({ ...mapRow(r), hours: Math.round((Number(r.minutes) / 60) * 10) / 10 })),
        total,
      };
    },
  });
}
