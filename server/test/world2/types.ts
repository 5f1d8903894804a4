import type { MadeCommunity } from "../factories.js";
import type { Agent, TestEnv } from "../helpers.js";

// The second-community test (issue 15): an empty database, two communities that are not the demo's,
// records in three years built only through the API and the imports. Each module contributes one
// builder (server/test/world2/<module>.ts) that makes its records and returns what every one of its
// figures must say, computed from the builder's own record list — never from the product's answers.
// server/test/world2/world2.test.ts runs every builder, compares each expectation with
// GET /api/figures/<key> (and /groups for breakdowns), and fails when a registered figure has none.

/** The years the records fall in (the test's clock moves through them). */
export const YEARS = [2023, 2024, 2025] as const;

export type World2 = {
  env: TestEnv;
  /** Two communities of one subdistrict, each with grids; neither is the demo community. */
  communities: [MadeCommunity, MadeCommunity];
  /** The subdistrict holding both. */
  subdistrict: { id: string; name: string; path: string };
  /** Signed-in agents by role: a leader per community, the subdistrict supervisor, a grid worker of community 0's first grid, and the module admins. */
  as: (username: string) => Promise<Agent>;
  /** Moves the test's clock (every record made after this call carries this time). ISO local time in the deployment's zone. */
  setNow: (localIso: string) => void;
  /**
   * What the builders made through env.factories so far (the runner wraps makePerson, makePeople,
   * makeOrg and makeUser): figures over the platform's registers (people, organisations, accounts)
   * are expected from these lists, so a builder that registers residents for its own records should
   * make them with env.factories. Builders of module "platform" run last, when the lists are whole.
   */
  made?: MadeRecords;
  /** The zone the deployment runs in (Asia/Shanghai). */
  timeZone?: string;
};

export type Expectation = {
  key: string;
  /** Period, inclusive local dates. */
  from: string;
  to: string;
  /** Username of the viewer whose scope applies (leader of a community, supervisor, grid worker). */
  viewer: string;
  /** Region asked for; defaults to the viewer's scope. */
  region?: string;
  /** The value the figure must have (ratios as fractions, money in yuan as the figure reports). */
  value: number;
  /** Optional breakdown: dimension → group key → value (for ratio figures, the ratio per group). */
  groups?: { by: string; values: Record<string, number> };
  /** Precision for non-integer values (default 1e-4). */
  tolerance?: number;
};

export type Builder = {
  /** The module whose figures this builder covers (figure keys start with its prefix(es)). */
  module: string;
  build: (w: World2) => Promise<Expectation[]>;
};

/**
 * The accounts the runner makes (password DEMO_PASSWORD): a leader per community (leaders[i] leads
 * communities[i]), the supervisor of the subdistrict, a grid worker of community 0's first grid, and
 * staff, a mediator and a patrol officer of community 0. `w.as(name)` signs any of them in.
 */
export const W2_USERS = {
  leaders: ["w2leader0", "w2leader1"],
  supervisor: "w2supervisor",
  grid: "w2grid",
  staff: "w2staff0",
  mediator: "w2mediator0",
  patrol: "w2patrol0",
} as const;

/**
 * When the figures are read: the runner sets the clock here after every builder has run, so a
 * figure that counts "today" (overdue, still open) is read on this day. Local time in the zone.
 */
export const READ_AT = "2026-01-20T10:00:00";

/** Who made a record through the factories during the build (the runner records each; see World2.made). */
export type MadeRecords = {
  /** Residents made with env.factories.makePerson / makePeople, with the community and grid they were put in. */
  people: Array<{ id: string; communityId: string; gridId: string | null; kind: string; name: string }>;
  /** Organisations made with env.factories.makeOrg. */
  orgs: Array<{ id: string; communityId: string; gridId: string | null; kind: string; foundedOn: string | null; name: string }>;
  /** Accounts made with env.factories.makeUser (the runner's own included). */
  users: Array<{ id: string; username: string; role: string; scopeRegionId: string }>;
};
