import type { Kysely } from "kysely";

// 智能巡检 patrol: teams, points (with their QR token), plans and the rounds they generate,
// check-ins (idempotent by client id) and the counters kept up as check-ins arrive (per point and
// day; each officer's last position) so that the map and the coverage figures never recount.
// Portable DDL (text ids and dates, integer booleans) for SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("patrol_teams")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("org_id", "text")
    .addColumn("member_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("patrol_teams_community").on("patrol_teams").columns(["community_id", "name"]).execute();

  await db.schema
    .createTable("patrol_points")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("lng", "real", (c) => c.notNull())
    .addColumn("lat", "real", (c) => c.notNull())
    .addColumn("radius_m", "integer", (c) => c.notNull())
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("team_id", "text")
    .addColumn("checklist", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text")
    .addColumn("token", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_on", "text", (c) => c.notNull())
    .addColumn("retired_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("patrol_points_community").on("patrol_points").columns(["community_id", "active"]).execute();
  await db.schema.createIndex("patrol_points_grid").on("patrol_points").columns(["grid_id"]).execute();
  await db.schema.createIndex("patrol_points_code").on("patrol_points").columns(["community_id", "code"]).unique().execute();

  await db.schema
    .createTable("patrol_plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("team_id", "text")
    .addColumn("assignee_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("point_ids", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("every_n_days", "integer")
    .addColumn("windows", "text", (c) => c.notNull())
    .addColumn("order_mode", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("patrol_plans_community").on("patrol_plans").columns(["community_id", "active"]).execute();

  await db.schema
    .createTable("patrol_rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("patrol_plans.id"))
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("team_id", "text")
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("window_end", "text", (c) => c.notNull())
    .addColumn("point_order", "text", (c) => c.notNull())
    .addColumn("expected", "integer", (c) => c.notNull())
    .addColumn("visited", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("patrol_rounds_plan").on("patrol_rounds").columns(["plan_id", "window_start"]).unique().execute();
  await db.schema.createIndex("patrol_rounds_community").on("patrol_rounds").columns(["community_id", "date"]).execute();
  await db.schema.createIndex("patrol_rounds_window").on("patrol_rounds").columns(["community_id", "window_start", "window_end"]).execute();

  await db.schema
    .createTable("patrol_checkins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("grid_id", "text", (c) => c.notNull())
    .addColumn("point_id", "text", (c) => c.notNull())
    .addColumn("round_id", "text")
    .addColumn("user_id", "text")
    .addColumn("user_name", "text", (c) => c.notNull())
    .addColumn("team_id", "text")
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("checklist", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("lat", "real", (c) => c.notNull())
    .addColumn("lng", "real", (c) => c.notNull())
    .addColumn("accuracy_m", "real")
    .addColumn("distance_m", "integer", (c) => c.notNull())
    .addColumn("token_ok", "integer", (c) => c.notNull())
    .addColumn("device_time", "text", (c) => c.notNull())
    .addColumn("server_time", "text", (c) => c.notNull())
    .addColumn("local_date", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("flags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("flag_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("review_status", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("review_note", "text")
    .addColumn("hazard_id", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("patrol_checkins_client").on("patrol_checkins").columns(["client_id"]).unique().execute();
  await db.schema.createIndex("patrol_checkins_date").on("patrol_checkins").columns(["community_id", "local_date"]).execute();
  await db.schema.createIndex("patrol_checkins_user").on("patrol_checkins").columns(["user_id", "device_time"]).execute();
  await db.schema.createIndex("patrol_checkins_round").on("patrol_checkins").columns(["round_id", "point_id"]).execute();
  await db.schema.createIndex("patrol_checkins_review").on("patrol_checkins").columns(["community_id", "review_status"]).execute();

  await db.schema
    .createTable("patrol_point_days")
    .addColumn("point_id", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("grid_id", "text", (c) => c.notNull())
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("checkins", "integer", (c) => c.notNull())
    .addColumn("abnormal", "integer", (c) => c.notNull())
    .addColumn("flagged", "integer", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("patrol_point_days_pk", ["point_id", "date"])
    .execute();
  await db.schema.createIndex("patrol_point_days_community").on("patrol_point_days").columns(["community_id", "date"]).execute();

  await db.schema
    .createTable("patrol_user_last")
    .addColumn("user_key", "text", (c) => c.primaryKey())
    .addColumn("point_id", "text", (c) => c.notNull())
    .addColumn("lat", "real", (c) => c.notNull())
    .addColumn("lng", "real", (c) => c.notNull())
    .addColumn("device_time", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["patrol_user_last", "patrol_point_days", "patrol_checkins", "patrol_rounds", "patrol_plans", "patrol_points", "patrol_teams"])
    await db.schema.dropTable(t).ifExists().execute();
}
