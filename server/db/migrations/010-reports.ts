import type { Kysely } from "kysely";

// 年度工作报告: the template of a region's report per year, versioned (every save a new version,
// kept with who saved it and when); the report's versions with their life (草稿 → 审核 → 定稿 → 发布),
// the editor's decisions on the drafted findings, and — once published — the report as generated,
// frozen with its figures; and the timeline of every step. Portable DDL (text ids, JSON as text).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("report_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    /** JSON: { title, sections: [{ heading, level, paragraphs: string[][] }] }. */
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("saved_by", "text")
    .addColumn("saved_by_name", "text", (c) => c.notNull())
    .addColumn("saved_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("report_templates_version").unique().on("report_templates").columns(["region_id", "year", "version"]).execute();

  await db.schema
    .createTable("annual_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("author_name", "text")
    .addColumn("reviewer_name", "text")
    /** JSON: finding id → { status: accepted | edited | dropped, text? }. */
    .addColumn("findings", "text", (c) => c.notNull().defaultTo("{}"))
    /** JSON of the report as generated when published (figures with value, period, generated time). */
    .addColumn("frozen", "text")
    .addColumn("template_version", "integer")
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema.createIndex("annual_reports_version").unique().on("annual_reports").columns(["region_id", "year", "version"]).execute();

  await db.schema
    .createTable("annual_report_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("annual_reports.id"))
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("annual_report_events_report").on("annual_report_events").columns(["report_id", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("annual_report_events").execute();
  await db.schema.dropTable("annual_reports").execute();
  await db.schema.dropTable("report_templates").execute();
}
