import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { connect } from "./connect.js";

// On SQLite there is one connection: a query on the database made inside a transaction (instead of on
// its trx) waits for ever. With connectionWaitMs it fails, naming the cause, and the connection is
// still handed out afterwards.
describe("SQLite connection wait", () => {
  it("turns a query outside its transaction into an error, and keeps working", async () => {
    const { db, close } = connect({ sqliteFile: ":memory:", connectionWaitMs: 200 });
    try {
      const inside = db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await sql`select 2`.execute(db);
      });
      await expect(inside).rejects.toThrow(/outside the transaction it runs in/);
      expect((await sql<{ v: number }>`select 3 as v`.execute(db)).rows[0].v).toBe(3);
      // A query that merely waits its turn behind a short transaction is served.
      const [a, b] = await Promise.all([
        db.transaction().execute(async (trx) => (await sql<{ v: number }>`select 4 as v`.execute(trx)).rows[0].v),
        sql<{ v: number }>`select 5 as v`.execute(db),
      ]);
      expect([a, b.rows[0].v]).toEqual([4, 5]);
    } finally {
      await close();
    }
  });
});
