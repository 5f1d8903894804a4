import type { Kysely } from "kysely";
import { maskName } from "../../../contracts/mask.js";
import { APPLICATION_RESULT_LABELS, LEVEL_LABELS, MASS_ORG_KINDS, NOMINATION_RESULT_LABELS } from "../../../contracts/massorgs.js";
import { ORG_KIND_EN } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import type { Msg } from "../../platform/errors.js";
import { countFigure, type FigureDef, type FigureQuery, type FigureRegistry } from "../../platform/figures.js";
import { inScope } from "../../platform/scope.js";

// The figures of 群团 (module "orgs", beside the platform's orgs.grid_women_federations and
// orgs.new_sector_women_orgs, which count the organisations themselves).

const M = "orgs";
const levels = LEVEL_LABELS as Record<string, Msg>;
const nomResults = NOMINATION_RESULT_LABELS as Record<string, Msg>;
const appResults = APPLICATION_RESULT_LABELS as Record<string, Msg>;
const kinds = Object.fromEntries(MASS_ORG_KINDS.map((k) => [k, { zh: k, en: ORG_KIND_EN[k] }])) as Record<string, Msg>;
const nomineeKinds: Record<string, Msg> = { person: { zh: "个人", en: "Person" }, org: { zh: "组织", en: "Organisation" } };

const nominations = (db: Kysely<DB>, q: FigureQuery) => db.selectFrom("mo_nominations as n").where(inScope(q.scope, { community: "n.community_id" }));
const NOM_COLS: Array<[string, string, Msg]> = [
  ["n.nominated_on", "nominatedOn", { zh: "推荐日期", en: "Nominated on" }],
  ["n.nominee_kind", "nomineeKind", { zh: "类别", en: "Nominee" }],
  ["n.nominee_name", "nominee", { zh: "被推荐人/组织", en: "Nominee" }],
  ["n.award", "award", { zh: "奖项", en: "Award" }],
  ["n.level", "level", { zh: "级别", en: "Level" }],
  ["n.result", "result", { zh: "结果", en: "Result" }],
  ["n.result_on", "resultOn", { zh: "结果日期", en: "Result on" }],
];
const mapNom = (r: Record<string, unknown>) => ({
  ...r,
  nominee: r.nomineeKind === "person" ? maskName(String(r.nominee)) : r.nominee,
  nomineeKind: nomineeKinds[r.nomineeKind as string]?.zh ?? r.nomineeKind,
  level: levels[r.level as string]?.zh ?? r.level,
  result: nomResults[r.result as string]?.zh ?? r.result,
});
const nomDims = {
  award: { label: { zh: "奖项", en: "Award" }, column: "n.award" },
  level: { label: { zh: "级别", en: "Level" }, column: "n.level", labels: levels },
  result: { label: { zh: "结果", en: "Result" }, column: "n.result", labels: nomResults },
  nominee: { label: { zh: "个人/组织", en: "Person or organisation" }, column: "n.nominee_kind", labels: nomineeKinds },
};

export function massOrgFigures(): FigureDef[] {
  return [
    countFigure({
      key: "massorgs.nominations",
      module: M,
      label: { zh: "荣誉推荐", en: "Honour nominations" },
      definition: {
        zh: "期间内推荐个人或组织参加评选（两红两优、五星级义工、优秀共产党员等）的次数（按推荐日期）；按奖项、级别、结果、个人/组织分组",
        en: "Nominations of people or organisations for awards made in the period (by nomination date); by award, level, result, person or organisation",
      },
      recordsPermission: "massorgs.read",
      base: (db, q) => nominations(db, q).where("n.nominated_on", ">=", q.from).where("n.nominated_on", "<=", q.to),
      columns: NOM_COLS,
      orderBy: "n.nominated_on",
      mapRow: mapNom,
      dimensions: nomDims,
    }),
    countFigure({
      key: "massorgs.honours",
      module: M,
      label: { zh: "获评荣誉", en: "Honours awarded" },
      definition: {
        zh: "期间内公布结果为“获评”的推荐（按结果日期）；按奖项、级别、个人/组织分组",
        en: "Nominations whose result, announced in the period, is awarded (by result date); by award, level, person or organisation",
      },
      recordsPermission: "massorgs.read",
      base: (db, q) => nominations(db, q).where("n.result", "=", "awarded").where("n.result_on", ">=", q.from).where("n.result_on", "<=", q.to),
      columns: NOM_COLS,
      orderBy: "n.result_on",
      mapRow: mapNom,
      dimensions: { award: nomDims.award, level: nomDims.level, nominee: nomDims.nominee },
    }),
    countFigure({
      key: "massorgs.brand_applications",
      module: M,
      label: { zh: "品牌项目申报", en: "Brand project applications" },
      definition: {
        zh: "期间内群团组织品牌项目的申报次数（按申报日期）；按级别、结果分组",
        en: "Applications of the mass organisations' brand projects made in the period (by application date); by level, result",
      },
      recordsPermission: "massorgs.read",
      base: (db, q) =>
        db
          .selectFrom("mo_applications as a")
          .innerJoin("mo_brand_projects as b", "b.id", "a.project_id")
          .innerJoin("organisations as o", "o.id", "a.org_id")
          .where(inScope(q.scope, { community: "a.community_id" }))
          .where("a.applied_on", ">=", q.from)
          .where("a.applied_on", "<=", q.to),
      columns: [
        ["a.applied_on", "appliedOn", { zh: "申报日期", en: "Applied on" }],
        ["a.title", "title", { zh: "申报名称", en: "Title" }],
        ["b.name", "project", { zh: "品牌项目", en: "Brand project" }],
        ["o.name", "org", { zh: "组织", en: "Organisation" }],
        ["a.level", "level", { zh: "级别", en: "Level" }],
        ["a.result", "result", { zh: "结果", en: "Result" }],
      ],
      orderBy: "a.applied_on",
      mapRow: (r) => ({ ...r, level: levels[r.level as string]?.zh ?? r.level, result: appResults[r.result as string]?.zh ?? r.result }),
      dimensions: {
        level: { label: { zh: "级别", en: "Level" }, column: "a.level", labels: levels },
        result: { label: { zh: "结果", en: "Result" }, column: "a.result", labels: appResults },
      },
    }),
    countFigure({
      key: "massorgs.members",
      module: M,
      label: { zh: "群团组织成员", en: "Mass organisation members" },
      definition: {
        zh: "期末在册的群团组织（妇联、网格妇联、三新妇女组织、团委）成员：加入日期不晚于期末且期末前未退出；按组织类型、组织分组",
        en: "Members of the mass organisations at the period's end: joined on or before its last day and not left by then; by organisation kind, organisation",
      },
      recordsPermission: "massorgs.read",
      base: (db, q) =>
        db
          .selectFrom("mo_members as m")
          .innerJoin("organisations as o", "o.id", "m.org_id")
          .innerJoin("people as p", "p.id", "m.person_id")
          .where(inScope(q.scope, { community: "m.community_id" }))
          .where("m.joined_on", "<=", q.to)
          .where((eb) => eb.or([eb("m.left_on", "is", null), eb("m.left_on", ">", q.to)])),
      columns: [
        ["o.name", "org", { zh: "组织", en: "Organisation" }],
        ["o.kind", "kind", { zh: "组织类型", en: "Kind" }],
        ["p.name", "name", { zh: "姓名", en: "Name" }],
        ["m.role", "role", { zh: "职务", en: "Role" }],
        ["m.joined_on", "joinedOn", { zh: "加入日期", en: "Joined" }],
      ],
      orderBy: "o.name",
      mapRow: (r) => ({ ...r, name: maskName(String(r.name)) }),
      dimensions: {
        kind: { label: { zh: "组织类型", en: "Kind" }, column: "o.kind", labels: kinds },
        org: { label: { zh: "组织", en: "Organisation" }, column: "o.id", labelColumn: "o.name" },
      },
    }),
  ];
}

export function registerMassOrgFigures(figures: FigureRegistry) {
  for (const f of massOrgFigures()) figures.register(f);
}
