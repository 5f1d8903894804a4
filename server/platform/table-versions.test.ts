import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureTables, foldEndedWriters, readTableVersions } from "../db/table-versions.js";
import type { DB } from "../db/types.js";
import { PG_URL, TEST_DB, type TestEnv, testEnv } from "../test/helpers.js";
import type { FigureValues } from "./figure-values.js";
import type { FigureDef, FigureQuery } from "./figures.js";
import { type Scope, scopeOf } from "./scope.js";

let env: TestEnv;
let db: Kysely<DB>;
let fv: FigureValues;
let scope: Scope;

const q = (): FigureQuery => ({ scope, from: "2000-01-01", to: "2100-12-31", filters: {} });
const msg = { zh: "测试", en: "test" };
/** A figure for these tests: its value is what `value` answers (over the tables it queries). */
const figure = (key: string, value: FigureDef["value"]): FigureDef => ({
  key,
  module: "test",
  unit: "count",
  label: msg,
  definition: msg,
  value,
  records: async () => ({ columns: [], rows: [], total: 0 }),
});
const countOf = async (d: Kysely<DB>, table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(d)).rows[0]?.n);

const orgs = figure("test.orgs", (d) => countOf(d, "organisations"));
const people = figure("test.people", (d) => countOf(d, "people"));
/** Computes how many of the figures' values were computed by `fn`. */
const computing = async (fn: () => Promise<unknown>) => {
  const before = fv.computed();
  await fn();
  return fv.computed() - before;
};
/** A write no service audits: one resident's name set to itself (every row-level trigger fires). */
const touchPeople = async () => {
  const p = await db.selectFrom("people").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
  await db.updateTable("people").set({ name: sql`name` }).where("id", "=", p.id).execute();
};

beforeAll(async () => {
  env = await testEnv({ people: 20 });
  db = env.app.deps.db;
  fv = env.app.deps.figureValues;
  scope = (await scopeOf(db, env.world.communityId)) as Scope;
});
afterAll(() => env.close());

describe("table versions", () => {
  it("every application table has a version; a write moves only its tables', audited or not", async () => {
    const v0 = await readTableVersions(db);
    for (const t of ["people", "organisations", "regions", "patrol_checkins", "appeals", "act_central_credits"]) expect(v0.tables.has(t), t).toBe(true);
    for (const t of ["sessions", "audit_log", "table_versions"]) expect(v0.tables.has(t), t).toBe(false);
    await touchPeople();
    const v1 = await readTableVersions(db);
    expect(v1.tables.get("people")).toBeGreaterThan(v0.tables.get("people") as number);
    expect(v1.tables.get("organisations")).toBe(v0.tables.get("organisations"));
    expect(v1.total).toBeGreaterThan(v0.total);
    await env.factories.makeOrg(env.world.communityId, { name: "版本测试妇联", kind: "网格妇联" });
    const v2 = await readTableVersions(db);
    expect(v2.tables.get("organisations")).toBeGreaterThan(v1.tables.get("organisations") as number);
    expect(v2.tables.get("people")).toBe(v1.tables.get("people"));
  });

  it("a rolled-back write leaves the versions as they were", async () => {
    const v0 = await readTableVersions(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable("people").set({ name: sql`name` }).execute();
        throw new Error("undone");
      }),
    ).rejects.toThrow("undone");
    expect((await readTableVersions(db)).tables.get("people")).toBe(v0.tables.get("people"));
  });

  it("a capture names the tables a computation's queries read, through closures and other modules' api", async () => {
    const { tables } = await captureTables(async () => {
      await countOf(db, "people");
      await new Promise((r) => setTimeout(r, 5));
      return scopeOf(db, env.world.neighbourCommunityId);
    });
    expect(tables).toEqual(["people", "regions"]);
    // Patrol's figure of hazards opened from check-ins asks safety's api for the hazards.
    const hazards = env.app.deps.figures.get("patrol.hazards_opened") as FigureDef;
    const read = await captureTables(() => hazards.value(db, q()));
    expect(read.tables).toContain("safety_hazards");
    // None read, or one without versions: not knowable.
    expect((await captureTables(async () => 1)).tables).toBeNull();
    expect((await captureTables(() => countOf(db, "audit_log"))).tables).toBeNull();
  });
});

describe("figure values kept per version of the tables they read", () => {
  it("a write to one table leaves a figure over another kept and makes one over it recompute", async () => {
    const at = await fv.version();
    expect(await computing(() => Promise.all([fv.value(orgs, q(), at), fv.value(people, q(), at)]))).toBe(2);
    expect(await computing(() => Promise.all([fv.value(orgs, q()), fv.value(people, q())]))).toBe(0);
    const before = await fv.value(orgs, q());
    await env.factories.makeOrg(env.world.communityId, { name: "第二个版本测试妇联", kind: "网格妇联" });
    expect(await computing(() => fv.value(people, q()))).toBe(0);
    let after = 0;
    expect(
      await computing(async () => {
        after = await fv.value(orgs, q());
      }),
    ).toBe(1);
    expect(after).toBe(before + 1);
  });

  it("a write no one audited makes the figures over its table recompute", async () => {
    await Promise.all([fv.value(orgs, q()), fv.value(people, q())]);
    await touchPeople();
    expect(await computing(() => fv.value(orgs, q()))).toBe(0);
    expect(await computing(() => fv.value(people, q()))).toBe(1);
    // A plain insert: the count moves with it.
    const n = await fv.value(orgs, q());
    const o = await db.selectFrom("organisations").selectAll().limit(1).executeTakeFirstOrThrow();
    await db
      .insertInto("organisations")
      .values({ ...o, id: `${o.id.slice(0, -4)}ffff`, name: "直接插入的组织" })
      .execute();
    expect(await fv.value(orgs, q())).toBe(n + 1);
  });

  it("a figure reading regions through the platform's api recomputes when a region changes", async () => {
    const viaApi = figure("test.via_api", async (d) => {
      await new Promise((r) => setTimeout(r, 1));
      const s = await scopeOf(d, env.world.neighbourCommunityId);
      return s?.path.length ?? 0;
    });
    await fv.value(viaApi, q());
    await touchPeople();
    expect(await computing(() => fv.value(viaApi, q()))).toBe(0);
    await db.updateTable("regions").set({ name: sql`name` }).where("id", "=", env.world.neighbourCommunityId).execute();
    expect(await computing(() => fv.value(viaApi, q()))).toBe(1);
  });

  it("a write while a figure is computed makes the next read compute it again", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let first = true;
    const slow = figure("test.slow_people", async (d) => {
      const n = await countOf(d, "people");
      if (first) {
        first = false;
        await gate;
      }
      return n;
    });
    const running = fv.value(slow, q());
    await new Promise((r) => setTimeout(r, 20));
    const before = await countOf(db, "people");
    await env.factories.makePerson(env.world.communityId, null);
    release();
    expect(await running).toBe(before);
    let next = 0;
    expect(
      await computing(async () => {
        next = await fv.value(slow, q());
      }),
    ).toBe(1);
    expect(next).toBe(before + 1);
  });

  it("a figure whose tables cannot be told goes by any write", async () => {
    const log = figure("test.log", (d) => countOf(d, "audit_log"));
    await fv.value(log, q());
    expect(await computing(() => fv.value(log, q()))).toBe(0);
    await touchPeople();
    expect(await computing(() => fv.value(log, q()))).toBe(1);
  });

  it("a figure made of another's kept value recomputes when the other's tables change", async () => {
    const made = figure("test.made_of_people", async () => (await fv.value(people, q())) * 2);
    await fv.value(people, q());
    await fv.value(made, q());
    await env.factories.makeOrg(env.world.communityId, { name: "第三个版本测试妇联", kind: "网格妇联" });
    expect(await computing(() => fv.value(made, q()))).toBe(0);
    await touchPeople();
    // The inner value is computed again, then the outer.
    expect(await computing(() => fv.value(made, q()))).toBe(2);
  });
});

describe.runIf(TEST_DB === "postgres")("PostgreSQL: concurrent writers", () => {
  it("two transactions writing the same table at once both commit, and its version moves by both", async () => {
    const ids = (await db.selectFrom("people").select("id").orderBy("id").limit(2).execute()).map((r) => r.id);
    const v0 = (await readTableVersions(db)).tables.get("people") as number;
    let arrived = 0;
    let both = () => {};
    const together = new Promise<void>((r) => {
      both = r;
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("a writer waited for the other")), 10_000));
    const write = (id: string) =>
      db.transaction().execute(async (trx) => {
        await trx.updateTable("people").set({ name: sql`name` }).where("id", "=", id).execute();
        // Both have written before either commits: neither waits on a version row the other holds.
        if (++arrived === 2) both();
        await Promise.race([together, timeout]);
      });
    await Promise.all(ids.map(write));
    expect((await readTableVersions(db)).tables.get("people")).toBeGreaterThanOrEqual(v0 + 2);
  });

  it("the rows of writers that have ended are folded into one, keeping each version", async () => {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s as string;
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    await client.query("update people set name = name where id = (select min(id) from people)");
    await client.end();
    const v0 = (await readTableVersions(db)).tables.get("people") as number;
    const rows = async () => Number((await sql<{ n: number }>`select count(*) as n from table_versions where name = 'people'`.execute(db)).rows[0]?.n);
    const before = await rows();
    // The ended client's backend leaves pg_stat_activity a moment after it disconnects.
    for (let i = 0; i < 50 && (await rows()) >= before; i++) {
      await foldEndedWriters(db);
      if ((await rows()) < before) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await rows()).toBeLessThan(before);
    expect((await readTableVersions(db)).tables.get("people")).toBe(v0);
  });
});
