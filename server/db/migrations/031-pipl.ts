import type { Kysely } from "kysely";

// 个人信息权利 residents' rights under PIPL (查阅、复制、更正、删除): each request is kept with its
// deadline and answer; a person anonymised on a deletion request is marked on the registry.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pipl_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    // access | copy | correct | delete
    .addColumn("kind", "text", (c) => c.notNull())
    // Who asked (the resident, or someone on their behalf) and how it reached the community.
    .addColumn("requester", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("responsible_user_id", "text")
    // open | done | refused | partial
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("result", "text")
    .addColumn("answered_on", "text")
    .addColumn("answered_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pipl_requests_community").on("pipl_requests").columns(["community_id", "status", "due_on"]).execute();
  await db.schema.createIndex("pipl_requests_person").on("pipl_requests").columns(["person_id"]).execute();
  await db.schema.alterTable("people").addColumn("anonymised_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pipl_requests").execute();
  await db.schema.alterTable("people").dropColumn("anonymised_at").execute();
}
