import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { type VoidColumns, voidedChoice } from "../../platform/voiding.js";
import { activePostsOn, meetingsInScope } from "./party.repo.js";
import type { PartyAttendanceTable, PartyMeetingTable } from "./party.tables.js";

// Queries of meetings (三会一课 and the rest) and their attendance.

/** Members serving on an organisation's committee on a date (the members due at its committee meetings). */
export async function committeeDue(exec: Kysely<DB>, orgId: string, on: string) {
  const rows = await activePostsOn(exec, on)
    .innerJoin("party_members as m", "m.person_id", "ps.person_id")
    .select(["m.id"])
    .distinct()
    .where("ps.org_id", "=", orgId)
    .where("m.joined_on", "<=", on)
    .where((eb) => eb.or([eb("m.transfer_out_on", "is", null), eb("m.transfer_out_on", ">", on)]))
    .execute();
  return rows.map((r) => r.id);
}

/** Members of an organisation (and of the organisations directly below it, or of the group) on a date. */
export async function membersOn(exec: Kysely<DB>, orgId: string, on: string) {
  const children = await exec.selectFrom("organisations").select("id").where("parent_id", "=", orgId).execute();
  const ids = [orgId, ...children.map((c) => c.id)];
  const rows = await exec
    .selectFrom("party_members as m")
    .select("m.id")
    .where((eb) => eb.or([eb("m.org_id", "in", ids), eb("m.group_id", "=", orgId)]))
    .where("m.joined_on", "<=", on)
    .where((eb) => eb.or([eb("m.transfer_out_on", "is", null), eb("m.transfer_out_on", ">", on)]))
    .execute();
  return rows.map((r) => r.id);
}

/** How many of these file ids exist. */
export async function filesFound(exec: Kysely<DB>, ids: string[]) {
  return (await exec.selectFrom("files").select("id").where("id", "in", ids).execute()).length;
}

export async function setMeetingVoiding(exec: Kysely<DB>, id: string, patch: VoidColumns) {
  await exec.updateTable("party_meetings").set(patch).where("id", "=", id).execute();
}

export async function insertMeeting(exec: Kysely<DB>, row: PartyMeetingTable, attendance: PartyAttendanceTable[]) {
  await exec.insertInto("party_meetings").values(row).execute();
  if (attendance.length) await exec.insertInto("party_attendance").values(attendance).execute();
}

export type MeetingFilter = { orgId?: string; type?: string; from?: string; to?: string; voided?: "0" | "1" | "all" };

function filtered(db: Kysely<DB>, scope: Scope, f: MeetingFilter) {
  let q = meetingsInScope(db, scope, voidedChoice(f.voided));
  if (f.orgId) q = q.where("mt.org_id", "=", f.orgId);
  if (f.type) q = q.where("mt.type", "=", f.type);
  if (f.from) q = q.where("mt.held_on", ">=", f.from);
  if (f.to) q = q.where("mt.held_on", "<=", f.to);
  return q;
}

export async function meetingPage(db: Kysely<DB>, scope: Scope, f: MeetingFilter & { page: number; pageSize: number }) {
  const base = filtered(db, scope, f);
  const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
  const rows = await base
    .selectAll("mt")
    .select("o.name as org_name")
    .orderBy("mt.held_on", "desc")
    .orderBy("mt.id")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}
export type MeetingRow = Awaited<ReturnType<typeof meetingPage>>["rows"][number];

/** One meeting, voided or not (its page says which). */
export function meetingRow(db: Kysely<DB>, scope: Scope, id: string) {
  return meetingsInScope(db, scope, "include").selectAll("mt").select("o.name as org_name").where("mt.id", "=", id).executeTakeFirst();
}

export function attendanceOf(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom("party_attendance as a")
    .innerJoin("party_members as m", "m.id", "a.member_id")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["a.member_id", "p.name", "a.status"])
    .where("a.meeting_id", "=", meetingId)
    .orderBy("p.name")
    .execute();
}

/** The meetings held in scope in a year (for the compliance view). */
export function meetingsOfYear(db: Kysely<DB>, scope: Scope, year: number) {
  return meetingsInScope(db, scope)
    .select(["mt.org_id", "mt.type", "mt.held_on", "mt.quorum_met", "o.parent_id"])
    .where("mt.held_on", ">=", `${year}-01-01`)
    .where("mt.held_on", "<=", `${year}-12-31`)
    .execute();
}

/** A meeting already recorded for an organisation: same type, day and topic (an imported log read twice). */
export function sameMeeting(exec: Kysely<DB>, m: { orgId: string; type: string; heldOn: string; topic: string }) {
  return exec
    .selectFrom("party_meetings")
    .select("id")
    .where("org_id", "=", m.orgId)
    .where("type", "=", m.type)
    .where("held_on", "=", m.heldOn)
    .where("topic", "=", m.topic)
    .executeTakeFirst();
}
