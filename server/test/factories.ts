import type { Kysely } from "kysely";
import {
  type PERSON_TAGS,
  type TOrg,
  type TOrgCreate,
  type TPersonCreate,
  type TRegion,
  type TRegionCreate,
  type TUser,
  ZOrgCreate,
  ZPersonCreate,
  ZRegionCreate,
  ZUserCreate,
} from "../../contracts/platform.js";
import type { Role } from "../../contracts/roles.js";
import type { DB } from "../db/types.js";
import { birthDate, idNumber, personName, phone, type Rng, rng } from "../demo/random.js";
import { DEMO_PASSWORD, type DemoWorld, SYSTEM } from "../demo/world.js";
import { createAccountsService } from "../platform/accounts/accounts.service.js";
import { setTwoFactorEnforced } from "../platform/auth/two-factor.js";
import { localDate } from "../platform/dates.js";
import type { Deps } from "../platform/http.js";
import { createOrganisationsService } from "../platform/organisations/organisations.service.js";
import { createPeopleService } from "../platform/people/people.service.js";
import { createRegionsService } from "../platform/regions/regions.service.js";
import type { Who } from "../platform/who.js";

// Records for tests, made through the platform's services after the same zod parse a route applies,
// so every record passes the validation and leaves the audit trail one entered on a page would.
// Nothing here writes a table directly. Deterministic: a fixed seed draws the same names, ID
// numbers and phones on every run.

/** 福民社区's corner (about 114.06 E, 22.68 N) and the size of one grid cell, as the demo draws them. */
export const ORIGIN = { lng: 114.046, lat: 22.672 };
export const CELL = { lng: 0.0065, lat: 0.0055 };

/** Where a community's grids lie: cells of CELL from ORIGIN, `cols` to a row, starting at cell (col, row). */
export type Layout = { col: number; row: number; cols: number };

function cell(col: number, row: number) {
  const x0 = ORIGIN.lng + col * CELL.lng;
  const y0 = ORIGIN.lat + row * CELL.lat;
  return { ring: rect(x0, y0, x0 + CELL.lng, y0 + CELL.lat), lng: x0 + CELL.lng / 2, lat: y0 + CELL.lat / 2 };
}
const rect = (x0: number, y0: number, x1: number, y1: number) =>
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))]);

export type MadeGrid = { id: string; name: string; code: string; path: string; lng: number; lat: number };
export type MadeCommunity = {
  id: string;
  name: string;
  code: string | null;
  path: string;
  grids: MadeGrid[];
  /** Estate name → id, one per grid when asked for (estate i lies in grid i). */
  estates: Record<string, string>;
};
type Ref = string | { id: string };
const idOf = (r: Ref) => (typeof r === "string" ? r : r.id);

export type Factories = ReturnType<typeof factories>;

/** The factories over one app's deps; `env.factories` in a test env. */
export function factories(deps: Deps, opts: { seed?: number } = {}) {
  const tz = deps.config.timeZone;
  const regions = createRegionsService(deps);
  const orgs = createOrganisationsService({ ...deps, timeZone: tz });
  const people = createPeopleService({ ...deps, timeZone: tz });
  const accounts = createAccountsService(deps);
  const r: Rng = rng(opts.seed ?? 20240101);
  // ID numbers drawn so far: two residents of one community may not share one.
  const usedIds = new Set<string>();
  let users = 0;

  /** A region of any level, as the regions page creates it (the system acting, so any parent will do). */
  async function makeRegion(input: TRegionCreate, who: Who = SYSTEM): Promise<TRegion> {
    return regions.create(who, ZRegionCreate.parse(input));
  }

  /**
   * A community under a subdistrict with `grids` grids (named 第1网格 … unless `gridNames` says
   * otherwise; codes are the community's code + 2 digits), each drawn as a cell of the map so that
   * grid-by-location finds it, and optionally one estate per grid.
   */
  async function makeCommunity(o: {
    parentId: string;
    name: string;
    code?: string | null;
    grids?: number;
    gridNames?: string[];
    estates?: string[];
    layout?: Layout;
    /** The community's own outline (the box round its grids); on by default. */
    boundary?: boolean;
  }): Promise<MadeCommunity> {
    const n = o.gridNames?.length ?? o.grids ?? 0;
    const layout = o.layout ?? { col: 0, row: 0, cols: 4 };
    const cells = Array.from({ length: n }, (_, i) => cell(layout.col + (i % layout.cols), layout.row + Math.floor(i / layout.cols)));
    const rows = Math.ceil(n / layout.cols);
    const box =
      n > 0 && o.boundary !== false
        ? {
            type: "Polygon" as const,
            coordinates: [
              rect(
                ORIGIN.lng + layout.col * CELL.lng,
                ORIGIN.lat + layout.row * CELL.lat,
                ORIGIN.lng + (layout.col + Math.min(n, layout.cols)) * CELL.lng,
                ORIGIN.lat + (layout.row + rows) * CELL.lat,
              ),
            ],
          }
        : null;
    const c = await makeRegion({ parentId: o.parentId, level: "community", name: o.name, code: o.code ?? null, boundary: box });
    const grids: MadeGrid[] = [];
    const estates: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const code = c.code ? `${c.code}${String(i + 1).padStart(2, "0")}` : null;
      const { ring, lng, lat } = cells[i];
      const g = await makeRegion({
        parentId: c.id,
        level: "grid",
        name: o.gridNames?.[i] ?? `第${i + 1}网格`,
        code,
        sort: i + 1,
        boundary: { type: "Polygon", coordinates: [ring] },
        lng,
        lat,
      });
      grids.push({ id: g.id, name: g.name, code: g.code ?? "", path: g.path, lng, lat });
      const estate = o.estates?.[i];
      if (estate) estates[estate] = (await makeRegion({ parentId: g.id, level: "estate", name: estate, lng, lat })).id;
    }
    return { id: c.id, name: c.name, code: c.code, path: c.path, grids, estates };
  }

  /** An account holding `role` over the region `scopeRegionId` (the system creates it, so the three administrators too). */
  async function makeUser(
    role: Role,
    scopeRegionId: string,
    o: { username?: string; displayName?: string; password?: string; phone?: string | null } = {},
  ): Promise<TUser & { password: string }> {
    const password = o.password ?? DEMO_PASSWORD;
    const username = o.username ?? `${role}${++users}`;
    const input = ZUserCreate.parse({
      username,
      displayName: o.displayName ?? username,
      role,
      scopeRegionId,
      password,
      phone: o.phone === undefined ? phone(r) : o.phone,
    });
    return { ...(await accounts.create(SYSTEM, input)), password };
  }

  /**
   * What makePerson would register (not yet stored): a resident with a well-formed ID number
   * (GB 11643 check digit; registered residents get Longhua's area code, foreign ones a passport
   * number), a phone for adults, an address down to the room.
   */
  function personInput(community: Ref, grid: Ref | null, o: PersonOpts = {}): TPersonCreate {
    const kind = o.kind ?? "migrant";
    const gender = o.gender ?? (r.chance(0.51) ? "M" : "F");
    const [minAge, maxAge] = o.age ?? [18, 59];
    const birth = o.birthDate ?? birthDate(r, minAge, maxAge, Number(localDate(deps.clock.now(), tz).slice(0, 4)));
    let id = o.idNumber;
    if (id === undefined) {
      do id = kind === "foreign" ? `E${String(r.int(10_000_000, 99_999_999))}` : idNumber(r, birth, gender, kind === "registered");
      while (usedIds.has(id));
    }
    if (id) usedIds.add(id);
    const tags: (typeof PERSON_TAGS)[number][] = o.tags ?? (minAge >= 60 ? ["老年人"] : []);
    return ZPersonCreate.parse({
      communityId: idOf(community),
      gridId: grid ? idOf(grid) : null,
      estateId: o.estateId ?? null,
      name: o.name ?? (kind === "foreign" ? r.pick(["John Smith", "Maria Garcia", "Kim Minjun", "Tanaka Yui", "Anna Müller"]) : personName(r)),
      gender,
      birthDate: birth,
      idNumber: id,
      phone: o.phone !== undefined ? o.phone : minAge >= 18 || r.chance(0.3) ? phone(r) : null,
      address: o.address ?? `龙华区福城街道${o.place ?? ""}${r.int(1, 40)}栋${r.int(1, 12)}0${r.int(1, 8)}室`,
      kind,
      tags,
      note: o.note ?? null,
    });
  }

  /** One resident of `community` (in `grid`, or none), registered by the system or by `o.who`. */
  async function makePerson(community: Ref, grid: Ref | null, o: PersonOpts & { who?: Who; exec?: Kysely<DB> } = {}) {
    const input = personInput(community, grid, o);
    const id = await people.create(o.who ?? SYSTEM, input, o.exec);
    return { id, ...input };
  }

  /** `n` residents of one grid in one transaction (as a bulk registration would); `each(k)` varies them. */
  async function makePeople(n: number, community: Ref, grid: Ref | null, each: (k: number) => PersonOpts = () => ({})) {
    return deps.db.transaction().execute(async (trx) => {
      const made: Array<TPersonCreate & { id: string }> = [];
      for (let k = 0; k < n; k++) made.push(await makePerson(community, grid, { ...each(k), exec: trx }));
      return made;
    });
  }

  /** An organisation of `community`, as the register page creates it. */
  async function makeOrg(community: Ref, o: Omit<TOrgCreate, "communityId"> & { who?: Who }): Promise<TOrg> {
    const { who, ...rest } = o;
    return orgs.create(who ?? SYSTEM, ZOrgCreate.parse({ ...rest, communityId: idOf(community) }));
  }

  return { makeRegion, makeCommunity, makeUser, makePerson, makePeople, personInput, makeOrg, rng: r };
}

export type PersonOpts = Partial<Omit<TPersonCreate, "communityId" | "gridId">> & {
  /** Age range drawn from (years, at the clock's year); 18–59 unless given. */
  age?: [number, number];
  /** The estate or village named in the address. */
  place?: string;
};

/** The estates of 福民社区's twelve grids, one per grid, as the demo names them. */
export const WORLD_ESTATES = ["狮径", "福悦花园", "丹坑", "富康", "悦兴二", "鸿发", "阳基御龙山", "新围", "福民新村", "景华苑", "观澜雅居", "凤凰岭"];

/**
 * The organisations makeWorld registers in 福民社区: the ones module tests name (the community
 * party committee as an assisting organisation, the police office hosting a patrol team, a property
 * company to dispatch to), and a school in 第1网格 so that a grid's register is not empty. Tests that
 * count organisations of a kind make their own.
 */
export const WORLD_ORGS: Array<Omit<TOrgCreate, "communityId" | "gridId"> & { grid?: number }> = [
  { name: "中共福民社区委员会", kind: "党组织", shortName: "福民社区党委", foundedOn: "2005-06-18" },
  { name: "福城派出所福民警务室", kind: "共建单位" },
  { name: "福民社区股份公司安保队", kind: "企业" },
  { name: "福悦物业服务有限公司", kind: "物业公司" },
  { name: "深圳市龙华区行知学校", kind: "学校", grid: 0, address: "龙华区福城街道狮径路" },
];

/** What makeWorld builds by default, for tests that work out what they expect from it. */
export const WORLD = { grids: WORLD_ESTATES.length, neighbourGrids: 2, people: 240, neighbourPeople: 80 } as const;

/**
 * The world module and platform tests stand on, in the shape of the demo's (`DemoWorld`) with its
 * names and accounts, but none of its history: 龙华区 > 福城街道 > 福民社区 (12 grids on the demo's
 * map, one estate each) and its neighbour 桔塘社区 (2 grids); WORLD_ORGS; `people` residents spread
 * evenly over 福民社区's grids (a fixed mix: a third registered, one in twenty foreign, the rest
 * migrant; one in seven over 60) and `neighbourPeople` in 桔塘; the demo's 25 accounts, each with
 * DEMO_PASSWORD.
 */
export async function makeWorld(
  deps: Deps,
  opts: { people?: number; neighbourPeople?: number; seed?: number; factories?: Factories } = {},
): Promise<DemoWorld> {
  // The caller's factories, when given, so that what a test makes later draws no ID number twice.
  const f = opts.factories ?? factories(deps, { seed: opts.seed });
  const district = await f.makeRegion({ parentId: null, level: "district", name: "龙华区", code: "440309" });
  const subdistrict = await f.makeRegion({ parentId: district.id, level: "subdistrict", name: "福城街道", code: "440309008" });
  const fumin = await f.makeCommunity({ parentId: subdistrict.id, name: "福民社区", code: "440309008003", grids: WORLD.grids, estates: WORLD_ESTATES });
  const neighbour = await f.makeCommunity({
    parentId: subdistrict.id,
    name: "桔塘社区",
    code: "440309008004",
    gridNames: Array.from({ length: WORLD.neighbourGrids }, (_, i) => `桔塘第${i + 1}网格`),
    layout: { col: 4, row: 0, cols: 1 },
    boundary: false,
  });

  const orgIds: Record<string, string> = {};
  for (const { grid, ...o } of WORLD_ORGS) orgIds[o.name] = (await f.makeOrg(fumin, { ...o, gridId: grid === undefined ? null : fumin.grids[grid].id })).id;

  const mix = (k: number): PersonOpts => ({
    kind: k % 20 === 19 ? "foreign" : k % 3 === 0 ? "registered" : "migrant",
    age: k % 7 === 3 ? [60, 92] : k % 5 === 4 ? [1, 17] : [18, 59],
  });
  const total = opts.people ?? WORLD.people;
  const estateNames = Object.keys(fumin.estates);
  for (const [gi, g] of fumin.grids.entries()) {
    // Spread evenly; the first grids take one more when the total does not divide.
    const n = Math.floor(total / fumin.grids.length) + (gi < total % fumin.grids.length ? 1 : 0);
    const place = estateNames[gi];
    await f.makePeople(n, fumin, g, (k) => ({ ...mix(k), estateId: fumin.estates[place], place }));
  }
  const nNeighbour = opts.neighbourPeople ?? WORLD.neighbourPeople;
  for (const [gi, g] of neighbour.grids.entries()) {
    const n = Math.floor(nNeighbour / neighbour.grids.length) + (gi < nNeighbour % neighbour.grids.length ? 1 : 0);
    await f.makePeople(n, neighbour, g, (k) => ({ ...mix(k), place: "桔塘" }));
  }

  const accounts: DemoWorld["accounts"] = [];
  const add = async (username: string, displayName: string, role: Role, scope: { id: string }, scopeName: string) => {
    await f.makeUser(role, scope.id, { username, displayName });
    accounts.push({ username, role, scope: scopeName });
  };
  await add("admin", "系统管理员", "sysadmin", district, "龙华区");
  await add("secadmin", "安全管理员", "secadmin", district, "龙华区");
  await add("auditor", "审计员", "auditor", district, "龙华区");
  await add("supervisor", "福城街道督导", "supervisor", subdistrict, "福城街道");
  await add("leader", "福民社区书记", "leader", fumin, "福民社区");
  await add("staff", "社区工作人员", "staff", fumin, "福民社区");
  for (const [i, g] of fumin.grids.entries()) await add(`grid${String(i + 1).padStart(2, "0")}`, `${g.name}网格员`, "grid", g, `福民社区/${g.name}`);
  for (let i = 1; i <= 3; i++) await add(`patrol0${i}`, `巡查员${i}`, "patrol", fumin, "福民社区");
  await add("mediator", "人民调解员", "mediator", fumin, "福民社区");
  for (let i = 1; i <= 3; i++) await add(`volunteer0${i}`, `志愿者${i}`, "volunteer", fumin, "福民社区");
  // As in the demo: two-factor sign-in not enforced, so tests sign in as every role with a password.
  await setTwoFactorEnforced(deps, false, { id: null, name: "system" });

  return {
    districtId: district.id,
    subdistrictId: subdistrict.id,
    communityId: fumin.id,
    neighbourCommunityId: neighbour.id,
    grids: fumin.grids.map(({ id, name, code }) => ({ id, name, code })),
    estates: fumin.estates,
    orgs: orgIds,
    accounts,
  };
}
