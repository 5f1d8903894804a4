import type { Kysely } from "kysely";

// A case another module registered (a 书记茶话会 activity, a night patrol …) keeps that record as a
// (module, kind, id) triple; the other module lists its cases by it (appeals.api.ts `bySource`).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const col of ["source_module", "source_kind", "source_id"]) await db.schema.alterTable("appeals").addColumn(col, "text").execute();
  await db.schema.createIndex("appeals_source").on("appeals").columns(["source_module", "source_kind", "source_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("appeals_source").execute();
  for (const col of ["source_id", "source_kind", "source_module"]) await db.schema.alterTable("appeals").dropColumn(col).execute();
}
