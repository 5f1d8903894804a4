import { maskIdNumber, maskPhone } from "../../contracts/mask.js";
import { ORG_KIND_EN, PERSON_KIND_LABELS } from "../../contracts/platform.js";
import { endOfLocalDay } from "./dates.js";
import { countFigure, type FigureQuery, type FigureRegistry } from "./figures.js";
import { orgsInScope } from "./organisations/organisations.service.js";
import { peopleInScope } from "./people/people.repo.js";

const orgKindLabels = Object.fromEntries(Object.entries(ORG_KIND_EN).map(([zh, en]) => [zh, { zh, en }]));

/**
 * The platform's own figures: the registry's stock of people, organisations and accounts, each as
 * it stood at the period's end (local midnight ending its last day, in the deployment's zone): a
 * person or an account made after it does not count, one archived or disabled before it does not.
 */
export function registerPlatformFigures(figures: FigureRegistry, timeZone: string) {
  const endOf = (q: FigureQuery) => endOfLocalDay(q.to, timeZone).toISOString();
  const personCols: Array<[string, string, { zh: string; en: string }]> = [
    ["p.id", "id", { zh: "编号", en: "ID" }],
    ["p.name", "name", { zh: "姓名", en: "Name" }],
    ["p.gender", "gender", { zh: "性别", en: "Gender" }],
    ["p.id_number", "idNumber", { zh: "身份证号", en: "ID number" }],
    ["p.phone", "phone", { zh: "手机号", en: "Phone" }],
    ["p.kind", "kind", { zh: "人口类型", en: "Kind" }],
    ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ];
  const maskPerson = (r: Record<string, unknown>) => ({
    ...r,
    idNumber: maskIdNumber(r.idNumber as string),
    phone: maskPhone(r.phone as string),
    kind: PERSON_KIND_LABELS[r.kind as keyof typeof PERSON_KIND_LABELS]?.zh ?? r.kind,
    gender: r.gender === "M" ? "男" : "女",
  });
  const personDims = {
    kind: { label: { zh: "人口类型", en: "Kind" }, column: "p.kind", labels: PERSON_KIND_LABELS as unknown as Record<string, { zh: string; en: string }> },
    grid: { label: { zh: "网格", en: "Grid" }, column: "p.grid_id", labelColumn: "g.name" },
  };
  const people = (kind?: "registered" | "migrant" | "foreign") => (db: any, q: any) => {
    const end = endOf(q);
    let qb = peopleInScope(db, q.scope)
      .where("p.created_at", "<", end)
      .where((eb: any) => eb.or([eb("p.archived", "=", 0), eb("p.archived_at", ">=", end)]));
    if (kind) qb = qb.where("p.kind", "=", kind);
    return qb;
  };
  figures.register(
    countFigure({
      key: "platform.people",
      module: "platform",
      label: { zh: "实有人口", en: "Residents registered" },
      definition: {
        zh: "期末人口库中在册的人员数（期末前登记、期末时未归档），按类型、网格可下钻（类型、网格为现值）",
        en: "People on the registry at the period's end (entered before it, not archived by then), by kind and grid (their present kind and grid)",
      },
      recordsPermission: "people.read",
      base: people(),
      columns: personCols,
      orderBy: "p.name",
      mapRow: maskPerson,
      dimensions: personDims,
    }),
  );
  for (const [kind, zh, en] of [
    ["registered", "户籍人口", "Registered residents"],
    ["migrant", "流动人口", "Migrant residents"],
    ["foreign", "境外人员", "Foreign residents"],
  ] as const) {
    figures.register(
      countFigure({
        key: `platform.people_${kind}`,
        module: "platform",
        label: { zh, en },
        definition: {
          zh: `期末人口库中类型为「${PERSON_KIND_LABELS[kind].zh}」的在册人员（期末前登记、期末时未归档）`,
          en: `People on the registry at the period's end of kind ${en.toLowerCase()} (entered before it, not archived by then)`,
        },
        recordsPermission: "people.read",
        base: people(kind),
        columns: personCols,
        orderBy: "p.name",
        mapRow: maskPerson,
        dimensions: { grid: personDims.grid },
      }),
    );
  }
  const orgCols: Array<[string, string, { zh: string; en: string }]> = [
    ["o.id", "id", { zh: "编号", en: "ID" }],
    ["o.name", "name", { zh: "名称", en: "Name" }],
    ["o.kind", "kind", { zh: "类型", en: "Kind" }],
    ["o.founded_on", "foundedOn", { zh: "成立日期", en: "Founded" }],
    ["g.name", "grid", { zh: "网格", en: "Grid" }],
  ];
  const orgDims = {
    kind: { label: { zh: "组织类型", en: "Kind" }, column: "o.kind", labels: orgKindLabels },
    grid: { label: { zh: "网格", en: "Grid" }, column: "o.grid_id", labelColumn: "g.name" },
  };
  // A stock at the period's end: organisations founded by then (or of unknown founding date), not archived by then.
  const orgs = (kind?: string) => (db: any, q: any) => {
    const end = endOf(q);
    let qb = orgsInScope(db, q.scope)
      .where((eb: any) => eb.or([eb("o.archived", "=", 0), eb("o.archived_at", ">=", end)]))
      .where((eb: any) => eb.or([eb("o.founded_on", "is", null), eb("o.founded_on", "<=", q.to)]));
    if (kind) qb = qb.where("o.kind", "=", kind);
    return qb;
  };
  figures.register(
    countFigure({
      key: "platform.organisations",
      module: "platform",
      label: { zh: "辖区组织", en: "Organisations" },
      definition: {
        zh: "期末在册组织数（期末前成立或成立日期不详、期末时未归档：党组织、股份合作公司、学校、社会组织等），按类型可下钻",
        en: "Organisations on the register at the period's end (founded by then or of unknown date, not archived by then), by kind",
      },
      base: orgs(),
      columns: orgCols,
      orderBy: "o.name",
      dimensions: orgDims,
    }),
  );
  figures.register(
    countFigure({
      key: "orgs.grid_women_federations",
      module: "orgs",
      label: { zh: "网格妇联", en: "Grid women's federations" },
      definition: {
        zh: "期末在册、类型为「网格妇联」的组织（按成立日期）",
        en: "Organisations of kind grid women's federation on the register at the period's end (by founding date)",
      },
      base: orgs("网格妇联"),
      columns: orgCols,
      orderBy: "o.name",
      dimensions: { grid: orgDims.grid },
    }),
  );
  figures.register(
    countFigure({
      key: "orgs.new_sector_women_orgs",
      module: "orgs",
      label: { zh: "“三新”妇女组织", en: "New-sector women's organisations" },
      definition: {
        zh: "期末在册、类型为「三新妇女组织」（新经济组织、新社会组织、新就业群体）的组织（按成立日期）",
        en: "Organisations of kind new-sector women's organisation on the register at the period's end (by founding date)",
      },
      base: orgs("三新妇女组织"),
      columns: orgCols,
      orderBy: "o.name",
    }),
  );
  figures.register(
    countFigure({
      key: "platform.accounts",
      module: "platform",
      label: { zh: "系统账号", en: "Accounts" },
      definition: {
        zh: "期末数据范围内启用的系统账号（期末前开设、期末时未停用），按角色可下钻（角色为现值）",
        en: "Accounts whose scope lies in the region, open at the period's end (made before it, not disabled by then), by role (their present role)",
      },
      recordsPermission: "accounts.read",
      base: (db, q) => {
        const end = endOf(q);
        return db
          .selectFrom("users as u")
          .innerJoin("regions as r", "r.id", "u.scope_region_id")
          .where("r.path", "like", `${q.scope.path}%`)
          .where("u.created_at", "<", end)
          .where((eb) => eb.or([eb("u.disabled", "=", 0), eb("u.disabled_at", ">=", end)]));
      },
      columns: [
        ["u.username", "username", { zh: "用户名", en: "Username" }],
        ["u.display_name", "displayName", { zh: "姓名", en: "Name" }],
        ["u.role", "role", { zh: "角色", en: "Role" }],
        ["r.name", "scope", { zh: "数据范围", en: "Scope" }],
      ],
      orderBy: "u.username",
      dimensions: { role: { label: { zh: "角色", en: "Role" }, column: "u.role" } },
    }),
  );
  figures.register(
    countFigure({
      key: "platform.grids",
      module: "platform",
      label: { zh: "网格数", en: "Grids" },
      definition: {
        zh: "期末数据范围内在用的单元网格（期末前设立——按设立日期，未填则按录入日期——且期末时未归档）",
        en: "Unit grids in use in the region at the period's end (set up by then — their set-up date, else the day they were entered — and not archived by then)",
      },
      base: (db, q) => {
        const end = endOf(q);
        return db
          .selectFrom("regions as g")
          .where("g.path", "like", `${q.scope.path}%`)
          .where("g.level", "=", "grid")
          .where((eb: any) =>
            eb.or([
              eb.and([eb("g.established_on", "is not", null), eb("g.established_on", "<=", q.to)]),
              eb.and([eb("g.established_on", "is", null), eb("g.created_at", "<", end)]),
            ]),
          )
          .where((eb: any) => eb.or([eb("g.archived", "=", 0), eb("g.archived_at", ">=", end)]));
      },
      columns: [
        ["g.code", "code", { zh: "网格编码", en: "Code" }],
        ["g.name", "name", { zh: "名称", en: "Name" }],
        ["g.established_on", "establishedOn", { zh: "设立日期", en: "Set up" }],
      ],
      orderBy: "g.code",
    }),
  );
}
