// Calendar dates and instants in the deployment's time zone: the one place for them.
// Calendar dates are `YYYY-MM-DD` strings already in local time (ARCHITECTURE.md, Data), so their
// arithmetic is done on UTC midnights and never meets a zone; instants (ISO-8601 UTC) meet the zone
// only through localDate / zonedInstant / endOfLocalDay / isoWithOffset below.

const dateFmts = new Map<string, Intl.DateTimeFormat>();
const partFmts = new Map<string, Intl.DateTimeFormat>();
const dayCache = new Map<string, string>();

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(d: Date, timeZone: string): string {
  // Formatting a date in a zone is slow (a 500-row sync batch asks for hundreds). Every zone's offset
  // from UTC is a whole number of quarter hours, so the local date is the same throughout a UTC
  // quarter hour: remember it per quarter.
  const key = `${timeZone}|${Math.floor(d.getTime() / 900_000)}`;
  const hit = dayCache.get(key);
  if (hit) return hit;
  let f = dateFmts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFmts.set(timeZone, f);
  }
  const v = f.format(d);
  if (dayCache.size > 20_000) dayCache.clear();
  dayCache.set(key, v);
  return v;
}

/** Today's local date. */
export const todayOf = (now: Date, timeZone: string) => localDate(now, timeZone);

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = partFmts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFmts.set(timeZone, f);
  }
  return f;
}

/** The local wall-clock fields of an instant in a zone. */
export function localParts(at: Date, timeZone: string) {
  const p = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
export function tzOffsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of a local date and wall-clock time ("2024-03-01", "08:00" or "08:00:30") in a zone. */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [h, mi, s] = hhmm.split(":").map(Number);
  const guess = Date.UTC(y, m - 1, d, h, mi, s || 0);
  const first = guess - tzOffsetMs(new Date(guess), timeZone);
  // Across a DST change the offset at the answer may differ from the guess's: settle it once more.
  return new Date(guess - tzOffsetMs(new Date(first), timeZone));
}

/** The instant a local calendar day begins (its midnight) in a zone. */
export const startOfLocalDay = (date: string, timeZone: string): Date => zonedInstant(date, "00:00", timeZone);

/** The instant a local calendar day ends (the next day's midnight) in a zone. */
export const endOfLocalDay = (date: string, timeZone: string): Date => zonedInstant(addDays(date, 1), "00:00", timeZone);

/** ISO 8601 with the zone's offset (2024-03-01T10:00:00+08:00), as Open311 and iCalendar feeds want. */
export function isoWithOffset(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  const p = localParts(d, timeZone);
  const off = Math.round(tzOffsetMs(d, timeZone) / 60_000);
  const two = (n: number) => String(n).padStart(2, "0");
  const sign = off >= 0 ? "+" : "-";
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${sign}${two(Math.floor(Math.abs(off) / 60))}:${two(Math.abs(off) % 60)}`;
}

const toD = (s: string) => new Date(`${s}T00:00:00Z`);
const fromD = (d: Date) => d.toISOString().slice(0, 10);

/** The calendar date n days after (n < 0: before) a date. */
export function addDays(date: string, n: number): string {
  const d = toD(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromD(d);
}

/** Same day n months later; a day that does not exist (31 → 30 Feb) clamps to the month's last day. */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Whole days from a to b (b later: positive). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every date from `from` to `to`, both included. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The last date of a month given as YYYY-MM. */
export function monthEnd(ym: string): string {
  const [y, m] = ym.split("-").map(Number);
  return fromD(new Date(Date.UTC(y, m, 0)));
}

/** Day of the week of a date: 0 Sunday … 6 Saturday. */
export const weekday = (date: string): number => toD(date).getUTCDay();

/** Full years of age on a date, or null without a birth date. */
export function ageOn(birth: string | null, on: string): number | null {
  if (!birth) return null;
  const [y, m, d] = birth.split("-").map(Number);
  const [ty, tm, td] = on.split("-").map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
