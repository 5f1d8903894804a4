import { describe, expect, it } from "vitest";
import { archiveRefusal, householdName, isUnvisited, kindsRefusal, unvisitedCutoff, visitRefusal } from "./care.rules.js";

const active = { state: "active", enrolledOn: "2024-03-01", archivedOn: null };

describe("care rules", () => {
  it("refuse a visit to an archived household, before it was taken in, or in the future", () => {
    expect(visitRefusal(active, "2024-03-01", "2024-06-01")).toBeNull();
    expect(visitRefusal(active, "2024-02-29", "2024-06-01")?.zh).toContain("早于");
    expect(visitRefusal(active, "2024-06-02", "2024-06-01")?.en).toContain("after today");
    const archived = { state: "archived", enrolledOn: "2024-03-01", archivedOn: "2024-05-31" };
    expect(visitRefusal(archived, "2024-05-31", "2024-06-01")?.zh).toContain("已于 2024-05-31 归档");
    expect(visitRefusal(archived, "2024-06-01", "2024-06-01")?.en).toContain("archived");
    // A visit before the household left care may still be entered late.
    expect(visitRefusal(archived, "2024-05-30", "2024-06-01")).toBeNull();
  });

  it("archive no earlier than the latest visit, and once", () => {
    const h = { ...active, lastVisitedOn: "2024-05-10" };
    expect(archiveRefusal(h, "2024-05-10", "2024-06-01")).toBeNull();
    expect(archiveRefusal(h, "2024-05-09", "2024-06-01")?.en).toContain("latest visit");
    expect(archiveRefusal(h, "2024-06-02", "2024-06-01")?.en).toContain("after today");
    expect(archiveRefusal({ ...h, state: "archived" }, "2024-06-01", "2024-06-01")?.zh).toContain("已归档");
  });

  it("not visited for N months: the cutoff is N calendar months back, month ends clamped", () => {
    expect(unvisitedCutoff("2025-01-15", 3)).toBe("2024-10-15");
    expect(unvisitedCutoff("2024-05-31", 3)).toBe("2024-02-29");
    expect(isUnvisited({ state: "active", enrolledOn: "2024-01-01", lastVisitedOn: "2024-10-14" }, "2025-01-15", 3)).toBe(true);
    expect(isUnvisited({ state: "active", enrolledOn: "2024-01-01", lastVisitedOn: "2024-10-15" }, "2025-01-15", 3)).toBe(false);
    // Never visited: counted from the day it was taken in.
    expect(isUnvisited({ state: "active", enrolledOn: "2024-12-01", lastVisitedOn: null }, "2025-01-15", 3)).toBe(false);
    expect(isUnvisited({ state: "archived", enrolledOn: "2023-01-01", lastVisitedOn: null }, "2025-01-15", 3)).toBe(false);
  });

  it("kinds on the setting's list, once each; names masked", () => {
    expect(kindsRefusal(["低保", "残疾"], ["低保", "残疾"])).toBeNull();
    expect(kindsRefusal(["低保", "贫困"], ["低保"])?.zh).toContain("贫困");
    expect(kindsRefusal(["低保", "低保"], ["低保"])?.en).toContain("twice");
    expect(householdName("王小明")).toBe("王**家");
  });
});
