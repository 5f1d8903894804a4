import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  ageOn,
  dateRange,
  daysBetween,
  endOfLocalDay,
  isoWithOffset,
  localDate,
  monthEnd,
  startOfLocalDay,
  tzOffsetMs,
  zonedInstant,
} from "./dates.js";

const SH = "Asia/Shanghai";
const NY = "America/New_York";

describe("calendar dates", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2024-01-31", 1)).toBe("2024-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
  });
  it("adds months, clamping to the month's last day, forwards and back", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2024-11-15", 2)).toBe("2025-01-15");
    expect(addMonths("2024-01-15", -1)).toBe("2023-12-15");
    expect(addMonths("2024-03-31", -13)).toBe("2023-02-28");
  });
  it("counts days between, lists ranges, ends months, ages", () => {
    expect(daysBetween("2024-12-31", "2025-01-01")).toBe(1);
    expect(daysBetween("2024-03-01", "2024-02-01")).toBe(-29);
    expect(dateRange("2024-02-27", "2024-03-01")).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(monthEnd("2024-12")).toBe("2024-12-31");
    expect(ageOn("2006-12-03", "2024-12-02")).toBe(17);
    expect(ageOn("2006-12-03", "2024-12-03")).toBe(18);
    expect(ageOn(null, "2024-12-03")).toBeNull();
  });
});

describe("instants in a zone", () => {
  it("local date turns at local midnight, not UTC midnight", () => {
    expect(localDate(new Date("2024-12-31T15:59:59Z"), SH)).toBe("2024-12-31");
    expect(localDate(new Date("2024-12-31T16:00:00Z"), SH)).toBe("2025-01-01");
    expect(localDate(new Date("2024-03-01T04:59:00Z"), NY)).toBe("2024-02-29");
  });
  it("local midnights and wall-clock times as instants", () => {
    expect(startOfLocalDay("2025-01-01", SH).toISOString()).toBe("2024-12-31T16:00:00.000Z");
    expect(endOfLocalDay("2024-12-31", SH).toISOString()).toBe("2024-12-31T16:00:00.000Z");
    expect(zonedInstant("2024-03-01", "08:00", SH).toISOString()).toBe("2024-03-01T00:00:00.000Z");
    // New York springs forward on 2024-03-10: 12:00 that day is EDT (UTC−4), the day before EST.
    expect(zonedInstant("2024-03-10", "12:00", NY).toISOString()).toBe("2024-03-10T16:00:00.000Z");
    expect(zonedInstant("2024-03-09", "12:00", NY).toISOString()).toBe("2024-03-09T17:00:00.000Z");
    expect(tzOffsetMs(new Date("2024-06-01T00:00:00Z"), SH)).toBe(8 * 3_600_000);
  });
  it("writes ISO 8601 with the zone's offset", () => {
    expect(isoWithOffset("2024-03-01T02:00:00.000Z", SH)).toBe("2024-03-01T10:00:00+08:00");
    expect(isoWithOffset("2024-07-01T16:30:00.000Z", NY)).toBe("2024-07-01T12:30:00-04:00");
    expect(isoWithOffset(null, SH)).toBeNull();
  });
});
