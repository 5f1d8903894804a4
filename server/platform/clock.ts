/** Injected into services so that every time-dependent rule can be tested at a set instant. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (iso: string): Clock & { set: (iso: string) => void; advance: (ms: number) => void } => {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (v: string) => {
      t = new Date(v).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
};

// Calendar dates in a zone live in dates.ts; re-exported for the callers of clock.ts.
export { localDate } from "./dates.js";
