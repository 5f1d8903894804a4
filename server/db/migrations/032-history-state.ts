import { type Kysely, sql } from "kysely";

// Issue 15, what was left of "a real community moves in":
// - 作废 of patrol check-ins entered by mistake (the columns of server/platform/voiding.ts);
// - when a person or an organisation was archived and an account disabled, so the platform's stock figures count the
//   registers as they stood at a period's end (backfilled from the row's last update, the best
//   record there is of when it happened);
// - the term a party organisation had before a 换届, so voiding the 换届 puts it back (JSON
//   {"start","end"}; null for elections recorded before this, whose voiding falls back on the
//   previous 换届's term).
const VOID_COLUMNS = ["voided_at", "voided_by", "void_reason"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const c of VOID_COLUMNS) await db.schema.alterTable("patrol_checkins").addColumn(c, "text").execute();
  await db.schema.alterTable("people").addColumn("archived_at", "text").execute();
  await sql`update people set archived_at = updated_at where archived = 1`.execute(db);
  await db.schema.alterTable("organisations").addColumn("archived_at", "text").execute();
  await sql`update organisations set archived_at = updated_at where archived = 1`.execute(db);
  await db.schema.alterTable("users").addColumn("disabled_at", "text").execute();
  await sql`update users set disabled_at = updated_at where disabled = 1`.execute(db);
  await db.schema.alterTable("party_elections").addColumn("prev_term", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("party_elections").dropColumn("prev_term").execute();
  await db.schema.alterTable("users").dropColumn("disabled_at").execute();
  await db.schema.alterTable("organisations").dropColumn("archived_at").execute();
  await db.schema.alterTable("people").dropColumn("archived_at").execute();
  for (const c of [...VOID_COLUMNS].reverse()) await db.schema.alterTable("patrol_checkins").dropColumn(c).execute();
}
