// The working-day calendar of the publicity period [B] (DOMAIN.md §5): party's own, since public
// holidays and 调休 are party settings. Plain calendar arithmetic lives in platform/dates.ts.
import { addDays, weekday } from "../../platform/dates.js";

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
  const wd = weekday(s);
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
