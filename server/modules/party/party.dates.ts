// Calendar arithmetic on YYYY-MM-DD strings (UTC-free: the dates are already local calendar dates).

const toD = (s: string) => new Date(`${s}T00:00:00Z`);
const fromD = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(s: string, n: number): string {
  const d = toD(s);
  d.setUTCDate(d.getUTCDate() + n);
  return fromD(d);
}

/** Same day n months later; a day that does not exist (31 → 30 Feb) clamps to the month's last day. */
export function addMonths(s: string, n: number): string {
  const [y, m, d] = s.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * The working-day calendar: Monday to Friday, less the public holidays (dates off), plus the
 * adjusted working days (调休: weekend dates that are worked). A date in both lists is off.
 */
export type WorkCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

export const workCalendar = (holidays: readonly string[], workdays: readonly string[]): WorkCalendar => ({
  holidays: new Set(holidays),
  workdays: new Set(workdays),
});

/** Monday to Friday only: no holidays, no 调休. */
export const PLAIN_WEEK: WorkCalendar = workCalendar([], []);

export function isWorkingDay(s: string, cal: WorkCalendar): boolean {
  if (cal.holidays.has(s)) return false;
  if (cal.workdays.has(s)) return true;
  const wd = toD(s).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The date n working days after s (the n-th working day after it, s itself not counted). */
export function addWorkingDays(s: string, n: number, cal: WorkCalendar): string {
  let d = s;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Every date from `from` to `to`, both included. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function monthEnd(ym: string): string {
  const [y, m] = ym.split("-").map(Number);
  return fromD(new Date(Date.UTC(y, m, 0)));
}

export function ageOn(birth: string | null, on: string): number | null {
  if (!birth) return null;
  const [y, m, d] = birth.split("-").map(Number);
  const [ty, tm, td] = on.split("-").map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
