import type SQLite from "better-sqlite3";
import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { DB } from "./types.js";

const MARK = "\u0000hot-arg:";
const LIST = 1_000_000;

/** Stands for the i-th argument of a hot query where a value goes (a where, a value, a set). */
export const arg = <T = never>(i: number): T => `${MARK}${i}` as unknown as T;

/** List sizes a query is compiled for; a list is padded up to the next (repeating its last item). */
const BUCKETS = [1, 4, 16, 64, 256, 1000];
const bucketOf = (n: number) => BUCKETS.find((b) => b >= n) ?? n;

type Compiled = { query: CompiledQuery; slots: number[] };

// SQLite connections by their Kysely adapter (a transaction shares its database's adapter).
const sqliteOf = new WeakMap<object, SQLite.Database>();

/**
 * Lets hot queries run inside a transaction on this SQLite database call better-sqlite3 directly.
 * Inside a transaction Kysely holds the one connection for the transaction's callback, so the
 * driver call runs on the same connection and in the same transaction as going through Kysely
 * would; it only skips Kysely's per-query promise chain and connection hand-over, which cost more
 * than SQLite takes for the small queries of a check-in. Outside a transaction queries still go
 * through Kysely, which keeps them from running inside someone else's open transaction.
 */
export function runDirectOnSqlite(db: Kysely<DB>, database: SQLite.Database) {
  sqliteOf.set(db.getExecutor().adapter, database);
}

function directOf(exec: Kysely<DB>): SQLite.Database | undefined {
  if (!exec.isTransaction) return undefined;
  const executor = exec.getExecutor();
  return executor.plugins.length ? undefined : sqliteOf.get(executor.adapter);
}

/** Compiled queries by dialect (the adapter's class) and list size, made on first use. */
function compiledCache<C>(make: (exec: Kysely<DB>, size: number) => C) {
  const cache = new Map<unknown, Map<number, C>>();
  return (exec: Kysely<DB>, size: number): C => {
    const key = exec.getExecutor().adapter.constructor;
    let bySize = cache.get(key);
    if (!bySize) {
      bySize = new Map();
      cache.set(key, bySize);
    }
    let c = bySize.get(size);
    if (!c) {
      c = make(exec, size);
      bySize.set(size, c);
    }
    return c;
  };
}

/**
 * A query that Kysely builds and compiles once per dialect, then runs with new arguments.
 * For the queries on a hot path (the auth check of every request, a check-in), where building and
 * compiling a query costs more than running it; the SQL text is also the same string each time, so
 * the statement cache finds it at once. `arg(i)` stands for the i-th argument, a single value.
 * One list may be used (`where x in list`): the query is compiled for a few list sizes and a list is
 * padded to the next by repeating its last item — right for `in`, wrong for anything that counts
 * or inserts the list's items, so those (multi-row inserts) use `insertRows` below.
 */
export function hot<O, A extends unknown[] = unknown[]>(build: (db: Kysely<DB>, list: never[]) => Compilable<O>) {
  const compiled = compiledCache<Compiled>((exec, size) => {
    const list = Array.from({ length: size }, (_, i) => arg(LIST + i));
    const query = build(exec, list).compile();
    const slots = query.parameters.map((p) => (typeof p === "string" && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : -1));
    return { query, slots };
  });
  async function run(exec: Kysely<DB>, args: A, list: readonly unknown[] = []): Promise<O[]> {
    const { query, slots } = compiled(exec, list.length ? bucketOf(list.length) : 0);
    const last = list.length - 1;
    const parameters = query.parameters.map((p, i) => {
      const s = slots[i];
      if (s < 0) return p;
      return s >= LIST ? list[Math.min(s - LIST, last)] : args[s];
    });
    const direct = directOf(exec);
    if (direct) {
      const stmt = direct.prepare(query.sql);
      if (stmt.reader) return stmt.all(parameters) as O[];
      stmt.run(parameters);
      return [];
    }
    const r = await exec.executeQuery<O>({ ...query, parameters } as CompiledQuery<O>);
    return r.rows;
  }
  return {
    /** The rows, for these arguments (and list, if the query has one; an empty list matches nothing). */
    async rows(exec: Kysely<DB>, args: A, list?: readonly unknown[]): Promise<O[]> {
      if (list && list.length === 0) return [];
      return run(exec, args, list);
    },
    async first(exec: Kysely<DB>, ...args: A): Promise<O | undefined> {
      return (await run(exec, args))[0];
    },
    async run(exec: Kysely<DB>, ...args: A): Promise<void> {
      await run(exec, args);
    },
    /** The SQL as compiled for this database (for tests and EXPLAIN). */
    sql: (exec: Kysely<DB>, listSize = 0) => compiled(exec, listSize ? bucketOf(listSize) : 0).query.sql,
  };
}

/**
 * A multi-row insert (or upsert) of rows of one shape, compiled once per row count in BUCKETS and
 * run in pieces of those sizes, so any number of rows takes a handful of prepared statements.
 * `build` gets the rows to put in `.values(rows)`.
 */
export function hotInsert<R extends object>(columns: readonly (keyof R & string)[], build: (db: Kysely<DB>, rows: R[]) => Compilable<unknown>) {
  const compiled = compiledCache<CompiledQuery>((exec, size) => {
    const rows = Array.from({ length: size }, (_, r) => Object.fromEntries(columns.map((col, k) => [col, arg(r * columns.length + k)])) as R);
    const c = build(exec, rows).compile();
    // Every parameter must be one of the row values, in order, or the pieces would not line up.
    c.parameters.forEach((p, i) => {
      if (p !== `${MARK}${i}`) throw new Error(`hotInsert: parameter ${i} is not a row value`);
    });
    return c;
  });
  return async function insert(exec: Kysely<DB>, rows: readonly R[]): Promise<void> {
    const direct = directOf(exec);
    if (direct) {
      // better-sqlite3 runs a one-row statement per row faster than one statement for many rows.
      const stmt = direct.prepare(compiled(exec, 1).sql);
      const values: unknown[] = new Array(columns.length);
      for (const row of rows) {
        for (let k = 0; k < columns.length; k++) values[k] = (row as Record<string, unknown>)[columns[k]];
        stmt.run(values);
      }
      return;
    }
    let i = 0;
    while (i < rows.length) {
      const left = rows.length - i;
      const size = [...BUCKETS].reverse().find((b) => b <= left && b * columns.length < 30000) ?? 1;
      const query = compiled(exec, size);
      const parameters: unknown[] = [];
      for (let r = i; r < i + size; r++) for (const col of columns) parameters.push((rows[r] as Record<string, unknown>)[col]);
      await exec.executeQuery({ ...query, parameters } as CompiledQuery);
      i += size;
    }
  };
}
