import type { Kysely } from "kysely";

// 关爱帮扶 care: households in difficulty (members and paired party members of the people registry),
// care visits (one visit may cover many households: a 慰问活动) and what each household got.
// Portable DDL: text ids and dates, integer fen, JSON arrays as text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("care_households")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text")
    .addColumn("head_person_id", "text", (c) => c.notNull())
    .addColumn("kinds", "text", (c) => c.notNull())
    .addColumn("primary_kind", "text", (c) => c.notNull())
    .addColumn("needs", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("grid_worker_id", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("enrolled_on", "text", (c) => c.notNull())
    .addColumn("archived_on", "text")
    .addColumn("archive_reason", "text")
    .addColumn("last_visited_on", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("care_households_community").on("care_households").columns(["community_id", "state", "grid_id"]).execute();
  await db.schema
    .createTable("care_household_people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("household_id", "text", (c) => c.notNull().references("care_households.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    /** head, member or paired (a 结对帮扶 party member). */
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("since", "text", (c) => c.notNull())
    /** A pairing ended (the row is kept). */
    .addColumn("until", "text")
    .execute();
  await db.schema.createIndex("care_household_people_household").on("care_household_people").columns(["household_id"]).execute();
  await db.schema.createIndex("care_household_people_person").on("care_household_people").columns(["person_id", "role"]).execute();
  await db.schema
    .createTable("care_visits")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("visited_on", "text", (c) => c.notNull())
    .addColumn("visit_month", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("visitor_user_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("visitor_person_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("partner_org_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("household_count", "integer", (c) => c.notNull())
    .addColumn("money_fen", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("care_visits_community").on("care_visits").columns(["community_id", "visited_on"]).execute();
  await db.schema
    .createTable("care_visit_households")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("visit_id", "text", (c) => c.notNull().references("care_visits.id"))
    .addColumn("household_id", "text", (c) => c.notNull().references("care_households.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("grid_id", "text")
    .addColumn("visited_on", "text", (c) => c.notNull())
    .addColumn("visit_month", "text", (c) => c.notNull())
    .addColumn("goods", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("money_fen", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("services", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("follow_up", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("follow_up_closed_on", "text")
    .execute();
  await db.schema.createIndex("care_visit_households_visit").on("care_visit_households").columns(["visit_id"]).execute();
  await db.schema.createIndex("care_visit_households_household").on("care_visit_households").columns(["household_id", "visited_on"]).execute();
  await db.schema.createIndex("care_visit_households_community").on("care_visit_households").columns(["community_id", "visited_on"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["care_visit_households", "care_visits", "care_household_people", "care_households"]) await db.schema.dropTable(t).execute();
}
