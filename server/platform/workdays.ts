import type { Kysely } from "kysely";
import { z } from "zod";
import { ZDate } from "../../contracts/platform.js";
import type { DB } from "../db/types.js";
import { addDays, dateRange, weekday } from "./dates.js";
import { defineSetting, settingFrom } from "./settings.js";

// The working-day calendar every "N working days" rule counts on (a party publicity period, a
// 民生微实事 公示 …): Monday to Friday, less the public holidays, plus the adjusted working days
// (调休). Both lists are settings, editable per deployment and region, defaulting to the State
// Council's notices; a year not entered counts Monday to Friday only.

/**
 * The State Council's holiday arrangements (国务院办公厅关于2024年、2025年部分节假日安排的通知):
 * editable defaults, to be extended with each year's notice on the settings page.
 */
export const CN_HOLIDAYS_2024_2025 = [
  // 2024
  "2024-01-01",
  ...dateRange("2024-02-10", "2024-02-17"),
  ...dateRange("2024-04-04", "2024-04-06"),
  ...dateRange("2024-05-01", "2024-05-05"),
  "2024-06-10",
  ...dateRange("2024-09-15", "2024-09-17"),
  ...dateRange("2024-10-01", "2024-10-07"),
  // 2025
  "2025-01-01",
  ...dateRange("2025-01-28", "2025-02-04"),
  ...dateRange("2025-04-04", "2025-04-06"),
  ...dateRange("2025-05-01", "2025-05-05"),
  ...dateRange("2025-05-31", "2025-06-02"),
  ...dateRange("2025-10-01", "2025-10-08"),
];
/** 调休: the weekend dates worked under the same notices. */
export const CN_WORKDAYS_2024_2025 = [
  ...["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"],
  ...["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
];

/** A list of dates: each a real YYYY-MM-DD, stored sorted and without repeats. */
const ZDateList = z
  .array(ZDate)
  .max(1000)
  .transform((xs) => [...new Set(xs)].sort());
const isWeekend = (s: string) => [0, 6].includes(weekday(s));

export const CALENDAR_SETTINGS = {
  publicHolidays: defineSetting({
    key: "calendar.public_holidays",
    schema: ZDateList,
    default: CN_HOLIDAYS_2024_2025,
    label: {
      zh: "法定节假日（放假日期，不计工作日；默认值为国务院2024、2025年安排，可修改、补充）",
      en: "Public holidays (dates off, not working days; defaults: the State Council's 2024 and 2025 calendars, editable)",
    },
    regional: true,
  }),
  adjustedWorkdays: defineSetting({
    key: "calendar.adjusted_workdays",
    schema: ZDateList.pipe(
      z.array(z.string()).superRefine((xs, ctx) => {
        for (const x of xs) if (!isWeekend(x)) ctx.addIssue({ code: "custom", message: `${x} 不是周六或周日 / ${x} is not a Saturday or Sunday` });
      }),
    ),
    default: CN_WORKDAYS_2024_2025,
    label: {
      zh: "调休上班日（计为工作日的周六、周日；默认值为国务院2024、2025年安排，可修改、补充）",
      en: "Adjusted working days (调休: weekend dates worked; defaults: the State Council's 2024 and 2025 calendars, editable)",
    },
    regional: true,
  }),
};

/** A date in both lists is off. */
export type WorkCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

export const workCalendar = (holidays: readonly string[], workdays: readonly string[]): WorkCalendar => ({
  holidays: new Set(holidays),
  workdays: new Set(workdays),
});

/** Monday to Friday only: no holidays, no 调休. */
export const PLAIN_WEEK: WorkCalendar = workCalendar([], []);

/** The calendar in force for a region (by its path), read through the caller's executor. */
export async function workCalendarAt(exec: Kysely<DB>, regionPath: string): Promise<WorkCalendar> {
  const [holidays, workdays] = await Promise.all([
    settingFrom(exec, CALENDAR_SETTINGS.publicHolidays, regionPath),
    settingFrom(exec, CALENDAR_SETTINGS.adjustedWorkdays, regionPath),
  ]);
  return workCalendar(holidays, workdays);
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return true;
  return !isWeekend(date);
}

/** The date n working days after a date (the n-th working day after it, the date itself not counted). */
export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}
