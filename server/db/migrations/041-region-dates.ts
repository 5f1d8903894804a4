import { type Kysely, sql } from "kysely";

// Issue 15, stock figures at a period's end: a grid counts in a period if it was set up by the
// period's end and not archived before it. `established_on` is the real-world date the region was
// set up (a local date, optional: a grid drawn in Shequ today may have existed for years — without
// it, the day it was entered counts); `archived_at` when it was archived (backfilled from the row's
// last update for regions already archived, the best record there is of when it happened).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("regions").addColumn("established_on", "text").execute();
  await db.schema.alterTable("regions").addColumn("archived_at", "text").execute();
  await sql`update regions set archived_at = updated_at where archived = 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("regions").dropColumn("archived_at").execute();
  await db.schema.alterTable("regions").dropColumn("established_on").execute();
}
