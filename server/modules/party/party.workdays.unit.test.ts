import { describe, expect, it } from "vitest";
import { dateRange } from "../../platform/dates.js";
import { CN_HOLIDAYS_2024_2025, CN_WORKDAYS_2024_2025, PARTY_SETTINGS } from "./party.settings.js";
import { addWorkingDays, isWorkingDay, PLAIN_WEEK, workCalendar } from "./party.workdays.js";

// Working days: Monday to Friday, less the public holidays, plus the 调休 weekend dates worked.
const cn = workCalendar(CN_HOLIDAYS_2024_2025, CN_WORKDAYS_2024_2025);
const weekday = (s: string) => new Date(`${s}T00:00:00Z`).getUTCDay();

describe("the working-day calendar", () => {
  it("Monday to Friday without a calendar", () => {
    expect(addWorkingDays("2024-09-27", 5, PLAIN_WEEK)).toBe("2024-10-04");
    expect(addWorkingDays("2026-03-02", 5, PLAIN_WEEK)).toBe("2026-03-09");
    expect(addWorkingDays("2024-05-10", 0, PLAIN_WEEK)).toBe("2024-05-10");
  });

  it("skips the 2024 National Day holiday and counts its 调休 Sunday", () => {
    // Fri 27 Sep: Sun 29 Sep is worked, Mon 30 Sep, then 1–7 Oct off; 8, 9, 10 Oct.
    expect(isWorkingDay("2024-09-29", cn)).toBe(true);
    expect(isWorkingDay("2024-10-07", cn)).toBe(false);
    expect(addWorkingDays("2024-09-27", 5, cn)).toBe("2024-10-10");
  });

  it("counts a 调休 Saturday", () => {
    expect(weekday("2024-05-11")).toBe(6);
    expect(isWorkingDay("2024-05-11", cn)).toBe(true);
    expect(addWorkingDays("2024-05-09", 5, cn)).toBe("2024-05-15");
    expect(addWorkingDays("2024-05-09", 5, PLAIN_WEEK)).toBe("2024-05-16");
  });

  it("spans the 2024 and 2025 Spring Festivals", () => {
    // Thu 8 Feb 2024: Fri 9, (10–17 off), Sun 18 worked, 19, 20, 21.
    expect(addWorkingDays("2024-02-08", 5, cn)).toBe("2024-02-21");
    // Fri 24 Jan 2025: Sun 26 worked, Mon 27, (28 Jan – 4 Feb off), 5, 6, 7.
    expect(addWorkingDays("2025-01-24", 5, cn)).toBe("2025-02-07");
  });

  it("a date in both lists is off", () => {
    const both = workCalendar(["2024-05-11"], ["2024-05-11"]);
    expect(isWorkingDay("2024-05-11", both)).toBe(false);
  });

  it("the default calendars are the State Council's: every 调休 a weekend date, every holiday period as announced", () => {
    for (const d of CN_WORKDAYS_2024_2025) expect([0, 6], d).toContain(weekday(d));
    for (const d of CN_WORKDAYS_2024_2025) expect(CN_HOLIDAYS_2024_2025).not.toContain(d);
    expect(dateRange("2024-10-01", "2024-10-07").every((d) => CN_HOLIDAYS_2024_2025.includes(d))).toBe(true);
    expect(dateRange("2025-10-01", "2025-10-08").every((d) => CN_HOLIDAYS_2024_2025.includes(d))).toBe(true);
    // 2024: 1 + 8 + 3 + 5 + 1 + 3 + 7 days; 2025: 1 + 8 + 3 + 5 + 3 + 8.
    expect(CN_HOLIDAYS_2024_2025.filter((d) => d.startsWith("2024"))).toHaveLength(28);
    expect(CN_HOLIDAYS_2024_2025.filter((d) => d.startsWith("2025"))).toHaveLength(28);
    expect(CN_WORKDAYS_2024_2025).toHaveLength(13);
  });

  it("the settings accept real dates only, stored sorted without repeats; 调休 must be a weekend date", () => {
    expect(PARTY_SETTINGS.publicHolidays.schema.parse(["2024-10-02", "2024-10-01", "2024-10-02"])).toEqual(["2024-10-01", "2024-10-02"]);
    expect(PARTY_SETTINGS.publicHolidays.schema.safeParse(["2024-02-30"]).success).toBe(false);
    expect(PARTY_SETTINGS.publicHolidays.schema.safeParse(["2024/10/01"]).success).toBe(false);
    expect(PARTY_SETTINGS.publicHolidays.schema.safeParse("2024-10-01").success).toBe(false);
    expect(PARTY_SETTINGS.adjustedWorkdays.schema.parse(["2024-10-12", "2024-09-29"])).toEqual(["2024-09-29", "2024-10-12"]);
    const weekdayWorked = PARTY_SETTINGS.adjustedWorkdays.schema.safeParse(["2024-10-14"]);
    expect(weekdayWorked.success).toBe(false);
    expect(weekdayWorked.error?.issues[0].message).toContain("2024-10-14");
    expect(PARTY_SETTINGS.publicHolidays.schema.parse(PARTY_SETTINGS.publicHolidays.default)).toEqual(PARTY_SETTINGS.publicHolidays.default);
  });
});
