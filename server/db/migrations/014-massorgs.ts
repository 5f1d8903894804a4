import type { Kysely } from "kysely";

// 群团 mass organisations (妇联, 团委 and their sub-organisations are platform organisations): their
// members and leaders, brand projects and their applications (申报), and honours & nominations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mo_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("person_id", "text", (c) => c.notNull())
    /** chair, deputy, member. */
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("joined_on", "text", (c) => c.notNull())
    .addColumn("left_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mo_members_org").on("mo_members").columns(["org_id", "person_id"]).execute();
  await db.schema.createIndex("mo_members_community").on("mo_members").columns(["community_id"]).execute();
  await db.schema
    .createTable("mo_brand_projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("started_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mo_brand_projects_org").on("mo_brand_projects").columns(["org_id"]).execute();
  await db.schema
    .createTable("mo_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("mo_brand_projects.id"))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("applied_on", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("result_on", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mo_applications_community").on("mo_applications").columns(["community_id", "applied_on"]).execute();
  await db.schema
    .createTable("mo_nominations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("nominee_kind", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("org_id", "text")
    .addColumn("nominee_name", "text", (c) => c.notNull())
    .addColumn("award", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("nominated_on", "text", (c) => c.notNull())
    .addColumn("by_org_id", "text")
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("result_on", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mo_nominations_community").on("mo_nominations").columns(["community_id", "nominated_on"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["mo_nominations", "mo_applications", "mo_brand_projects", "mo_members"]) await db.schema.dropTable(t).execute();
}
