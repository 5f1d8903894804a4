import type { Kysely } from "kysely";

// 活动与阵地 (issue 11): a private iCalendar feed per account (the activities of the account's data
// scope, for the calendar app on a phone, which subscribes without a session). Only a hash of the
// feed's secret address is kept; a new address replaces the old one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("act_calendar_feeds")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("act_calendar_feeds").execute();
}
