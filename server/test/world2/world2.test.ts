import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/world.js";
import { fixedClock } from "../../platform/clock.js";
import { zonedInstant } from "../../platform/dates.js";
import type { MadeCommunity } from "../factories.js";
import { type Agent, TEST_DB, type TestEnv, testEnv } from "../helpers.js";
import { BUILDERS } from "./index.js";
import { type Expectation, type MadeRecords, READ_AT, W2_USERS, type World2 } from "./types.js";

// The second-community test (issue 15): on an empty database (the factories' world, whose 福城街道
// holds none of this test's records), a new subdistrict with two new communities, their accounts,
// then every module's builder (server/test/world2/index.ts) makes its records through the API and
// the imports, in three years, and says what each of its figures must be. The test reads every
// expectation back through GET /api/figures as its viewer and fails with one table of all the
// mismatches; and it fails when a registered figure has no expectation (a figure added later must
// come with one).

type Mismatch = { key: string; period: string; viewer: string; region: string; expected: string; got: string; builder: string };
type Figure = { key: string; value: number; unit: string; scopeLevel: "grid" | "community" };

const START = "2023-01-01T09:00:00";

/**
 * The builders run in two worlds of the same shape, each on its own empty database: the records one
 * module makes in another's figures (a patrol's hazards, a portal question's appeal, a night patrol's
 * hazards) would otherwise have to be modelled by the other module's builder too. Within a world every
 * builder's expectations must still hold beside the other builders' records. Platform builders run in
 * both (they expect what every builder of their world registered).
 */
const WORLDS: string[][] = [
  ["appeals", "party", "safety"],
  ["patrol", "activities", "volunteers", "care", "massorgs", "projects", "portal"],
];
type Built = { env: TestEnv; w: World2; expectations: Array<Expectation & { builder: string }>; buildErrors: string[] };
const worlds: Built[] = [];
const expectations: Array<Expectation & { builder: string }> = [];
const buildErrors: string[] = [];

const fmt = (v: unknown) => (typeof v === "number" ? String(Math.round(v * 10000) / 10000) : String(v));

/** Wraps the factories so that what builders make is on w.made (the platform's figures are expected from it). */
function recordFactories(e: TestEnv, made: MadeRecords) {
  const f = e.factories;
  const now = () => e.app.deps.clock.now().toISOString();
  const makePerson = f.makePerson;
  f.makePerson = (async (community, grid, o) => {
    const p = await makePerson(community, grid, o);
    made.people.push({ id: p.id, communityId: p.communityId, gridId: p.gridId ?? null, kind: p.kind, name: p.name, at: now() });
    return p;
  }) as typeof f.makePerson;
  const makePeople = f.makePeople;
  f.makePeople = (async (n, community, grid, each) => {
    const ps = await makePeople(n, community, grid, each);
    for (const p of ps) made.people.push({ id: p.id, communityId: p.communityId, gridId: p.gridId ?? null, kind: p.kind, name: p.name, at: now() });
    return ps;
  }) as typeof f.makePeople;
  const makeOrg = f.makeOrg;
  f.makeOrg = (async (community, o) => {
    const org = await makeOrg(community, o);
    made.orgs.push({ id: org.id, communityId: org.communityId, gridId: org.gridId ?? null, kind: org.kind, foundedOn: org.foundedOn ?? null, name: org.name });
    return org;
  }) as typeof f.makeOrg;
  const makeUser = f.makeUser;
  f.makeUser = (async (role, scope, o) => {
    const u = await makeUser(role, scope, o);
    made.users.push({ id: u.id, username: u.username, role: u.role, scopeRegionId: u.scopeRegionId, at: now() });
    return u;
  }) as typeof f.makeUser;
}

async function buildWorld(modules: string[]): Promise<Built> {
  const clock = fixedClock(new Date().toISOString());
  const agents = new Map<string, { agent: Promise<Agent>; at: number }>();
  const expectations: Built["expectations"] = [];
  const buildErrors: string[] = [];
  const env = await testEnv({ clock, people: 0 });
  const tz = env.app.deps.config.timeZone;
  const setNow = (localIso: string) => {
    const [d, t = "09:00:00"] = localIso.split("T");
    clock.set(zonedInstant(d, t.slice(0, 8), tz).toISOString());
  };
  setNow(START);
  const made: MadeRecords = { people: [], orgs: [], users: [] };
  recordFactories(env, made);
  const f = env.factories;
  const sub = await f.makeRegion({ parentId: env.world.districtId, level: "subdistrict", name: "观湖街道", code: "440309010" });
  const c0: MadeCommunity = await f.makeCommunity({
    parentId: sub.id,
    name: "松元厦社区",
    code: "440309010001",
    gridNames: ["松元第1网格", "松元第2网格", "松元第3网格"],
    layout: { col: 0, row: 4, cols: 3 },
  });
  const c1: MadeCommunity = await f.makeCommunity({
    parentId: sub.id,
    name: "樟坑径社区",
    code: "440309010002",
    gridNames: ["樟坑径第1网格", "樟坑径第2网格"],
    layout: { col: 3, row: 4, cols: 2 },
  });
  await f.makeUser("leader", c0.id, { username: W2_USERS.leaders[0], displayName: "松元厦社区书记" });
  await f.makeUser("leader", c1.id, { username: W2_USERS.leaders[1], displayName: "樟坑径社区书记" });
  await f.makeUser("supervisor", sub.id, { username: W2_USERS.supervisor, displayName: "观湖街道督导" });
  await f.makeUser("grid", c0.grids[0].id, { username: W2_USERS.grid, displayName: "松元第1网格网格员" });
  await f.makeUser("staff", c0.id, { username: W2_USERS.staff, displayName: "松元厦社区工作人员" });
  await f.makeUser("mediator", c0.id, { username: W2_USERS.mediator, displayName: "松元厦人民调解员" });
  await f.makeUser("patrol", c0.id, { username: W2_USERS.patrol, displayName: "松元厦巡查员" });

  let logins = 0;
  // Sessions expire when the clock moves on: an agent is signed in again once the test's clock has
  // moved more than a few minutes from its sign-in (either way). Each sign-in comes from its own
  // address (logins are rate-limited per address).
  const as = (username: string) => {
    const now = clock.now().getTime();
    const cached = agents.get(username);
    if (cached && Math.abs(now - cached.at) < 5 * 60_000) return cached.agent;
    const n = ++logins;
    const agent = env.login(username, DEMO_PASSWORD, `10.${20 + Math.floor(n / 62500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`);
    agents.set(username, { agent, at: now });
    return agent;
  };
  const w: World2 = { env, communities: [c0, c1], subdistrict: { id: sub.id, name: sub.name, path: sub.path }, as, setNow, made, timeZone: tz };

  // Builders of the platform's registers last: they expect what every other builder registered.
  const order = [...BUILDERS.filter((b) => modules.includes(b.module)), ...BUILDERS.filter((b) => b.module === "platform")];
  for (const b of order) {
    setNow(START);
    const t0 = Date.now();
    try {
      for (const e of await b.build(w)) expectations.push({ ...e, builder: b.module });
    } catch (e) {
      buildErrors.push(`${b.module}: ${(e as Error).stack ?? e}`);
    }
    if (process.env.WORLD2_TIMES) console.log(`world2 builder ${b.module}: ${Date.now() - t0} ms`);
  }
  setNow(READ_AT);
  // WORLD2_DUMP=<key prefix> prints those expectations (to look at what a builder expects).
  const dump = process.env.WORLD2_DUMP;
  if (dump) for (const e of expectations.filter((x) => x.key.startsWith(dump))) console.log(JSON.stringify(e));
  return { env, w, expectations, buildErrors };
}

beforeAll(async () => {
  const unplaced = BUILDERS.filter((b) => b.module !== "platform" && !WORLDS.flat().includes(b.module)).map((b) => b.module);
  if (unplaced.length) buildErrors.push(`builders in no world (add them to WORLDS): ${unplaced.join(", ")}`);
  for (const modules of WORLDS) {
    const built = await buildWorld(modules);
    worlds.push(built);
    for (const e of built.expectations) expectations.push(e);
    for (const e of built.buildErrors) buildErrors.push(e);
  }
}, 900_000);

afterAll(async () => {
  for (const b of worlds) await b.env.close();
});

describe(`the second community (${TEST_DB})`, () => {
  it("every builder builds", () => {
    expect(buildErrors, buildErrors.join("\n\n")).toEqual([]);
  });

  it("every figure is what the records say, for every period and viewer", async () => {
    const bad: Mismatch[] = [];
    for (const { w, env, expectations } of worlds) {
      const supervisor = await w.as(W2_USERS.supervisor);
      const registered = (await supervisor.get("/api/figures?from=2024-01-01&to=2024-12-31")).json().items as Figure[];
      const level = new Map(registered.map((f) => [f.key, f.scopeLevel]));
      for (const e of expectations) {
        const period = `${e.from}…${e.to}`;
        const row = { key: e.key, period, viewer: e.viewer, region: e.region ?? "", builder: e.builder };
        const wrong = (expected: string, got: string) => bad.push({ ...row, expected, got });
        if (!level.has(e.key)) {
          wrong(fmt(e.value), "no such figure");
          continue;
        }
        const agent = await w.as(e.viewer);
        const role = w.made?.users.find((u) => u.username === e.viewer)?.role ?? env.world.accounts.find((a) => a.username === e.viewer)?.role;
        if (role === "grid" && level.get(e.key) !== "grid") {
          wrong(fmt(e.value), `a community figure asked of a grid worker`);
          continue;
        }
        const qs = `from=${e.from}&to=${e.to}${e.region ? `&region=${e.region}` : ""}`;
        const res = await agent.get(`/api/figures/${e.key}?${qs}`);
        if (res.statusCode !== 200) {
          wrong(fmt(e.value), `HTTP ${res.statusCode} ${res.body.slice(0, 80)}`);
          continue;
        }
        const tol = e.tolerance ?? 1e-4;
        const got = Number(res.json().value);
        if (Math.abs(got - e.value) > tol) wrong(fmt(e.value), fmt(got));
        if (e.groups) {
          const g = await agent.get(`/api/figures/${e.key}/groups?${qs}&by=${e.groups.by}`);
          if (g.statusCode !== 200) {
            wrong(`by ${e.groups.by}`, `HTTP ${g.statusCode} ${g.body.slice(0, 80)}`);
            continue;
          }
          const items = g.json().items as Array<{ key: string; value: number }>;
          const gotBy = new Map(items.map((i) => [i.key, Number(i.value)]));
          for (const k of new Set([...Object.keys(e.groups.values), ...gotBy.keys()])) {
            const want = e.groups.values[k] ?? 0;
            const have = gotBy.get(k) ?? 0;
            if (Math.abs(want - have) > tol)
              bad.push({ ...row, key: `${e.key} [${e.groups.by}=${k}]`, expected: fmt(want), got: gotBy.has(k) ? fmt(have) : "(no group)" });
          }
        }
      }
    }
    const cols: Array<keyof Mismatch> = ["key", "period", "viewer", "region", "expected", "got", "builder"];
    const width = (c: keyof Mismatch) => Math.max(c.length, ...bad.map((b) => b[c].length));
    const line = (r: Record<string, string>) => cols.map((c) => r[c].padEnd(width(c))).join(" │ ");
    const table = [line(Object.fromEntries(cols.map((c) => [c, c]))), ...bad.map(line)].join("\n");
    expect(bad.length, `${bad.length} of ${expectations.length} expectations wrong:\n${table}`).toBe(0);
    // Some 2,000 figure requests one after another: well over vitest's default minute on a busy machine.
  }, 600_000);

  it("every registered figure has an expectation, and one where it is not zero", async () => {
    const supervisor = await worlds[0].w.as(W2_USERS.supervisor);
    const keys = ((await supervisor.get("/api/figures?from=2024-01-01&to=2024-12-31")).json().items as Figure[]).map((f) => f.key);
    const none = keys.filter((k) => !expectations.some((e) => e.key === k));
    expect(
      none,
      `figures with no expectation in the second-community test (add them to their module's builder in server/test/world2/): ${none.join(", ")}`,
    ).toEqual([]);
    const onlyZero = keys.filter((k) => expectations.some((e) => e.key === k) && !expectations.some((e) => e.key === k && e.value !== 0));
    expect(onlyZero, `figures expected only as zero (their records prove nothing): ${onlyZero.join(", ")}`).toEqual([]);
  });

  it("each module is checked over a year, a month and for the leader, the supervisor and (grid figures) the grid worker", async () => {
    const supervisor = await worlds[0].w.as(W2_USERS.supervisor);
    const level = new Map(((await supervisor.get("/api/figures")).json().items as Figure[]).map((f) => [f.key, f.scopeLevel]));
    const gaps: string[] = [];
    for (const m of new Set(expectations.map((e) => e.builder))) {
      const es = expectations.filter((e) => e.builder === m);
      const year = es.some((e) => e.from.endsWith("-01-01") && e.to === `${e.from.slice(0, 4)}-12-31`);
      const month = es.some((e) => e.from.slice(0, 7) === e.to.slice(0, 7) && e.from.endsWith("-01") && Number(e.to.slice(8)) >= 28);
      if (!year) gaps.push(`${m}: no full-year period`);
      if (!month) gaps.push(`${m}: no one-month period`);
      if (!es.some((e) => (W2_USERS.leaders as readonly string[]).includes(e.viewer))) gaps.push(`${m}: no leader viewer`);
      if (!es.some((e) => e.viewer === W2_USERS.supervisor)) gaps.push(`${m}: no supervisor viewer`);
      if (es.some((e) => level.get(e.key) === "grid") && !es.some((e) => e.viewer === W2_USERS.grid)) gaps.push(`${m}: grid figures, no grid-worker viewer`);
    }
    expect(gaps, gaps.join("\n")).toEqual([]);
  });
});
