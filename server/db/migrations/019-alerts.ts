import type { Kysely } from "kysely";

// 工作台 alerts (issue 16): the scheduler's jobs (one row per registered job: when it runs next, who
// holds it and until when, what it did last), the notification centre (per account, read/unread,
// each alert once per account and record: `dedupe_key`), and each account's own workbench layout.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "text")
    .addColumn("last_started_at", "text")
    .addColumn("last_finished_at", "text")
    /** JSON: what the last run did ({ notified: 3, … }), or null. */
    .addColumn("last_result", "text")
    .addColumn("last_error", "text")
    .addColumn("runs", "integer", (c) => c.notNull().defaultTo(0))
    /** JSON a job keeps between runs (a cursor: the last record it looked at). */
    .addColumn("state", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_next_run").on("jobs").column("next_run_at").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("module", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("title_zh", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("body_zh", "text")
    .addColumn("body_en", "text")
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("community_id", "text")
    /** The alert and its record: the same alert about the same record reaches an account once. */
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_dedupe").on("notifications").columns(["user_id", "dedupe_key"]).unique().execute();
  await db.schema.createIndex("notifications_user_created").on("notifications").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("dashboard_layouts")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    /** JSON { pinned: string[], order: string[], hidden: string[] } of figure keys. */
    .addColumn("layout", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("dashboard_layouts").execute();
  await db.schema.dropTable("notifications").execute();
  await db.schema.dropTable("jobs").execute();
}
