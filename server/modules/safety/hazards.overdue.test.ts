import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { addDays } from "../../platform/dates.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

// safety.hazards_overdue for records entered late: the deadline runs from the day a hazard was
// found, whenever it is stored, and the figure is the state at the period's end. Expected values are
// worked out here from the hazards made here (low risk: 15 days by default, a setting).

const TODAY = "2026-03-10";
let env: TestEnv;
let staff: Agent;
let grid1: Agent;
type Made = { id: string; code: string; foundOn: string; deadline: string; rectifiedOn: string | null };
const made: Made[] = [];

async function hazard(foundOn: string, rectifiedOn: string | null = null) {
  const c = await staff.post("/api/safety/hazards", {
    gridId: env.world.grids[0].id,
    source: "patrol",
    kind: "消防",
    place: "狮径 3 栋",
    description: `消防通道堵塞 ${foundOn}`,
    risk: "low",
    foundOn,
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const a = await staff.post(`/api/safety/hazards/${id}/assign`, { assigneeName: "第1网格网格员" });
  expect(a.statusCode, a.body).toBe(200);
  if (rectifiedOn) {
    const r = await grid1.post(`/api/safety/hazards/${id}/rectify`, { note: "已清理", evidence: [], rectifiedOn });
    expect(r.statusCode, r.body).toBe(200);
  }
  made.push({ id, code: c.json().code, foundOn, deadline: a.json().deadline, rectifiedOn });
  return a.json();
}

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock(`${TODAY}T02:00:00Z`) });
  [staff, grid1] = await Promise.all(["staff", "grid01"].map((u) => env.login(u)));
  await hazard("2026-01-05"); // entered two months late, never rectified: overdue
  await hazard("2026-01-10", "2026-01-20"); // rectified within its 15 days
  await hazard("2026-02-01", "2026-03-01"); // rectified after its deadline
  await hazard("2026-03-01"); // due 2026-03-16: not yet overdue
  await hazard("2025-12-25", "2026-01-20"); // due 2026-01-09: on time at the end of 2025, late after
  await hazard("2025-12-01"); // due 2025-12-16: overdue by the end of 2025
});
afterAll(() => env?.close());

describe("safety.hazards_overdue", () => {
  it("a hazard entered late is due from the day it was found", async () => {
    for (const m of made) expect(m.deadline).toBe(addDays(m.foundOn, 15));
    const late = (await staff.get(`/api/safety/hazards/${made[0].id}`)).json();
    expect(late.overdue).toBe(true);
  });

  it("counts, per period, the hazards found in it that had missed their deadline by its end (or today)", async () => {
    for (const [from, to] of [
      ["2025-01-01", "2025-12-31"],
      ["2026-01-01", "2026-12-31"],
      ["2026-01-01", "2026-01-31"],
      ["2025-12-01", "2026-01-15"],
    ]) {
      const asOf = to < TODAY ? to : TODAY;
      const expected = made
        .filter((m) => m.foundOn >= from && m.foundOn <= to)
        .filter((m) => m.deadline < asOf && (m.rectifiedOn === null || m.rectifiedOn > m.deadline))
        .map((m) => m.code)
        .sort();
      const f = (await staff.get(`/api/figures/safety.hazards_overdue?from=${from}&to=${to}`)).json();
      expect(f.value, `${from}..${to}`).toBe(expected.length);
      const recs = (await staff.get(`/api/figures/safety.hazards_overdue/records?from=${from}&to=${to}&pageSize=50`)).json();
      expect(recs.rows.map((r: any) => r.code).sort(), `${from}..${to}`).toEqual(expected);
    }
  });
});
