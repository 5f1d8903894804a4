import type { Kysely } from "kysely";

// Portable DDL: text ids, text timestamps, integer booleans, so the same migration and the same
// queries run on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("regions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("parent_id", "text", (c) => c.references("regions.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("community_id", "text")
    .addColumn("boundary", "text")
    .addColumn("lat", "real")
    .addColumn("lng", "real")
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("regions_path").on("regions").column("path").execute();
  await db.schema.createIndex("regions_parent").on("regions").column("parent_id").execute();
  await db.schema.createIndex("regions_code").on("regions").column("code").unique().execute();

  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.references("regions.id"))
    .addColumn("parent_id", "text", (c) => c.references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text")
    .addColumn("founded_on", "text")
    .addColumn("address", "text")
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("note", "text")
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisations_community").on("organisations").columns(["community_id", "kind"]).execute();

  await db.schema
    .createTable("people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.references("regions.id"))
    .addColumn("estate_id", "text", (c) => c.references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("gender", "text", (c) => c.notNull())
    .addColumn("birth_date", "text")
    .addColumn("id_number", "text")
    .addColumn("phone", "text")
    .addColumn("address", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text")
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("people_community_grid").on("people").columns(["community_id", "grid_id"]).execute();
  await db.schema.createIndex("people_grid").on("people").columns(["grid_id", "archived"]).execute();
  await db.schema.createIndex("people_community_kind").on("people").columns(["community_id", "archived", "kind"]).execute();
  await db.schema.createIndex("people_id_number").on("people").columns(["community_id", "id_number"]).unique().execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("scope_region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("person_id", "text", (c) => c.references("people.id"))
    .addColumn("phone", "text")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("password_changed_at", "text", (c) => c.notNull())
    .addColumn("last_login_at", "text")
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("current_region_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("community_id", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("success", "integer", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("ip", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_at").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_entity").on("audit_log").columns(["entity", "entity_id"]).execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addPrimaryKeyConstraint("settings_pk", ["key", "region_id"])
    .execute();

  await db.schema
    .createTable("files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("community_id", "text")
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("files_sha").on("files").columns(["sha256", "community_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["files", "settings", "audit_log", "sessions", "users", "people", "organisations", "regions"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
