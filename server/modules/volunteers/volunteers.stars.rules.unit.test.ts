import { describe, expect, it } from "vitest";
import { VOLUNTEER_SETTINGS } from "./volunteers.settings.js";
import { foundedOn, hoursOf, levelOn, nextLevel, overlaps, spanRefusal, starMilestones } from "./volunteers.stars.rules.js";

const L = VOLUNTEER_SETTINGS.starLevels.default;
const h = (date: string, hours: number) => ({ date, minutes: hours * 60 });

describe("Shenzhen star levels from hours and tenure", () => {
  it("a level needs both its hours and its tenure: the later of the two dates", () => {
    // 100 h reached on 2024-02-10, but joined 2024-01-01: half a year of tenure only on 2024-07-01.
    const m = starMilestones("2024-01-01", [h("2024-01-20", 60), h("2024-02-10", 40)], L);
    expect(m).toEqual([{ level: 1, on: "2024-07-01" }]);
    expect(levelOn(m, "2024-06-30")).toBe(0);
    expect(levelOn(m, "2024-07-01")).toBe(1);
  });

  it("hours reached after the tenure: the day the threshold was crossed", () => {
    const m = starMilestones("2020-01-01", [h("2023-03-01", 1499), h("2024-05-06", 1)], L);
    expect(m.map((x) => x.level)).toEqual([1, 2, 3, 4, 5]);
    expect(m[4]).toEqual({ level: 5, on: "2024-05-06" });
    expect(levelOn(m, "2024-05-05")).toBe(4);
    expect(levelOn(m, "2024-05-06")).toBe(5);
  });

  it("records in any order; zero-minute records ignored; what is left to the next level", () => {
    const m = starMilestones("2022-01-01", [h("2024-03-01", 200), h("2023-01-01", 150), { date: "2022-02-01", minutes: 0 }], L);
    expect(m).toEqual([
      { level: 1, on: "2023-01-01" },
      { level: 2, on: "2024-03-01" },
    ]);
    expect(nextLevel(2, 350 * 60, "2022-01-01", L)).toEqual({ level: 3, hoursLeft: 250, tenureOn: "2023-01-01" });
    expect(nextLevel(5, 0, "2022-01-01", L)).toBeNull();
    expect(hoursOf(95)).toBe(1.6);
  });

  it("a higher level is never dated before a lower one, whatever the setting", () => {
    const odd = [
      { level: 1, hours: 10, tenureMonths: 24 },
      { level: 2, hours: 20, tenureMonths: 0 },
    ];
    expect(starMilestones("2024-01-01", [h("2024-02-01", 20)], odd)).toEqual([
      { level: 1, on: "2026-01-01" },
      { level: 2, on: "2026-01-01" },
    ]);
  });
});

describe("service spans and teams", () => {
  it("refuses sign-out before sign-in, an empty span and one too long", () => {
    expect(spanRefusal("2024-05-01T10:00:00Z", "2024-05-01T09:00:00Z", 12)?.en).toMatch(/after sign-in/);
    expect(spanRefusal("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z", 12)).not.toBeNull();
    expect(spanRefusal("2024-05-01T00:00:00Z", "2024-05-01T13:00:00Z", 12)?.zh).toMatch(/12小时/);
    expect(spanRefusal("2024-05-01T10:00:00Z", "2024-05-01T12:00:00Z", 12)).toBeNull();
  });

  it("overlap: touching spans do not overlap; an open span runs on", () => {
    const t = (hh: number) => `2024-05-01T${String(hh).padStart(2, "0")}:00:00.000Z`;
    expect(overlaps({ from: t(1), to: t(3) }, { from: t(2), to: t(4) })).toBe(true);
    expect(overlaps({ from: t(1), to: t(2) }, { from: t(2), to: t(4) })).toBe(false);
    expect(overlaps({ from: t(1), to: null }, { from: t(5), to: t(6) })).toBe(true);
  });

  it("成熟即建: founded on the first date it has a leader and N members", () => {
    const ms = [
      { joinedOn: "2024-01-05", leftOn: null },
      { joinedOn: "2024-01-10", leftOn: "2024-01-12" },
      { joinedOn: "2024-02-01", leftOn: null },
    ];
    expect(foundedOn("2024-01-01", ms, 2)).toBe("2024-01-10");
    // The second member left on 01-12, so three at once only if they stay.
    expect(foundedOn("2024-01-01", ms, 3)).toBeNull();
    expect(foundedOn("2024-01-01", [ms[0], { ...ms[1], leftOn: null }, ms[2]], 3)).toBe("2024-02-01");
    expect(foundedOn("2024-03-01", ms, 2)).toBe("2024-03-01");
  });
});
