import type { Kysely } from "kysely";
import { maskName, maskPhone } from "../../../contracts/mask.js";
import type { TRecord, TVolunteer, VolunteerState } from "../../../contracts/volunteers.js";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { json } from "./volunteers.common.js";
import { hoursOf } from "./volunteers.stars.rules.js";
import type { VolRecordTable } from "./volunteers.tables.js";

// Queries of the volunteer registry, teams, service records and star levels. Every read starts
// from a scoped query, so none forgets the data scope.

export function volunteersInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("vol_volunteers as v")
    .innerJoin("people as p", "p.id", "v.person_id")
    .leftJoin("regions as g", "g.id", "v.grid_id")
    .where(inScope(scope, { community: "v.community_id", grid: "v.grid_id" }));
}

export const VOLUNTEER_COLS = [
  "v.id",
  "v.code",
  "v.community_id",
  "v.grid_id",
  "g.name as grid_name",
  "v.person_id",
  "p.name",
  "p.phone",
  "v.user_id",
  "v.skills",
  "v.availability",
  "v.joined_on",
  "v.state",
  "v.left_on",
  "v.minutes_total",
] as const;

export type VolunteerRow = {
  id: string;
  code: string;
  community_id: string;
  grid_id: string | null;
  grid_name: string | null;
  person_id: string;
  name: string;
  phone: string | null;
  user_id: string | null;
  skills: string;
  availability: string | null;
  joined_on: string;
  state: string;
  left_on: string | null;
  minutes_total: number;
};

export function toVolunteer(r: VolunteerRow, starLevel: number): TVolunteer {
  return {
    id: r.id,
    code: r.code,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name,
    personId: r.person_id,
    name: maskName(r.name) ?? "",
    phone: maskPhone(r.phone),
    skills: json<string[]>(r.skills, []),
    availability: r.availability,
    joinedOn: r.joined_on,
    state: r.state as VolunteerState,
    leftOn: r.left_on,
    hasAccount: !!r.user_id,
    starLevel,
    hoursTotal: hoursOf(Number(r.minutes_total)),
  };
}

export async function volunteerRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return (await volunteersInScope(exec, scope).select(VOLUNTEER_COLS).where("v.id", "=", id).executeTakeFirst()) as VolunteerRow | undefined;
}

/** Star level of volunteers on a date: the highest level reached on or before it. */
export async function levelsOn(exec: Kysely<DB>, ids: readonly string[], on: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await exec
      .selectFrom("vol_star_levels")
      .select((eb) => ["volunteer_id", eb.fn.max("level").as("lvl")])
      .where("volunteer_id", "in", ids.slice(i, i + 500))
      .where("reached_on", "<=", on)
      .groupBy("volunteer_id")
      .execute();
    for (const r of rows) out.set(r.volunteer_id, Number(r.lvl));
  }
  return out;
}

export function recordsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("vol_records as r")
    .innerJoin("vol_volunteers as v", "v.id", "r.volunteer_id")
    .innerJoin("people as p", "p.id", "v.person_id")
    .where(inScope(scope, { community: "r.community_id", grid: "r.grid_id" }));
}

export type RecordRow = VolRecordTable & { name: string };
export function toRecord(r: RecordRow): TRecord {
  return {
    id: r.id,
    volunteerId: r.volunteer_id,
    volunteerName: maskName(r.name) ?? "",
    kind: r.kind as TRecord["kind"],
    activityId: r.activity_id,
    nightPatrolId: r.night_patrol_id,
    teamId: r.team_id,
    title: r.title,
    serviceDate: r.service_date,
    signInAt: r.sign_in_at,
    signOutAt: r.sign_out_at,
    hours: hoursOf(r.minutes),
    method: r.method,
    state: r.state as TRecord["state"],
    confirmedBy: r.confirmed_by,
    corrections: Number(r.corrections),
  };
}

/** A volunteer's records that are not void and could overlap [from, to) (an open one always could). */
export function liveSpans(exec: Kysely<DB>, volunteerId: string, exceptId?: string) {
  let q = exec
    .selectFrom("vol_records")
    .select(["id", "sign_in_at", "sign_out_at", "title"])
    .where("volunteer_id", "=", volunteerId)
    .where("state", "!=", "void");
  if (exceptId) q = q.where("id", "!=", exceptId);
  return q;
}

/** Confirmed minutes per service date of one volunteer (what star levels are worked out from). */
export function confirmedDays(exec: Kysely<DB>, volunteerId: string) {
  return exec
    .selectFrom("vol_records")
    .select((eb) => ["service_date as date", eb.fn.sum<number>("minutes").as("minutes")])
    .where("volunteer_id", "=", volunteerId)
    .where("state", "=", "confirmed")
    .groupBy("service_date")
    .execute();
}

/** The community's path (for its settings) by id. */
export async function communityPath(exec: Kysely<DB>, communityId: string) {
  const r = await exec.selectFrom("regions").select("path").where("id", "=", communityId).executeTakeFirst();
  return r?.path ?? "/";
}

// The lookups of the registry's export and imports (volunteers.io.ts).

/** Each person's ID number (for an export, masked there), by person id. */
export async function idNumbersOf(exec: Kysely<DB>, personIds: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await exec
    .selectFrom("people")
    .select(["id", "id_number"])
    .where("id", "in", personIds.length ? [...personIds] : [""])
    .execute();
  return new Map(rows.map((p) => [p.id, p.id_number]));
}

/** Each volunteer's number, by volunteer id. */
export async function volunteerCodesOf(exec: Kysely<DB>, volunteerIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await exec
    .selectFrom("vol_volunteers")
    .select(["id", "code"])
    .where("id", "in", volunteerIds.length ? [...new Set(volunteerIds)] : [""])
    .execute();
  return new Map(rows.map((v) => [v.id, v.code]));
}

/** The resident of the community with this ID number, within the caller's scope. */
export function residentByIdNumber(exec: Kysely<DB>, scope: Scope, communityId: string, idNumber: string) {
  return exec
    .selectFrom("people as p")
    .select(["p.id", "p.name"])
    .where(inScope(scope, { community: "p.community_id", grid: "p.grid_id" }))
    .where("p.community_id", "=", communityId)
    .where("p.id_number", "=", idNumber)
    .executeTakeFirst();
}

/** The community's volunteer registered for this person, if any. */
export function volunteerOfPerson(exec: Kysely<DB>, communityId: string, personId: string) {
  return exec.selectFrom("vol_volunteers").select("id").where("person_id", "=", personId).where("community_id", "=", communityId).executeTakeFirst();
}

/** The community's volunteer with this number, if any. */
export function volunteerByCode(exec: Kysely<DB>, communityId: string, code: string) {
  return exec.selectFrom("vol_volunteers").select(["id"]).where("community_id", "=", communityId).where("code", "=", code).executeTakeFirst();
}

/** A live (not voided) record of the volunteer with exactly these sign-in and sign-out instants. */
export function sameRecord(exec: Kysely<DB>, volunteerId: string, signInAt: string, signOutAt: string) {
  return exec
    .selectFrom("vol_records")
    .select("id")
    .where("volunteer_id", "=", volunteerId)
    .where("sign_in_at", "=", signInAt)
    .where("sign_out_at", "=", signOutAt)
    .where("state", "!=", "void")
    .executeTakeFirst();
}
