import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { membersInScope } from "./party.repo.js";
import type { PartyMemberTable } from "./party.tables.js";

// Queries of the member register (党员名册).

export const MEMBER_COLS = [
  "m.id",
  "m.person_id",
  "m.org_id",
  "m.group_id",
  "m.status",
  "m.joined_on",
  "m.full_on",
  "m.education",
  "m.transfer_in_on",
  "m.transfer_in_from",
  "m.transfer_out_on",
  "m.transfer_out_to",
  "m.mobile",
  "m.lost_contact",
  "m.appraisal_year",
  "m.appraisal_result",
  "p.name",
  "p.gender",
  "p.birth_date",
  "p.id_number",
  "p.phone",
  "o.name as org_name",
  "pa.probation_end",
  "pa.extended_months",
] as const;

export type MemberFilter = { q?: string; orgId?: string; status?: string; flag?: "mobile" | "lost" };

/** Members with the probation of the pipeline record that admitted them, if any. */
const withProbation = (db: Kysely<DB>, scope: Scope) => membersInScope(db, scope).leftJoin("party_applicants as pa", "pa.member_id", "m.id");

function filtered(db: Kysely<DB>, scope: Scope, f: MemberFilter) {
  let q = withProbation(db, scope);
  if (f.orgId) q = q.where((eb) => eb.or([eb("m.org_id", "=", f.orgId as string), eb("m.group_id", "=", f.orgId as string)]));
  if (f.status) q = q.where("m.status", "=", f.status as PartyMemberTable["status"]);
  else q = q.where("m.status", "!=", "transferred_out");
  if (f.flag === "mobile") q = q.where("m.mobile", "=", 1);
  if (f.flag === "lost") q = q.where("m.lost_contact", "=", 1);
  if (f.q) q = q.where("p.name", "like", `%${f.q}%`);
  return q;
}

/** One page of the register under a filter, and how many there are. */
export async function memberPage(db: Kysely<DB>, scope: Scope, f: MemberFilter & { page: number; pageSize: number }) {
  const base = filtered(db, scope, f);
  const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
  const rows = await base
    .select([...MEMBER_COLS])
    .orderBy("o.name")
    .orderBy("p.name")
    .orderBy("m.id")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}

/** Every member under a filter (exports and the printed roster). */
export function memberList(db: Kysely<DB>, scope: Scope, f: MemberFilter) {
  return filtered(db, scope, f)
    .select([...MEMBER_COLS])
    .orderBy("o.name")
    .orderBy("p.name")
    .limit(100_000)
    .execute();
}

export function memberRow(db: Kysely<DB>, scope: Scope, id: string) {
  return withProbation(db, scope)
    .select([...MEMBER_COLS])
    .where("m.id", "=", id)
    .executeTakeFirst();
}
export type MemberRow = NonNullable<Awaited<ReturnType<typeof memberRow>>>;

export async function insertMember(exec: Kysely<DB>, row: PartyMemberTable) {
  await exec.insertInto("party_members").values(row).execute();
}

export async function updateMember(exec: Kysely<DB>, id: string, patch: Partial<PartyMemberTable>) {
  await exec.updateTable("party_members").set(patch).where("id", "=", id).execute();
}

/** A person of the registry in scope by ID number (matching an imported register). */
export function personByIdNumber(exec: Kysely<DB>, scope: Scope, idNumber: string) {
  return exec
    .selectFrom("people as p")
    .select(["p.id", "p.name"])
    .where(inScope(scope, { community: "p.community_id", grid: "p.grid_id" }))
    .where("p.id_number", "=", idNumber)
    .executeTakeFirst();
}

/** Members of a community by id, with their status (sponsors and contact persons must be full members). */
export function membersByIds(exec: Kysely<DB>, ids: string[]) {
  return exec
    .selectFrom("party_members as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["m.id", "m.status", "p.name", "m.community_id"])
    .where("m.id", "in", ids)
    .execute();
}
