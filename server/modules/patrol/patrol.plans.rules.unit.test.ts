import { describe, expect, it } from "vitest";
import { inForceSince, mergedPlan, plannedRounds, planRunsOn, roundStatus, roundsMadeOnLook, seededShuffle } from "./patrol.plans.rules.js";
import type { PatrolPlanTable } from "./patrol.tables.js";

// Plans and their rounds at fixed dates in Asia/Shanghai (UTC+8), without a database.

const TZ = "Asia/Shanghai";
const plan = (over: Partial<PatrolPlanTable> = {}): PatrolPlanTable => ({
  id: "plan-1",
  community_id: "c1",
  name: "白班巡查",
  force: "community",
  team_id: null,
  assignee_ids: "[]",
  point_ids: JSON.stringify(["p1", "p2", "p3", "p4"]),
  frequency: "shift",
  every_n_days: null,
  windows: JSON.stringify([
    { start: "08:00", end: "12:00" },
    { start: "18:00", end: "22:00" },
  ]),
  order_mode: "fixed",
  starts_on: "2025-03-10",
  ends_on: null,
  active: 1,
  created_at: "2025-03-09T12:00:00.000Z",
  updated_at: "2025-03-09T12:00:00.000Z",
  activated_at: null,
  ...over,
});
const rounds = (p: PatrolPlanTable, from = "2025-03-10", to = from) => plannedRounds(p, from, to, TZ, "2025-03-10T00:00:00.000Z");

describe("round status", () => {
  const r = { window_start: "2025-03-10T00:00:00.000Z", window_end: "2025-03-10T03:59:59.999Z", expected: 2, visited: 0 };
  it("follows from the window and the visits", () => {
    expect(roundStatus(r, "2025-03-09T23:00:00.000Z")).toBe("pending");
    expect(roundStatus(r, "2025-03-10T01:00:00.000Z")).toBe("in_progress");
    expect(roundStatus({ ...r, visited: 2 }, "2025-03-10T01:00:00.000Z")).toBe("completed");
    expect(roundStatus({ ...r, visited: 1 }, "2025-03-10T04:00:00.000Z")).toBe("incomplete");
    expect(roundStatus(r, "2025-03-10T04:00:00.000Z")).toBe("expired");
  });
});

describe("days a plan runs", () => {
  it("from its start to its end, weekly or every n days counted from the start, never when stopped", () => {
    const p = plan({ ends_on: "2025-03-31" });
    expect(planRunsOn(p, "2025-03-09")).toBe(false);
    expect(planRunsOn(p, "2025-03-10")).toBe(true);
    expect(planRunsOn(p, "2025-03-31")).toBe(true);
    expect(planRunsOn(p, "2025-04-01")).toBe(false);
    expect(planRunsOn({ ...p, active: 0 }, "2025-03-12")).toBe(false);
    const weekly = plan({ frequency: "weekly" });
    expect(["2025-03-10", "2025-03-11", "2025-03-17"].map((d) => planRunsOn(weekly, d))).toEqual([true, false, true]);
    const every3 = plan({ frequency: "every_n_days", every_n_days: 3 });
    expect(["2025-03-10", "2025-03-12", "2025-03-13", "2025-03-31", "2025-04-01"].map((d) => planRunsOn(every3, d))).toEqual([true, false, true, true, false]);
  });
});

describe("the rounds a plan makes", () => {
  it("one per window of a day of shifts, at local times; a plan of another frequency keeps its first window", () => {
    const rs = rounds(plan());
    expect(rs.map((r) => [r.window_start, r.window_end])).toEqual([
      ["2025-03-10T00:00:00.000Z", "2025-03-10T03:59:59.999Z"],
      ["2025-03-10T10:00:00.000Z", "2025-03-10T13:59:59.999Z"],
    ]);
    expect(rs[0]).toMatchObject({
      plan_id: "plan-1",
      date: "2025-03-10",
      month: "2025-03",
      expected: 4,
      visited: 0,
      point_order: JSON.stringify(["p1", "p2", "p3", "p4"]),
    });
    expect(rounds(plan({ frequency: "daily" }))).toHaveLength(1);
    expect(rounds(plan(), "2025-03-10", "2025-03-12")).toHaveLength(6);
  });
  it("a window past midnight ends the next day", () => {
    const [night] = rounds(plan({ windows: JSON.stringify([{ start: "22:00", end: "02:00" }]) }));
    expect(night.window_start).toBe("2025-03-10T14:00:00.000Z");
    expect(night.window_end).toBe("2025-03-10T17:59:59.999Z");
  });
  it("a plan created at 15:00 has no round for the morning window, which nobody could have walked", () => {
    const p = plan({ created_at: "2025-03-10T07:00:00.000Z" });
    expect(inForceSince(p, TZ)).toBe("2025-03-10T07:00:00.000Z");
    expect(rounds(p).map((r) => r.window_start)).toEqual(["2025-03-10T10:00:00.000Z"]);
    // A window still open when it is created (11:30) is walked.
    expect(rounds(plan({ created_at: "2025-03-10T03:30:00.000Z" }))).toHaveLength(2);
    expect(rounds(p, "2025-03-11")).toHaveLength(2);
  });
  it("a plan started before the day it was entered keeps its rounds from its start, unless activated again since", () => {
    const entered = plan({ starts_on: "2025-03-09", created_at: "2025-03-10T07:00:00.000Z" });
    expect(inForceSince(entered, TZ)).toBe("");
    expect(rounds(entered, "2025-03-09", "2025-03-10")).toHaveLength(4);
    const reactivated = { ...entered, activated_at: "2025-03-10T07:00:00.000Z" };
    expect(rounds(reactivated).map((r) => r.window_start)).toEqual(["2025-03-10T10:00:00.000Z"]);
  });
  it("a random order is a reproducible shuffle per round", () => {
    const p = plan({ order_mode: "random", point_ids: JSON.stringify(["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]) });
    const a = rounds(p, "2025-03-10", "2025-03-11").map((r) => JSON.parse(r.point_order) as string[]);
    expect(rounds(p, "2025-03-10", "2025-03-11").map((r) => JSON.parse(r.point_order))).toEqual(a);
    for (const o of a) expect([...o].sort()).toEqual(["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]);
    expect(new Set(a.map((o) => o.join())).size).toBeGreaterThan(1);
    expect(seededShuffle([1, 2, 3, 4, 5], "k")).toEqual(seededShuffle([1, 2, 3, 4, 5], "k"));
  });
});

describe("a change to a plan", () => {
  it("replaces the fields given, keeps the rest, and clears a field set to null", () => {
    const cur = {
      id: "plan-1",
      communityId: "c1",
      name: "白班巡查",
      force: "community" as const,
      teamId: "t-1",
      teamName: null,
      assigneeIds: ["u1"],
      pointIds: ["p1"],
      frequency: "shift" as const,
      everyNDays: null,
      windows: [{ start: "08:00", end: "12:00" }],
      order: "fixed" as const,
      startsOn: "2025-03-01",
      endsOn: "2025-12-31",
      active: true,
    };
    const m = mergedPlan(cur, { name: "夜班巡查", teamId: null, endsOn: null });
    expect(m).toMatchObject({ communityId: "c1", name: "夜班巡查", teamId: null, endsOn: null, pointIds: ["p1"], startsOn: "2025-03-01", assigneeIds: ["u1"] });
    expect(mergedPlan(cur, {})).toMatchObject({ teamId: "t-1", endsOn: "2025-12-31" });
  });
});

describe("rounds made on first look", () => {
  it("for yesterday to a week ahead only", () => {
    expect(["2025-03-08", "2025-03-09", "2025-03-10", "2025-03-17", "2025-03-18"].map((d) => roundsMadeOnLook(d, "2025-03-10"))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});
