import { z } from "zod";
import { ZDate } from "../../../contracts/platform.js";
import { dateRange, weekday } from "../../platform/dates.js";
import { defineSetting } from "../../platform/settings.js";

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

/** The [B] rules of DOMAIN.md §5: practice, so settings with the common default. */
export const PARTY_SETTINGS = {
  publicityWorkingDays: defineSetting({
    key: "party.publicity_working_days",
    schema: z.number().int().min(0).max(30),
    default: 5,
    label: { zh: "发展党员公示期（工作日）", en: "Publicity period before the branch vote (working days)" },
    regional: true,
  }),
  lessonsPerYear: defineSetting({
    key: "party.lessons_per_year",
    schema: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(12)]),
    default: 4 as 1 | 2 | 4 | 12,
    label: { zh: "党课频次（每年次数：1/2/4/12）", en: "Party lessons per year (1/2/4/12)" },
    regional: true,
  }),
  publicHolidays: defineSetting({
    key: "party.public_holidays",
    schema: ZDateList,
    default: CN_HOLIDAYS_2024_2025,
    label: {
      zh: "法定节假日（放假日期，不计工作日；默认值为国务院2024、2025年安排，可修改、补充）",
      en: "Public holidays (dates off, not working days; defaults: the State Council's 2024 and 2025 calendars, editable)",
    },
  }),
  adjustedWorkdays: defineSetting({
    key: "party.adjusted_workdays",
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
  }),
  reminderDays: defineSetting({
    key: "party.reminder_days",
    schema: z.number().int().min(0).max(60),
    default: 7,
    label: { zh: "组织生活到期提醒（期末前天数）", en: "Meeting reminder before a period ends (days)" },
    regional: true,
  }),
};
