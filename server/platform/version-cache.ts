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

export type VersionCacheOptions = {
  /** The data version (dataVersion(db) in the server). */
  version: () => Promise<number>;
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
  version: () => Promise<number>;
  /** The answer for `key` at data version `at` (read now when not given), computed by `compute` when it must be. */
  get: (key: string, compute: () => Promise<T>, at?: number) => Promise<T>;
  /** How many answers were computed (tests, bench). */
  computed: () => number;
  size: () => number;
  clear: () => void;
};

export function createVersionCache<T>(opts: VersionCacheOptions): VersionCache<T> {
  const now = opts.now ?? (() => Date.now());
  type Entry = { version: number; at: number; took: number; data: T };
  const entries = new Map<string, Entry>();
  const running = new Map<string, { version: number; p: Promise<T> }>();
  let computed = 0;

  function keep(key: string, e: Entry) {
    const old = entries.get(key);
    // A computation at an older version that ends after a newer one does not replace it.
    if (old && old.version > e.version) return;
    entries.delete(key);
    entries.set(key, e);
    while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value as string);
  }

  function run(key: string, v: number, compute: () => Promise<T>): Promise<T> {
    const busy = running.get(key);
    if (busy && busy.version >= v) return busy.p;
    const t0 = now();
    const p = compute()
      .then((data) => {
        computed++;
        keep(key, { version: v, at: t0, took: now() - t0, data });
        return data;
      })
      .finally(() => {
        if (running.get(key)?.p === p) running.delete(key);
      });
    running.set(key, { version: v, p });
    return p;
  }

  return {
    version: opts.version,
    async get(key, compute, at) {
      const v = at ?? (await opts.version());
      const e = entries.get(key);
      // A clock set back (tests) makes an answer's age negative: not fresh.
      const age = e ? now() - e.at : Number.POSITIVE_INFINITY;
      const young = (max: number) => age >= 0 && age < max;
      if (e && e.version === v && young(opts.maxAgeMs)) {
        entries.delete(key);
        entries.set(key, e);
        return e.data;
      }
      if (opts.stale && e && e.version <= v && e.took > opts.stale.slowMs && young(opts.stale.maxAgeMs)) {
        // Slow to compute: the last answer now, the next one for the next caller.
        void run(key, v, compute).catch(() => {});
        return e.data;
      }
      return run(key, v, compute);
    },
    computed: () => computed,
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
