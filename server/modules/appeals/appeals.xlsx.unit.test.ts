import { describe, expect, it } from "vitest";
import { parseLocal } from "./appeals.xlsx.js";

// Local wall-clock times of an export, read in the deployment's zone, at month and year ends.
describe("parseLocal", () => {
  it("reads the first hours of every month in Shanghai (the previous UTC day) and the last minute of the year", () => {
    for (let mo = 1; mo <= 12; mo++) {
      const mm = String(mo).padStart(2, "0");
      const utcPrev = new Date(Date.UTC(2024, mo - 1, 1, 0, 0) - 8 * 3_600_000).toISOString();
      expect(parseLocal(`2024-${mm}-01 00:00`, "Asia/Shanghai"), mm).toBe(utcPrev);
      expect(parseLocal(`2024-${mm}-01 07:59`, "Asia/Shanghai"), mm).toBe(new Date(Date.parse(utcPrev) + (7 * 60 + 59) * 60_000).toISOString());
    }
    expect(parseLocal("2024-12-31 23:59:59", "Asia/Shanghai")).toBe("2024-12-31T15:59:59.000Z");
    expect(parseLocal("2024/1/1 0:00", "Asia/Shanghai")).toBe("2023-12-31T16:00:00.000Z");
  });
  it("in a zone with daylight saving, the offset of that day", () => {
    expect(parseLocal("2024-07-01 00:00", "America/New_York")).toBe("2024-07-01T04:00:00.000Z");
    expect(parseLocal("2024-01-01 00:00", "America/New_York")).toBe("2024-01-01T05:00:00.000Z");
  });
  it("refuses dates that are not on the calendar and times that are not on the clock", () => {
    expect(parseLocal("2023-02-29 10:00", "Asia/Shanghai")).toBeNull();
    expect(parseLocal("2024-04-31", "Asia/Shanghai")).toBeNull();
    expect(parseLocal("2024-04-30 24:00", "Asia/Shanghai")).toBeNull();
    expect(parseLocal("2024-02-29", "Asia/Shanghai")).toBe("2024-02-29T01:00:00.000Z");
  });
});
