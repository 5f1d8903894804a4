import type { Kysely } from "kysely";
import type { TPoint } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { json } from "./patrol.common.js";
import { POINT_COLUMNS, pointsInScope } from "./patrol.repo.js";
import type { PatrolPointTable } from "./patrol.tables.js";

// The queries of patrol points: each scoped by the caller's data scope (through pointsInScope).

export type PointFilter = { q?: string; kind?: string; force?: string; gridId?: string; teamId?: string; active?: string };

export function toPoint(r: any): TPoint {
  return {
    id: r.id,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    code: r.code,
    name: r.name,
    kind: r.kind,
    lng: Number(r.lng),
    lat: Number(r.lat),
    radiusM: Number(r.radius_m),
    force: r.force,
    teamId: r.team_id,
    teamName: r.team_name ?? null,
    checklist: json(r.checklist, []),
    note: r.note,
    active: !!r.active,
    createdOn: r.created_on,
    retiredOn: r.retired_on,
    updatedAt: r.updated_at,
  };
}

/** The point's row as stored (token included), or undefined when it is not in scope. */
export async function rawPointRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return (await pointsInScope(exec, scope).selectAll("p").where("p.id", "=", id).executeTakeFirst()) as PatrolPointTable | undefined;
}

/** The point as the API shows it (grid and team named), or undefined when it is not in scope. */
export async function pointRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return pointsInScope(exec, scope)
    .select([...POINT_COLUMNS])
    .where("p.id", "=", id)
    .executeTakeFirst();
}

/** How many points the community has had (the next code is XC + one more). */
export async function pointCount(exec: Kysely<DB>, communityId: string) {
  const r = await exec
    .selectFrom("patrol_points")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("community_id", "=", communityId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export const insertPoint = (exec: Kysely<DB>, row: PatrolPointTable) => exec.insertInto("patrol_points").values(row).execute();

export const updatePointRow = (exec: Kysely<DB>, id: string, patch: Partial<PatrolPointTable>) =>
  exec.updateTable("patrol_points").set(patch).where("id", "=", id).execute();

function filtered(exec: Kysely<DB>, scope: Scope, f: PointFilter) {
  let base = pointsInScope(exec, scope);
  if (f.active !== "all") base = base.where("p.active", "=", f.active === "0" ? 0 : 1);
  if (f.kind) base = base.where("p.kind", "=", f.kind);
  if (f.force) base = base.where("p.force", "=", f.force);
  if (f.gridId) base = base.where("p.grid_id", "=", f.gridId);
  if (f.teamId) base = base.where("p.team_id", "=", f.teamId);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    base = base.where((eb) => eb.or([eb(eb.fn("lower", ["p.name"]), "like", like), eb(eb.fn("lower", ["p.code"]), "like", like)]));
  }
  return base;
}

/** A page of points by the list's filters, in code order, with the total. */
export async function pointPage(exec: Kysely<DB>, scope: Scope, f: PointFilter & { page: number; pageSize: number }) {
  const base = filtered(exec, scope, f);
  const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
  const rows = await base
    .select([...POINT_COLUMNS])
    .orderBy("p.code")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}

/** Points with their current token, for the labels and the phone's check-in page. */
export function pointTokenRows(exec: Kysely<DB>, scope: Scope, ids: string[]) {
  return pointsInScope(exec, scope)
    .select(["p.id", "p.name", "p.code", "p.token", "p.kind", "g.name as grid_name"])
    .where("p.id", "in", ids)
    .orderBy("p.code")
    .execute();
}

/** Every active point with the day's counters (from patrol_point_days: no recount of check-ins). */
export function pointDayRows(exec: Kysely<DB>, scope: Scope, date: string) {
  return pointsInScope(exec, scope)
    .leftJoin("patrol_point_days as d", (j) => j.onRef("d.point_id", "=", "p.id").on("d.date", "=", date))
    .select(["p.id", "p.name", "p.kind", "p.force", "p.grid_id", "p.lng", "p.lat", "d.checkins", "d.abnormal", "d.flagged", "d.last_at"])
    .where("p.active", "=", 1)
    .orderBy("p.code")
    .execute();
}

/** Which of these ids are points in scope, with their community and whether they are active (a plan's points). */
export function pointStates(exec: Kysely<DB>, scope: Scope, ids: string[]) {
  return pointsInScope(exec, scope).select(["p.id", "p.community_id", "p.active"]).where("p.id", "in", ids).execute();
}

/** Ids of the points in scope (a grid worker's round shows the points of their grid only). */
export async function pointIdsInScope(exec: Kysely<DB>, scope: Scope) {
  return (await pointsInScope(exec, scope).select("p.id").execute()).map((p) => p.id);
}

/** Names of points by id (a round's points; the round was checked against the scope). */
export async function pointNames(exec: Kysely<DB>, ids: string[]) {
  return exec.selectFrom("patrol_points").select(["id", "name"]).where("id", "in", ids).execute();
}

/** The community's points as an import compares a file with them (code, name, place). */
export function communityPoints(exec: Kysely<DB>, communityId: string) {
  return exec.selectFrom("patrol_points").select(["id", "code", "name", "lng", "lat"]).where("community_id", "=", communityId).execute();
}

/** An active point of the team (its force cannot change while it has one). */
export function activePointOfTeam(exec: Kysely<DB>, teamId: string) {
  return exec.selectFrom("patrol_points").select("name").where("team_id", "=", teamId).where("active", "=", 1).executeTakeFirst();
}
