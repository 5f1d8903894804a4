import { type Kysely, sql } from "kysely";

// A hazard register's import finds each row's hazard by its number (编号, case-insensitive) within
// the community: without an index each lookup read every hazard of the community, so an import of
// 50,000 hazards grew with the square of its size.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("safety_hazards_code").on("safety_hazards").expression(sql`community_id, lower(code)`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("safety_hazards_code").execute();
}
