import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../test/helpers.js";
import { groupCommit } from "./group-commit.js";
import { inTx } from "./tx.js";

// The platform's group commit (patrol's and activities' check-ins use it): writes arriving while a
// transaction runs share the next one; a failed group is retried item by item.

describe("group commit", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ people: 10 });
    await sql`create table gc_items (id varchar(40) primary key, n integer not null)`.execute(env.database.db);
    await sql`create table gc_groups (id varchar(40) primary key, size integer not null)`.execute(env.database.db);
  });
  afterAll(() => env.close());

  type Item = { id: string; n: number };
  const make = () => {
    const db = env.database.db as any;
    const log = { groups: 0, alone: [] as string[], committed: [] as number[] };
    const insert = (trx: any, it: Item) => trx.insertInto("gc_items").values(it).execute();
    const commit = groupCommit<Item, string, { size: number; gid: string }>({
      db: env.database.db,
      context: () => {
        log.groups++;
        return { size: 0, gid: `g${Math.random().toString(36).slice(2)}` };
      },
      run: async (trx, it, ctx) => {
        await insert(trx, it);
        ctx.size++;
        return `stored ${it.id}`;
      },
      finish: async (trx, items, _outs, ctx) => {
        await (trx as any).insertInto("gc_groups").values({ id: ctx.gid, size: items.length }).execute();
      },
      committed: async (items) => {
        log.committed.push(items.length);
      },
      alone: (it) =>
        inTx(db, null, async (trx) => {
          log.alone.push(it.id);
          await insert(trx, it);
          return `alone ${it.id}`;
        }),
    });
    return { commit, log };
  };
  const count = async (table: "gc_items" | "gc_groups", prefix = "") =>
    Number(
      (
        await (env.database.db as any)
          .selectFrom(table)
          .select((eb: any) => eb.fn.countAll().as("n"))
          .where("id", "like", `${prefix}%`)
          .executeTakeFirst()
      ).n,
    );

  it("stores writes that arrive together in fewer transactions, each answered with its own result", async () => {
    const { commit, log } = make();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => commit({ id: `a${i}`, n: i })));
    expect(answers).toEqual(Array.from({ length: 30 }, (_, i) => `stored a${i}`));
    expect(await count("gc_items", "a")).toBe(30);
    expect(log.groups).toBeGreaterThanOrEqual(1);
    expect(log.groups).toBeLessThan(30);
    // finish ran once per group in its transaction; committed saw every item once.
    expect(log.committed.reduce((s, n) => s + n, 0)).toBe(30);
    expect(log.alone).toEqual([]);
    expect(commit.pending()).toBe(0);
  });

  it("a write alone is stored at once (a group of one)", async () => {
    const { commit, log } = make();
    expect(await commit({ id: "b1", n: 1 })).toBe("stored b1");
    expect(log.groups).toBe(1);
    expect(log.committed).toEqual([1]);
  });

  it("a group that fails is rolled back and retried item by item: one bad write sinks no other", async () => {
    await env.database.db
      .insertInto("gc_items" as any)
      .values({ id: "dup", n: 0 })
      .execute();
    const groupsBefore = await count("gc_groups");
    const { commit, log } = make();
    const settled = await Promise.allSettled([commit({ id: "c1", n: 1 }), commit({ id: "dup", n: 2 }), commit({ id: "c2", n: 3 })]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[0] as PromiseFulfilledResult<string>).value).toBe("alone c1");
    expect((settled[2] as PromiseFulfilledResult<string>).value).toBe("alone c2");
    expect(log.alone).toEqual(["c1", "dup", "c2"]);
    expect(await count("gc_items", "c")).toBe(2);
    // The failed group's own writes (its finish) were rolled back with it; nothing was committed by it.
    expect(await count("gc_groups")).toBe(groupsBefore);
    expect(log.committed).toEqual([]);
    const dup = await (env.database.db as any).selectFrom("gc_items").select("n").where("id", "=", "dup").executeTakeFirst();
    expect(dup.n).toBe(0);
  });

  it("groups no more than max items in one transaction", async () => {
    const sizes: number[] = [];
    const commit = groupCommit<Item, void, { n: number }>({
      db: env.database.db,
      max: 4,
      context: () => ({ n: 0 }),
      run: async (trx, it, ctx) => {
        ctx.n++;
        await (trx as any).insertInto("gc_items").values(it).execute();
      },
      finish: async (_trx, items) => {
        sizes.push(items.length);
      },
      alone: async () => {
        throw new Error("not expected");
      },
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit({ id: `m${i}`, n: i })));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(10);
    expect(await count("gc_items", "m")).toBe(10);
  });
});
