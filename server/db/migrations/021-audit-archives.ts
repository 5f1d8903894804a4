import type { Kysely } from "kysely";

// Audit entries older than the retention (≥ 180 days) can be moved to a signed archive file; the
// chain goes on in the database from the last archived entry's hash, which is kept here with the
// file's name and digest (server/platform/trust/archive.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_archives")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("first_seq", "integer", (c) => c.notNull())
    .addColumn("last_seq", "integer", (c) => c.notNull().unique())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .addColumn("before_at", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("archived_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_archives").ifExists().execute();
}
