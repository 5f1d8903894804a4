import type { Kysely } from "kysely";

// 平安 safety: hazards, places and inspections, disputes with their parties and history.
// Portable DDL (text ids and dates, integer booleans and fen) for SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("safety_hazards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_ref", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("risk", "text", (c) => c.notNull())
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("lng", "real")
    .addColumn("lat", "real")
    .addColumn("found_on", "text", (c) => c.notNull())
    .addColumn("found_month", "text", (c) => c.notNull())
    .addColumn("found_by_id", "text")
    .addColumn("found_by", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assignee_name", "text")
    .addColumn("deadline", "text")
    .addColumn("assigned_at", "text")
    .addColumn("rectified_on", "text")
    .addColumn("rectified_by_id", "text")
    .addColumn("rectified_by", "text")
    .addColumn("rectification_note", "text")
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("verified_by_id", "text")
    .addColumn("verified_by", "text")
    .addColumn("verified_at", "text")
    .addColumn("verify_note", "text")
    .addColumn("closed_on", "text")
    .addColumn("closed_by", "text")
    .addColumn("overdue", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("escalated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("escalated_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("safety_hazards_found").on("safety_hazards").columns(["community_id", "found_on"]).execute();
  await db.schema.createIndex("safety_hazards_closed").on("safety_hazards").columns(["community_id", "source", "closed_on"]).execute();
  await db.schema.createIndex("safety_hazards_status").on("safety_hazards").columns(["community_id", "status", "deadline"]).execute();
  await db.schema.createIndex("safety_hazards_grid").on("safety_hazards").columns(["grid_id", "found_on"]).execute();

  await db.schema
    .createTable("safety_places")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("interval_days", "integer", (c) => c.notNull())
    .addColumn("last_inspected_on", "text")
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("safety_places_community").on("safety_places").columns(["community_id", "kind"]).execute();

  await db.schema
    .createTable("safety_checklists")
    .addColumn("place_kind", "text", (c) => c.primaryKey())
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createTable("safety_inspections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("place_id", "text", (c) => c.notNull().references("safety_places.id"))
    .addColumn("place_kind", "text", (c) => c.notNull())
    .addColumn("inspected_on", "text", (c) => c.notNull())
    .addColumn("inspected_month", "text", (c) => c.notNull())
    .addColumn("inspectors", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("failed_count", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("safety_inspections_on").on("safety_inspections").columns(["community_id", "inspected_on"]).execute();
  await db.schema.createIndex("safety_inspections_place").on("safety_inspections").columns(["place_id", "inspected_on"]).execute();

  await db.schema
    .createTable("safety_inspection_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("inspection_id", "text", (c) => c.notNull().references("safety_inspections.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("hazard_id", "text")
    .execute();
  await db.schema.createIndex("safety_inspection_items_insp").on("safety_inspection_items").column("inspection_id").execute();

  await db.schema
    .createTable("safety_disputes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("is_labor", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_ref", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("registered_on", "text", (c) => c.notNull())
    .addColumn("registered_month", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("closed_on", "text")
    .addColumn("closed_month", "text")
    .addColumn("close_reason", "text")
    .addColumn("referral", "text")
    .addColumn("employer", "text")
    .addColumn("workers", "integer")
    .addColumn("claimed_fen", "bigint")
    .addColumn("recovered_fen", "bigint")
    .addColumn("advance_fen", "bigint")
    .addColumn("agreement", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("safety_disputes_reg").on("safety_disputes").columns(["community_id", "registered_on"]).execute();
  await db.schema.createIndex("safety_disputes_closed").on("safety_disputes").columns(["community_id", "closed_on"]).execute();
  await db.schema.createIndex("safety_disputes_labor").on("safety_disputes").columns(["community_id", "is_labor", "closed_on"]).execute();

  await db.schema
    .createTable("safety_dispute_parties")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("dispute_id", "text", (c) => c.notNull().references("safety_disputes.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("id_number", "text")
    .execute();
  await db.schema.createIndex("safety_dispute_parties_d").on("safety_dispute_parties").column("dispute_id").execute();

  await db.schema
    .createTable("safety_dispute_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("dispute_id", "text", (c) => c.notNull().references("safety_disputes.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("on_date", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("from_level", "text")
    .addColumn("to_level", "text")
    .addColumn("reason", "text")
    .addColumn("mediators", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("attendees", "text")
    .addColumn("record", "text")
    .addColumn("performed", "text")
    .execute();
  await db.schema.createIndex("safety_dispute_events_d").on("safety_dispute_events").column("dispute_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "safety_dispute_events",
    "safety_dispute_parties",
    "safety_disputes",
    "safety_inspection_items",
    "safety_inspections",
    "safety_checklists",
    "safety_places",
    "safety_hazards",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
