import type { Kysely } from "kysely";

// 三务公开 the public disclosure portal: the deployment's catalogue of columns (editable; seeded
// with the usual tree, a frozen copy), the items with their flow 提出 → 保密审核 → 审批 → 发布,
// withdrawal and corrections as new versions, each step on the item's timeline, and the
// residents' feedback (each an appeal in the appeals module).
const COLUMNS: Array<[string, string | null, string, string, string, number]> = [
  // key, parent, section, name, period, sort
  ["party", null, "party", "党务", "none", 1],
  ["party.resolutions", "party", "party", "党组织决议、决定及执行情况", "quarterly", 11],
  ["party.organisation", "party", "party", "党组织设置及党员情况", "yearly", 12],
  ["party.dues", "party", "party", "党费收缴使用管理", "quarterly", 13],
  ["party.development", "party", "party", "发展党员", "immediate", 14],
  ["party.elections", "party", "party", "党组织换届选举", "immediate", 15],
  ["residents", null, "residents", "居务", "none", 2],
  ["residents.decisions", "residents", "residents", "居民会议/议事会决定", "immediate", 21],
  ["residents.projects", "residents", "residents", "民生微实事", "immediate", 22],
  ["residents.services", "residents", "residents", "社区服务事项", "yearly", 23],
  ["residents.welfare", "residents", "residents", "低保、救助、慰问等民生保障", "quarterly", 24],
  ["residents.population", "residents", "residents", "人口与计生", "yearly", 25],
  ["finance", null, "finance", "财务", "none", 3],
  ["finance.statements", "finance", "finance", "收支情况", "monthly", 31],
  ["finance.assets", "finance", "finance", "集体资产", "yearly", 32],
  ["finance.special", "finance", "finance", "专项资金使用", "quarterly", 33],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("portal_columns")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("parent_key", "text")
    /** party 党务, residents 居务, finance 财务. */
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    /** monthly, quarterly, yearly (on a schedule), immediate (major matters at once), none (a heading). */
    .addColumn("period", "text", (c) => c.notNull())
    /** JSON array of the roles that may propose items in the column. */
    .addColumn("proposer_roles", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  const at = "2026-12-04T00:00:00.000Z";
  await db
    .insertInto("portal_columns")
    .values(
      COLUMNS.map(([key, parent, section, name, period, sort]) => ({
        key,
        parent_key: parent,
        section,
        name,
        period,
        proposer_roles: JSON.stringify(["leader", "staff"]),
        sort,
        active: 1,
        updated_at: at,
      })),
    )
    .execute();

  await db.schema
    .createTable("portal_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("column_key", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    /** Sanitised HTML. */
    .addColumn("body", "text", (c) => c.notNull())
    /** JSON array of file ids (attachments and images). */
    .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("source_module", "text")
    .addColumn("source_kind", "text")
    .addColumn("source_id", "text")
    /** draft, proposed, reviewed, published, withdrawn, superseded. */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    /** A correction: the item it corrects (published items are never edited). */
    .addColumn("previous_id", "text")
    .addColumn("superseded_by", "text")
    .addColumn("drafted_by", "text", (c) => c.notNull())
    .addColumn("proposed_by_id", "text")
    .addColumn("proposed_by", "text")
    .addColumn("proposed_at", "text")
    .addColumn("reviewed_by_id", "text")
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    /** JSON: what the 保密审核 found and the reviewer confirmed is not personal data. */
    .addColumn("review_confirmed", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("approved_by", "text")
    .addColumn("published_at", "text")
    .addColumn("published_on", "text")
    /** YYYY-MM of published_on, for month breakdowns. */
    .addColumn("published_month", "text")
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_on", "text")
    .addColumn("withdrawn_by", "text")
    .addColumn("withdraw_reason", "text")
    .addColumn("return_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("portal_items_public").on("portal_items").columns(["community_id", "column_key", "status", "published_on"]).execute();
  // The public lists walk this index newest first and stop at a page; figures read a range of it.
  await db.schema.createIndex("portal_items_published").on("portal_items").columns(["published_on", "id"]).execute();
  // Last-Modified of any public answer: the latest change of any item, one index lookup.
  await db.schema.createIndex("portal_items_updated").on("portal_items").column("updated_at").execute();
  await db.schema.createIndex("portal_items_source").on("portal_items").columns(["source_module", "source_kind", "source_id"]).execute();

  await db.schema
    .createTable("portal_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("portal_events_item").on("portal_events").columns(["item_id", "at"]).execute();

  await db.schema
    .createTable("portal_feedback")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("appeal_id", "text", (c) => c.notNull())
    .addColumn("tracking_no", "text", (c) => c.notNull())
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("portal_feedback_item").on("portal_feedback").columns(["community_id", "received_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["portal_feedback", "portal_events", "portal_items", "portal_columns"]) await db.schema.dropTable(t).execute();
}
