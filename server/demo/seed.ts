import type { PERSON_TAGS, TPersonCreate } from "../../contracts/platform.js";
import type { Role } from "../../contracts/roles.js";
import { buildModules } from "../modules/index.js";
import { createAccountsService } from "../platform/accounts/accounts.service.js";
import { setTwoFactorEnforced } from "../platform/auth/two-factor.js";
import { fixedClock } from "../platform/clock.js";
import type { Deps } from "../platform/http.js";
import { createOrganisationsService } from "../platform/organisations/organisations.service.js";
import { createPeopleService } from "../platform/people/people.service.js";
import { createRegionsService } from "../platform/regions/regions.service.js";
import { memoisedSettings } from "../platform/settings.js";
import type { Who } from "../platform/who.js";
import { birthDate, idNumber, personName, phone, type Rng, rng } from "./random.js";
import { DEMO_PASSWORD, type DemoWorld, SYSTEM } from "./world.js";

// 福民社区, 福城街道, 龙华区, Shenzhen: about 114.06 E, 22.68 N. Grids are drawn as a 4 × 3 block of cells.
const ORIGIN = { lng: 114.046, lat: 22.672 };
const CELL = { lng: 0.0065, lat: 0.0055 };

function cell(col: number, row: number) {
  const x0 = ORIGIN.lng + col * CELL.lng;
  const y0 = ORIGIN.lat + row * CELL.lat;
  const ring = [
    [x0, y0],
    [x0 + CELL.lng, y0],
    [x0 + CELL.lng, y0 + CELL.lat],
    [x0, y0 + CELL.lat],
    [x0, y0],
  ].map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))]);
  return { boundary: { type: "Polygon" as const, coordinates: [ring] }, lng: x0 + CELL.lng / 2, lat: y0 + CELL.lat / 2 };
}

// The 小区 and 城中村 the seed names (狮径, 福悦, 丹坑, 富康, 悦兴二, 鸿发, 阳基御龙山), others invented; one per grid.
const ESTATES: Array<[string, "城中村" | "小区"]> = [
  ["狮径", "城中村"],
  ["福悦花园", "小区"],
  ["丹坑", "城中村"],
  ["富康", "城中村"],
  ["悦兴二", "城中村"],
  ["鸿发", "城中村"],
  ["阳基御龙山", "小区"],
  ["新围", "城中村"],
  ["福民新村", "城中村"],
  ["景华苑", "小区"],
  ["观澜雅居", "小区"],
  ["凤凰岭", "城中村"],
];

/**
 * Creates the demo community through the same services users call: every record passes the same
 * validation and leaves the same audit trail as one entered on a page. Deterministic (fixed seed).
 */
export async function seedDemo(
  deps: Deps,
  opts: {
    people?: number;
    log?: (s: string) => void;
    /** Which domain modules add their demo records: all (npm start) by default; tests pick. */
    modules?: "all" | string[];
  } = {},
): Promise<DemoWorld> {
  const log = opts.log ?? (() => {});
  const r = rng(20240101);
  const tz = deps.config.timeZone;
  const regions = createRegionsService(deps);
  // The registers (people, organisations) were there before the demo's year: entered on a clock set
  // to the end of 2023, so the stock figures at the end of 2024 (and every later period) count them.
  const registryClock = fixedClock("2023-12-01T01:00:00Z");
  const GRIDS_SET_UP = "2017-01-01";
  const orgs = createOrganisationsService({ ...deps, clock: registryClock, timeZone: tz });
  const people = createPeopleService({ ...deps, clock: registryClock, timeZone: tz });
  const accounts = createAccountsService(deps);

  const district = await regions.create(SYSTEM, { parentId: null, level: "district", name: "龙华区", code: "440309" });
  const subdistrict = await regions.create(SYSTEM, { parentId: district.id, level: "subdistrict", name: "福城街道", code: "440309008" });
  const community = await regions.create(SYSTEM, {
    parentId: subdistrict.id,
    level: "community",
    name: "福民社区",
    code: "440309008003",
    boundary: {
      type: "Polygon",
      coordinates: [
        [
          [ORIGIN.lng, ORIGIN.lat],
          [ORIGIN.lng + 4 * CELL.lng, ORIGIN.lat],
          [ORIGIN.lng + 4 * CELL.lng, ORIGIN.lat + 3 * CELL.lat],
          [ORIGIN.lng, ORIGIN.lat + 3 * CELL.lat],
          [ORIGIN.lng, ORIGIN.lat],
        ],
      ],
    },
  });
  const grids: DemoWorld["grids"] = [];
  const estates: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    const c = cell(i % 4, Math.floor(i / 4));
    const code = `440309008003${String(i + 1).padStart(2, "0")}`;
    // The grids were set up years before the demo's year (platform.grids counts them at a period's end).
    const g = await regions.create(SYSTEM, {
      parentId: community.id,
      level: "grid",
      name: `第${i + 1}网格`,
      code,
      sort: i + 1,
      establishedOn: GRIDS_SET_UP,
      ...c,
    });
    grids.push({ id: g.id, name: g.name, code });
    const [ename] = ESTATES[i];
    const e = await regions.create(SYSTEM, { parentId: g.id, level: "estate", name: ename, lng: c.lng, lat: c.lat });
    estates[ename] = e.id;
  }
  // A neighbouring community, so that data scope and the subdistrict view have something to separate.
  const neighbour = await regions.create(SYSTEM, { parentId: subdistrict.id, level: "community", name: "桔塘社区", code: "440309008004" });
  const neighbourGrids: Array<{ id: string }> = [];
  for (let i = 0; i < 2; i++) {
    const c = cell(4, i);
    neighbourGrids.push(
      await regions.create(SYSTEM, {
        parentId: neighbour.id,
        level: "grid",
        name: `桔塘第${i + 1}网格`,
        code: `440309008004${String(i + 1).padStart(2, "0")}`,
        establishedOn: GRIDS_SET_UP,
        ...c,
      }),
    );
  }
  log("regions: 龙华区 > 福城街道 > 福民社区 (12 grids), 桔塘社区 (2 grids)");

  const communityScope: Who = { user: null, scope: { regionId: community.id, path: community.path, level: "community", communityId: community.id } };
  const orgIds: Record<string, string> = {};
  const addOrg = async (name: string, kind: any, extra: { grid?: number; parent?: string; foundedOn?: string; shortName?: string; address?: string } = {}) => {
    // Entered on the register when it was founded, or by the end of 2023 when it was there already.
    registryClock.set(extra.foundedOn && extra.foundedOn > "2023-12-01" ? `${extra.foundedOn}T01:00:00Z` : "2023-12-01T01:00:00Z");
    const o = await orgs.create(communityScope, {
      communityId: community.id,
      gridId: extra.grid !== undefined ? grids[extra.grid].id : null,
      parentId: extra.parent ? orgIds[extra.parent] : null,
      kind,
      name,
      shortName: extra.shortName ?? null,
      foundedOn: extra.foundedOn ?? null,
      address: extra.address ?? null,
    });
    orgIds[name] = o.id;
    return o;
  };
  await addOrg("中共福民社区委员会", "党组织", { shortName: "福民社区党委", foundedOn: "2005-06-18" });
  for (const [i, name] of ["鸿发", "阳基御龙山", "富康", "悦兴二", "狮径", "丹坑"].entries())
    await addOrg(`中共福民社区${name}党支部`, "党组织", { parent: "中共福民社区委员会", grid: [5, 6, 3, 4, 0, 2][i], shortName: `${name}党支部` });
  const companies = ["富康", "悦兴", "鸿发", "狮径", "丹坑", "新围"];
  for (const [i, name] of companies.entries())
    await addOrg(`深圳市${name}股份合作公司`, "股份合作公司", { grid: [3, 4, 5, 0, 2, 7][i], foundedOn: "1992-08-01", address: `龙华区福城街道${name}村` });
  await addOrg("深圳市龙华区行知学校", "学校", { grid: 0, address: "龙华区福城街道狮径路" });
  await addOrg("深圳市龙华区福城实验学校", "学校", { grid: 1 });
  await addOrg("鹏城驾校", "驾校", { grid: 8 });
  await addOrg("鹏城驾校团支部", "团委", { grid: 8 });
  await addOrg("福民社区社康中心", "社康", { grid: 1 });
  await addOrg("福民社区妇女联合会", "妇联", { foundedOn: "2018-03-08" });
  await addOrg("共青团福民社区委员会", "团委");
  for (let i = 0; i < 6; i++) await addOrg(`第${i + 1}网格妇联`, "网格妇联", { grid: i, parent: "福民社区妇女联合会", foundedOn: `2024-0${3 + (i % 3)}-08` });
  for (const name of ["福城快递小哥妇女联合会", "福民新业态女性联盟", "观澜湖园区企业妇联"])
    await addOrg(name, "三新妇女组织", { parent: "福民社区妇女联合会", foundedOn: "2024-06-01" });
  await addOrg("福民夜巡志愿服务队", "志愿服务队", { foundedOn: "2023-05-01" });
  await addOrg("福民巾帼志愿服务队", "志愿服务队", { foundedOn: "2023-09-01" });
  await addOrg("福民社区股份公司安保队", "企业");
  await addOrg("福城派出所福民警务室", "共建单位");
  await addOrg("深圳市台湾事务办公室", "共建单位");
  await addOrg("龙华区建筑工务署", "共建单位");
  for (const name of ["福民科技园联合党支部", "观澜湖商会"]) await addOrg(name, "两新组织");
  for (const name of ["福悦物业服务有限公司", "阳基物业管理处"]) await addOrg(name, "物业公司");
  for (const name of ["福民亲邻社工服务中心", "福城书画协会"]) await addOrg(name, "社会组织");
  log(`organisations: ${Object.keys(orgIds).length}`);

  // A resident is on the register by the end of 2023, or from birth when born since.
  const onRegister = <P extends { birthDate?: string | null }>(p: P): P => {
    registryClock.set(p.birthDate && p.birthDate > "2023-12-01" ? `${p.birthDate}T01:00:00Z` : "2023-12-01T01:00:00Z");
    return p;
  };
  const total = opts.people ?? 3000;
  const estateNames = Object.keys(estates);
  // Per seed, not per process: a second seed in the same process must draw the same numbers.
  const usedIds = new Set<string>();
  // Grid by grid in one transaction each, through the people service.
  for (let gi = 0; gi < grids.length; gi++) {
    const n = Math.round(total / grids.length);
    const estateName = estateNames[gi];
    await deps.db.transaction().execute(async (trx) => {
      for (let k = 0; k < n; k++)
        await people.create(communityScope, onRegister(demoPerson(r, usedIds, community.id, grids[gi].id, estates[estateName], estateName)), trx);
    });
  }
  const neighbourScope: Who = { user: null, scope: { regionId: neighbour.id, path: neighbour.path, level: "community", communityId: neighbour.id } };
  await deps.db.transaction().execute(async (trx) => {
    for (let k = 0; k < 80; k++)
      await people.create(neighbourScope, onRegister(demoPerson(r, usedIds, neighbour.id, neighbourGrids[k % 2].id, null, "桔塘")), trx);
  });
  log(`people: ${total} in 福民社区, 80 in 桔塘社区`);

  const accountsMade: DemoWorld["accounts"] = [];
  const addUser = async (username: string, displayName: string, role: Role, scopeRegionId: string, scopeName: string) => {
    await accounts.create(SYSTEM, { username, displayName, role, scopeRegionId, password: DEMO_PASSWORD, phone: phone(r) });
    accountsMade.push({ username, role, scope: scopeName });
  };
  await addUser("admin", "系统管理员", "sysadmin", district.id, "龙华区");
  await addUser("secadmin", "安全管理员", "secadmin", district.id, "龙华区");
  await addUser("auditor", "审计员", "auditor", district.id, "龙华区");
  await addUser("supervisor", "福城街道督导", "supervisor", subdistrict.id, "福城街道");
  await addUser("leader", "福民社区书记", "leader", community.id, "福民社区");
  await addUser("staff", "社区工作人员", "staff", community.id, "福民社区");
  for (const [i, g] of grids.entries()) await addUser(`grid${String(i + 1).padStart(2, "0")}`, `${g.name}网格员`, "grid", g.id, `福民社区/${g.name}`);
  for (let i = 1; i <= 3; i++) await addUser(`patrol0${i}`, `巡查员${i}`, "patrol", community.id, "福民社区");
  await addUser("mediator", "人民调解员", "mediator", community.id, "福民社区");
  for (let i = 1; i <= 3; i++) await addUser(`volunteer0${i}`, `志愿者${i}`, "volunteer", community.id, "福民社区");
  log(`accounts: ${accountsMade.length} (password ${DEMO_PASSWORD})`);
  // The demo's passwords are published: two-factor sign-in is not enforced here (README, docs/decisions.md).
  await setTwoFactorEnforced(deps, false, { id: null, name: "system" });

  const world: DemoWorld = {
    districtId: district.id,
    subdistrictId: subdistrict.id,
    communityId: community.id,
    neighbourCommunityId: neighbour.id,
    grids,
    estates,
    orgs: orgIds,
    accounts: accountsMade,
  };
  const wanted = opts.modules ?? "all";
  // The modules built again for the demo, over a clock it moves through 2024. The demo changes no
  // setting, so each is read once (thousands of cases would read the same deadlines again and again).
  const now = deps.clock.now();
  const clock = fixedClock("2024-01-01T01:00:00Z");
  for (const m of buildModules({ ...deps, clock, settings: memoisedSettings(deps.settings) })) {
    if (!m.seedDemo || (wanted !== "all" && !wanted.includes(m.name))) continue;
    const t = Date.now();
    await m.seedDemo({ world, clock, now, log });
    log(`${m.name}: demo records in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return world;
}

function demoPerson(r: Rng, usedIds: Set<string>, communityId: string, gridId: string, estateId: string | null, estateName: string): TPersonCreate {
  const gender = r.chance(0.51) ? "M" : "F";
  const roll = r.next();
  const kind = roll < 0.34 ? "registered" : roll < 0.985 ? "migrant" : "foreign";
  const age = r.chance(0.14) ? [60, 92] : r.chance(0.2) ? [1, 17] : [18, 59];
  const birth = birthDate(r, age[0], age[1]);
  const tags: (typeof PERSON_TAGS)[number][] = [];
  if (age[0] >= 60) tags.push("老年人");
  if (age[0] >= 60 && r.chance(0.12)) tags.push("独居老人");
  if (r.chance(0.015)) tags.push("残疾人");
  if (r.chance(0.01)) tags.push("低保");
  if (age[1] <= 17 && r.chance(0.02)) tags.push("困境儿童");
  if (age[0] >= 18 && r.chance(0.04)) tags.push("党员");
  if (age[0] >= 18 && r.chance(0.05)) tags.push("志愿者");
  let id = "";
  do id = kind === "foreign" ? `E${String(r.int(10_000_000, 99_999_999))}` : idNumber(r, birth, gender, kind === "registered");
  while (usedIds.has(id));
  usedIds.add(id);
  const building = r.int(1, 40);
  return {
    communityId,
    gridId,
    estateId,
    name: kind === "foreign" ? r.pick(["John Smith", "Maria Garcia", "Kim Minjun", "Tanaka Yui", "Nguyen Van An", "Anna Müller"]) : personName(r),
    gender,
    birthDate: birth,
    idNumber: id,
    phone: age[0] >= 18 || r.chance(0.3) ? phone(r) : null,
    address: `龙华区福城街道${estateName}${building}栋${r.int(1, 12)}0${r.int(1, 8)}室`,
    kind,
    tags,
  };
}
