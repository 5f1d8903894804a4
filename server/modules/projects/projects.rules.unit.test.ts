import { describe, expect, it } from "vitest";
import { PLAIN_WEEK, workCalendar } from "../../platform/workdays.js";
import {
  approvalRefusal,
  nextSteps,
  paymentRefusal,
  progressRefusal,
  publicityEnd,
  type StepState,
  satisfactionOf,
  stepDateRefusal,
  stepRefusal,
  votePasses,
  voteRefusal,
  yuan,
} from "./projects.rules.js";

const state = (s: Partial<StepState>): StepState => ({
  stage: "proposed",
  today: "2024-05-10",
  publicityEndsOn: null,
  openObjections: 0,
  progressPct: 0,
  surveyCount: 0,
  surveyMin: 5,
  ...s,
});

describe("projects rules", () => {
  it("refuses a step out of order with the rule and the stage", () => {
    const no = stepRefusal("approve", state({ stage: "reviewed" }));
    expect(no?.zh).toContain("公示期满");
    expect(no?.zh).toContain("初审通过");
    expect(no?.en).toContain("Passed review");
    expect(stepRefusal("review", state({ stage: "proposed" }))).toBeNull();
    expect(stepRefusal("vote", state({ stage: "proposed" }))?.zh).toContain("初审");
    expect(stepRefusal("publicise", state({ stage: "reviewed" }))?.zh).toContain("议事会");
    expect(stepRefusal("cancel", state({ stage: "accepted" }))).not.toBeNull();
  });

  it("approves only after the publicity period and with every objection answered", () => {
    const p = { stage: "publicised" as const, publicityEndsOn: "2024-05-10" };
    expect(stepRefusal("approve", state({ ...p, today: "2024-05-10" }))?.zh).toContain("公示期至2024-05-10");
    expect(stepRefusal("approve", state({ ...p, today: "2024-05-11" }))).toBeNull();
    expect(stepRefusal("approve", state({ ...p, today: "2024-05-11", openObjections: 2 }))?.zh).toContain("2条异议");
    expect(stepRefusal("objection", state({ ...p, today: "2024-05-10" }))).toBeNull();
    expect(stepRefusal("objection", state({ ...p, today: "2024-05-11" }))?.zh).toContain("已于2024-05-10结束");
  });

  it("accepts at 100% only and evaluates with enough answers", () => {
    expect(stepRefusal("accept", state({ stage: "implementing", progressPct: 90 }))?.zh).toContain("90%");
    expect(stepRefusal("accept", state({ stage: "implementing", progressPct: 100 }))).toBeNull();
    expect(stepRefusal("accept", state({ stage: "approved", progressPct: 100 }))).not.toBeNull();
    expect(stepRefusal("evaluate", state({ stage: "accepted", surveyCount: 4 }))?.zh).toContain("至少需要5份");
    expect(stepRefusal("evaluate", state({ stage: "accepted", surveyCount: 5 }))).toBeNull();
    expect(nextSteps(state({ stage: "implementing", progressPct: 100 }))).toEqual(["progress", "payment", "accept", "cancel"]);
    expect(nextSteps(state({ stage: "evaluated" }))).toEqual([]);
  });

  it("passes a vote with more than the share of those present; refuses more votes than members", () => {
    expect(votePasses(6, 11, 0.5)).toBe(true);
    expect(votePasses(5, 10, 0.5)).toBe(false); // exactly half is not more than half
    expect(votePasses(6, 10, 0.5)).toBe(true);
    expect(votePasses(7, 10, 2 / 3)).toBe(true);
    expect(votePasses(6, 9, 2 / 3)).toBe(false);
    expect(voteRefusal({ present: 10, votesFor: 8, votesAgainst: 2, abstentions: 1 }, "停车棚")?.zh).toContain("共11票）多于到会成员10人");
    expect(voteRefusal({ present: 10, votesFor: 8, votesAgainst: 2, abstentions: 0 }, "停车棚")).toBeNull();
  });

  it("counts the publicity period in working days, holidays and 调休 included", () => {
    // Friday 2024-09-13 + 5 working days: Sat 14 is 调休 (worked), 15–17 中秋 off, 18, 19, 20, (weekend), 23.
    const cal = workCalendar(["2024-09-15", "2024-09-16", "2024-09-17"], ["2024-09-14"]);
    expect(publicityEnd("2024-09-13", 5, cal)).toBe("2024-09-23");
    expect(publicityEnd("2024-09-13", 5, PLAIN_WEEK)).toBe("2024-09-20");
    expect(publicityEnd("2024-09-13", 3, cal)).toBe("2024-09-19");
    expect(publicityEnd("2024-09-13", 3, PLAIN_WEEK)).toBe("2024-09-18");
    expect(publicityEnd("2024-12-27", 3, PLAIN_WEEK)).toBe("2025-01-01");
  });

  it("refuses a budget over its kind's cap or over the year's budget, showing the figures", () => {
    const base = { kind: "works" as const, capFen: 100_000_000, committedFen: 150_000_000, annualFen: 200_000_000, year: 2024 };
    expect(approvalRefusal({ ...base, budgetFen: 100_000_001 })?.zh).toBe("项目预算1,000,000.01元超过工程类项目上限1,000,000.00元");
    expect(approvalRefusal({ ...base, budgetFen: 50_000_001 })?.zh).toBe(
      "2024年度社区预算2,000,000.00元已立项1,500,000.00元，剩余500,000.00元，不足本项目预算500,000.01元",
    );
    expect(approvalRefusal({ ...base, budgetFen: 50_000_000 })).toBeNull();
  });

  it("refuses a payment taking the spend over the budget", () => {
    expect(paymentRefusal({ budgetFen: 10_000_00, spentFen: 6_000_00, amountFen: 4_000_00 })).toBeNull();
    expect(paymentRefusal({ budgetFen: 10_000_00, spentFen: 6_000_00, amountFen: 4_000_01 })?.zh).toBe(
      "支付4,000.01元后累计支出将超过项目预算10,000.00元（已支付6,000.00元）",
    );
    expect(yuan(156_000_000).en).toBe("1,560,000.00 yuan");
  });

  it("takes monthly progress from the month of approval, forward only", () => {
    const p = { approvedOn: "2024-03-20", today: "2024-06-02" };
    expect(progressRefusal({ ...p, month: "2024-02", percent: 10, last: null })?.zh).toContain("早于立项月份2024-03");
    expect(progressRefusal({ ...p, month: "2024-03", percent: 10, last: null })).toBeNull();
    expect(progressRefusal({ ...p, month: "2024-07", percent: 10, last: null })).not.toBeNull();
    expect(progressRefusal({ ...p, month: "2024-04", percent: 10, last: { month: "2024-04", percent: 5 } })).not.toBeNull();
    expect(progressRefusal({ ...p, month: "2024-05", percent: 4, last: { month: "2024-04", percent: 5 } })?.zh).toContain("5%");
    expect(progressRefusal({ ...p, month: "2024-05", percent: 5, last: { month: "2024-04", percent: 5 } })).toBeNull();
  });

  it("rates satisfaction as satisfied plus fair over all answers", () => {
    expect(satisfactionOf({ satisfied: 7, fair: 2, unsatisfied: 1 })).toEqual({ total: 10, rate: 0.9 });
    expect(satisfactionOf({ satisfied: 0, fair: 0, unsatisfied: 0 })).toEqual({ total: 0, rate: null });
    expect(satisfactionOf({ satisfied: 1, fair: 0, unsatisfied: 2 }).rate).toBe(0.3333);
  });

  it("dates a step not in the future and not before the one before", () => {
    expect(stepDateRefusal("2024-05-11", "2024-05-10", null)).not.toBeNull();
    expect(stepDateRefusal("2024-05-01", "2024-05-10", "2024-05-02")).not.toBeNull();
    expect(stepDateRefusal("2024-05-02", "2024-05-10", "2024-05-02")).toBeNull();
  });
});
