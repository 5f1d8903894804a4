import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { type VoidedChoice, whereVoided } from "../../platform/voiding.js";
import "./patrol.tables.js";

// Every patrol query starts from one of these, so none can forget the caller's data scope.

export function pointsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("patrol_points as p")
    .leftJoin("regions as g", "g.id", "p.grid_id")
    .leftJoin("patrol_teams as t", "t.id", "p.team_id")
    .where(inScope(scope, { community: "p.community_id", grid: "p.grid_id" }));
}

/** Check-ins of the scope: live ones unless asked (作废, server/platform/voiding.ts). */
export function checkinsInScope(db: Kysely<DB>, scope: Scope, voided: VoidedChoice = "exclude") {
  return whereVoided(
    db
      .selectFrom("patrol_checkins as c")
      .leftJoin("patrol_points as p", "p.id", "c.point_id")
      .leftJoin("regions as g", "g.id", "c.grid_id")
      .leftJoin("patrol_teams as t", "t.id", "c.team_id")
      .where(inScope(scope, { community: "c.community_id", grid: "c.grid_id" })),
    "c.voided_at",
    voided,
  );
}

/** Plans and rounds span grids: a grid-scoped user sees those of their community. */
export function plansInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("patrol_plans as pl")
    .leftJoin("patrol_teams as t", "t.id", "pl.team_id")
    .where(inScope(scope, { community: "pl.community_id" }));
}

export function roundsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("patrol_rounds as r")
    .innerJoin("patrol_plans as pl", "pl.id", "r.plan_id")
    .leftJoin("patrol_teams as t", "t.id", "r.team_id")
    .where(inScope(scope, { community: "r.community_id" }));
}

export function teamsInScope(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom("patrol_teams as t").where(inScope(scope, { community: "t.community_id" }));
}

export const POINT_COLUMNS = [
  "p.id",
  "p.community_id",
  "p.grid_id",
  "g.name as grid_name",
  "p.code",
  "p.name",
  "p.kind",
  "p.lng",
  "p.lat",
  "p.radius_m",
  "p.force",
  "p.team_id",
  "t.name as team_name",
  "p.checklist",
  "p.note",
  "p.active",
  "p.created_on",
  "p.retired_on",
  "p.updated_at",
] as const;

export const CHECKIN_COLUMNS = [
  "c.id",
  "c.client_id",
  "c.community_id",
  "c.grid_id",
  "g.name as grid_name",
  "c.point_id",
  "p.name as point_name",
  "c.round_id",
  "c.user_name",
  "c.force",
  "t.name as team_name",
  "c.method",
  "c.result",
  "c.note",
  "c.photos",
  "c.checklist",
  "c.lat",
  "c.lng",
  "c.accuracy_m",
  "c.distance_m",
  "c.device_time",
  "c.server_time",
  "c.local_date",
  "c.flags",
  "c.review_status",
  "c.reviewed_by",
  "c.review_note",
  "c.hazard_id",
  "c.voided_at",
  "c.voided_by",
  "c.void_reason",
] as const;
