import type { Kysely } from "kysely";

// An applicant may leave the pipeline (本人撤回 / 组织终止): the day and the reason are kept, so the
// pipeline of a period that ended before still counts them.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const col of ["stopped_on", "stop_reason"]) await db.schema.alterTable("party_applicants").addColumn(col, "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const col of ["stop_reason", "stopped_on"]) await db.schema.alterTable("party_applicants").dropColumn(col).execute();
}
