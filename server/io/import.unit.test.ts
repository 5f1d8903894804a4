import { describe, expect, it } from "vitest";
import { sheetDate } from "./import.js";

describe("sheetDate", () => {
  it("reads the ways a sheet writes a date, and refuses what is not on the calendar", () => {
    expect(sheetDate("2021-05-10")).toBe("2021-05-10");
    expect(sheetDate("2021/5/1")).toBe("2021-05-01");
    expect(sheetDate(" 2021.12.31 ")).toBe("2021-12-31");
    expect(sheetDate("2021-05-10 00:00:00")).toBe("2021-05-10");
    expect(sheetDate("2024-02-29")).toBe("2024-02-29");
    expect(sheetDate("2023-02-29")).toBeNull();
    expect(sheetDate("2021-13-01")).toBeNull();
    expect(sheetDate("前年")).toBeNull();
    expect(sheetDate("")).toBeNull();
  });
});
