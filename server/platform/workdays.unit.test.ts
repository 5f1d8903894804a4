import { describe, expect, it } from "vitest";
import { addWorkingDays, CN_HOLIDAYS_2024_2025, CN_WORKDAYS_2024_2025, isWorkingDay, PLAIN_WEEK, workCalendar, workingDaysBetween } from "./workdays.js";

const CN = workCalendar(CN_HOLIDAYS_2024_2025, CN_WORKDAYS_2024_2025);

describe("working days", () => {
  it("Monday to Friday without a calendar", () => {
    expect(isWorkingDay("2024-09-27", PLAIN_WEEK)).toBe(true); // Friday
    expect(isWorkingDay("2024-09-28", PLAIN_WEEK)).toBe(false); // Saturday
    expect(addWorkingDays("2024-09-27", 1, PLAIN_WEEK)).toBe("2024-09-30");
  });
  it("skips public holidays and counts 调休 Saturdays (National Day 2024)", () => {
    expect(isWorkingDay("2024-10-01", CN)).toBe(false);
    expect(isWorkingDay("2024-09-29", CN)).toBe(true); // a Sunday worked
    expect(isWorkingDay("2024-10-12", CN)).toBe(true); // a Saturday worked
    // From Friday 27 Sep: 29 Sep (调休), 30 Sep, then 8, 9, 10 Oct.
    expect(addWorkingDays("2024-09-27", 5, CN)).toBe("2024-10-10");
    expect(workingDaysBetween("2024-09-27", "2024-10-10", CN)).toBe(5);
    expect(workingDaysBetween("2024-10-10", "2024-09-27", CN)).toBe(0);
  });
});
