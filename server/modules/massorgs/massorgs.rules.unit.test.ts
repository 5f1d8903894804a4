import { describe, expect, it } from "vitest";
import { awardRefusal, joinRefusal, leaveRefusal, resultRefusal } from "./massorgs.rules.js";

describe("群团 rules", () => {
  it("a result once, on or after the day it was made, not in the future", () => {
    expect(resultRefusal("pending", "2024-04-15", "2024-04-15", "2024-06-01")).toBeNull();
    expect(resultRefusal("pending", "2024-04-15", "2024-04-14", "2024-06-01")?.zh).toContain("早于");
    expect(resultRefusal("pending", "2024-04-15", "2024-06-02", "2024-06-01")?.en).toContain("after today");
    expect(resultRefusal("awarded", "2024-04-15", "2024-05-01", "2024-06-01")?.en).toContain("already");
  });
  it("members join once, not before the organisation was founded, and leave after joining", () => {
    expect(joinRefusal(false, "2024-03-08", "2024-06-01", "2024-03-08")).toBeNull();
    expect(joinRefusal(false, "2024-03-07", "2024-06-01", "2024-03-08")?.en).toContain("founded");
    expect(joinRefusal(true, "2024-03-08", "2024-06-01", null)?.zh).toContain("已是");
    expect(joinRefusal(false, "2024-06-02", "2024-06-01", null)).not.toBeNull();
    expect(leaveRefusal({ joinedOn: "2024-03-08", leftOn: null }, "2024-03-07", "2024-06-01")?.en).toContain("before joining");
    expect(leaveRefusal({ joinedOn: "2024-03-08", leftOn: "2024-04-01" }, "2024-05-01", "2024-06-01")?.en).toContain("already left");
    expect(leaveRefusal({ joinedOn: "2024-03-08", leftOn: null }, "2024-03-08", "2024-06-01")).toBeNull();
  });
  it("awards on the setting's list", () => {
    expect(awardRefusal("两红两优", ["两红两优"])).toBeNull();
    expect(awardRefusal("最佳邻居", ["两红两优"])?.zh).toContain("最佳邻居");
  });
});
