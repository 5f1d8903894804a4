import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { connect } from "./connect.js";

// The WAL checkpointer of a file database (server/db/connect.ts): checkpoints run in a thread of
// their own, and the log is still restarted under a steady stream of writes.
describe("SQLite WAL checkpointer", () => {
  const dirs: string[] = [];
  const fileIn = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-ckpt-"));
    dirs.push(dir);
    return path.join(dir, "t.db");
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

  it("keeps the log short under back-to-back transactions, and loses nothing", async () => {
    const file = fileIn();
    // The log is restarted past 1000 frames (4 MB) here; the connection's backstop is at 2000.
    const database = connect({ sqliteFile: file, walRestartFrames: 1000 });
    const db = database.db;
    await sql`create table t (id integer primary key, k text not null, v text not null)`.execute(db);
    await sql`create index t_k on t (k)`.execute(db);
    // ~70 MB of pages written, at a few thousand pages a second (a busy server's pace): without
    // the restart the log would grow to the 8 MB backstop.
    const blob = "x".repeat(900);
    let maxWal = 0;
    const rounds = 1200;
    for (let i = 0; i < rounds; i++) {
      await db.transaction().execute(async (trx) => {
        for (let j = 0; j < 12; j++) await sql`insert into t (k, v) values (${`${(i * 7919 + j * 104729) % 100003}`}, ${blob})`.execute(trx);
      });
      maxWal = Math.max(maxWal, walBytes(file));
      // The event loop turns between transactions, as it does between requests.
      await new Promise((r) => setTimeout(r, 2));
    }
    const n = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(n.rows[0].n).toBe(rounds * 12);
    expect(maxWal).toBeLessThan(7 * 1024 * 1024);
    await database.close();
    // Closed cleanly: the last connection folded the log into the database and removed it.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const check = new SQLite(file, { readonly: true });
    expect((check.prepare("select count(*) as n from t").get() as { n: number }).n).toBe(rounds * 12);
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
  }, 120_000);

  it("lets transactions through and closes when idle", async () => {
    const file = fileIn();
    const database = connect({ sqliteFile: file });
    await sql`create table t (id integer primary key)`.execute(database.db);
    await database.db.transaction().execute((trx) => sql`insert into t (id) values (1)`.execute(trx));
    // A failed transaction leaves the gate open for the next.
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into t (id) values (2)`.execute(trx);
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    await database.db.transaction().execute((trx) => sql`insert into t (id) values (3)`.execute(trx));
    const ids = await sql<{ id: number }>`select id from t order by id`.execute(database.db);
    expect(ids.rows.map((r) => r.id)).toEqual([1, 3]);
    await database.close();
  });
});
