import type { RoundStatus, TPlan, TPlanUpdate } from "../../../contracts/patrol.js";
import { addDays, daysBetween, localDate, zonedInstant } from "../../platform/dates.js";
import { uuidv7 } from "../../platform/ids.js";
import { json } from "./patrol.common.js";
import type { PatrolPlanTable, PatrolRoundTable } from "./patrol.tables.js";

// The rules of plans and their rounds, pure so they can be tested at fixed dates: which days a plan
// runs, the windows of its rounds, when it came into force, the state of a round.

/** A round's state follows from its window and its counts, so it never needs a job to close it. */
export function roundStatus(r: { window_start: string; window_end: string; expected: number; visited: number }, nowIso: string): RoundStatus {
  if (r.visited >= r.expected) return "completed";
  if (nowIso < r.window_start) return "pending";
  if (nowIso <= r.window_end) return "in_progress";
  return r.visited > 0 ? "incomplete" : "expired";
}

/** Does a plan make rounds on this date? */
export function planRunsOn(p: Pick<PatrolPlanTable, "frequency" | "every_n_days" | "starts_on" | "ends_on" | "active">, date: string): boolean {
  if (!p.active || date < p.starts_on || (p.ends_on && date > p.ends_on)) return false;
  const n = daysBetween(p.starts_on, date);
  if (p.frequency === "weekly") return n % 7 === 0;
  if (p.frequency === "every_n_days") return n % (p.every_n_days ?? 1) === 0;
  return true;
}

/**
 * When a plan came into force (ISO instant; "" for "always"): when it was created, and again each
 * time it was activated after a stop. A plan whose start date was set before the day it was created
 * was entered as already in force (carried over from paper or another patrol system, the demo
 * year): its rounds go back to its start date, unless it was stopped and activated since.
 */
export function inForceSince(p: Pick<PatrolPlanTable, "starts_on" | "created_at" | "activated_at">, timeZone: string): string {
  const backDated = p.starts_on < localDate(new Date(p.created_at), timeZone);
  const created = backDated ? "" : p.created_at;
  const activated = p.activated_at ?? "";
  if (created > activated) return created;
  return activated;
}

/** Random order: shuffled per round, reproducibly (seeded by plan, date and window). */
export function seededShuffle<T>(xs: T[], key: string): T[] {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
    const j = h % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * The rounds a plan makes for the dates from..to: one per window on each day it runs (a plan of
 * shifts has several windows, any other its first), a window ending past midnight ending the next
 * day. A window that had ended before the plan came into force makes no round: nobody could have
 * walked it, and it would only show as expired with every point missed.
 */
export function plannedRounds(p: PatrolPlanTable, from: string, to: string, timeZone: string, createdAt: string): PatrolRoundTable[] {
  const rows: PatrolRoundTable[] = [];
  const windows = json<Array<{ start: string; end: string }>>(p.windows, []);
  const pointIds = json<string[]>(p.point_ids, []);
  const inForce = inForceSince(p, timeZone);
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!planRunsOn(p, d)) continue;
    const ws = p.frequency === "shift" ? windows : windows.slice(0, 1);
    for (const [wi, w] of ws.entries()) {
      const start = zonedInstant(d, w.start, timeZone);
      let end = zonedInstant(d, w.end, timeZone);
      if (end <= start) end = zonedInstant(addDays(d, 1), w.end, timeZone);
      if (inForce && end.toISOString() <= inForce) continue;
      const order = p.order_mode === "random" ? seededShuffle(pointIds, `${p.id}|${d}|${wi}`) : pointIds;
      rows.push({
        id: uuidv7(start.getTime()),
        plan_id: p.id,
        community_id: p.community_id,
        force: p.force,
        team_id: p.team_id,
        date: d,
        month: d.slice(0, 7),
        window_start: start.toISOString(),
        window_end: new Date(end.getTime() - 1).toISOString(),
        point_order: JSON.stringify(order),
        expected: order.length,
        visited: 0,
        created_at: createdAt,
      });
    }
  }
  return rows;
}

/** A plan as it would be after a change: the fields given replace the plan's, the rest stay (checked as a whole by the rules of a new plan). */
export function mergedPlan(cur: TPlan, v: TPlanUpdate) {
  return {
    communityId: cur.communityId,
    name: v.name ?? cur.name,
    force: v.force ?? cur.force,
    teamId: v.teamId !== undefined ? v.teamId : cur.teamId,
    assigneeIds: v.assigneeIds ?? cur.assigneeIds,
    pointIds: v.pointIds ?? cur.pointIds,
    frequency: v.frequency ?? cur.frequency,
    everyNDays: v.everyNDays !== undefined ? v.everyNDays : cur.everyNDays,
    windows: v.windows ?? cur.windows,
    order: v.order ?? cur.order,
    startsOn: v.startsOn ?? cur.startsOn,
    endsOn: v.endsOn !== undefined ? v.endsOn : cur.endsOn,
  };
}

/** Rounds are made on first look for the days around today (yesterday to a week ahead), so a new plan shows up without a scheduler. */
export const roundsMadeOnLook = (date: string, today: string) => date >= addDays(today, -1) && date <= addDays(today, 7);
