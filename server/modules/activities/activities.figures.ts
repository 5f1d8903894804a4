import type { Kysely } from "kysely";
import { AUDIENCE_EN, AUDIENCES, ISSUE_STATUS_LABELS, TRAINEE_LABELS, TYPE_CLASS_LABELS, VENUE_STATE_LABELS } from "../../../contracts/activities.js";
import type { DB } from "../../db/types.js";
import type { Clock } from "../../platform/clock.js";
import { endOfLocalDay, startOfLocalDay, todayOf } from "../../platform/dates.js";
import { countFigure, type FigureDef, type FigureDimension, type FigureQuery, type FigureRegistry, sumFigure } from "../../platform/figures.js";
import { inScope } from "../../platform/scope.js";
import { editionsOf } from "./activities.activities.service.js";
import { activitiesInScope, bookingsInScope, issuesInScope, venuesInScope } from "./activities.repo.js";

type Msg = { zh: string; en: string };

const WOMEN_ORG_KINDS = ["妇联", "网格妇联", "三新妇女组织"];

const AUDIENCE_LABELS: Record<string, Msg> = Object.fromEntries(AUDIENCES.map((a) => [a, { zh: a, en: AUDIENCE_EN[a] }]));

const activityCols: Array<[string, string, Msg]> = [
  ["a.code", "code", { zh: "编号", en: "No." }],
  ["a.start_date", "date", { zh: "日期", en: "Date" }],
  ["a.title", "title", { zh: "活动", en: "Activity" }],
  ["t.name", "type", { zh: "类型", en: "Type" }],
  ["o.name", "organiser", { zh: "主办", en: "Organiser" }],
  ["v.name", "venue", { zh: "阵地", en: "Venue" }],
  ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ["a.attendance", "attendance", { zh: "参与人次", en: "Person-times" }],
];
const activityDims = {
  month: { label: { zh: "月份", en: "Month" }, column: "a.start_month" },
  type: { label: { zh: "活动类型", en: "Type" }, column: "a.type_code", labelColumn: "t.name" },
  class: { label: { zh: "统计口径", en: "Class" }, column: "a.type_class", labels: TYPE_CLASS_LABELS as Record<string, Msg> },
  venue: { label: { zh: "阵地", en: "Venue" }, column: "a.venue_id", labelColumn: "v.name" },
  grid: { label: { zh: "网格", en: "Grid" }, column: "a.grid_id", labelColumn: "g.name" },
  organiser: { label: { zh: "主办单位", en: "Organiser" }, column: "a.organiser_id", labelColumn: "o.name" },
  series: { label: { zh: "系列", en: "Series" }, column: "a.series_id", labelColumn: "se.name" },
  // An activity for several audiences is in each of their groups (the groups may sum to more than the figure).
  audience: {
    label: { zh: "服务对象", en: "Audience" },
    column: "aud.audience",
    labels: AUDIENCE_LABELS,
    join: (qb: any) => qb.leftJoin("act_activity_audiences as aud", "aud.activity_id", "a.id"),
  },
};

/** Activities held in the period (by their local start date), of one class of types. */
const held = (db: Kysely<DB>, q: FigureQuery) =>
  activitiesInScope(db, q.scope).where("a.status", "=", "held").where("a.start_date", ">=", q.from).where("a.start_date", "<=", q.to);
const ofClass = (cls: string) => (db: Kysely<DB>, q: FigureQuery) => held(db, q).where("a.type_class", "=", cls);

function activityCount(
  key: string,
  label: Msg,
  definition: Msg,
  base: (db: Kysely<DB>, q: FigureQuery) => any,
  extraDims: Record<string, FigureDimension> = {},
) {
  return countFigure({
    key,
    module: key.split(".")[0] as string,
    label,
    definition,
    recordsPermission: "activities.read",
    base,
    columns: activityCols,
    orderBy: "a.starts_at",
    dimensions: { ...activityDims, ...extraDims },
  });
}
function activityAttendance(key: string, label: Msg, definition: Msg, base: (db: Kysely<DB>, q: FigureQuery) => any) {
  return sumFigure({
    key,
    module: key.split(".")[0] as string,
    unit: "count",
    label,
    definition,
    recordsPermission: "activities.read",
    base,
    sum: "a.attendance",
    columns: activityCols,
    orderBy: "a.starts_at",
    dimensions: activityDims,
  });
}

/** 为爱益行's edition: the largest edition (第N届) of a walk series activity held in the period. */
function walkathonEdition(): FigureDef {
  const items = async (db: Kysely<DB>, q: FigureQuery) => {
    const rows = await held(db, q)
      .innerJoin("act_series as ws", "ws.id", "a.series_id")
      .where("ws.kind", "=", "walkathon")
      .select(["a.id", "a.code", "a.start_date", "a.title", "a.series_id", "ws.name as series_name", "ws.first_year", "a.attendance", "a.community_id"])
      .orderBy("a.starts_at")
      .execute();
    const cache = new Map<string, Map<number, number>>();
    const out = [];
    for (const r of rows) {
      const sid = r.series_id as string;
      if (!cache.has(sid)) cache.set(sid, await editionsOf(db, sid));
      out.push({
        code: r.code,
        date: r.start_date,
        title: r.title,
        series: r.series_name,
        seriesId: sid,
        firstYear: r.first_year,
        edition: cache.get(sid)?.get(Number(r.start_date.slice(0, 4))) ?? 0,
        attendance: r.attendance,
      });
    }
    return out.filter((r) => !q.filters.series || r.seriesId === q.filters.series);
  };
  return {
    key: "activities.walkathon_edition",
    module: "activities",
    unit: "count",
    label: { zh: "“为爱益行”公益徒步届数", en: "Charity-walk edition" },
    definition: {
      zh: "期间内举办的公益徒步系列（系列类型“公益徒步”，如“为爱益行”）活动的届次中最大者；届次 = 自系列创办年份起至该活动年份、该系列有已举办活动的年数（计算得出，非填写）",
      en: "The highest edition among charity-walk series activities (series kind walkathon, e.g. 为爱益行) held in the period; an edition is the number of years, from the series' first year up to the activity's, in which the series held an activity (computed, not typed in)",
    },
    recordsPermission: "activities.read",
    async value(db, q) {
      return Math.max(0, ...(await items(db, q)).map((r) => r.edition));
    },
    async records(db, q, { page, pageSize }) {
      const rows = await items(db, q);
      return {
        columns: [
          { key: "code", label: { zh: "编号", en: "No." } },
          { key: "date", label: { zh: "日期", en: "Date" } },
          { key: "title", label: { zh: "活动", en: "Activity" } },
          { key: "series", label: { zh: "系列", en: "Series" } },
          { key: "firstYear", label: { zh: "创办年份", en: "First year" } },
          { key: "edition", label: { zh: "届次", en: "Edition" } },
          { key: "attendance", label: { zh: "参与人次", en: "Person-times" } },
        ],
        rows: rows.slice((page - 1) * pageSize, page * pageSize),
        total: rows.length,
      };
    },
    dimensions: {
      series: {
        label: { zh: "系列", en: "Series" },
        async groups(db, q) {
          const by = new Map<string, { label: string; value: number }>();
          for (const r of await items(db, q)) by.set(r.seriesId, { label: String(r.series), value: Math.max(by.get(r.seriesId)?.value ?? 0, r.edition) });
          return [...by.entries()].map(([key, g]) => ({ key, ...g }));
        },
      },
    },
  };
}

export function registerActivityFigures(figures: FigureRegistry, tz: string, clock: Clock) {
  const today = () => todayOf(clock.now(), tz);
  figures.register(
    countFigure({
      key: "venue.opened",
      module: "venue",
      label: { zh: "新启用阵地", en: "Venues opened" },
      definition: {
        zh: "启用日期在期间内的阵地（党群服务中心、驿站、活动室、共建基地等，不含筹建中）",
        en: "Venues whose opening date lies in the period (not those still being planned)",
      },
      recordsPermission: "activities.read",
      base: (db, q) => venuesInScope(db, q.scope).where("v.state", "!=", "planning").where("v.opened_on", ">=", q.from).where("v.opened_on", "<=", q.to),
      columns: [
        ["v.name", "name", { zh: "阵地", en: "Venue" }],
        ["v.kind", "kind", { zh: "类型", en: "Kind" }],
        ["v.opened_on", "openedOn", { zh: "启用日期", en: "Opened" }],
        ["v.state", "state", { zh: "状态", en: "State" }],
        ["g.name", "grid", { zh: "网格", en: "Grid" }],
        ["o.name", "org", { zh: "运营单位", en: "Run by" }],
      ],
      orderBy: "v.opened_on",
      dimensions: {
        kind: { label: { zh: "阵地类型", en: "Kind" }, column: "v.kind" },
        state: { label: { zh: "状态", en: "State" }, column: "v.state", labels: VENUE_STATE_LABELS as Record<string, Msg> },
        grid: { label: { zh: "网格", en: "Grid" }, column: "v.grid_id", labelColumn: "g.name" },
      },
    }),
  );
  const regular = (db: Kysely<DB>, q: FigureQuery) => ofClass("regular")(db, q).where("a.venue_id", "is not", null);
  figures.register(
    activityCount(
      "venue.regular_activities",
      { zh: "阵地常态化服务活动", en: "Regular venue activities" },
      {
        zh: "期间内在阵地举办的常态化服务活动（类型归为“阵地常态化服务”，如亲邻影院、常态化便民服务；须有阵地），不含培训、茶话会、演练、特色活动",
        en: "Regular service activities (types of the class 'regular venue service', e.g. the neighbourhood cinema) held at a venue in the period; not trainings, tea talks, drills or featured activities",
      },
      regular,
    ),
  );
  figures.register(
    activityAttendance(
      "venue.regular_attendance",
      { zh: "阵地常态化服务受众人次", en: "Regular venue activities: person-times" },
      {
        zh: "venue.regular_activities 所计活动的参与人次（签到人数 + 现场清点人数）",
        en: "Person-times (check-ins + head counts) of the activities venue.regular_activities counts",
      },
      regular,
    ),
  );
  figures.register(
    activityCount(
      "venue.trainings",
      { zh: "专题培训场次", en: "Trainings" },
      {
        zh: "期间内举办的培训类活动（类型归为“专题培训”，含发展对象集中培训）；按学员类别分组时，一场培训计入其签到名单中出现的每一类学员",
        en: "Activities of the training class held in the period (central trainings of party candidates included); by participant category, a training is in the group of each category on its sign-in list",
      },
      ofClass("training"),
      {
        category: {
          label: { zh: "学员类别", en: "Participant category" },
          column: "tc.category",
          labels: TRAINEE_LABELS as Record<string, Msg>,
          // The categories each training's sign-in list holds, once each. Only the scope's and the
          // period's sign-ins (an attendance row has its activity's community and start date): SQLite
          // makes the derived table whole before joining it (every training's, ~6 s at 3M rows).
          join: (qb: any, q: FigureQuery) =>
            qb.leftJoin(
              (eb: any) =>
                eb
                  .selectFrom("act_attendance as tca")
                  .select(["tca.activity_id", "tca.category"])
                  .where(inScope(q.scope, { community: "tca.community_id" }))
                  .where("tca.type_class", "=", "training")
                  .where("tca.start_date", ">=", q.from)
                  .where("tca.start_date", "<=", q.to)
                  .distinct()
                  .as("tc"),
              (j: any) => j.onRef("tc.activity_id", "=", "a.id"),
            ),
        },
      },
    ),
  );
  figures.register(
    sumFigure({
      key: "venue.training_attendance",
      module: "venue",
      unit: "count",
      label: { zh: "培训覆盖人次", en: "Training person-times" },
      definition: {
        zh: "venue.trainings 所计培训的签到人次（按签到名单，每人每场计一次），可按学员类别（社区工作人员、发展对象、志愿者、其他）分组",
        en: "Person-times checked in at the trainings venue.trainings counts (once per person and training), by participant category",
      },
      recordsPermission: "activities.read",
      base: (db, q) =>
        db
          .selectFrom("act_attendance as at")
          .innerJoin("act_activities as a", "a.id", "at.activity_id")
          .leftJoin("regions as g", "g.id", "at.grid_id")
          .where(inScope(q.scope, { community: "at.community_id" }))
          .where("at.type_class", "=", "training")
          .where("at.start_date", ">=", q.from)
          .where("at.start_date", "<=", q.to)
          .where("a.status", "=", "held"),
      sum: "at.persons",
      columns: [
        ["at.start_date", "date", { zh: "日期", en: "Date" }],
        ["a.title", "title", { zh: "培训", en: "Training" }],
        ["at.category", "category", { zh: "学员类别", en: "Category" }],
        ["at.method", "method", { zh: "签到方式", en: "How" }],
        ["at.persons", "persons", { zh: "人数", en: "Persons" }],
      ],
      orderBy: "at.start_date",
      dimensions: {
        category: { label: { zh: "学员类别", en: "Category" }, column: "at.category", labels: TRAINEE_LABELS as Record<string, Msg> },
        month: { label: { zh: "月份", en: "Month" }, column: "a.start_month" },
        activity: { label: { zh: "培训", en: "Training" }, column: "at.activity_id", labelColumn: "a.title" },
        grid: { label: { zh: "网格", en: "Grid" }, column: "at.grid_id", labelColumn: "g.name" },
      },
    }),
  );
  const issueCols: Array<[string, string, Msg]> = [
    ["s.found_on", "foundOn", { zh: "发现日期", en: "Found" }],
    ["v.name", "venue", { zh: "阵地", en: "Venue" }],
    ["s.item", "item", { zh: "问题", en: "Issue" }],
    ["s.status", "status", { zh: "状态", en: "Status" }],
    ["s.assignee", "assignee", { zh: "整改责任人", en: "Who fixes it" }],
    ["s.deadline", "deadline", { zh: "整改期限", en: "Deadline" }],
    ["s.rectified_on", "rectifiedOn", { zh: "整改日期", en: "Rectified" }],
    ["s.verified_on", "verifiedOn", { zh: "复核日期", en: "Checked" }],
  ];
  const issueDims: Record<string, FigureDimension> = {
    venue: { label: { zh: "阵地", en: "Venue" }, column: "s.venue_id", labelColumn: "v.name" },
    status: { label: { zh: "状态", en: "Status" }, column: "s.status", labels: ISSUE_STATUS_LABELS as Record<string, Msg> },
    month: { label: { zh: "月份", en: "Month" }, column: "s.found_month" },
    grid: { label: { zh: "网格", en: "Grid" }, column: "s.grid_id", labelColumn: "g.name" },
  };
  const issuesFound = (db: Kysely<DB>, q: FigureQuery) => issuesInScope(db, q.scope).where("s.found_on", ">=", q.from).where("s.found_on", "<=", q.to);
  figures.register(
    countFigure({
      key: "venue.self_check_issues",
      module: "venue",
      label: { zh: "阵地自查自纠问题", en: "Venue self-inspection issues" },
      definition: {
        zh: "期间内阵地自查发现的问题（每个不合格检查项计一项），可按阵地、状态（待整改、已整改待复核、已复核销号）、月份分组",
        en: "Issues found by venue self-inspections in the period (one per failed item), by venue, status (open, rectified, checked and closed) and month",
      },
      recordsPermission: "activities.read",
      base: issuesFound,
      columns: issueCols,
      orderBy: "s.found_on",
      dimensions: issueDims,
    }),
  );
  figures.register(
    countFigure({
      key: "venue.self_check_issues_overdue",
      module: "venue",
      label: { zh: "自查问题逾期整改", en: "Self-inspection issues overdue" },
      definition: {
        zh: "期间内阵地自查发现、到期末（或今天，取早者）已超过整改期限的问题：期限已过仍未整改，或整改日期晚于期限；未定期限的问题不计",
        en: "Self-inspection issues found in the period that had missed their deadline by the period's end (or today, whichever is earlier): past it and not rectified, or rectified after it; issues with no deadline are not counted",
      },
      recordsPermission: "activities.read",
      base: (db, q) => {
        const t = today();
        const asOf = q.to < t ? q.to : t;
        return issuesFound(db, q)
          .where("s.deadline", "is not", null)
          .where("s.deadline", "<", asOf)
          .where((eb) => eb.or([eb("s.rectified_on", "is", null), eb("s.rectified_on", ">", eb.ref("s.deadline"))]));
      },
      columns: issueCols,
      orderBy: "s.found_on",
      dimensions: issueDims,
    }),
  );
  figures.register(
    activityCount(
      "activities.count",
      { zh: "特色服务活动场次", en: "Featured activities" },
      {
        zh: "期间内举办的特色服务活动（类型归为“特色服务活动”：儿童暑假课堂、中医护老、便民服务集市、线上互动、节日主题活动等），不含常态化服务、培训、茶话会、演练讲座、品牌赛事和公益服务",
        en: "Featured activities held in the period (children's summer classes, TCM care, service fairs, online events, festivals …); not regular services, trainings, tea talks, drills, brand events or outreach",
      },
      ofClass("featured"),
    ),
  );
  figures.register(
    activityAttendance(
      "activities.attendance",
      { zh: "特色服务活动服务人次", en: "Featured activities: person-times" },
      { zh: "activities.count 所计活动的参与人次（签到人数 + 现场清点人数）", en: "Person-times of the activities activities.count counts" },
      ofClass("featured"),
    ),
  );
  figures.register(walkathonEdition());
  figures.register(
    activityCount(
      "activities.tea_talks",
      { zh: "书记茶话会", en: "Secretary's tea talks" },
      { zh: "期间内举办的书记茶话会（类型归为“书记茶话会”）", en: "Secretary's tea talks held in the period" },
      ofClass("tea_talk"),
    ),
  );
  figures.register(
    activityAttendance(
      "activities.women_outreach_attendance",
      { zh: "妇女组织公益服务覆盖人次", en: "Women's organisations' outreach: person-times" },
      {
        zh: "期间内由妇女组织（妇联、网格妇联、三新妇女组织）主办的公益服务活动（类型归为“公益服务”：家长学堂、走访慰问等）的参与人次",
        en: "Person-times of outreach activities (parents' classes, home visits …) held in the period and organised by a women's organisation",
      },
      (db, q) => ofClass("outreach")(db, q).where("a.organiser_kind", "in", WOMEN_ORG_KINDS),
    ),
  );
  figures.register(
    activityCount(
      "safety.drills",
      { zh: "消防演练与防灾减灾讲座", en: "Drills and disaster-prevention talks" },
      {
        zh: "期间内举办的消防演练、防灾减灾知识讲座等活动（类型归为“安全演练与讲座”）",
        en: "Fire drills, disaster-prevention talks and the like held in the period",
      },
      ofClass("safety"),
    ),
  );
  figures.register(
    activityCount(
      "activities.held",
      { zh: "举办活动（全部）", en: "Activities held (all)" },
      {
        zh: "期间内举办的全部活动（各统计口径之和，按口径分组即上面各项）；按服务对象分组时，面向多类对象的活动计入每一类",
        en: "Every activity held in the period (all classes; break down by class); by audience, an activity for several audiences is in each of their groups",
      },
      held,
    ),
  );
  figures.register(
    activityAttendance(
      "activities.held_attendance",
      { zh: "举办活动参与人次（全部）", en: "Activities held: person-times (all)" },
      {
        zh: "activities.held 所计全部活动的参与人次（签到人数 + 现场清点人数）；按服务对象分组时，面向多类对象的活动的人次计入每一类",
        en: "Person-times (check-ins + head counts) of every activity activities.held counts; by audience, an activity for several audiences counts in each of their groups",
      },
      held,
    ),
  );
  const bookingsIn = (db: Kysely<DB>, q: FigureQuery) =>
    bookingsInScope(db, q.scope)
      .where("b.status", "=", "booked")
      .where("b.starts_at", ">=", startOfLocalDay(q.from, tz).toISOString())
      .where("b.starts_at", "<", endOfLocalDay(q.to, tz).toISOString());
  const bookingCols: Array<[string, string, Msg]> = [
    ["b.starts_at", "startsAt", { zh: "开始", en: "Starts" }],
    ["b.title", "title", { zh: "事由", en: "Title" }],
    ["v.name", "venue", { zh: "阵地", en: "Venue" }],
    ["r.name", "room", { zh: "功能室", en: "Room" }],
  ];
  const bookingDims: Record<string, FigureDimension> = {
    venue: { label: { zh: "阵地", en: "Venue" }, column: "b.venue_id", labelColumn: "v.name" },
    room: { label: { zh: "功能室", en: "Room" }, column: "b.room_id", labelColumn: "r.name" },
  };
  figures.register(
    countFigure({
      key: "venue.bookings",
      module: "venue",
      label: { zh: "功能室预约", en: "Room bookings" },
      definition: { zh: "开始时间在期间内的有效功能室预约", en: "Room bookings (not cancelled) starting in the period" },
      recordsPermission: "activities.read",
      base: bookingsIn,
      columns: bookingCols,
      orderBy: "b.starts_at",
      dimensions: bookingDims,
    }),
  );
  figures.register(
    sumFigure({
      key: "venue.booked_hours",
      module: "venue",
      unit: "count",
      label: { zh: "功能室预约时长（小时）", en: "Room hours booked" },
      definition: {
        zh: "venue.bookings 所计预约的时长之和（小时，按每个预约的开始至结束计；跨过期末的预约整段计入开始的期间）",
        en: "Hours of the bookings venue.bookings counts (each from its start to its end; a booking running past the period's end counts whole in the period it starts in)",
      },
      recordsPermission: "activities.read",
      base: bookingsIn,
      sum: "b.minutes",
      scale: 1 / 60,
      columns: [...bookingCols, ["b.minutes", "minutes", { zh: "时长（分钟）", en: "Minutes" }]],
      orderBy: "b.starts_at",
      dimensions: bookingDims,
    }),
  );
}
