import { addMonths } from "../../platform/dates.js";
import type { StarLevels } from "./volunteers.settings.js";

// Shenzhen star levels (DOMAIN.md §6), pure: a level is reached on the first date on which both the
// cumulative confirmed hours (records counted on their service date) and the tenure since joining
// meet its thresholds. Both only grow with time, so a level once reached is kept, and "reached five
// stars in 2024" is the date this gives for level 5 falling in 2024.

export type DayMinutes = { date: string; minutes: number };
export type Milestone = { level: number; on: string };

/** The date each level is first reached (possibly a future date, when only tenure is missing). */
export function starMilestones(joinedOn: string, records: readonly DayMinutes[], levels: StarLevels): Milestone[] {
  const sorted = [...records].filter((r) => r.minutes > 0).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byLevel = [...levels].sort((a, b) => a.level - b.level);
  const out: Milestone[] = [];
  let prev = "";
  let cum = 0;
  let i = 0;
  for (const l of byLevel) {
    const need = Math.round(l.hours * 60);
    while (cum < need && i < sorted.length) cum += sorted[i++].minutes;
    if (cum < need) break;
    const hoursOn = need === 0 ? joinedOn : sorted[i - 1].date;
    const tenureOn = addMonths(joinedOn, l.tenureMonths);
    let on = [hoursOn, tenureOn].sort()[1];
    // A higher level is never reached before a lower one (thresholds out of order in a setting).
    if (on < prev) on = prev;
    out.push({ level: l.level, on });
    prev = on;
  }
  return out;
}

/** The level on a date: the highest reached on or before it. */
export function levelOn(milestones: readonly Milestone[], date: string): number {
  let lvl = 0;
  for (const m of milestones) if (m.on <= date && m.level > lvl) lvl = m.level;
  return lvl;
}

/** What is left to the next level on a date: hours still to serve and the date tenure allows it. */
export function nextLevel(level: number, minutesSoFar: number, joinedOn: string, levels: StarLevels) {
  const next = [...levels].sort((a, b) => a.level - b.level).find((l) => l.level > level);
  if (!next) return null;
  const hoursLeft = Math.max(0, Math.round((next.hours * 60 - minutesSoFar) / 6) / 10);
  return { level: next.level, hoursLeft, tenureOn: addMonths(joinedOn, next.tenureMonths) };
}

/** Hours from minutes, to one decimal (what pages and figures show). */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

/** Two service spans overlap when each starts before the other ends (an open span runs on). */
export function overlaps(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  const aTo = a.to ?? "9999";
  const bTo = b.to ?? "9999";
  return a.from < bTo && b.from < aTo;
}

/** The refusal for a span, or null: sign-out before sign-in, an empty or too long span. */
export function spanRefusal(signInAt: string, signOutAt: string, maxHours: number): { zh: string; en: string } | null {
  const ms = Date.parse(signOutAt) - Date.parse(signInAt);
  if (Number.isNaN(ms)) return { zh: "签到或签退时间无效", en: "Invalid sign-in or sign-out time" };
  if (ms <= 0) return { zh: "签退时间须晚于签到时间", en: "Sign-out must be after sign-in" };
  if (ms > maxHours * 3_600_000)
    return { zh: `单条服务记录不能超过${maxHours}小时，请分开登记`, en: `A single service record cannot exceed ${maxHours} hours; record it in parts` };
  return null;
}

/** 成熟即建: the first date on which a team has its leader and `min` members besides (null if never yet). */
export function foundedOn(
  leaderFrom: string,
  members: ReadonlyArray<{ joinedOn: string; leftOn: string | null; leader?: boolean }>,
  min: number,
): string | null {
  const dates = [leaderFrom, ...members.map((m) => m.joinedOn)].sort();
  for (const d of dates) {
    if (d < leaderFrom) continue;
    const n = members.filter((m) => !m.leader && m.joinedOn <= d && (!m.leftOn || m.leftOn > d)).length;
    if (n >= min) return d;
  }
  return null;
}
