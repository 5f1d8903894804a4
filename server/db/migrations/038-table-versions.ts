import { type Kysely, PostgresAdapter, sql } from "kysely";

// Each application table's write version (server/db/table-versions.ts): bumped by triggers on every
// insert, update and delete, read by the caches of what is computed from the records (the figures,
// the big screen) so that a write to one table leaves the answers over the others as they are.
// One row per table and writer: on SQLite the one writer (pid 0); on PostgreSQL one per server
// process (backend) that wrote, so that concurrent writers never wait on each other's row; the
// version is the sum of a table's rows. The triggers themselves are made after every migration
// (ensureTableVersions), so tables added later get theirs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("table_versions")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("pid", "integer", (c) => c.notNull())
    .addColumn("v", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("table_versions_pk", ["name", "pid"])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`
      CREATE OR REPLACE FUNCTION table_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO table_versions (name, pid, v) VALUES (TG_TABLE_NAME, pg_backend_pid(), 1)
        ON CONFLICT (name, pid) DO UPDATE SET v = table_versions.v + 1;
        RETURN NULL;
      END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The triggers first (server/db/table-versions.ts names them tv_…).
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`DROP FUNCTION IF EXISTS table_version_bump() CASCADE`.execute(db);
  else {
    const rows = (await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and name like 'tv\\_%' escape '\\'`.execute(db)).rows;
    for (const r of rows) await sql.raw(`DROP TRIGGER IF EXISTS "${r.name}"`).execute(db);
  }
  await db.schema.dropTable("table_versions").execute();
}
