import type { Kysely } from "kysely";

// 大屏 signed screen links: a duty-room display opens /screen?t=… with no personal login. Only the
// token's sha256 is kept; a link is valid until it expires or is revoked (never deleted).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("screen_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema.createIndex("screen_links_region").on("screen_links").columns(["region_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("screen_links").execute();
}
