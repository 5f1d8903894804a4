import { type Kysely, sql } from "kysely";
import type { TCheckin } from "../../../contracts/patrol.js";
import { arg, hot, hotInsert } from "../../db/hot.js";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { voidedChoice, voidingOf } from "../../platform/voiding.js";
import { json } from "./patrol.common.js";
import { CHECKIN_COLUMNS, checkinsInScope } from "./patrol.repo.js";
import type { PatrolCheckinTable, PatrolPointDayTable, PatrolPointTable, PatrolUserLastTable } from "./patrol.tables.js";

// The queries of check-ins: the pipeline's, built once (server/db/hot.ts), and the lists' and
// review's, scoped through checkinsInScope.

export function toCheckin(r: any): TCheckin {
  return {
    id: r.id,
    clientId: r.client_id,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    pointId: r.point_id,
    pointName: r.point_name ?? null,
    roundId: r.round_id,
    userName: r.user_name,
    force: r.force,
    teamName: r.team_name ?? null,
    method: r.method,
    result: r.result,
    note: r.note,
    photos: json(r.photos, []),
    checklist: json(r.checklist, {}),
    lat: Number(r.lat),
    lng: Number(r.lng),
    accuracyM: r.accuracy_m == null ? null : Number(r.accuracy_m),
    distanceM: Number(r.distance_m),
    deviceTime: r.device_time,
    serverTime: r.server_time,
    date: r.local_date,
    flags: json(r.flags, []),
    reviewStatus: r.review_status,
    reviewedBy: r.reviewed_by,
    reviewNote: r.review_note,
    hazardId: r.hazard_id,
    hazardStatus: r.hazard_status ?? null,
    voided: voidingOf({ voided_at: r.voided_at ?? null, voided_by: r.voided_by ?? null, void_reason: r.void_reason ?? null }),
  };
}

/** A point as the pipeline reads it: the row, its grid's and community's paths (for the scope), its team's name. */
export type PipelinePoint = PatrolPointTable & { grid_path: string; grid_name: string | null; team_name: string | null };

/** Every column of patrol_checkins, in the order the multi-row insert binds them. */
export const CHECKIN_TABLE_COLUMNS = [
  "id",
  "client_id",
  "community_id",
  "grid_id",
  "point_id",
  "round_id",
  "user_id",
  "user_name",
  "team_id",
  "force",
  "method",
  "result",
  "note",
  "photos",
  "checklist",
  "lat",
  "lng",
  "accuracy_m",
  "distance_m",
  "token_ok",
  "device_time",
  "server_time",
  "local_date",
  "month",
  "flags",
  "flag_count",
  "review_status",
  "reviewed_by",
  "reviewed_at",
  "review_note",
  "hazard_id",
  "source",
  "voided_at",
  "voided_by",
  "void_reason",
] as const satisfies ReadonlyArray<keyof PatrolCheckinTable>;
// A column added to the table and not to the list above fails to compile here.
const _everyCheckinColumn: Exclude<keyof PatrolCheckinTable, (typeof CHECKIN_TABLE_COLUMNS)[number]> extends never ? true : never = true;

// The check-in pipeline's queries, built once: a check-in runs a dozen of them, and building a
// query with Kysely costs more than SQLite takes to run it. Inside a transaction on SQLite they
// call better-sqlite3 directly (docs/decisions.md, "Hot queries built once").
export const HOT = {
  byClientId: hot((db, list) => db.selectFrom("patrol_checkins").select(["id", "client_id", "flags"]).where("client_id", "in", list)),
  /** Points by id, with the paths the caller's scope is checked against in code (rowInScope). */
  points: hot((db, list) =>
    db
      .selectFrom("patrol_points as p")
      .innerJoin("regions as c", "c.id", "p.community_id")
      .leftJoin("regions as g", "g.id", "p.grid_id")
      .selectAll("p")
      .leftJoin("patrol_teams as t", "t.id", "p.team_id")
      .select(["g.path as grid_path", "g.name as grid_name", "c.path as community_path", "t.name as team_name"])
      .where("p.id", "in", list),
  ),
  userLast: hot((db) => db.selectFrom("patrol_user_last").selectAll().where("user_key", "=", arg(0))),
  prior: hot((db) =>
    db
      .selectFrom("patrol_checkins")
      .select("device_time")
      .where("user_id", "=", arg(0))
      .where("point_id", "=", arg(1))
      .where("device_time", "<=", arg(2))
      .where("voided_at", "is", null)
      .orderBy("device_time", "desc")
      .limit(1),
  ),
  teamsOf: hot((db) =>
    db.selectFrom("patrol_teams").select(["id", "name", "force", "member_ids", "community_id"]).where("archived", "=", 0).where("member_ids", "like", arg(0)),
  ),
  openRounds: hot((db, list) =>
    db
      .selectFrom("patrol_rounds")
      .select(["id", "plan_id", "team_id", "force", "window_start", "window_end", "point_order", "expected", "visited"])
      .where("community_id", "in", list)
      .where("window_end", ">=", arg(0))
      .where("window_start", "<=", arg(1)),
  ),
  visited: hot((db, list) => db.selectFrom("patrol_checkins").select(["round_id", "point_id"]).where("round_id", "in", list).where("voided_at", "is", null)),
  insertCheckins: hotInsert<PatrolCheckinTable>(CHECKIN_TABLE_COLUMNS, (db, rows) => db.insertInto("patrol_checkins").values(rows)),
  visitRound: hot((db) =>
    db
      .updateTable("patrol_rounds")
      .set((eb) => ({ visited: eb("visited", "+", arg<number>(0)) }))
      .where("id", "=", arg(1)),
  ),
  upsertDays: hotInsert<PatrolPointDayTable>(
    ["point_id", "date", "month", "community_id", "grid_id", "force", "checkins", "abnormal", "flagged", "last_at"],
    (db, rows) =>
      db
        .insertInto("patrol_point_days")
        .values(rows)
        .onConflict((oc) =>
          oc.columns(["point_id", "date"]).doUpdateSet((eb) => ({
            checkins: eb("patrol_point_days.checkins", "+", eb.ref("excluded.checkins")),
            abnormal: eb("patrol_point_days.abnormal", "+", eb.ref("excluded.abnormal")),
            flagged: eb("patrol_point_days.flagged", "+", eb.ref("excluded.flagged")),
            last_at: sql<string>`case when excluded.last_at > patrol_point_days.last_at then excluded.last_at else patrol_point_days.last_at end`,
          })),
        ),
  ),
  upsertUserLast: hotInsert<PatrolUserLastTable>(["user_key", "point_id", "lat", "lng", "device_time"], (db, rows) =>
    db
      .insertInto("patrol_user_last")
      .values(rows)
      .onConflict((oc) =>
        oc.column("user_key").doUpdateSet((eb) => ({
          point_id: eb.ref("excluded.point_id"),
          lat: eb.ref("excluded.lat"),
          lng: eb.ref("excluded.lng"),
          device_time: eb.ref("excluded.device_time"),
        })),
      ),
  ),
};

/** Which of these files are images (a check-in's photos must be uploaded images). */
export async function imageIds(exec: Kysely<DB>, ids: string[]) {
  const fs = await exec.selectFrom("files").select(["id", "mime"]).where("id", "in", ids).execute();
  return fs.filter((f) => f.mime.startsWith("image/")).map((f) => f.id);
}

/** Links a check-in to the hazard it opened. */
export const setCheckinHazard = (exec: Kysely<DB>, id: string, hazardId: string) =>
  exec.updateTable("patrol_checkins").set({ hazard_id: hazardId }).where("id", "=", id).execute();

export const updateCheckinRow = (exec: Kysely<DB>, id: string, patch: Partial<PatrolCheckinTable>) =>
  exec.updateTable("patrol_checkins").set(patch).where("id", "=", id).execute();

/** The check-in as stored (voided or not), or undefined when it is not in scope. */
export function rawCheckinRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return checkinsInScope(exec, scope, "include").selectAll("c").where("c.id", "=", id).executeTakeFirst();
}

/** The check-in as the API shows it, voided or not (point, grid and team named; the hazard's state is safety's, added by the service). */
export function checkinRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return checkinsInScope(exec, scope, "include")
    .select([...CHECKIN_COLUMNS])
    .where("c.id", "=", id)
    .executeTakeFirst();
}

export type CheckinFilter = {
  pointId?: string;
  gridId?: string;
  force?: string;
  result?: string;
  review?: string;
  flagged?: string;
  /** The caller's own check-ins (their user id), when set. */
  userId?: string;
  from?: string;
  to?: string;
  /** 作废: "1" voided only, "all" both; live ones otherwise. */
  voided?: string;
};

/** A page of check-ins by the list's filters, latest first, with the total. */
export async function checkinPage(exec: Kysely<DB>, scope: Scope, f: CheckinFilter & { page: number; pageSize: number }) {
  let base = checkinsInScope(exec, scope, voidedChoice(f.voided));
  if (f.pointId) base = base.where("c.point_id", "=", f.pointId);
  if (f.gridId) base = base.where("c.grid_id", "=", f.gridId);
  if (f.force) base = base.where("c.force", "=", f.force);
  if (f.result) base = base.where("c.result", "=", f.result);
  if (f.review) base = base.where("c.review_status", "=", f.review);
  if (f.flagged === "1") base = base.where("c.flag_count", ">", 0);
  if (f.userId !== undefined) base = base.where("c.user_id", "=", f.userId);
  if (f.from) base = base.where("c.local_date", ">=", f.from);
  if (f.to) base = base.where("c.local_date", "<=", f.to);
  const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
  const rows = await base
    .select([...CHECKIN_COLUMNS])
    .orderBy("c.device_time", "desc")
    .orderBy("c.id", "desc")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}

/**
 * What a check-in added to its round and its point's day, taken away (voiding, `sign` -1) or given
 * back (restoring, +1) in the caller's transaction: the round's visited count when the check-in
 * completed a point of it, and the point-day counters coverage and today's map read. A point-day
 * left with no check-in is removed; its last time is the latest live check-in's.
 */
export async function applyToCounters(
  exec: Kysely<DB>,
  c: Pick<PatrolCheckinTable, "id" | "point_id" | "local_date" | "community_id" | "grid_id" | "force" | "result" | "flag_count" | "round_id" | "device_time">,
  sign: 1 | -1,
) {
  if (c.round_id) {
    // Restoring: a live check-in may have completed the point of this round since; this one then no longer counts for it.
    const other =
      sign > 0 &&
      (await exec
        .selectFrom("patrol_checkins")
        .select("id")
        .where("round_id", "=", c.round_id)
        .where("point_id", "=", c.point_id)
        .where("voided_at", "is", null)
        .where("id", "!=", c.id)
        .executeTakeFirst());
    if (other) await exec.updateTable("patrol_checkins").set({ round_id: null }).where("id", "=", c.id).execute();
    else
      await exec
        .updateTable("patrol_rounds")
        .set((eb) => ({ visited: eb("visited", "+", sign) }))
        .where("id", "=", c.round_id)
        .execute();
  }
  const ab = c.result === "abnormal" ? 1 : 0;
  const fl = c.flag_count > 0 ? 1 : 0;
  if (sign > 0) {
    await HOT.upsertDays(exec, [
      {
        point_id: c.point_id,
        date: c.local_date,
        month: c.local_date.slice(0, 7),
        community_id: c.community_id,
        grid_id: c.grid_id,
        force: c.force,
        checkins: 1,
        abnormal: ab,
        flagged: fl,
        last_at: c.device_time,
      },
    ]);
    return;
  }
  const day = (qb: any) => qb.where("point_id", "=", c.point_id).where("date", "=", c.local_date);
  const last = await exec
    .selectFrom("patrol_checkins")
    .select((eb) => eb.fn.max("device_time").as("t"))
    .where("point_id", "=", c.point_id)
    .where("local_date", "=", c.local_date)
    .where("voided_at", "is", null)
    .where("id", "!=", c.id)
    .executeTakeFirst();
  if (!last?.t) {
    await day(exec.deleteFrom("patrol_point_days")).execute();
    return;
  }
  await day(
    exec.updateTable("patrol_point_days").set((eb) => ({
      checkins: eb("checkins", "-", 1),
      abnormal: eb("abnormal", "-", ab),
      flagged: eb("flagged", "-", fl),
      last_at: String(last.t),
    })),
  ).execute();
}

/** The hazards opened by a community's check-ins (the demo rectifies them). */
export function checkinHazardIds(exec: Kysely<DB>, communityId: string) {
  return exec.selectFrom("patrol_checkins").select(["id", "hazard_id"]).where("community_id", "=", communityId).where("hazard_id", "is not", null).execute();
}
