// Answers computed from the records, kept per data version (server/platform/audit.ts dataVersion: the
// last write's audit entry). Between two writes nothing such an answer shows can change but the clock:
// an answer is reused while the data version is the one it was computed at and it is younger than
// `maxAgeMs` (deadlines pass without a write: overdue counts). After a write the next caller computes
// again. One computation per key and version at a time: callers arriving while it runs wait for it
// (a caller who read a newer version than the running one's computes anew, never gets the older
// answer). Bounded: beyond `maxEntries` the least recently used answer is dropped.
//
// `stale` (the big screen): when computing took longer than `stale.slowMs`, an answer at most
// `stale.maxAgeMs` old stands in after a write while one computation runs for every caller. Without
// it (the workbench's figures) the first caller after a write always gets the fresh answer.
//
// The key must name everything the answer depends on (region, period, filters, language, the day …).
//
// Per table (`tables`: server/db/table-versions.ts): the version is then every table's write
// version, and an answer records which tables its queries read (captured while it is computed) and
// their versions read before it began (a write during the computation makes it stale, not wrong).
// It is reused while each of those tables is at that version: a check-in leaves an answer over the
// appeals as it is. An answer whose tables cannot be told (none, or one without versions) goes by
// the total of all versions: any write. A hit inside another computation's capture hands its
// tables on to it (an answer made of other kept answers).
import { captureTables, noteTables, type TableVersions } from "../db/table-versions.js";

/** A data version: one number (the audit log's), or every table's (see above). */
export type DataVersion = number | TableVersions;
const totalOf = (v: DataVersion) => (typeof v === "number" ? v : v.total);

export type VersionCacheOptions = {
  /** The data version (dataVersion(db), or readTableVersions(db) with `tables`). */
  version: () => Promise<DataVersion>;
  /** Answers kept per the versions of the tables they read (see above); `version` gives TableVersions. */
  tables?: boolean;
  /** Milliseconds now (the server's clock). */
  now?: () => number;
  /** An answer is reused at most this long, even without a write. */
  maxAgeMs: number;
  /** At most this many answers kept; the least recently used goes first. */
  maxEntries: number;
  /** Slow answers stand in, at most `maxAgeMs` old, while the next is computed (see above). */
  stale?: { slowMs: number; maxAgeMs: number };
};

export type VersionCache<T> = {
  /** The data version now: read it once for many `get`s of one request. */
  version: () => Promise<DataVersion>;
  /** The answer for `key` at data version `at` (read now when not given), computed by `compute` when it must be. */
  get: (key: string, compute: () => Promise<T>, at?: DataVersion) => Promise<T>;
  /** How many answers were computed (tests, bench). */
  computed: () => number;
  size: () => number;
  clear: () => void;
};

export function createVersionCache<T>(opts: VersionCacheOptions): VersionCache<T> {
  const now = opts.now ?? (() => Date.now());
  // version: the total at compute time; deps: the tables read and their versions then (null: by the total).
  type Entry = { version: number; deps: Array<[string, number]> | null; at: number; took: number; data: T };
  type Done = { data: T; deps: Array<[string, number]> | null };
  const entries = new Map<string, Entry>();
  const running = new Map<string, { version: number; p: Promise<Done> }>();
  let computed = 0;

  function keep(key: string, e: Entry) {
    const old = entries.get(key);
    // A computation at an older version that ends after a newer one does not replace it.
    if (old && old.version > e.version) return;
    entries.delete(key);
    entries.set(key, e);
    while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value as string);
  }

  /** Whether the answer was computed at the versions `v` has (of its tables, or all). */
  function current(e: Entry, v: DataVersion) {
    if (!e.deps || typeof v === "number") return e.version === totalOf(v);
    return e.deps.every(([t, x]) => v.tables.get(t) === x);
  }

  /** The tables of an answer as the current capture (if any) should know them. */
  const tablesOf = (deps: Entry["deps"]) => (deps ? deps.map(([t]) => t) : null);

  function run(key: string, v: DataVersion, compute: () => Promise<T>): Promise<Done> {
    const total = totalOf(v);
    const busy = running.get(key);
    if (busy && busy.version >= total) return busy.p;
    const t0 = now();
    const work: Promise<{ data: T; tables: string[] | null }> =
      opts.tables && typeof v !== "number" ? captureTables(compute) : compute().then((data) => ({ data, tables: null }));
    const p = work
      .then(({ data, tables }) => {
        computed++;
        const deps =
          tables && typeof v !== "number" && tables.every((t) => v.tables.has(t)) ? tables.map((t): [string, number] => [t, v.tables.get(t) as number]) : null;
        keep(key, { version: total, deps, at: t0, took: now() - t0, data });
        return { data, deps };
      })
      .finally(() => {
        if (running.get(key)?.p === p) running.delete(key);
      });
    running.set(key, { version: total, p });
    return p;
  }

  const answer = (d: Done) => {
    if (opts.tables) noteTables(tablesOf(d.deps));
    return d.data;
  };

  return {
    version: opts.version,
    async get(key, compute, at) {
      const v = at ?? (await opts.version());
      const e = entries.get(key);
      // A clock set back (tests) makes an answer's age negative: not fresh.
      const age = e ? now() - e.at : Number.POSITIVE_INFINITY;
      const young = (max: number) => age >= 0 && age < max;
      if (e && current(e, v) && young(opts.maxAgeMs)) {
        entries.delete(key);
        entries.set(key, e);
        return answer(e);
      }
      if (opts.stale && e && e.version <= totalOf(v) && e.took > opts.stale.slowMs && young(opts.stale.maxAgeMs)) {
        // Slow to compute: the last answer now, the next one for the next caller.
        void run(key, v, compute).catch(() => {});
        return answer(e);
      }
      return answer(await run(key, v, compute));
    },
    computed: () => computed,
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
