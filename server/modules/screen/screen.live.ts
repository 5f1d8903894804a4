// The screen's live feed: patrol's check-ins (patrol's own hub through its api — LISTEN/NOTIFY on
// PostgreSQL) and a ticker of new appeals. New appeals are read by one poller per region shown,
// shared by every screen of that region (50 screens of a community: one query every few seconds),
// which works the same with several server processes on PostgreSQL: each reads the database.
import type { Scope } from "../../platform/scope.js";
import type { AppealsApi, RecentCase } from "../appeals/appeals.api.js";

export const TICKER_POLL_MS = 5_000;

type Sub = (c: RecentCase) => void;

export function createTickerHub(appeals: Pick<AppealsApi, "recentCases">, now: () => Date, pollMs = TICKER_POLL_MS) {
  const polls = new Map<string, { scope: Scope; subs: Set<Sub>; last: string; timer: NodeJS.Timeout; busy: boolean }>();

  async function poll(key: string) {
    const p = polls.get(key);
    if (!p || p.busy) return;
    p.busy = true;
    try {
      const got = await appeals.recentCases(p.scope, p.last, 50);
      if (got.length) p.last = got[0].at;
      for (const c of got.reverse()) for (const s of p.subs) s(c);
    } catch {
      // the database was busy or closing: the next poll tries again
    } finally {
      p.busy = false;
    }
  }

  return {
    /** `fn` gets each case of the scope registered from now on; answers the unsubscribe. */
    subscribe(scope: Scope, fn: Sub) {
      let p = polls.get(scope.regionId);
      if (!p) {
        const key = scope.regionId;
        const timer = setInterval(() => void poll(key), pollMs);
        timer.unref();
        p = { scope, subs: new Set(), last: now().toISOString(), timer, busy: false };
        polls.set(key, p);
      }
      p.subs.add(fn);
      const mine = p;
      return () => {
        mine.subs.delete(fn);
        if (mine.subs.size === 0) {
          clearInterval(mine.timer);
          polls.delete(scope.regionId);
        }
      };
    },
    /** Poll now (tests; a screen just connected needs nothing: it read the latest with its data). */
    pollAll: async () => {
      for (const k of [...polls.keys()]) await poll(k);
    },
    size: () => polls.size,
    close() {
      for (const p of polls.values()) clearInterval(p.timer);
      polls.clear();
    },
  };
}

export type TickerHub = ReturnType<typeof createTickerHub>;

/** A patrol officer's name as a public display shows it: the surname only. */
export const maskName = (name: string) => (name ? `${[...name][0]}**` : "");
