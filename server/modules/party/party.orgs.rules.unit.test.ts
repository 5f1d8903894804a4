import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import {
  branchWarnings,
  childrenRankBelow,
  defaultTermEnd,
  needsParent,
  notUnderItself,
  parentRanksAbove,
  termFlag,
  termsOverlap,
} from "./party.orgs.rules.js";

// The rules of the organisation tree and its committees [A], at fixed dates.
const refusal = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.msg;
    throw e;
  }
};

describe("the tree", () => {
  it("党委 > 党总支 > 党支部 > 党小组, and only a 党委 without a parent", () => {
    expect(refusal(() => parentRanksAbove("党委", "党支部"))).toBeNull();
    expect(refusal(() => parentRanksAbove("党支部", "党支部"))?.zh).toContain("党委 > 党总支 > 党支部 > 党小组");
    expect(refusal(() => parentRanksAbove("党小组", "党支部"))?.zh).toContain("层级须高于");
    expect(refusal(() => needsParent("党委"))).toBeNull();
    expect(refusal(() => needsParent("党小组"))?.zh).toContain("须有上级党组织");
    expect(refusal(() => childrenRankBelow("党总支", [{ name: "甲", level: "党支部" }]))).toBeNull();
    expect(refusal(() => childrenRankBelow("党支部", [{ name: "甲", level: "党支部" }]))?.zh).toContain("下级党组织甲");
  });

  it("an organisation is not its own parent, nor under any of its descendants", () => {
    expect(refusal(() => notUnderItself("a", "a", []))).toEqual({ zh: "上级党组织不能是自己", en: "A party organisation cannot be its own parent" });
    expect(refusal(() => notUnderItself("a", "c", ["b", "a", "root"]))?.en).toBe("The parent cannot be one of this organisation's own sub-organisations");
    expect(refusal(() => notUnderItself("a", "c", ["b", "root"]))).toBeNull();
  });
});

describe("terms", () => {
  it("five years by default, none for a group", () => {
    expect(defaultTermEnd("2021-12-10", "党委")).toBe("2026-12-10");
    expect(defaultTermEnd("2024-02-29", "党支部")).toBe("2029-02-28");
    expect(defaultTermEnd("2021-12-10", "党小组")).toBeNull();
    expect(defaultTermEnd(null, "党支部")).toBeNull();
  });

  it("expired, expiring within three months, or fine", () => {
    expect(termFlag(null, "2026-06-15")).toBe("none");
    expect(termFlag("2026-06-14", "2026-06-15")).toBe("expired");
    expect(termFlag("2026-09-15", "2026-06-15")).toBe("expiring");
    expect(termFlag("2026-09-16", "2026-06-15")).toBe("ok");
  });

  it("terms overlap unless one ends (the day before its end) by the other's start", () => {
    expect(termsOverlap("2021-01-01", "2024-01-01", "2024-01-01", null)).toBe(false);
    expect(termsOverlap("2021-01-01", "2024-01-02", "2024-01-01", null)).toBe(true);
    expect(termsOverlap("2021-01-01", null, "2030-01-01", "2031-01-01")).toBe(true);
  });
});

describe("the branch-setup warnings", () => {
  const posts = (...p: string[]) => p.map((post) => ({ post }));
  it("at least 3 full members; 7 or more a committee of 3 to 7; fewer a secretary only", () => {
    expect(branchWarnings("党支部", 2, posts("书记")).map((w) => w.code)).toEqual(["min_members"]);
    expect(branchWarnings("党支部", 4, posts("书记"))).toEqual([]);
    expect(branchWarnings("党支部", 4, posts("书记", "组织委员")).map((w) => w.code)).toEqual(["no_committee"]);
    expect(branchWarnings("党支部", 7, posts("书记", "组织委员")).map((w) => w.code)).toEqual(["committee_size"]);
    expect(branchWarnings("党支部", 7, posts("书记", "组织委员", "宣传委员"))).toEqual([]);
    expect(branchWarnings("党支部", 3, []).map((w) => w.code)).toEqual(["no_secretary"]);
    expect(branchWarnings("党委", 0, [])).toEqual([]);
  });
});
