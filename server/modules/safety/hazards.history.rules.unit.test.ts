import { describe, expect, it } from "vitest";
import type { AppError } from "../../platform/errors.js";
import { type HazardHistory, historyState } from "./hazards.history.rules.js";

const T = "2026-03-10";
const h = (over: Partial<HazardHistory> = {}): HazardHistory => ({
  foundOn: "2025-11-02",
  assigneeName: null,
  deadline: null,
  rectifiedOn: null,
  rectifiedBy: null,
  verifiedOn: null,
  verifiedBy: null,
  closedOn: null,
  ...over,
});
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).msg.zh;
  }
  return "accepted";
};
const full = {
  assigneeName: "王",
  deadline: "2025-11-17",
  rectifiedOn: "2025-11-15",
  rectifiedBy: "王",
  verifiedOn: "2025-11-16",
  verifiedBy: "李",
  closedOn: "2025-11-20",
};

describe("a hazard's history", () => {
  it("adds up to the state of its last step, overdue when rectified after the deadline or still open past it", () => {
    expect(historyState(h(), T)).toEqual({ status: "found", overdue: false });
    expect(historyState(h({ assigneeName: "王", deadline: "2025-11-17" }), T)).toEqual({ status: "assigned", overdue: true });
    expect(historyState(h({ assigneeName: "王", deadline: "2026-03-10" }), T)).toEqual({ status: "assigned", overdue: false });
    expect(historyState(h(full), T)).toEqual({ status: "closed", overdue: false });
    expect(historyState(h({ ...full, rectifiedOn: "2025-11-18", verifiedOn: "2025-11-18" }), T)).toEqual({ status: "closed", overdue: true });
    expect(historyState(h({ ...full, verifiedOn: null, verifiedBy: null, closedOn: null }), T).status).toBe("rectified");
  });
  it("refuses steps out of order, dates before the step they follow or in the future, and a self-check", () => {
    expect(refusal(() => historyState(h({ rectifiedOn: "2025-11-05" }), T))).toContain("须先交办");
    expect(refusal(() => historyState(h({ ...full, verifiedOn: null }), T))).toContain("须核查通过");
    expect(refusal(() => historyState(h({ ...full, deadline: "2025-11-01" }), T))).toContain("整改期限不能早于发现日期");
    expect(refusal(() => historyState(h({ ...full, verifiedOn: "2025-11-14" }), T))).toContain("核查日期不能早于整改日期");
    expect(refusal(() => historyState(h({ ...full, closedOn: "2026-03-11" }), T))).toContain("销号日期不能晚于今天");
    expect(refusal(() => historyState(h({ ...full, verifiedBy: "王" }), T))).toContain("整改人不能核查");
    expect(refusal(() => historyState(h({ deadline: "2025-11-17" }), T))).toContain("责任人");
  });
});
