import type { Kysely } from "kysely";

// A person without an ID number (境外 residents, an old register's rows) is found by name and phone
// within the community: an import of 100,000 rows looked each up by scanning the community's people.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("people_community_name").on("people").columns(["community_id", "name"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("people_community_name").execute();
}
