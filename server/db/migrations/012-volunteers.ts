import type { Kysely } from "kysely";

// 志愿服务 volunteers: the registry (linked to people), teams and their memberships, service records
// (sign-in/out, minutes, the organiser's confirmation) and their audited corrections, the dates each
// star level was first reached (kept from the records in the same transaction), night patrols, and
// a volunteer's sign-ups for activities. Portable DDL (text ids and dates, integer minutes).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("vol_volunteers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text")
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("user_id", "text")
    .addColumn("skills", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("availability", "text")
    .addColumn("joined_on", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("left_on", "text")
    .addColumn("minutes_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vol_volunteers_person").unique().on("vol_volunteers").columns(["community_id", "person_id"]).execute();
  await db.schema.createIndex("vol_volunteers_code").unique().on("vol_volunteers").columns(["community_id", "code"]).execute();
  await db.schema.createIndex("vol_volunteers_user").on("vol_volunteers").column("user_id").execute();

  await db.schema
    .createTable("vol_teams")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("org_id", "text")
    .addColumn("leader_id", "text", (c) => c.notNull())
    .addColumn("founded_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vol_teams_name").unique().on("vol_teams").columns(["community_id", "name"]).execute();

  await db.schema
    .createTable("vol_team_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("team_id", "text", (c) => c.notNull().references("vol_teams.id"))
    .addColumn("volunteer_id", "text", (c) => c.notNull().references("vol_volunteers.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("joined_on", "text", (c) => c.notNull())
    .addColumn("left_on", "text")
    .execute();
  await db.schema.createIndex("vol_team_members_team").on("vol_team_members").columns(["team_id", "volunteer_id"]).execute();
  await db.schema.createIndex("vol_team_members_volunteer").on("vol_team_members").column("volunteer_id").execute();

  await db.schema
    .createTable("vol_night_patrols")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text")
    .addColumn("team_id", "text", (c) => c.notNull().references("vol_teams.id"))
    .addColumn("patrol_date", "text", (c) => c.notNull())
    .addColumn("patrol_month", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("route_kind", "text", (c) => c.notNull())
    .addColumn("route", "text")
    .addColumn("point_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text")
    .addColumn("hazards", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vol_night_patrols_date").on("vol_night_patrols").columns(["community_id", "patrol_date"]).execute();

  await db.schema
    .createTable("vol_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text")
    .addColumn("volunteer_id", "text", (c) => c.notNull().references("vol_volunteers.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("activity_id", "text")
    .addColumn("night_patrol_id", "text")
    .addColumn("team_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("service_date", "text", (c) => c.notNull())
    .addColumn("service_month", "text", (c) => c.notNull())
    .addColumn("sign_in_at", "text", (c) => c.notNull())
    .addColumn("sign_out_at", "text")
    .addColumn("minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("confirmed_by", "text")
    .addColumn("confirmed_at", "text")
    .addColumn("corrections", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vol_records_volunteer").on("vol_records").columns(["volunteer_id", "service_date", "state"]).execute();
  // Covering the figures' sums and breakdowns over a community's period (no table reads).
  await db.schema
    .createIndex("vol_records_date")
    .on("vol_records")
    .columns(["community_id", "service_date", "state", "minutes", "grid_id", "service_month", "team_id", "kind", "volunteer_id"])
    .execute();
  // Narrow, for the hours' value alone (a subdistrict-year is hundreds of thousands of entries).
  await db.schema.createIndex("vol_records_sum").on("vol_records").columns(["community_id", "service_date", "state", "minutes"]).execute();
  await db.schema.createIndex("vol_records_day").on("vol_records").column("service_date").execute();
  await db.schema.createIndex("vol_records_patrol").on("vol_records").column("night_patrol_id").execute();

  await db.schema
    .createTable("vol_record_corrections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("record_id", "text", (c) => c.notNull().references("vol_records.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("before", "text", (c) => c.notNull())
    .addColumn("after", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vol_record_corrections_record").on("vol_record_corrections").column("record_id").execute();

  await db.schema
    .createTable("vol_star_levels")
    .addColumn("volunteer_id", "text", (c) => c.notNull().references("vol_volunteers.id"))
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("grid_id", "text")
    .addColumn("reached_on", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vol_star_levels_pk", ["volunteer_id", "level"])
    .execute();
  await db.schema.createIndex("vol_star_levels_reached").on("vol_star_levels").columns(["community_id", "level", "reached_on"]).execute();
  await db.schema.createIndex("vol_star_levels_level").on("vol_star_levels").columns(["level", "reached_on", "volunteer_id"]).execute();

  await db.schema
    .createTable("vol_signups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("volunteer_id", "text", (c) => c.notNull().references("vol_volunteers.id"))
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vol_signups_uniq").unique().on("vol_signups").columns(["volunteer_id", "activity_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "vol_signups",
    "vol_star_levels",
    "vol_record_corrections",
    "vol_records",
    "vol_night_patrols",
    "vol_team_members",
    "vol_teams",
    "vol_volunteers",
  ])
    await db.schema.dropTable(t).execute();
}
