import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { runDirectOnSqlite } from "./hot.js";
import type { DB } from "./types.js";

export type Dialect = "sqlite" | "postgres";
export type Database = { db: Kysely<DB>; dialect: Dialect; close: () => Promise<void> };

// COUNT(*) and SUM() come back as strings from pg (int8/numeric); parse them as numbers so the
// same code sees the same values on both databases. Figures stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type ConnectOptions = {
  databaseUrl?: string;
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests run each file in a fresh schema). */
  pgSchema?: string;
};

export function connect(opts: ConnectOptions): Database {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? ":memory:";
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  cacheStatements(database);
  const checkpointer = file === ":memory:" ? null : startCheckpointer(database, file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  runDirectOnSqlite(db, database);
  return {
    db,
    dialect: "sqlite",
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

// Runs in the checkpointer's thread (plain JavaScript: the bundle and tsx both start it from here).
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.postMessage("stopped");
});
`;

/**
 * In WAL mode SQLite copies the log back into the database file (a checkpoint: reads, writes and
 * two fsyncs) inside the commit that takes the log past 1000 pages, so every so often one request
 * waits for it — under a steady stream of check-ins that was a seventh of the server's time and
 * its slowest answers (bench/patrol.ts). Here a thread of its own, on its own connection, runs the
 * checkpoint every 100 ms instead; PASSIVE never blocks the writer or readers. The connection's own
 * automatic checkpoint stays as a backstop at 10,000 pages (40 MB of log), should the thread fall
 * behind. Stopped (and its connection closed) before the main connection closes.
 */
function startCheckpointer(database: SQLite.Database, file: string, everyMs = 100) {
  database.pragma("wal_autocheckpoint = 10000");
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { file, everyMs, driver: createRequire(import.meta.url).resolve("better-sqlite3") },
  });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once("message", () => void worker.terminate().then(() => resolve()));
        worker.once("error", () => resolve());
        worker.postMessage("stop");
      }),
  };
}

/**
 * Kysely prepares every query anew; preparing costs more than running most of ours. Keep the
 * recently used statements (by SQL text) and reuse them. Safe: one connection, queries run one at a
 * time (Kysely's connection mutex), and SQLite re-prepares a statement itself after a schema change.
 */
function cacheStatements(database: SQLite.Database, max = 500) {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      // Most recently used last, so the oldest is dropped first.
      cache.delete(source);
    } else {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof database.prepare;
}

/** Case-insensitive containment that works the same on both databases. */
export function ilike(column: string, needle: string) {
  const esc = needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`lower(${sql.ref(column)}) like ${`%${esc}%`} escape '\\'`;
}
