import { describe, expect, it } from "vitest";
import { fills, findPersonalData, isIdNumber, maskFindings, slotsDue, stepAllowed, unconfirmed } from "./portal.rules.js";

describe("保密审核 findings", () => {
  it("finds ID numbers by their check digit, mobile phones and residents' full names", () => {
    const text =
      "联系人张伟，电话13812345678，身份证11010519491231002X，旧证110105194912310021；另 138 1234 5679。编号123456789012345678。座机0755-12345678。张伟已答复。";
    expect(isIdNumber("11010519491231002X")).toBe(true);
    expect(isIdNumber("110105194912310021")).toBe(false);
    const f = findPersonalData(text, ["张伟", "李"]);
    const byKind = (k: string) => f.filter((x) => x.kind === k).map((x) => `${x.text}|${x.masked}|${x.count}`);
    expect(byKind("phone")).toEqual(["13812345678|138****5678|1", "13812345679|138****5679|1"]);
    expect(byKind("name")).toEqual(["张伟|张*|2"]);
    // 110105194912310021 has a wrong check digit: not flagged.
    expect(byKind("id_number")).toEqual(["11010519491231002X|110***********002X|1"]);
  });

  it("asks for a confirmation of each finding, and masks them", () => {
    const f = findPersonalData("电话13812345678，联系人王芳", ["王芳"]);
    expect(unconfirmed(f, [{ kind: "phone", text: "138 1234 5678" }]).map((x) => x.kind)).toEqual(["name"]);
    expect(maskFindings("电话13812345678，联系人王芳", f)).toBe("电话138****5678，联系人王*");
  });
});

describe("the disclosure schedule", () => {
  it("gives the periods due in a year: monthly by the 10th, quarterly by the 15th, yearly within a quarter", () => {
    const m = slotsDue("monthly", "2024-01-01", "2024-01-01", "2024-12-31");
    expect(m.length).toBe(11);
    expect(m[0]).toEqual({ from: "2024-01-01", to: "2024-01-31", dueOn: "2024-02-10" });
    expect(m[10]).toEqual({ from: "2024-11-01", to: "2024-11-30", dueOn: "2024-12-10" });
    const q = slotsDue("quarterly", "2024-01-01", "2024-01-01", "2024-12-31");
    expect(q.map((s) => s.dueOn)).toEqual(["2024-04-15", "2024-07-15", "2024-10-15"]);
    expect(slotsDue("yearly", "2024-01-01", "2024-01-01", "2024-12-31")).toEqual([]);
    expect(slotsDue("yearly", "2024-01-01", "2025-01-01", "2025-12-31")).toEqual([{ from: "2024-01-01", to: "2024-12-31", dueOn: "2025-03-31" }]);
    expect(slotsDue("immediate", "2024-01-01", "2024-01-01", "2024-12-31")).toEqual([]);
    // A column disclosed since mid-year has no slot before it.
    expect(slotsDue("quarterly", "2024-07-01", "2024-01-01", "2024-12-31").map((s) => s.from)).toEqual(["2024-07-01"]);
  });

  it("fills a slot with an item covering it published by its due day", () => {
    const s = { from: "2024-07-01", to: "2024-09-30", dueOn: "2024-10-15" };
    expect(fills(s, { periodTo: "2024-09-30", publishedOn: "2024-10-15" })).toBe(true);
    expect(fills(s, { periodTo: "2024-09-30", publishedOn: "2024-10-16" })).toBe(false);
    expect(fills(s, { periodTo: "2024-06-30", publishedOn: "2024-07-02" })).toBe(false);
  });

  it("takes each step from its states only", () => {
    expect(stepAllowed("review", "proposed")).toBe(true);
    expect(stepAllowed("approve", "proposed")).toBe(false);
    expect(stepAllowed("withdraw", "withdrawn")).toBe(false);
    expect(stepAllowed("correct", "published")).toBe(true);
  });
});
