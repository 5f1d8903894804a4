// The scoped starting points of this module's queries: every list and read begins here, so none
// forgets the caller's data scope.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import "./activities.tables.js";

export const venuesInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_venues as v")
    .leftJoin("regions as g", "g.id", "v.grid_id")
    .leftJoin("organisations as o", "o.id", "v.org_id")
    .where(inScope(scope, { community: "v.community_id" }));

export const bookingsInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_bookings as b")
    .innerJoin("act_rooms as r", "r.id", "b.room_id")
    .innerJoin("act_venues as v", "v.id", "b.venue_id")
    .where(inScope(scope, { community: "b.community_id" }));

export const inspectionsInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_inspections as i")
    .innerJoin("act_venues as v", "v.id", "i.venue_id")
    .leftJoin("regions as g", "g.id", "i.grid_id")
    .where(inScope(scope, { community: "i.community_id" }));

export const issuesInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_issues as s")
    .innerJoin("act_venues as v", "v.id", "s.venue_id")
    .leftJoin("regions as g", "g.id", "s.grid_id")
    .where(inScope(scope, { community: "s.community_id" }));

export const seriesInScope = (db: Kysely<DB>, scope: Scope) => db.selectFrom("act_series as se").where(inScope(scope, { community: "se.community_id" }));

export const partnersInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_partners as pa")
    .innerJoin("organisations as o", "o.id", "pa.org_id")
    .where(inScope(scope, { community: "pa.community_id" }));

/** Activities of the scope with what their lists show: type, venue, grid, organiser, series. */
export const activitiesInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_activities as a")
    .innerJoin("act_types as t", "t.code", "a.type_code")
    .leftJoin("act_venues as v", "v.id", "a.venue_id")
    .leftJoin("act_rooms as rm", "rm.id", "a.room_id")
    .leftJoin("regions as g", "g.id", "a.grid_id")
    .leftJoin("organisations as o", "o.id", "a.organiser_id")
    .leftJoin("act_series as se", "se.id", "a.series_id")
    .where(inScope(scope, { community: "a.community_id" }));

export const signupsInScope = (db: Kysely<DB>, scope: Scope) => db.selectFrom("act_signups as su").where(inScope(scope, { community: "su.community_id" }));

export const attendanceInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_attendance as at")
    .innerJoin("act_activities as a", "a.id", "at.activity_id")
    .where(inScope(scope, { community: "at.community_id" }));
