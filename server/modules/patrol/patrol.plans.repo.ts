import type { Kysely } from "kysely";
import type { TPlan } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { chunks, json } from "./patrol.common.js";
import { plansInScope, roundsInScope } from "./patrol.repo.js";
import type { PatrolPlanTable, PatrolRoundTable } from "./patrol.tables.js";

// The queries of plans and their rounds, scoped through plansInScope / roundsInScope.

export function toPlan(r: any): TPlan {
  return {
    id: r.id,
    communityId: r.community_id,
    name: r.name,
    force: r.force,
    teamId: r.team_id,
    teamName: r.team_name ?? null,
    assigneeIds: json(r.assignee_ids, []),
    pointIds: json(r.point_ids, []),
    frequency: r.frequency,
    everyNDays: r.every_n_days,
    windows: json(r.windows, []),
    order: r.order_mode,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    active: !!r.active,
  };
}

export async function planRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return (await plansInScope(exec, scope).selectAll("pl").where("pl.id", "=", id).executeTakeFirst()) as PatrolPlanTable | undefined;
}

/** The plan with its team's name, as the API shows it. */
export function namedPlanRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return plansInScope(exec, scope).selectAll("pl").select("t.name as team_name").where("pl.id", "=", id).executeTakeFirst();
}

export function planRows(exec: Kysely<DB>, scope: Scope) {
  return plansInScope(exec, scope).selectAll("pl").select("t.name as team_name").orderBy("pl.force").orderBy("pl.name").execute();
}

export async function activePlanRows(exec: Kysely<DB>, scope: Scope) {
  return (await plansInScope(exec, scope).selectAll("pl").where("pl.active", "=", 1).execute()) as PatrolPlanTable[];
}

export const insertPlan = (exec: Kysely<DB>, row: PatrolPlanTable) => exec.insertInto("patrol_plans").values(row).execute();

export const updatePlanRow = (exec: Kysely<DB>, id: string, patch: Partial<PatrolPlanTable>) =>
  exec.updateTable("patrol_plans").set(patch).where("id", "=", id).execute();

/** Active plans run by a team, by name. */
export function activePlansOfTeam(exec: Kysely<DB>, teamId: string) {
  return exec.selectFrom("patrol_plans").select("name").where("team_id", "=", teamId).where("active", "=", 1).orderBy("name").execute();
}

/** Rounds made once: a round already made for a plan's window stays as it is. */
export async function insertRounds(exec: Kysely<DB>, rows: PatrolRoundTable[]) {
  for (const part of chunks(rows, 300))
    await exec
      .insertInto("patrol_rounds")
      .values(part)
      .onConflict((oc) => oc.columns(["plan_id", "window_start"]).doNothing())
      .execute();
}

/** Drops a plan's rounds not yet started and not visited (they are made again from the changed plan). */
export async function dropUnstartedRounds(exec: Kysely<DB>, planId: string, nowIso: string) {
  const r = await exec.deleteFrom("patrol_rounds").where("plan_id", "=", planId).where("window_start", ">", nowIso).where("visited", "=", 0).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

/** The rounds of a day in scope, with their plan's assignees and team's members (for "mine"). */
export function roundRowsOn(exec: Kysely<DB>, scope: Scope, date: string, planId?: string) {
  let q = roundsInScope(exec, scope)
    .selectAll("r")
    .select(["pl.name as plan_name", "pl.assignee_ids", "t.name as team_name", "t.member_ids"])
    .where("r.date", "=", date);
  if (planId) q = q.where("r.plan_id", "=", planId);
  return q.orderBy("r.window_start").orderBy("pl.name").execute();
}

/** Which (round, point) pairs have a check-in that counted, as "round|point". */
export async function visitedPairs(exec: Kysely<DB>, roundIds: string[]) {
  const out = new Set<string>();
  for (const part of chunks(roundIds, 500)) {
    const v = await exec.selectFrom("patrol_checkins").select(["round_id", "point_id"]).where("round_id", "in", part).where("voided_at", "is", null).execute();
    for (const x of v) out.add(`${x.round_id}|${x.point_id}`);
  }
  return out;
}

/** A community's rounds between two dates (the demo walks them); `begunBefore` keeps those whose window had opened. */
export function communityRounds(exec: Kysely<DB>, communityId: string, f: { from?: string; to: string; begunBefore?: string }) {
  let q = exec
    .selectFrom("patrol_rounds")
    .select(["plan_id", "window_start", "window_end", "point_order"])
    .where("community_id", "=", communityId)
    .where("date", "<=", f.to);
  if (f.from) q = q.where("date", ">=", f.from);
  if (f.begunBefore) q = q.where("window_start", "<", f.begunBefore);
  return q.orderBy("window_start").execute();
}
