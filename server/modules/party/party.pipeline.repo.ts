import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { applicantsInScope } from "./party.repo.js";
import type { PartyApplicantTable, PartyStepTable } from "./party.tables.js";

// Queries of the development pipeline: applicants and the steps recorded for them.

/** An applicant's record in scope, with the person's name and birth date. */
export function applicantIn(exec: Kysely<DB>, scope: Scope, id: string) {
  return applicantsInScope(exec, scope).selectAll("a").select(["p.name", "p.birth_date"]).where("a.id", "=", id).executeTakeFirst();
}

export function stepsOf(exec: Kysely<DB>, applicantId: string) {
  return exec.selectFrom("party_steps").selectAll().where("applicant_id", "=", applicantId).orderBy("step").orderBy("created_at").execute();
}

/** The passed steps of these applicants, of the given numbers (what the next step's time rules need). */
export function passedSteps(exec: Kysely<DB>, applicantIds: string[], steps: number[]) {
  if (!applicantIds.length) return Promise.resolve([]);
  return exec
    .selectFrom("party_steps")
    .select(["applicant_id", "step", "done_on", "passed"])
    .where("applicant_id", "in", applicantIds)
    .where("step", "in", steps)
    .execute();
}

/** A person's application still in progress (active or probationary), if any. */
export function openApplicationOf(exec: Kysely<DB>, personId: string) {
  return exec
    .selectFrom("party_applicants")
    .select("id")
    .where("person_id", "=", personId)
    .where("status", "in", ["active", "probationary"])
    .executeTakeFirst();
}

export const applicantOfMember = (exec: Kysely<DB>, memberId: string) =>
  exec.selectFrom("party_applicants").select("id").where("member_id", "=", memberId).executeTakeFirst();

export async function insertApplicant(exec: Kysely<DB>, row: PartyApplicantTable) {
  await exec.insertInto("party_applicants").values(row).execute();
}

export async function insertStep(exec: Kysely<DB>, row: PartyStepTable) {
  await exec.insertInto("party_steps").values(row).execute();
}

export function stepById(exec: Kysely<DB>, id: string) {
  return exec.selectFrom("party_steps").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function deleteStep(exec: Kysely<DB>, id: string) {
  await exec.deleteFrom("party_steps").where("id", "=", id).execute();
}

export async function updateApplicant(exec: Kysely<DB>, id: string, patch: Partial<PartyApplicantTable>) {
  await exec.updateTable("party_applicants").set(patch).where("id", "=", id).execute();
}

export type ApplicantFilter = { orgId?: string; stage?: number; status?: string; q?: string };

const applicantCols = ["p.name", "p.gender", "p.birth_date", "p.id_number", "o.name as org_name"] as const;

export async function applicantPage(db: Kysely<DB>, scope: Scope, f: ApplicantFilter & { page: number; pageSize: number }) {
  let base = applicantsInScope(db, scope);
  if (f.orgId) base = base.where("a.org_id", "=", f.orgId);
  if (f.stage) base = base.where("a.stage", "=", f.stage);
  if (f.status) base = base.where("a.status", "=", f.status as PartyApplicantTable["status"]);
  if (f.q) base = base.where("p.name", "like", `%${f.q}%`);
  const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
  const rows = await base
    .selectAll("a")
    .select([...applicantCols])
    .orderBy("a.last_step_on", "desc")
    .orderBy("a.id")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}
export type ApplicantRow = Awaited<ReturnType<typeof applicantPage>>["rows"][number];

export function applicantDetailRow(db: Kysely<DB>, scope: Scope, id: string) {
  return applicantsInScope(db, scope)
    .selectAll("a")
    .select([...applicantCols])
    .where("a.id", "=", id)
    .executeTakeFirst();
}

/** The applications in progress in scope of these people (what another module asks of the pipeline). */
export function openApplicationsOf(exec: Kysely<DB>, scope: Scope, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return applicantsInScope(exec, scope)
    .select(["a.id", "a.person_id", "a.org_id", "a.status", "a.stage", "a.last_step", "a.last_step_on", "a.applied_on", "a.probation_start", "a.probation_end"])
    .where("a.person_id", "in", personIds)
    .where("a.status", "in", ["active", "probationary"])
    .execute();
}

/** The level of a region (an approver's own). */
export async function regionLevel(exec: Kysely<DB>, id: string) {
  return (await exec.selectFrom("regions").select("level").where("id", "=", id).executeTakeFirst())?.level ?? null;
}
