import { type Kysely, sql } from "kysely";
import { PROJECT_KIND_LABELS, PROJECT_STAGE_LABELS, PROPOSER_KIND_LABELS } from "../../../contracts/projects.js";
import type { DB } from "../../db/types.js";
import type { Msg } from "../../platform/errors.js";
import { countFigure, type FigureDef, type FigureQuery, type FigureRegistry, ratioFigure, sumFigure } from "../../platform/figures.js";
import { inScope } from "../../platform/scope.js";
import { settingFrom } from "../../platform/settings.js";
import { PROJECT_SETTINGS } from "./projects.settings.js";

// The figures of 民生微实事 (PRODUCT.md: projects.count 11, projects.spend 1,560,000 yuan for
// 福民社区 in 2024), each defined once by the query of its records.
//
// A project is "carried out in the period" when its 立项 falls on or before the period's last day
// and it was still being carried out on some day of the period: not accepted (验收) nor cancelled
// before the period's first day. So a project approved in 2024 and accepted in 2025 counts in
// both years; one approved in 2025 does not count in 2024. Payments are made between 立项 and 验收
// (the balance before acceptance), so every payment of a period belongs to a project carried out
// in it, and projects.spend is the sum of the period's payments of those projects.

const M = "projects";
const kinds = PROJECT_KIND_LABELS as Record<string, Msg>;
const stages = PROJECT_STAGE_LABELS as Record<string, Msg>;

/** The stage a project had at the end of a day (from its step dates), as SQL over a projects row `p0`. */
const stageAt = (to: string) => sql<string>`case
  when p0.closed_on is not null and p0.closed_on <= ${to} then p0.closed_stage
  when p0.evaluated_on is not null and p0.evaluated_on <= ${to} then 'evaluated'
  when p0.accepted_on is not null and p0.accepted_on <= ${to} then 'accepted'
  when p0.started_on is not null and p0.started_on <= ${to} then 'implementing'
  when p0.approved_on is not null and p0.approved_on <= ${to} then 'approved'
  when p0.publicised_on is not null and p0.publicised_on <= ${to} then 'publicised'
  when p0.voted_on is not null and p0.voted_on <= ${to} then 'voted'
  when p0.reviewed_on is not null and p0.reviewed_on <= ${to} then 'reviewed'
  else 'proposed' end`;

/** The projects of the scope with their stage at the period's end, as a table `p`. */
const projectsAt = (db: Kysely<DB>, q: FigureQuery) =>
  db.selectFrom(
    db
      .selectFrom("projects as p0")
      .innerJoin("regions as c", "c.id", "p0.community_id")
      .where(inScope(q.scope, { community: "p0.community_id" }))
      .select([
        "p0.id",
        "p0.code",
        "p0.title",
        "p0.kind",
        "p0.proposer_kind",
        "p0.proposed_on",
        "p0.approved_on",
        "p0.accepted_on",
        "p0.closed_on",
        "p0.closed_stage",
        "p0.budget_fen",
        "p0.spent_fen",
        "p0.progress_pct",
        "p0.community_id",
        "c.name as community_name",
        stageAt(q.to).as("stage_end"),
      ])
      .as("p"),
  );

/** Carried out in the period (see above). */
const carriedOut = (db: Kysely<DB>, q: FigureQuery) =>
  projectsAt(db, q)
    .where("p.approved_on", "is not", null)
    .where("p.approved_on", "<=", q.to)
    .where((eb) => eb.or([eb("p.accepted_on", "is", null), eb("p.accepted_on", ">=", q.from)]))
    .where((eb) => eb.or([eb("p.closed_on", "is", null), eb("p.closed_on", ">=", q.from)]));

const PROJECT_COLS: Array<[string, string, Msg]> = [
  ["p.code", "code", { zh: "编号", en: "Code" }],
  ["p.title", "title", { zh: "项目名称", en: "Title" }],
  ["p.kind", "kind", { zh: "类别", en: "Kind" }],
  ["p.community_name", "community", { zh: "社区", en: "Community" }],
  ["p.approved_on", "approvedOn", { zh: "立项日期", en: "Approved on" }],
  ["p.accepted_on", "acceptedOn", { zh: "验收日期", en: "Accepted on" }],
  ["p.stage_end", "stage", { zh: "期末阶段", en: "Stage at period end" }],
  ["p.budget_fen", "budgetYuan", { zh: "立项预算（元）", en: "Budget (yuan)" }],
];
const mapProject = (r: Record<string, unknown>) => ({
  ...r,
  kind: kinds[r.kind as string]?.zh ?? r.kind,
  stage: stages[r.stage as string]?.zh ?? r.stage,
  budgetYuan: r.budgetYuan === null || r.budgetYuan === undefined ? null : Number(r.budgetYuan) / 100,
});
const projectDims = {
  kind: { label: { zh: "类别", en: "Kind" }, column: "p.kind", labels: kinds },
  stage: { label: { zh: "期末阶段", en: "Stage at period end" }, column: "p.stage_end", labels: stages },
  community: { label: { zh: "社区", en: "Community" }, column: "p.community_id", labelColumn: "p.community_name" },
};

/** Payments (not voided) of the period, of projects carried out in it, as `y` joined to `p`. */
const payments = (db: Kysely<DB>, q: FigureQuery) =>
  carriedOut(db, q)
    .innerJoin("project_payments as y", "y.project_id", "p.id")
    .where("y.voided", "=", 0)
    .where("y.paid_on", ">=", q.from)
    .where("y.paid_on", "<=", q.to);

export function projectFigures(): FigureDef[] {
  return [
    countFigure({
      key: "projects.count",
      module: M,
      label: { zh: "民生微实事项目", en: "Micro-projects carried out" },
      definition: {
        zh: "期间内实施的民生微实事项目数：立项日期不晚于期末，且期初前未验收、未撤销的项目（跨年实施的项目在每个实施年度都计入）；按类别、期末阶段、社区分组",
        en: "Micro-projects carried out in the period: approved (立项) on or before its last day and neither accepted nor cancelled before its first day (a project spanning years counts in each); by kind, stage at the period's end, community",
      },
      recordsPermission: "projects.read",
      base: carriedOut,
      columns: PROJECT_COLS,
      orderBy: "p.code",
      mapRow: mapProject,
      dimensions: projectDims,
    }),
    sumFigure({
      key: "projects.spend",
      module: M,
      unit: "yuan",
      sum: "y.amount_fen",
      scale: 0.01,
      label: { zh: "民生微实事投入资金", en: "Micro-project spend" },
      definition: {
        zh: "期间内实施的民生微实事项目在期间内的支付合计（元；按支付日期，作废的支付不计）；按类别、月份、项目分组",
        en: "Sum of the payments made in the period (by payment date, voided ones excluded) to micro-projects carried out in it, in yuan; by kind, month, project",
      },
      recordsPermission: "projects.read",
      base: payments,
      columns: [
        ["y.paid_on", "paidOn", { zh: "支付日期", en: "Paid on" }],
        ["y.voucher", "voucher", { zh: "凭证号", en: "Voucher" }],
        ["y.amount_fen", "amountYuan", { zh: "金额（元）", en: "Amount (yuan)" }],
        ["y.payee", "payee", { zh: "收款单位", en: "Payee" }],
        ["p.code", "code", { zh: "项目编号", en: "Project code" }],
        ["p.title", "title", { zh: "项目名称", en: "Project" }],
        ["p.kind", "kind", { zh: "类别", en: "Kind" }],
      ],
      orderBy: "y.paid_on",
      mapRow: (r) => ({ ...r, amountYuan: Number(r.amountYuan) / 100, kind: kinds[r.kind as string]?.zh ?? r.kind }),
      dimensions: {
        kind: { label: { zh: "类别", en: "Kind" }, column: "p.kind", labels: kinds },
        month: { label: { zh: "月份", en: "Month" }, column: "y.paid_month" },
        project: { label: { zh: "项目", en: "Project" }, column: "p.id", labelColumn: "p.title" },
      },
    }),
    sumFigure({
      key: "projects.budget_committed",
      module: M,
      unit: "yuan",
      sum: "p.budget_fen",
      scale: 0.01,
      label: { zh: "民生微实事立项预算", en: "Micro-project budgets approved" },
      definition: {
        zh: "期间内立项的项目（未撤销）的立项预算合计（元）；按类别、社区分组",
        en: "Sum of the budgets of the projects approved (立项) in the period and not cancelled, in yuan; by kind, community",
      },
      recordsPermission: "projects.read",
      base: (db, q) =>
        projectsAt(db, q)
          .where("p.approved_on", ">=", q.from)
          .where("p.approved_on", "<=", q.to)
          .where((eb) => eb.or([eb("p.closed_stage", "is", null), eb("p.closed_stage", "<>", "cancelled")])),
      columns: PROJECT_COLS,
      orderBy: "p.code",
      mapRow: mapProject,
      dimensions: { kind: projectDims.kind, community: projectDims.community },
    }),
    countFigure({
      key: "projects.proposals",
      module: M,
      label: { zh: "民生微实事征集项目", en: "Micro-projects proposed" },
      definition: {
        zh: "期间内提出（征集）的项目数；按期末阶段（含未通过、已撤销）、类别、提议方分组",
        en: "Projects proposed in the period; by stage at the period's end (rejected and cancelled included), kind, proposer",
      },
      recordsPermission: "projects.read",
      base: (db, q) => projectsAt(db, q).where("p.proposed_on", ">=", q.from).where("p.proposed_on", "<=", q.to),
      columns: [...PROJECT_COLS.slice(0, 4), ["p.proposed_on", "proposedOn", { zh: "提议日期", en: "Proposed on" }], ...PROJECT_COLS.slice(6)],
      orderBy: "p.code",
      mapRow: mapProject,
      dimensions: {
        stage: projectDims.stage,
        kind: projectDims.kind,
        proposer: { label: { zh: "提议方", en: "Proposed by" }, column: "p.proposer_kind", labels: PROPOSER_KIND_LABELS as Record<string, Msg> },
      },
    }),
    ratioFigure({
      key: "projects.satisfaction",
      module: M,
      label: { zh: "民生微实事满意度", en: "Micro-project satisfaction" },
      definition: {
        zh: "期间内提交的满意度答卷中“满意”和“基本满意”的比例；按项目、类别分组",
        en: "Share of the survey answers given in the period that are satisfied or fairly satisfied; by project, kind",
      },
      recordsPermission: "projects.read",
      base: (db, q) =>
        db
          .selectFrom("project_survey_responses as s")
          .innerJoin("projects as p", "p.id", "s.project_id")
          .where(inScope(q.scope, { community: "s.community_id" }))
          .where("s.submitted_on", ">=", q.from)
          .where("s.submitted_on", "<=", q.to),
      numerator: sql`case when s.answer in ('satisfied', 'fair') then 1 else 0 end`,
      columns: [
        ["s.submitted_on", "submittedOn", { zh: "提交日期", en: "Submitted on" }],
        ["p.code", "code", { zh: "项目编号", en: "Project code" }],
        ["p.title", "title", { zh: "项目名称", en: "Project" }],
        ["s.answer", "answer", { zh: "评价", en: "Answer" }],
        ["s.channel", "channel", { zh: "渠道", en: "Channel" }],
      ],
      orderBy: "s.submitted_on",
      mapRow: (r) => ({
        ...r,
        answer: ({ satisfied: "满意", fair: "基本满意", unsatisfied: "不满意" } as Record<string, string>)[r.answer as string] ?? r.answer,
      }),
      dimensions: {
        project: { label: { zh: "项目", en: "Project" }, column: "p.id", labelColumn: "p.title" },
        kind: { label: { zh: "类别", en: "Kind" }, column: "p.kind", labels: kinds },
      },
    }),
    budgetUsed(),
  ];
}

/**
 * 预算使用率: the period's projects.spend over the budgets of the communities in scope for the
 * calendar years the period touches (the annual budget setting of each community, per year).
 * Its records are the community-years, each with its budget and what was paid.
 */
function budgetUsed(): FigureDef {
  const rows = async (db: Kysely<DB>, q: FigureQuery) => {
    const communities = await db
      .selectFrom("regions as c")
      .select(["c.id", "c.name", "c.path"])
      .where("c.level", "=", "community")
      .where(inScope(q.scope, { community: "c.id" }))
      .orderBy("c.name")
      .execute();
    const paid = await payments(db, q)
      .select(["p.community_id as cid", sql<string>`substr(y.paid_on, 1, 4)`.as("yr"), sql<number>`sum(y.amount_fen)`.as("fen")])
      .groupBy(["p.community_id", sql`substr(y.paid_on, 1, 4)`])
      .execute();
    const years: string[] = [];
    for (let y = Number(q.from.slice(0, 4)); y <= Number(q.to.slice(0, 4)); y++) years.push(String(y));
    const out: Array<{ communityId: string; community: string; year: string; budgetYuan: number; paidYuan: number; used: number }> = [];
    for (const c of communities) {
      const budget = await settingFrom(db, PROJECT_SETTINGS.annualBudgetFen, c.path);
      for (const yr of years) {
        const fen = Number(paid.find((p) => p.cid === c.id && String(p.yr) === yr)?.fen ?? 0);
        out.push({
          communityId: c.id,
          community: c.name,
          year: yr,
          budgetYuan: budget / 100,
          paidYuan: fen / 100,
          used: budget ? Math.round((fen / budget) * 10000) / 10000 : 0,
        });
      }
    }
    return out;
  };
  const ratio = (rs: Awaited<ReturnType<typeof rows>>) => {
    const b = rs.reduce((s, r) => s + r.budgetYuan, 0);
    return b ? rs.reduce((s, r) => s + r.paidYuan, 0) / b : 0;
  };
  return {
    key: "projects.budget_used",
    module: M,
    unit: "ratio",
    label: { zh: "民生微实事预算使用率", en: "Micro-project budget used" },
    definition: {
      zh: "期间内民生微实事支付合计 ÷ 范围内各社区在期间所涉年度的年度预算（设置项）之和",
      en: "The period's micro-project payments ÷ the annual budgets (setting) of the communities in scope for the years the period touches",
    },
    recordsPermission: "projects.read",
    value: async (db, q) => ratio(await rows(db, q)),
    records: async (db, q, { page, pageSize }) => {
      const rs = await rows(db, q);
      return {
        columns: [
          { key: "community", label: { zh: "社区", en: "Community" } },
          { key: "year", label: { zh: "年度", en: "Year" } },
          { key: "budgetYuan", label: { zh: "年度预算（元）", en: "Budget (yuan)" } },
          { key: "paidYuan", label: { zh: "已支付（元）", en: "Paid (yuan)" } },
          { key: "used", label: { zh: "使用率", en: "Used" } },
        ],
        rows: rs.slice((page - 1) * pageSize, page * pageSize),
        total: rs.length,
      };
    },
  };
}

export function registerProjectFigures(figures: FigureRegistry) {
  for (const f of projectFigures()) figures.register(f);
}
