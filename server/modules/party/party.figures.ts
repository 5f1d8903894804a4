import { type Kysely, sql } from "kysely";
import { maskIdNumber } from "../../../contracts/mask.js";
import {
  EDUCATION_EN,
  EDUCATIONS,
  MEETING_TYPE_EN,
  MEETING_TYPES,
  MEMBER_STATUS_LABELS,
  PARTY_KIND_EN,
  PARTY_KINDS,
  STAGES,
  STEPS,
  THREE_MEETINGS_ONE_LESSON,
} from "../../../contracts/party.js";
import type { DB } from "../../db/types.js";
import { addDays, addMonths } from "../../platform/dates.js";
import { countFigure, type FigureQuery, type FigureRegistry, rowsRatioFigure } from "../../platform/figures.js";
import { inScope } from "../../platform/scope.js";
import type { PartyMeetingsService } from "./party.meetings.service.js";
import { activePostsOn, applicantsInScope, boardInScope, electionsInScope, meetingsInScope, membersInScope, partyOrgsInScope } from "./party.repo.js";

type Msg = { zh: string; en: string };
const M = "party";
const typeLabels = Object.fromEntries(MEETING_TYPES.map((t) => [t, { zh: t, en: MEETING_TYPE_EN[t] }]));
const stageLabels = Object.fromEntries(STAGES.map((s) => [String(s.no), { zh: `${s.no} ${s.zh}`, en: `${s.no} ${s.en}` }]));
const statusLabels = MEMBER_STATUS_LABELS as unknown as Record<string, Msg>;
const educationLabels = Object.fromEntries(EDUCATIONS.map((e) => [e, { zh: e, en: EDUCATION_EN[e] }]));
const kindLabels = Object.fromEntries(PARTY_KINDS.map((k) => [k, { zh: k, en: PARTY_KIND_EN[k] }]));

/**
 * Age bands of party members. DOMAIN.md and PRODUCT.md prescribe none; these are the ten-year steps
 * from 35 used in party statistics (35 and under counts as young).
 */
export const AGE_BANDS = [
  { key: "le35", min: null, max: 35, zh: "35岁及以下", en: "35 and under" },
  { key: "36_45", min: 36, max: 45, zh: "36至45岁", en: "36–45" },
  { key: "46_55", min: 46, max: 55, zh: "46至55岁", en: "46–55" },
  { key: "56_65", min: 56, max: 65, zh: "56至65岁", en: "56–65" },
  { key: "gt65", min: 66, max: null, zh: "65岁以上", en: "Over 65" },
] as const;
const ageBandLabels: Record<string, Msg> = Object.fromEntries(AGE_BANDS.map((b) => [b.key, { zh: b.zh, en: b.en }]));

/**
 * The age band of a birth date (YYYY-MM-DD text) on a day, as SQL: aged at least n on `on` means
 * born on or before the same day n years earlier (29 February clamps to the 28th, as ageOn counts).
 * No birth date: NULL.
 */
export function ageBandOf(column: string, on: string) {
  const bornBy = (years: number) => addMonths(on, -12 * years);
  const col = sql.ref(column);
  const whens = AGE_BANDS.filter((b) => b.min !== null).map((b) => sql`when ${col} <= ${bornBy(b.min as number)} then ${b.key}`);
  return sql<string | null>`case when ${col} is null then null ${sql.join([...whens].reverse(), sql` `)} else ${AGE_BANDS[0].key} end`;
}

const meetingCols: Array<[string, string, Msg]> = [
  ["mt.id", "id", { zh: "编号", en: "ID" }],
  ["mt.held_on", "heldOn", { zh: "日期", en: "Date" }],
  ["o.name", "org", { zh: "党组织", en: "Organisation" }],
  ["mt.type", "type", { zh: "类型", en: "Type" }],
  ["mt.topic", "topic", { zh: "主题", en: "Topic" }],
  ["mt.due", "due", { zh: "应到", en: "Due" }],
  ["mt.present", "present", { zh: "实到", en: "Present" }],
];
const meetingDims = {
  type: { label: { zh: "会议类型", en: "Type" }, column: "mt.type", labels: typeLabels },
  branch: { label: { zh: "党组织", en: "Organisation" }, column: "mt.org_id", labelColumn: "o.name" },
  month: { label: { zh: "月份", en: "Month" }, column: "mt.held_month" },
};

/** The party figures of PRODUCT.md; the compliance rate is worked out by the meetings service's compliance view. */
export function registerPartyFigures(figures: FigureRegistry, meetingsSvc: Pick<PartyMeetingsService, "compliance" | "today">) {
  const meetings =
    (types: readonly string[], committeeOnly = false) =>
    (db: Kysely<DB>, q: FigureQuery) => {
      let qb = meetingsInScope(db, q.scope)
        .where("mt.type", "in", types as string[])
        .where("mt.held_on", ">=", q.from)
        .where("mt.held_on", "<=", q.to);
      if (committeeOnly) qb = qb.where("mt.org_id", "in", (eb: any) => eb.selectFrom("party_orgs").select("org_id").where("level", "=", "党委"));
      return qb;
    };
  const meetingFigure = (key: string, label: Msg, definition: Msg, types: readonly string[], committeeOnly = false) =>
    figures.register(
      countFigure({
        key,
        module: M,
        label,
        definition,
        recordsPermission: "party.read",
        base: meetings(types, committeeOnly),
        columns: meetingCols,
        orderBy: "mt.held_on",
        dimensions: meetingDims,
      }),
    );
  meetingFigure(
    "party.committee_meetings",
    { zh: "党委会议", en: "Party committee meetings" },
    { zh: "社区党委召开的党委会议次数（期间内）", en: "Meetings of type 党委会议 held by the community party committee in the period" },
    ["党委会议"],
    true,
  );
  meetingFigure(
    "party.planning_meetings",
    { zh: "党建工作部署总结会", en: "Party work planning/review meetings" },
    { zh: "类型为党建工作部署总结会的会议次数", en: "Meetings of type 党建工作部署总结会" },
    ["党建工作部署总结会"],
  );
  meetingFigure(
    "party.theme_days",
    { zh: "主题党日", en: "Theme party days" },
    { zh: "各党组织开展主题党日次数", en: "Theme party days held by all party organisations" },
    ["主题党日"],
  );
  meetingFigure(
    "party.three_meetings_one_lesson",
    { zh: "“三会一课”", en: "Three meetings and one lesson" },
    { zh: "支部党员大会、支委会、党小组会、党课的场次", en: "Branch general meetings, branch committee meetings, group meetings and party lessons" },
    THREE_MEETINGS_ONE_LESSON,
  );
  meetingFigure(
    "party.meetings",
    { zh: "党内会议", en: "Party meetings" },
    { zh: "期间内各类党内会议，按类型、党组织、月份可下钻", en: "All party meetings in the period, by type, organisation and month" },
    MEETING_TYPES,
  );

  figures.register(
    countFigure({
      key: "party.new_members",
      module: M,
      label: { zh: "发展党员", en: "New members admitted" },
      definition: { zh: "期间内经街道党工委审批接收的预备党员", en: "Applicants admitted as probationary members (approved) in the period" },
      recordsPermission: "party.read",
      base: (db, q) => applicantsInScope(db, q.scope).where("a.admitted_on", ">=", q.from).where("a.admitted_on", "<=", q.to),
      columns: [
        ["a.id", "id", { zh: "编号", en: "ID" }],
        ["p.name", "name", { zh: "姓名", en: "Name" }],
        ["o.name", "branch", { zh: "党支部", en: "Branch" }],
        ["a.applied_on", "appliedOn", { zh: "申请日期", en: "Applied" }],
        ["a.probation_start", "probationStart", { zh: "预备期起", en: "Probation from" }],
        ["a.admitted_on", "admittedOn", { zh: "审批日期", en: "Approved" }],
      ],
      orderBy: "a.admitted_on",
      dimensions: { branch: { label: { zh: "党支部", en: "Branch" }, column: "a.org_id", labelColumn: "o.name" } },
    }),
  );

  const electionCols: Array<[string, string, Msg]> = [
    ["e.id", "id", { zh: "编号", en: "ID" }],
    ["e.held_on", "heldOn", { zh: "日期", en: "Date" }],
    ["o.name", "org", { zh: "组织", en: "Organisation" }],
    ["e.kind", "kind", { zh: "类别", en: "Kind" }],
    ["e.post", "post", { zh: "职务", en: "Post" }],
    ["np.name", "person", { zh: "当选/任职", en: "Elected/appointed" }],
    ["e.approving_body", "approvingBody", { zh: "批准机关", en: "Approved by" }],
  ];
  const elections = (kind: string, extra?: (qb: any) => any) => (db: Kysely<DB>, q: FigureQuery) => {
    const qb = electionsInScope(db, q.scope).where("e.kind", "=", kind).where("e.held_on", ">=", q.from).where("e.held_on", "<=", q.to);
    return extra ? extra(qb) : qb;
  };
  const orgDim = { org: { label: { zh: "组织", en: "Organisation" }, column: "e.org_id", labelColumn: "o.name" } };
  figures.register(
    countFigure({
      key: "party.company_elections",
      module: M,
      label: { zh: "股份合作公司换届", en: "Cooperative term elections" },
      definition: { zh: "期间内完成换届的股份合作公司", en: "Completed term elections of joint-stock cooperatives in the period" },
      base: elections("换届", (qb) => qb.where("o.kind", "=", "股份合作公司")),
      columns: electionCols,
      orderBy: "e.held_on",
      dimensions: orgDim,
    }),
  );
  figures.register(
    countFigure({
      key: "party.by_elections",
      module: M,
      label: { zh: "支部委员补选", en: "Branch committee by-elections" },
      definition: { zh: "期间内党支部委员补选", en: "By-elections of branch committee members in the period" },
      base: elections("补选"),
      columns: electionCols,
      orderBy: "e.held_on",
      dimensions: orgDim,
    }),
  );
  figures.register(
    countFigure({
      key: "party.secretary_changes",
      module: M,
      label: { zh: "支部书记任免", en: "Branch secretary changes" },
      definition: { zh: "期间内党支部书记的任免", en: "Appointments/removals of branch secretaries in the period" },
      base: elections("任免", (qb) => qb.where("e.post", "=", "书记")),
      columns: electionCols,
      orderBy: "e.held_on",
      dimensions: orgDim,
    }),
  );
  figures.register(
    countFigure({
      key: "party.new_village_branches",
      module: M,
      label: { zh: "新建城中村党支部", en: "New urban-village branches" },
      definition: { zh: "期间内成立的城中村党支部", en: "Party branches of kind 城中村 founded in the period" },
      base: (db, q) =>
        partyOrgsInScope(db, q.scope)
          .where("po.level", "=", "党支部")
          .where("po.party_kind", "=", "城中村")
          .where("po.founded_on", ">=", q.from)
          .where("po.founded_on", "<=", q.to),
      columns: [
        ["o.id", "id", { zh: "编号", en: "ID" }],
        ["o.name", "name", { zh: "名称", en: "Name" }],
        ["po.founded_on", "foundedOn", { zh: "成立日期", en: "Founded" }],
        ["g.name", "grid", { zh: "网格", en: "Grid" }],
      ],
      orderBy: "po.founded_on",
    }),
  );

  // Stock figures (as of the end of the period). The members are a subquery so that the age band,
  // computed from the birth date relative to the period's end, is a column like any other: the
  // value, the breakdowns and the drill-down all filter and group the same rows.
  const memberBase = (db: Kysely<DB>, q: FigureQuery) =>
    db.selectFrom(
      membersInScope(db, q.scope)
        .leftJoin("party_orgs as po", "po.org_id", "m.org_id")
        .where("m.joined_on", "<=", q.to)
        .where((eb) => eb.or([eb("m.transfer_out_on", "is", null), eb("m.transfer_out_on", ">", q.to)]))
        .select([
          "m.id",
          "m.org_id",
          // The status at the period's end: made full after it (full_on later) was probationary then;
          // one transferred out after it counts as what they were (full unless probationary then).
          sql<string>`case when ${sql.ref("m.status")} = 'probationary' or (${sql.ref("m.full_on")} is not null and ${sql.ref("m.full_on")} > ${q.to}) then 'probationary' else 'full' end`.as(
            "status",
          ),
          "m.joined_on",
          "m.education",
          "p.name",
          "p.id_number",
          "p.gender",
          "o.name as org_name",
          "po.party_kind",
          ageBandOf("p.birth_date", q.to).as("age_band"),
        ])
        .as("x"),
    );
  figures.register(
    countFigure({
      key: "party.members",
      module: M,
      label: { zh: "党员", en: "Party members" },
      definition: {
        zh: "期末在册党员（含预备党员），按党支部、类别、年龄段（按期末年龄）、学历、党组织类型、性别可下钻",
        en: "Members on the register at the end of the period, by branch, status, age band (age at the period's end), education, organisation kind and gender",
      },
      recordsPermission: "party.read",
      base: memberBase,
      columns: [
        ["x.id", "id", { zh: "编号", en: "ID" }],
        ["x.name", "name", { zh: "姓名", en: "Name" }],
        ["x.id_number", "idNumber", { zh: "身份证号", en: "ID number" }],
        ["x.org_name", "branch", { zh: "党支部", en: "Branch" }],
        ["x.status", "status", { zh: "类别", en: "Status" }],
        ["x.age_band", "ageBand", { zh: "年龄段", en: "Age band" }],
        ["x.education", "education", { zh: "学历", en: "Education" }],
        ["x.joined_on", "joinedOn", { zh: "入党日期", en: "Joined" }],
      ],
      orderBy: "x.name",
      mapRow: (r) => ({
        ...r,
        idNumber: maskIdNumber(r.idNumber as string),
        status: statusLabels[r.status as string]?.zh ?? r.status,
        ageBand: r.ageBand ? (ageBandLabels[r.ageBand as string]?.zh ?? r.ageBand) : "未登记",
      }),
      dimensions: {
        branch: { label: { zh: "党支部", en: "Branch" }, column: "x.org_id", labelColumn: "x.org_name" },
        status: { label: { zh: "类别", en: "Status" }, column: "x.status", labels: statusLabels },
        ageBand: { label: { zh: "年龄段", en: "Age band" }, column: "x.age_band", labels: ageBandLabels },
        education: { label: { zh: "学历", en: "Education" }, column: "x.education", labels: educationLabels },
        kind: { label: { zh: "党组织类型", en: "Organisation kind" }, column: "x.party_kind", labels: kindLabels },
        gender: { label: { zh: "性别", en: "Gender" }, column: "x.gender", labels: { M: { zh: "男", en: "Male" }, F: { zh: "女", en: "Female" } } },
      },
    }),
  );
  /** The last pipeline step an applicant had passed by a day, and when (the pipeline's state then). */
  const lastStepBy = (to: string) =>
    sql<number | null>`(select max(s.step) from party_steps s where s.applicant_id = ${sql.ref("a.id")} and s.passed = 1 and s.done_on <= ${to})`;
  const lastStepOnBy = (to: string) =>
    sql<string | null>`(select max(s.done_on) from party_steps s where s.applicant_id = ${sql.ref("a.id")} and s.passed = 1 and s.done_on <= ${to})`;
  /** The stage (1–5) a step belongs to, from the contract's step list; before any step, stage 1. */
  const stageOfStep = (col: string) => {
    const lastOfStage = STAGES.map((st) => Math.max(...STEPS.filter((x) => x.stage === st.no).map((x) => x.no)));
    return sql<number>`case ${sql.join(
      lastOfStage.map((last, i) => sql`when coalesce(${sql.ref(col)}, 0) <= ${sql.lit(last)} then ${sql.lit(i + 1)}`),
      sql` `,
    )} else ${sql.lit(STAGES.length)} end`;
  };
  const applicantCols: Array<[string, string, Msg]> = [
    ["a.id", "id", { zh: "编号", en: "ID" }],
    ["p.name", "name", { zh: "姓名", en: "Name" }],
    ["o.name", "branch", { zh: "党支部", en: "Branch" }],
    ["a.stage", "stage", { zh: "阶段", en: "Stage" }],
    ["a.last_step", "lastStep", { zh: "已完成步骤", en: "Last step" }],
    ["a.last_step_on", "lastStepOn", { zh: "日期", en: "Date" }],
  ];
  figures.register(
    countFigure({
      key: "party.pipeline",
      module: M,
      label: { zh: "发展党员在途", en: "Applicants in the pipeline" },
      definition: {
        zh: "发展流程中尚未转正的人员（含预备党员），按阶段、党支部可下钻",
        en: "Applicants not yet full members (incl. probationary), by stage and branch",
      },
      recordsPermission: "party.read",
      // As of the period's end: the last step passed by then and its stage; full membership is the
      // approval (step 24) — someone approved after the period was still in the pipeline at its end.
      base: (db, q) =>
        db
          .selectFrom(
            db
              .selectFrom(
                applicantsInScope(db, q.scope)
                  // One who left the pipeline after the period's end was still in it then.
                  .where((eb) => eb.or([eb("a.status", "!=", "stopped"), eb("a.stopped_on", ">", q.to)]))
                  .where("a.applied_on", "<=", q.to)
                  .select(["a.id", "a.org_id", "p.name", "o.name as org_name", lastStepBy(q.to).as("step_at"), lastStepOnBy(q.to).as("step_on")])
                  .as("y"),
              )
              .selectAll("y")
              .select(stageOfStep("y.step_at").as("stage_at"))
              .as("x"),
          )
          .where((eb) => eb.or([eb("x.step_at", "is", null), eb("x.step_at", "<", 24)])),
      columns: [
        ["x.id", "id", { zh: "编号", en: "ID" }],
        ["x.name", "name", { zh: "姓名", en: "Name" }],
        ["x.org_name", "branch", { zh: "党支部", en: "Branch" }],
        ["x.stage_at", "stage", { zh: "阶段", en: "Stage" }],
        ["x.step_at", "lastStep", { zh: "已完成步骤", en: "Last step" }],
        ["x.step_on", "lastStepOn", { zh: "日期", en: "Date" }],
      ],
      orderBy: "x.step_at",
      dimensions: {
        stage: { label: { zh: "阶段", en: "Stage" }, column: "x.stage_at", labels: stageLabels },
        branch: { label: { zh: "党支部", en: "Branch" }, column: "x.org_id", labelColumn: "x.org_name" },
      },
    }),
  );
  const today = meetingsSvc.today;
  figures.register(
    countFigure({
      key: "party.overdue_steps",
      module: M,
      label: { zh: "逾期未办步骤", en: "Overdue pipeline steps" },
      definition: {
        zh: "今天已过期限仍未办理的步骤：申请后一个月内谈话、支部大会通过后三个月内审批",
        en: "Steps past their deadline today: the talk within a month of applying, approval within three months of the branch vote",
      },
      recordsPermission: "party.read",
      base: (db, q) => {
        const t = today();
        return applicantsInScope(db, q.scope)
          .where("a.status", "=", "active")
          .where((eb) =>
            eb.or([
              eb.and([eb("a.last_step", "=", 1), eb("a.applied_on", "<", addMonths(t, -1))]),
              // Approval (17) within three months of the branch vote (15): the vote's date decides.
              eb.and([
                eb("a.last_step", "=", 16),
                eb.exists(
                  eb
                    .selectFrom("party_steps as s15")
                    .select("s15.id")
                    .whereRef("s15.applicant_id", "=", "a.id")
                    .where("s15.step", "=", 15)
                    .where("s15.passed", "=", 1)
                    .where("s15.done_on", "<", addMonths(t, -3)),
                ),
              ]),
            ]),
          );
      },
      columns: applicantCols,
      orderBy: "a.last_step_on",
      dimensions: { branch: { label: { zh: "党支部", en: "Branch" }, column: "a.org_id", labelColumn: "o.name" } },
    }),
  );

  // Ratios over rows worked out in code (the rule is not one SQL expression), each with its records.
  const ratio = (def: Omit<Parameters<typeof rowsRatioFigure>[0], "module">) => figures.register(rowsRatioFigure({ ...def, module: M }));
  const byCompany = { company: { label: { zh: "股份合作公司", en: "Cooperative" }, field: "companyId", labelField: "company" } };

  /** Board members active at the period's end, with whether they hold a party post then. */
  async function boardAt(db: Kysely<DB>, q: FigureQuery) {
    const board = await boardInScope(db, q.scope)
      .where("b.term_start", "<=", q.to)
      .where((eb) => eb.or([eb("b.ended_on", "is", null), eb("b.ended_on", ">", q.to)]))
      .select(["b.company_id", "c.name as company", "b.person_id", "p.name", "b.post"])
      .orderBy("c.name")
      .orderBy("b.post")
      .execute();
    const posts = await activePostsOn(db, q.to)
      .innerJoin("party_orgs as po", "po.org_id", "ps.org_id")
      .innerJoin("organisations as o", "o.id", "ps.org_id")
      .where(inScope(q.scope, { community: "ps.community_id" }))
      .select(["ps.person_id", "ps.post", "po.host_org_id", "o.name"])
      .execute();
    return { board, posts };
  }
  ratio({
    key: "party.company_dual_role_ratio",
    label: { zh: "股份公司“一肩挑”比例", en: "Cooperatives whose chair is party secretary" },
    definition: {
      zh: "董事长同时担任本公司党组织书记的股份合作公司占比（期末在任的董事会；董事长空缺的公司计入分母）",
      en: "Share of joint-stock cooperatives whose board chair is also secretary of the party organisation in the company (boards serving at the period's end; a company without a chair counts as not)",
    },
    columns: [
      { key: "company", label: { zh: "股份合作公司", en: "Cooperative" } },
      { key: "chair", label: { zh: "董事长", en: "Chair" } },
      { key: "secretary", label: { zh: "党组织书记", en: "Party secretary" } },
      { key: "dual", label: { zh: "一肩挑", en: "Same person" } },
    ],
    async items(db, q) {
      const { board, posts } = await boardAt(db, q);
      // Every company with a serving board; one whose chair has left and none is set yet is not 一肩挑.
      const companies = [...new Map(board.map((b) => [b.company_id, b.company])).entries()];
      const rows = companies.flatMap(([companyId, company]) => {
        const sec = posts.filter((p) => p.host_org_id === companyId && p.post === "书记");
        const chairs = board.filter((b) => b.company_id === companyId && b.post === "董事长");
        if (chairs.length === 0) return [{ companyId, company, chair: "（空缺）", secretary: sec.length ? "另任" : "—", dual: "否" }];
        return chairs.map((b) => {
          const dual = sec.some((s) => s.person_id === b.person_id);
          return { companyId, company, chair: b.name, secretary: sec.length ? (dual ? b.name : "另任") : "—", dual: dual ? "是" : "否" };
        });
      });
      return { rows, hit: (r) => r.dual === "是" };
    },
    dimensions: byCompany,
  });
  ratio({
    key: "party.company_cross_role_ratio",
    label: { zh: "股份公司交叉任职比例", en: "Cooperative board members holding party posts" },
    definition: {
      zh: "股份合作公司董事会、监事会成员中担任党组织委员职务的占比（期末在任，已离任的不计）",
      en: "Share of cooperative board members serving at the period's end who hold a party committee post (those who have left are not counted)",
    },
    columns: [
      { key: "company", label: { zh: "股份合作公司", en: "Cooperative" } },
      { key: "name", label: { zh: "姓名", en: "Name" } },
      { key: "post", label: { zh: "公司职务", en: "Board post" } },
      { key: "partyPost", label: { zh: "党内职务", en: "Party post" } },
    ],
    async items(db, q) {
      const { board, posts } = await boardAt(db, q);
      const rows = board.map((b) => ({
        companyId: b.company_id,
        company: b.company,
        name: b.name,
        post: b.post,
        partyPost: posts
          .filter((p) => p.person_id === b.person_id)
          .map((p) => `${p.name}${p.post}`)
          .join("、"),
      }));
      return { rows, hit: (r) => !!r.partyPost };
    },
    dimensions: byCompany,
  });
  ratio({
    key: "party.certified_share",
    label: { zh: "支部委员持证率", en: "Committee members certified" },
    definition: {
      zh: "期末在任党组织委员中期末已持有支部工作资格证的占比（按持证日期；日期未知的按持证计）",
      en: "Share of committee members serving at the period's end who held the branch-work certificate by then (by its date; one of unknown date counts as held)",
    },
    columns: [
      { key: "org", label: { zh: "党组织", en: "Organisation" } },
      { key: "name", label: { zh: "姓名", en: "Name" } },
      { key: "post", label: { zh: "职务", en: "Post" } },
      { key: "certified", label: { zh: "持证", en: "Certified" } },
    ],
    async items(db, q) {
      const rows = await activePostsOn(db, q.to)
        .innerJoin("organisations as o", "o.id", "ps.org_id")
        .innerJoin("people as p", "p.id", "ps.person_id")
        .where(inScope(q.scope, { community: "ps.community_id" }))
        .select(["o.name as org", "p.name", "ps.post", "ps.certified", "ps.certified_on"])
        .orderBy("o.name")
        .execute();
      const held = (r: { certified: number; certified_on?: string | null }) => !!r.certified && (!r.certified_on || r.certified_on <= q.to);
      return {
        rows: rows.map(({ certified_on, ...r }) => ({
          ...r,
          certified: held({ certified: r.certified, certified_on }) ? (certified_on ? `是（${certified_on}）` : "是") : "否",
        })),
        hit: (r) => String(r.certified).startsWith("是"),
      };
    },
  });
  ratio({
    key: "party.compliance_rate",
    label: { zh: "组织生活合规率", en: "Meeting compliance rate" },
    definition: {
      zh: "期间内已结束的各期（月/季/年）中，党支部按规定召开的会议（支委会达到法定人数）所占比例",
      en: "Of the meetings the rules require of each branch in the periods ended within the period, the share held (with quorum where needed)",
    },
    recordsPermission: "party.read",
    columns: [
      { key: "branch", label: { zh: "党支部", en: "Branch" } },
      { key: "type", label: { zh: "会议", en: "Meeting" } },
      { key: "period", label: { zh: "期间", en: "Period" } },
      { key: "status", label: { zh: "情况", en: "Status" } },
    ],
    async items(_db, q) {
      const asOf = q.to < today() ? addDays(q.to, 1) : today();
      const rows: Record<string, unknown>[] = [];
      for (let y = Number(q.from.slice(0, 4)); y <= Number(q.to.slice(0, 4)); y++) {
        const c = await meetingsSvc.compliance(q.scope, y, asOf);
        for (const r of c.rows)
          for (const it of r.items)
            if (it.periodEnd >= q.from && it.periodEnd <= q.to)
              rows.push({
                branch: r.orgName,
                type: it.type,
                period: it.period,
                status: it.status === "ok" ? "已召开" : it.status === "short_quorum" ? "未达法定人数" : "缺",
              });
      }
      return { rows, hit: (r) => r.status === "已召开" };
    },
  });
}
