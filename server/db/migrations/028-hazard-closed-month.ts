import { type Kysely, sql } from "kysely";

// A hazard's closing month (YYYY-MM of closed_on), so a figure of hazards closed in a period breaks
// down by the month they were closed in — not the month they were found (issue 15).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("safety_hazards").addColumn("closed_month", "varchar(7)").execute();
  await sql`update safety_hazards set closed_month = substr(closed_on, 1, 7) where closed_on is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("safety_hazards").dropColumn("closed_month").execute();
}
