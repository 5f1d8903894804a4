// Each table's write version, kept by the database itself, and the tables a computation read.
//
// Versions: every application table has triggers that bump its row(s) in `table_versions` on
// insert, update and delete (migration 038; the triggers are made after each migration run, so a
// table added later gets them too). They count every write — audited or not (derived rows,
// scheduler jobs, a test's plain insert) — and are undone with the transaction that made them.
// SQLite (one writer): one row per table, bumped by a row-level trigger. PostgreSQL: a statement-
// level trigger bumps the row of (table, the writing server process): two transactions writing
// the same table at once never wait on each other (one row per table would hold every writer of
// it — patrol check-ins — until the first commits). A table's version is the sum of its rows; the
// rows of processes that have ended are folded into one (pid 0) now and then, which keeps the sum.
// Every commit that wrote a table moves its sum (counters only grow), so an answer kept at the
// versions read before it was computed is stale, never wrong, once any of its tables moved.
//
// Reads: while `captureTables` runs a computation, every query the app's database runs for it
// (watchTableReads wraps the connections) names the known tables its SQL text mentions: raw sql``
// fragments and other modules' api calls included (AsyncLocalStorage follows the async calls).
// Without a capture running a query costs one lookup more.
import { AsyncLocalStorage } from "node:async_hooks";
import { type DatabaseConnection, type Dialect, type Kysely, PostgresAdapter, type QueryResult, sql } from "kysely";

/**
 * Tables without versions: the versions themselves, the migrator's bookkeeping, and what a session
 * or the log writes on every sign-in, request or read (sessions, sign-in challenges, the audit log,
 * which records reads and sign-ins too). A computation that reads one of them is kept per the
 * total of all versions instead (see `captureTables`).
 */
export const UNVERSIONED = ["table_versions", "kysely_migration", "kysely_migration_lock", "sessions", "login_challenges", "audit_log"] as const;

/** Names of the tables seen by ensureTableVersions: versioned, and not (UNVERSIONED). */
const versioned = new Set<string>();
const unversioned = new Set<string>(UNVERSIONED);

const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const rows = isPg(db)
    ? (
        await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      ).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
  return rows.map((r) => r.name).sort();
}

/**
 * Makes the version triggers of every application table that lacks them (idempotent; after the
 * migrations, at every start). Returns the versioned tables.
 */
export async function ensureTableVersions(db: Kysely<any>): Promise<string[]> {
  const names = await tableNames(db);
  if (!names.includes("table_versions")) return [];
  const tables = names.filter((n) => !unversioned.has(n));
  for (const t of tables) if (!SAFE_NAME.test(t)) throw new Error(`table name ${t} cannot be versioned`);
  const have = new Set(
    (isPg(db)
      ? (
          await sql<{ name: string }>`select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
            join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and t.tgname like 'tv\\_%'`.execute(db)
        ).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and name like 'tv\\_%' escape '\\'`.execute(db)).rows
    ).map((r) => r.name),
  );
  if (isPg(db)) {
    // Every table has its row from the start (a table never written has version 0, not none).
    await sql`insert into table_versions (name, pid, v) select t, 0, 0 from unnest(${tables}::text[]) as t on conflict (name, pid) do nothing`.execute(db);
    for (const t of tables)
      if (!have.has(`tv_${t}`))
        await sql
          .raw(
            `CREATE OR REPLACE TRIGGER "tv_${t}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION table_version_bump()`,
          )
          .execute(db);
  } else {
    for (const t of tables) {
      if (["insert", "update", "delete"].every((op) => have.has(`tv_${t}_${op}`))) continue;
      await sql`insert or ignore into table_versions (name, pid, v) values (${t}, 0, 0)`.execute(db);
      for (const op of ["insert", "update", "delete"])
        await sql
          .raw(
            `CREATE TRIGGER IF NOT EXISTS "tv_${t}_${op}" AFTER ${op.toUpperCase()} ON "${t}" BEGIN UPDATE table_versions SET v = v + 1 WHERE name = '${t}' AND pid = 0; END`,
          )
          .execute(db);
    }
  }
  for (const t of tables) versioned.add(t);
  return tables;
}

/** Every versioned table's version at one moment, and their total (moves with any write). */
export type TableVersions = { total: number; tables: ReadonlyMap<string, number> };

// PostgreSQL: when the rows of ended processes are folded, per database.
const folded = new WeakMap<object, number>();
/** More rows than this per table on average and the ended processes' rows are folded (at most once a minute). */
const FOLD_ROWS_PER_TABLE = 8;
const FOLD_EVERY_MS = 60_000;

/** The versions now: one small query. */
export async function readTableVersions(db: Kysely<any>): Promise<TableVersions> {
  // Not a read of the computation that asks (a figure asking inside another's capture).
  const rows = (
    await reads.exit(() =>
      sql<{ name: string; v: number | string; n: number | string }>`select name, cast(sum(v) as bigint) as v, count(*) as n
        from table_versions group by name`.execute(db),
    )
  ).rows;
  const tables = new Map<string, number>();
  let total = 0;
  let count = 0;
  for (const r of rows) {
    const v = Number(r.v);
    tables.set(r.name, v);
    total += v;
    count += Number(r.n);
  }
  if (isPg(db) && count > FOLD_ROWS_PER_TABLE * Math.max(rows.length, 1)) {
    const key = db.getExecutor().adapter;
    const last = folded.get(key) ?? 0;
    if (Date.now() - last > FOLD_EVERY_MS) {
      folded.set(key, Date.now());
      void foldEndedWriters(db).catch(() => {});
    }
  }
  return { total, tables };
}

/**
 * PostgreSQL: folds the rows of server processes that have ended into each table's pid-0 row, in
 * one statement (its sum stays: readers see the rows before or after). A process started since
 * with the same pid that writes meanwhile waits for the row, then makes its own.
 */
export async function foldEndedWriters(db: Kysely<any>): Promise<void> {
  await sql`with gone as (
      delete from table_versions where pid <> 0 and pid not in (select pid from pg_stat_activity where pid is not null)
      returning name, v
    ), sums as (select name, sum(v) as v from gone group by name)
    insert into table_versions (name, pid, v) select name, 0, v from sums
    on conflict (name, pid) do update set v = table_versions.v + excluded.v`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// Reads

/** What one computation read: the known tables its queries named; `unknown`: something it cannot say. */
type Reads = { tables: Set<string>; unknown: boolean };
const reads = new AsyncLocalStorage<Reads>();
const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

function note(r: Reads, text: string) {
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    if (versioned.has(w) || unversioned.has(w)) r.tables.add(w);
  }
}

/** The SQL run for the current capture, if one runs (the connections call it). */
export function noteQuery(text: string): void {
  const r = reads.getStore();
  if (r) note(r, text);
}

/**
 * An answer kept elsewhere (a cache) given to the current capture: what it was computed from
 * joins what the capture read; null — not known — makes the capture's answer not knowable either.
 */
export function noteTables(tables: readonly string[] | null): void {
  const r = reads.getStore();
  if (!r) return;
  if (!tables) r.unknown = true;
  else for (const t of tables) r.tables.add(t);
}

/**
 * Runs `fn` and says which versioned tables its queries read. `tables` is null when that cannot be
 * told: it read none, or one without versions (UNVERSIONED), or something it used could not say —
 * such an answer goes by the total of the versions (any write) instead.
 */
export async function captureTables<T>(fn: () => Promise<T>): Promise<{ data: T; tables: string[] | null }> {
  const r: Reads = { tables: new Set(), unknown: false };
  const data = await reads.run(r, fn);
  const tables = [...r.tables];
  const knowable = !r.unknown && tables.length > 0 && tables.every((t) => versioned.has(t));
  return { data, tables: knowable ? tables.sort() : null };
}

/** Makes the dialect's connections report their SQL to a running capture (connect.ts). */
export function watchTableReads<D extends Dialect>(dialect: D): D {
  const create = dialect.createDriver.bind(dialect);
  const watched = new WeakSet<DatabaseConnection>();
  dialect.createDriver = () => {
    const driver = create();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      const c = await acquire();
      if (!watched.has(c)) {
        watched.add(c);
        const execute = c.executeQuery.bind(c);
        const stream = c.streamQuery.bind(c);
        c.executeQuery = <R>(q: Parameters<DatabaseConnection["executeQuery"]>[0]): Promise<QueryResult<R>> => {
          noteQuery(q.sql);
          return execute<R>(q);
        };
        c.streamQuery = <R>(q: Parameters<DatabaseConnection["streamQuery"]>[0], chunkSize?: number) => {
          noteQuery(q.sql);
          return stream<R>(q, chunkSize);
        };
      }
      return c;
    };
    return driver;
  };
  return dialect;
}
