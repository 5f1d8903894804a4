import { type Kysely, sql } from "kysely";

// Issue 15. A hazard's closing month (YYYY-MM of closed_on), so a figure of hazards closed in a
// period breaks down by the month they were closed in, not the month they were found. And 作废 for
// care visits entered by mistake (the columns of server/platform/voiding.ts).
const VOID_COLUMNS = ["voided_at", "voided_by", "void_reason"];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("safety_hazards").addColumn("closed_month", "varchar(7)").execute();
  await sql`update safety_hazards set closed_month = substr(closed_on, 1, 7) where closed_on is not null`.execute(db);
  for (const c of VOID_COLUMNS) await db.schema.alterTable("care_visits").addColumn(c, "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of [...VOID_COLUMNS].reverse()) await db.schema.alterTable("care_visits").dropColumn(c).execute();
  await db.schema.alterTable("safety_hazards").dropColumn("closed_month").execute();
}
