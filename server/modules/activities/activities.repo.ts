// The scoped starting points of this module's queries: every list and read begins here, so none
// forgets the caller's data scope.
import { type Kysely, sql } from "kysely";
import { arg, hot, hotInsert } from "../../db/hot.js";
import type { DB } from "../../db/types.js";
import { inScope, levelRank, type Scope } from "../../platform/scope.js";
import "./activities.tables.js";
import type { ActActivityTable, ActAttendanceTable, ActSignupTable } from "./activities.tables.js";

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

/** Activities with what their lists show: type, venue, room, grid, organiser, series. */
const activitiesShown = (db: Kysely<DB>) =>
  db
    .selectFrom("act_activities as a")
    .innerJoin("act_types as t", "t.code", "a.type_code")
    .leftJoin("act_venues as v", "v.id", "a.venue_id")
    .leftJoin("act_rooms as rm", "rm.id", "a.room_id")
    .leftJoin("regions as g", "g.id", "a.grid_id")
    .leftJoin("organisations as o", "o.id", "a.organiser_id")
    .leftJoin("act_series as se", "se.id", "a.series_id");

/** Activities of the scope with what their lists show: type, venue, grid, organiser, series. */
export const activitiesInScope = (db: Kysely<DB>, scope: Scope) => activitiesShown(db).where(inScope(scope, { community: "a.community_id" }));

/**
 * The scope's condition on activities for a list newest first (starts_at desc). Over several
 * communities (a subdistrict, a district) it is `inScope`'s, written so that SQLite does not take
 * the community index for it (`|| ''` keeps the planner off the column's index): it then reads
 * act_activities_starts from the newest and stops at the page, instead of reading every activity of
 * every community and sorting them all for 20 (bench/activities.ts: ~300 ms → a few ms at 100,000).
 * A filter with an index of its own (type class, series, dates) still chooses that one. Within one
 * community, inScope's own condition and index.
 */
const newestFirstScope = (scope: Scope) =>
  levelRank(scope.level) < levelRank("community")
    ? (eb: any) =>
        eb(
          sql`${sql.ref("a.community_id")} || ''`,
          "in",
          eb.selectFrom("regions as scope_r").select("scope_r.id").where("scope_r.path", "like", `${scope.path}%`).where("scope_r.level", "=", "community"),
        )
    : inScope(scope, { community: "a.community_id" });

/** activitiesInScope for a list newest first (see newestFirstScope). */
export const activitiesNewestFirst = (db: Kysely<DB>, scope: Scope) => activitiesShown(db).where(newestFirstScope(scope));
/** The scope's activities alone, without what a list shows of them: for counting a list. */
export const activitiesToCount = (db: Kysely<DB>, scope: Scope) => db.selectFrom("act_activities as a").where(inScope(scope, { community: "a.community_id" }));

export const signupsInScope = (db: Kysely<DB>, scope: Scope) => db.selectFrom("act_signups as su").where(inScope(scope, { community: "su.community_id" }));

export const attendanceInScope = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom("act_attendance as at")
    .innerJoin("act_activities as a", "a.id", "at.activity_id")
    .where(inScope(scope, { community: "at.community_id" }));

// The QR check-in's queries, built once (server/db/hot.ts): an activity's opening minute is a hot path.
const ATT_COLUMNS = [
  "id",
  "activity_id",
  "community_id",
  "grid_id",
  "type_class",
  "start_date",
  "who_key",
  "person_id",
  "signup_id",
  "name",
  "phone",
  "persons",
  "category",
  "method",
  "at",
] as const satisfies readonly (keyof ActAttendanceTable)[];
export const CHECKIN_HOT = {
  activity: hot<ActActivityTable, [string]>((db) => db.selectFrom("act_activities").selectAll().where("id", "=", arg(0))),
  signupByCode: hot<ActSignupTable, [string, string]>((db) =>
    db.selectFrom("act_signups").selectAll().where("activity_id", "=", arg(0)).where("code", "=", arg(1)).where("status", "!=", "cancelled"),
  ),
  signupByPhone: hot<ActSignupTable, [string, string]>((db) =>
    db.selectFrom("act_signups").selectAll().where("activity_id", "=", arg(0)).where("phone", "=", arg(1)).where("status", "=", "confirmed").limit(1),
  ),
  attended: hot<{ who_key: string }, [string, string]>((db) =>
    db.selectFrom("act_attendance").select("who_key").where("activity_id", "=", arg(0)).where("who_key", "=", arg(1)).limit(1),
  ),
  insertAttendance: hotInsert<ActAttendanceTable>(ATT_COLUMNS, (db, rows) => db.insertInto("act_attendance").values(rows)),
  /** Adds checked-in persons to the activity's totals (it was held once someone attended). */
  addCheckedIn: hot<never, [number, number, string, string]>((db) =>
    db
      .updateTable("act_activities")
      .set((eb) => ({
        checked_in: eb("checked_in", "+", arg<number>(0)),
        attendance: eb("attendance", "+", arg<number>(1)),
        status: "held",
        updated_at: arg(2),
      }))
      .where("id", "=", arg(3)),
  ),
  community: hot<{ id: string; path: string }, [string]>((db) => db.selectFrom("regions").select(["id", "path"]).where("id", "=", arg(0))),
};
