import type { Kysely } from "kysely";

// The activity list is newest first (starts_at desc, then id). Over a subdistrict's communities SQLite read
// every activity of every community through the community index and sorted them for one page
// (~300–700 ms at 100,000 activities); with this index it reads the newest in order and stops at
// the page (the list says which index it wants, see activities.activities.service.ts `list`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("act_activities_starts").on("act_activities").columns(["starts_at", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("act_activities_starts").execute();
}
