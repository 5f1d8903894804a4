import type { Kysely } from "kysely";

// A central training's attendance that recorded a party candidate's step 11 keeps which record it
// made (party's step id, answered by party's api): removing the attendance withdraws that record
// and no other. Only the rare credited attendance has a row; the check-in's hot path is unchanged.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("act_central_credits")
    .addColumn("attendance_id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("party_step_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("act_central_credits_activity").on("act_central_credits").columns(["activity_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("act_central_credits").execute();
}
