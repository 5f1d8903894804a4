import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { branchCompliance, type HeldMeeting, mayHold, periods, quorum, requiredMeetings } from "./party.meetings.rules.js";

// Meeting rules [A, 支部工作条例 2018] at fixed dates.
const refusal = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.msg.zh;
    throw e;
  }
};

describe("who holds which meeting, and the quorum", () => {
  it("a committee meeting is a committee's, a branch committee meeting a branch's", () => {
    expect(refusal(() => mayHold("党委会议", { name: "某党支部", level: "党支部" }))).toContain("由党委（党总支）召开");
    expect(refusal(() => mayHold("党建工作部署总结会", { name: "某党委", level: "党委" }))).toBeNull();
    expect(refusal(() => mayHold("支委会", { name: "某党小组", level: "党小组" }))).toContain("支委会由党支部召开");
    expect(refusal(() => mayHold("支委会", { name: "某党总支", level: "党总支" }))).toBeNull();
    expect(refusal(() => mayHold("主题党日", { name: "某党小组", level: "党小组" }))).toBeNull();
  });

  it("more than half of those due present, for the meetings that need it", () => {
    expect(quorum("支委会", 5, 3)).toEqual({ required: true, met: true });
    expect(quorum("支部党员大会", 6, 3)).toEqual({ required: true, met: false });
    expect(quorum("主题党日", 6, 1)).toEqual({ required: false, met: null });
  });
});

describe("periods and what a branch owes", () => {
  it("months, quarters, halves and the year", () => {
    expect(periods(2024, 12)[1]).toEqual({ key: "2024-02", start: "2024-02-01", end: "2024-02-29" });
    expect(periods(2025, 4).map((p) => p.key)).toEqual(["2025Q1", "2025Q2", "2025Q3", "2025Q4"]);
    expect(periods(2025, 4)[1]).toMatchObject({ start: "2025-04-01", end: "2025-06-30" });
    expect(periods(2025, 2)[1]).toEqual({ key: "2025H2", start: "2025-07-01", end: "2025-12-31" });
    expect(periods(2025, 1)).toEqual([{ key: "2025", start: "2025-01-01", end: "2025-12-31" }]);
  });

  it("a committee meeting monthly only with a committee, a group meeting only with groups", () => {
    const types = (b: Parameters<typeof requiredMeetings>[0]) => requiredMeetings(b).map(([t]) => t);
    expect(types({ hasCommittee: false, hasGroups: false, lessonsPerYear: 4 })).toEqual(["主题党日", "支部党员大会", "党课", "组织生活会", "民主评议"]);
    expect(types({ hasCommittee: true, hasGroups: true, lessonsPerYear: 4 })).toContain("支委会");
    expect(requiredMeetings({ hasCommittee: true, hasGroups: true, lessonsPerYear: 12 }).find(([t]) => t === "党课")?.[1]).toBe(12);
  });
});

describe("a branch's compliance", () => {
  const held = (type: string, held_on: string, quorum_met: number | null = null, org_id = "b"): HeldMeeting => ({ org_id, type, held_on, quorum_met });
  const base = { branch: { id: "b", foundedOn: "2010-01-01", posts: 3 }, groups: new Set<string>(), year: 2026, lessonsPerYear: 4 as const, remindDays: 7 };
  const monthly = (type: string, months: number[], q: number | null = null) => months.map((m) => held(type, `2026-${String(m).padStart(2, "0")}-10`, q));

  it("ended periods are met, missing or short of quorum; the current one is not yet due", () => {
    const meetings = [
      ...monthly("主题党日", [1, 2, 3, 5]),
      ...monthly("支委会", [1, 2, 3, 4], 1),
      held("支委会", "2026-05-06", 0),
      held("支部党员大会", "2026-03-20", 1),
      held("党课", "2026-03-22"),
    ];
    const c = branchCompliance({ ...base, meetings, asOf: "2026-06-15" });
    expect(c.missing).toEqual([
      { type: "主题党日", period: "2026-04", periodEnd: "2026-04-30", held: 0, status: "missing" },
      { type: "支委会", period: "2026-05", periodEnd: "2026-05-31", held: 1, status: "short_quorum" },
    ]);
    // Jan–May 主题党日 and 支委会, Q1 general meeting and lesson.
    expect(c.required).toBe(12);
    expect(c.met).toBe(10);
    expect(c.reminders).toEqual([]);
  });

  it("reminds in the last days of a period not yet met", () => {
    const c = branchCompliance({ ...base, meetings: [], asOf: "2026-06-23" });
    expect(c.reminders.map((r) => r.type)).toEqual(["主题党日", "支委会", "支部党员大会", "党课"]);
    expect(branchCompliance({ ...base, meetings: [], asOf: "2026-06-22" }).reminders).toEqual([]);
  });

  it("owes nothing for periods before its founding; its groups' meetings count", () => {
    const c = branchCompliance({
      ...base,
      branch: { id: "b", foundedOn: "2026-04-15", posts: 1 },
      groups: new Set(["g"]),
      meetings: [held("主题党日", "2026-04-20"), held("主题党日", "2026-05-10"), held("党小组会", "2026-04-25", null, "g")],
      asOf: "2026-06-01",
    });
    expect(c.items.map((i) => `${i.type}:${i.period}:${i.status}`)).toEqual([
      "主题党日:2026-04:ok",
      "主题党日:2026-05:ok",
      "党小组会:2026-04:ok",
      "党小组会:2026-05:missing",
    ]);
  });

  it("owes a 支委会 only in the periods whose end found a committee of three posts (issue 15)", () => {
    // Two posts since 2020, a third from 2026-04-01 and one of the first two ended on 2026-05-20:
    // a committee at the ends of April and May only (June's is not yet due).
    const postTerms = [
      { termStart: "2020-01-01", endedOn: null },
      { termStart: "2020-01-01", endedOn: "2026-05-20" },
      { termStart: "2026-04-01", endedOn: null },
    ];
    const c = branchCompliance({ ...base, branch: { id: "b", foundedOn: "2010-01-01", posts: 2, postTerms }, meetings: [], asOf: "2026-06-15" });
    expect(c.items.filter((i) => i.type === "支委会").map((i) => i.period)).toEqual(["2026-04"]);
    // Without the terms, today's committee decides (the view of one day).
    const today = branchCompliance({ ...base, branch: { id: "b", foundedOn: "2010-01-01", posts: 3 }, meetings: [], asOf: "2026-06-15" });
    expect(today.items.filter((i) => i.type === "支委会")).toHaveLength(5);
  });
});
