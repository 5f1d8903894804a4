// The screen's answer, computed once per data version: every screen of a region refreshes each
// minute, and between two writes nothing it shows can change but the clock. An answer is reused
// while the data version (server/platform/audit.ts dataVersion: the last write's audit entry) is the
// same and it is younger than MAX_AGE_MS (deadlines pass without a write). After a write the next
// refresh computes again; when computing took longer than SLOW_MS (a subdistrict's screen over
// years of check-ins), the screens keep getting the last answer, at most STALE_MS old, while one
// computation runs for all of them. One computation per key at a time.
import type { TScreenData } from "../../../contracts/screen.js";

export const MAX_AGE_MS = 5 * 60_000;
export const STALE_MS = 2 * 60_000;
export const SLOW_MS = 200;
const MAX_ENTRIES = 200;

/** `version`: the data version (dataVersion(db) in the server). */
export function createScreenCache<T = TScreenData>(version: () => Promise<number>, now: () => number = () => Date.now()) {
  type Entry = { version: number; at: number; took: number; data: T };
  const entries = new Map<string, Entry>();
  const running = new Map<string, Promise<T>>();
  let computed = 0;

  function run(key: string, v: number, compute: () => Promise<T>) {
    const busy = running.get(key);
    if (busy) return busy;
    const t0 = now();
    const p = compute()
      .then((data) => {
        computed++;
        if (entries.size >= MAX_ENTRIES && !entries.has(key)) entries.delete(entries.keys().next().value as string);
        entries.set(key, { version: v, at: t0, took: now() - t0, data });
        return data;
      })
      .finally(() => running.delete(key));
    running.set(key, p);
    return p;
  }

  return {
    /** The answer for `key` (region, role, access, language, day), computed by `compute` when it must be. */
    async get(key: string, compute: () => Promise<T>): Promise<T> {
      const v = await version();
      const e = entries.get(key);
      const age = e ? now() - e.at : Number.POSITIVE_INFINITY;
      if (e && e.version === v && age < MAX_AGE_MS) return e.data;
      if (e && e.took > SLOW_MS && age < STALE_MS) {
        // Slow to compute: the last answer now, the next one for the next refresh.
        void run(key, v, compute).catch(() => {});
        return e.data;
      }
      return run(key, v, compute);
    },
    /** How many answers were computed (tests, bench). */
    computed: () => computed,
    clear: () => entries.clear(),
  };
}

export type ScreenCache = ReturnType<typeof createScreenCache<TScreenData>>;
