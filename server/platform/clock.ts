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

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(d: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    // Building a formatter costs far more than using one; the deployment has one or two zones.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, f);
  }
  return f.format(d);
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();
