import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../db/types.js";
import { type TestEnv, testEnv } from "../test/helpers.js";
import { inTx, isRetryable } from "./tx.js";

// Two writers that lock the same two rows in opposite order: PostgreSQL rolls one back as a
// deadlock's victim (40P01). A transaction of its own (inTx without the caller's) is run again and
// both writers get their answer; each change is there exactly once. PostgreSQL only (*.pg.test.ts).
let env: TestEnv;
let db: Kysely<DB>;

beforeAll(async () => {
  env = await testEnv({ people: 1 });
  db = env.database.db;
  await sql`create table tx_race (id int primary key, n int not null)`.execute(db);
}, 120_000);
afterAll(async () => env?.close());

async function reset() {
  await sql`delete from tx_race`.execute(db);
  await sql`insert into tx_race values (1, 0), (2, 0)`.execute(db);
}
const bump = (trx: Kysely<DB>, id: number) => sql`update tx_race set n = n + 1 where id = ${id}`.execute(trx);

/** Two transactions, each bumping its first row, waiting until the other has its first, then the other row. */
function crossed(run: (fn: (trx: Kysely<DB>) => Promise<void>) => Promise<void>) {
  let arrived = 0;
  let release!: () => void;
  const both = new Promise<void>((r) => (release = r));
  const one = (first: number, second: number) =>
    run(async (trx) => {
      await bump(trx, first);
      if (++arrived === 2) release();
      await both;
      await bump(trx, second);
    });
  return Promise.allSettled([one(1, 2), one(2, 1)]);
}
const counts = async () => (await sql<{ id: number; n: number }>`select id, n from tx_race order by id`.execute(db)).rows.map((r) => r.n);

describe("inTx on PostgreSQL", () => {
  it("without a retry, one of two crossed writers fails as a deadlock's victim (the race the retry is for)", async () => {
    await reset();
    const res = await crossed((fn) => db.transaction().execute(fn));
    const failed = res.filter((r) => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(isRetryable((failed[0] as PromiseRejectedResult).reason)).toBe(true);
    expect(await counts()).toEqual([1, 1]);
  });

  it("runs a transaction of its own again after a deadlock: both writers succeed, each change once", async () => {
    await reset();
    const res = await crossed((fn) => inTx(db, null, fn));
    expect(res.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await counts()).toEqual([2, 2]);
  });

  it("inside the caller's transaction it does not retry: the error reaches the caller's transaction", async () => {
    await reset();
    const res = await crossed((fn) => db.transaction().execute((outer) => inTx(db, outer, fn)));
    expect(res.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(await counts()).toEqual([1, 1]);
  });

  it("does not retry other errors", async () => {
    let runs = 0;
    await expect(
      inTx(db, null, async (trx) => {
        runs++;
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(runs).toBe(1);
  });
});
