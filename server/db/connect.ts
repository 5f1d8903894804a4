import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { type DatabaseConnection, Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig, SqliteDriver, sql } from "kysely";
import pg from "pg";
import { runDirectOnSqlite } from "./hot.js";
import { watchTableReads } from "./table-versions.js";
import type { DB } from "./types.js";

export type Dialect = "sqlite" | "postgres";
export type Database = {
  db: Kysely<DB>;
  dialect: Dialect;
  close: () => Promise<void>;
  /**
   * Tests only (ConnectOptions.writeFaults): from now on, after `after` more writes succeed (0 by
   * default), every write fails as on a full disk (SQLite SQLITE_FULL, PostgreSQL 53100) until
   * called with null. Reads keep working.
   */
  failWrites?: (fault: { after?: number } | null) => void;
};

/** A fault armed by Database.failWrites: whether the next write fails. */
type WriteFaults = { armed: boolean; after: number };
const nextWriteFails = (f: WriteFaults) => f.armed && f.after-- <= 0;
const diskFull = (dialect: Dialect) =>
  dialect === "sqlite"
    ? Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" })
    : Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), { code: "53100" });
const isWriteSql = (sql: string) => /^\s*(?:with\b[\s\S]*?\)\s*)?(?:insert|update|delete|replace)\b/i.test(sql);

// COUNT(*) and SUM() come back as strings from pg (int8/numeric); parse them as numbers so the
// same code sees the same values on both databases. Figures stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type ConnectOptions = {
  databaseUrl?: string;
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests run each file in a fresh schema). */
  pgSchema?: string;
  /** SQLite file: when the checkpointer asks to restart the log, in frames (pages); see startCheckpointer. */
  walRestartFrames?: number;
  /**
   * SQLite: how long a query may wait for the one connection before it fails (tests set it). A query
   * made on the database while a transaction it runs inside holds the connection waits for ever —
   * a read that forgot the caller's `trx` — and this turns that hang into an error naming the cause.
   */
  connectionWaitMs?: number;
  /**
   * SQLite `synchronous` (SHEQU_SQLITE_SYNC). FULL, the default: every commit is fsynced before it is
   * answered, so an acknowledged write survives a power loss or an OS crash. NORMAL (in WAL mode):
   * survives a killed process, but the last commits before a power loss can be lost.
   */
  synchronous?: "FULL" | "NORMAL";
  /** Tests only: give the database `failWrites`, to make writes fail as on a full disk. */
  writeFaults?: boolean;
};

export function connect(opts: ConnectOptions): Database {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const faults: WriteFaults = { armed: false, after: 0 };
    if (opts.writeFaults)
      pool.on("connect", (client) => {
        const query = client.query.bind(client) as (...a: unknown[]) => unknown;
        (client as { query: unknown }).query = (...a: unknown[]) => {
          const text = typeof a[0] === "string" ? a[0] : ((a[0] as { text?: string } | null)?.text ?? "");
          if (isWriteSql(text) && nextWriteFails(faults)) return Promise.reject(diskFull("postgres"));
          return query(...a);
        };
      });
    const db = new Kysely<DB>({ dialect: watchTableReads(new PostgresDialect({ pool })) });
    return { db, dialect: "postgres", close: () => db.destroy(), ...(opts.writeFaults ? { failWrites: armer(faults) } : {}) };
  }
  const file = opts.sqliteFile ?? ":memory:";
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma(`synchronous = ${opts.synchronous === "NORMAL" ? "NORMAL" : "FULL"}`);
  cacheStatements(database);
  const faults: WriteFaults = { armed: false, after: 0 };
  if (opts.writeFaults) failingWrites(database, faults);
  const checkpointer = file === ":memory:" ? null : startCheckpointer(database, file, opts.walRestartFrames);
  const dialect = new GatedSqliteDialect({ database }, database, checkpointer?.gate ?? null);
  const db = new Kysely<DB>({ dialect: watchTableReads(opts.connectionWaitMs ? watchConnectionWait(dialect, opts.connectionWaitMs) : dialect) });
  runDirectOnSqlite(db, database);
  return {
    db,
    dialect: "sqlite",
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
    ...(opts.writeFaults ? { failWrites: armer(faults) } : {}),
  };
}

const armer = (faults: WriteFaults) => (fault: { after?: number } | null) => {
  faults.armed = !!fault;
  faults.after = fault?.after ?? 0;
};

/** Statements that write fail while a fault is armed (tests only; see Database.failWrites). */
function failingWrites(database: SQLite.Database, faults: WriteFaults) {
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    const stmt = prepare(source);
    if (stmt.readonly) return stmt;
    return new Proxy(stmt, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof v !== "function" || !["run", "all", "get", "iterate"].includes(key as string)) return typeof v === "function" ? v.bind(target) : v;
        return (...a: unknown[]) => {
          if (nextWriteFails(faults)) throw diskFull("sqlite");
          return (v as (...x: unknown[]) => unknown).apply(target, a);
        };
      },
    });
  }) as typeof database.prepare;
}

// Runs in the checkpointer's thread (plain JavaScript: the bundle and tsx both start it from here).
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => { try { return db.pragma("wal_checkpoint(PASSIVE)")[0]; } catch { return null; } };
let holding = false;
const timer = setInterval(() => {
  if (holding) return;
  const r = checkpoint();
  if (r && r.log >= workerData.restartFrames) {
    holding = true;
    parentPort.postMessage("hold");
  }
}, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m === "held") {
    checkpoint();
    holding = false;
    parentPort.postMessage("go");
  } else if (m === "stop") {
    clearInterval(timer);
    db.close();
    parentPort.postMessage("stopped");
  }
});
`;

/** Holds new transactions back while the checkpointer finishes a checkpoint (see startCheckpointer). */
type TxGate = { enter(): Promise<void>; leave(): void };

/** A dialect whose driver fails a wait for the connection longer than `ms` (see ConnectOptions.connectionWaitMs). */
function watchConnectionWait(dialect: SqliteDialect, ms: number): SqliteDialect {
  const create = dialect.createDriver.bind(dialect);
  dialect.createDriver = () => {
    const driver = create();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = () =>
      new Promise<DatabaseConnection>((resolve, reject) => {
        let late = false;
        const timer = setTimeout(() => {
          late = true;
          reject(new Error(`waited ${ms} ms for the SQLite connection: a query made outside the transaction it runs in? (pass the caller's trx to the read)`));
        }, ms);
        acquire().then(
          (c) => {
            clearTimeout(timer);
            // Given up on: hand the connection back when it comes, so later queries still get it.
            if (late) void driver.releaseConnection(c);
            else resolve(c);
          },
          (e) => {
            clearTimeout(timer);
            reject(e);
          },
        );
      });
    return driver;
  };
  return dialect;
}

/**
 * SQLite through Kysely, with every transaction passing the checkpointer's gate first (when there
 * is one). On some errors — SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM — SQLite has already rolled the
 * transaction back itself; Kysely's ROLLBACK then fails ("no transaction is active") and that error
 * would replace the one that says what happened (a full disk answered as a 500). A ROLLBACK with
 * no transaction left to end is therefore done.
 */
class GatedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly database: SQLite.Database,
    private readonly gate: TxGate | null,
  ) {
    super(config);
  }
  override createDriver() {
    const { gate, database } = this;
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection) {
        await gate?.enter();
        try {
          await super.beginTransaction(connection);
        } catch (e) {
          gate?.leave();
          throw e;
        }
      }
      override async commitTransaction(connection: DatabaseConnection) {
        try {
          await super.commitTransaction(connection);
        } finally {
          gate?.leave();
        }
      }
      override async rollbackTransaction(connection: DatabaseConnection) {
        try {
          if (database.inTransaction) await super.rollbackTransaction(connection);
        } finally {
          gate?.leave();
        }
      }
    })(this.config);
  }
}

/**
 * In WAL mode SQLite copies the log back into the database file (a checkpoint: reads, writes and
 * two fsyncs) inside the commit that takes the log past 1000 pages, so every so often one request
 * waits for it — under a steady stream of check-ins that was a seventh of the server's time and
 * its slowest answers (bench/patrol.ts). Here a thread of its own, on its own connection, runs a
 * PASSIVE checkpoint every 100 ms instead, which never blocks the writer or readers.
 *
 * A checkpoint alone does not shorten the log: SQLite starts writing it from the beginning again
 * only when a transaction begins with every frame already copied, and under steady writes a new
 * commit nearly always lands while the checkpoint runs. So once the log passes 8000 frames (32 MB;
 * about once a second under the check-in benchmark's load) the thread asks for a pause: the
 * connection lets the transaction in progress finish and holds new ones at the gate (they wait
 * without blocking the event loop), the thread copies what is left and lets them go, and the first
 * to write restarts the log. The pause lasts about as long as the transaction in progress. The
 * connection's own automatic checkpoint stays as a backstop at twice that length, and the gate
 * opens by itself after a second.
 * Stopped (and its connection closed) before the main connection closes.
 */
function startCheckpointer(database: SQLite.Database, file: string, restartFrames = 8000, everyMs = 100) {
  database.pragma(`wal_autocheckpoint = ${restartFrames * 2}`);
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { file, everyMs, restartFrames, driver: createRequire(import.meta.url).resolve("better-sqlite3") },
  });
  worker.unref();
  let alive = true;
  worker.once("exit", () => {
    alive = false;
  });
  let inTransaction = false;
  let holdAsked = false;
  let closed: Promise<void> | null = null;
  let release: (() => void) | null = null;
  let timeout: NodeJS.Timeout | null = null;
  const open = () => {
    if (timeout) clearTimeout(timeout);
    timeout = null;
    closed = null;
    release?.();
    release = null;
  };
  const held = () => {
    holdAsked = false;
    worker.postMessage("held");
  };
  worker.on("message", (m) => {
    if (m === "hold") {
      if (!closed) {
        closed = new Promise<void>((r) => {
          release = r;
        });
        timeout = setTimeout(open, 1000);
        timeout.unref();
      }
      if (inTransaction) holdAsked = true;
      else held();
    } else if (m === "go") open();
  });
  // Without the thread the connection checkpoints as SQLite does by default.
  worker.on("error", (e) => {
    console.error("SQLite checkpointer stopped; checkpoints run in commits again:", e);
    database.pragma("wal_autocheckpoint = 1000");
    open();
  });
  const gate: TxGate = {
    async enter() {
      while (closed) await closed;
      inTransaction = true;
    },
    leave() {
      inTransaction = false;
      if (holdAsked) held();
    },
  };
  return {
    gate,
    stop: () =>
      new Promise<void>((resolve) => {
        open();
        // A thread that already died (see "error" above) has nothing to stop.
        if (!alive) return resolve();
        worker.removeAllListeners("message");
        worker.once("message", () => void worker.terminate().then(() => resolve()));
        worker.once("error", () => resolve());
        worker.once("exit", () => resolve());
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
