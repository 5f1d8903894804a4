import type { Kysely } from "kysely";

// 活动与阵地 activities and venues: venues with rooms and bookings, their self-inspections and the
// issues found, the activity-type catalogue (a frozen copy seeded here), series (品牌项目), partner
// agreements (共建), activities with co-organisers, sign-ups and attendance. An activity keeps its
// attendance total (check-ins + head count) so that figures sum one column and never recount.
// Portable DDL (text ids and dates, integer booleans) for SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable("act_venues")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("lng", "real")
    .addColumn("lat", "real")
    .addColumn("org_id", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("opened_on", "text")
    .addColumn("hours", "text")
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_venues_community").on("act_venues").columns(["community_id", "opened_on"]).execute();

  await s
    .createTable("act_rooms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("venue_id", "text", (c) => c.notNull().references("act_venues.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_rooms_venue").on("act_rooms").columns(["venue_id"]).execute();

  await s
    .createTable("act_bookings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("venue_id", "text", (c) => c.notNull())
    .addColumn("room_id", "text", (c) => c.notNull())
    .addColumn("activity_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("booked_by", "text", (c) => c.notNull())
    .addColumn("cancel_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_bookings_room").on("act_bookings").columns(["room_id", "starts_at"]).execute();
  await s.createIndex("act_bookings_community").on("act_bookings").columns(["community_id", "starts_at"]).execute();

  await s
    .createTable("act_checklists")
    .addColumn("venue_kind", "text", (c) => c.primaryKey())
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await s
    .createTable("act_inspections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("grid_id", "text")
    .addColumn("venue_id", "text", (c) => c.notNull())
    .addColumn("inspected_on", "text", (c) => c.notNull())
    .addColumn("inspected_month", "text", (c) => c.notNull())
    .addColumn("inspector", "text", (c) => c.notNull())
    .addColumn("items_total", "integer", (c) => c.notNull())
    .addColumn("failed_count", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_inspections_venue").on("act_inspections").columns(["venue_id", "inspected_on"]).execute();
  await s.createIndex("act_inspections_community").on("act_inspections").columns(["community_id", "inspected_on"]).execute();

  await s
    .createTable("act_issues")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("inspection_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("grid_id", "text")
    .addColumn("venue_id", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("found_on", "text", (c) => c.notNull())
    .addColumn("found_month", "text", (c) => c.notNull())
    .addColumn("assignee", "text")
    .addColumn("deadline", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rectified_on", "text")
    .addColumn("rectified_by", "text")
    .addColumn("rectified_by_id", "text")
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rectify_note", "text")
    .addColumn("verified_on", "text")
    .addColumn("verified_by", "text")
    .addColumn("hazard_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_issues_community").on("act_issues").columns(["community_id", "found_on"]).execute();
  await s.createIndex("act_issues_inspection").on("act_issues").columns(["inspection_id"]).execute();

  await s
    .createTable("act_types")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  const types: Array<[string, string, string, string]> = [
    ["R01", "亲邻影院", "Neighbourhood cinema", "regular"],
    ["R02", "常态化便民服务", "Regular neighbourhood service", "regular"],
    ["T01", "培训", "Training", "training"],
    ["C01", "书记茶话会", "Secretary's tea talk", "tea_talk"],
    ["S01", "消防演练", "Fire drill", "safety"],
    ["S02", "防灾减灾讲座", "Disaster-prevention talk", "safety"],
    ["B01", "公益徒步", "Charity walk", "brand"],
    ["B02", "体育赛事", "Sports match", "brand"],
    ["F01", "儿童暑假课堂", "Children's summer class", "featured"],
    ["F02", "中医护老", "TCM care for the elderly", "featured"],
    ["F03", "便民服务集市", "Neighbourhood service fair", "featured"],
    ["F04", "线上互动", "Online event", "featured"],
    ["F05", "节日主题活动", "Festival event", "featured"],
    ["O01", "家长学堂", "Parents' class", "outreach"],
    ["O02", "走访慰问", "Home visits", "outreach"],
    ["X01", "其他", "Other", "other"],
  ];
  await db
    .insertInto("act_types" as never)
    .values(types.map(([code, name, name_en, cls], i) => ({ code, name, name_en, class: cls, sort: i + 1, active: 1 })) as never)
    .execute();

  await s
    .createTable("act_series")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("type_code", "text")
    .addColumn("first_year", "integer", (c) => c.notNull())
    .addColumn("yearly", "integer", (c) => c.notNull())
    .addColumn("org_id", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_series_community").on("act_series").columns(["community_id"]).execute();

  await s
    .createTable("act_partners")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("offers", "text", (c) => c.notNull())
    .addColumn("from_date", "text", (c) => c.notNull())
    .addColumn("to_date", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_partners_community").on("act_partners").columns(["community_id", "org_id"]).execute();

  await s
    .createTable("act_activities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("type_code", "text", (c) => c.notNull())
    .addColumn("type_class", "text", (c) => c.notNull())
    .addColumn("organiser_id", "text")
    .addColumn("organiser_kind", "text")
    .addColumn("venue_id", "text")
    .addColumn("room_id", "text")
    .addColumn("location", "text")
    .addColumn("online", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("start_month", "text", (c) => c.notNull())
    .addColumn("capacity", "integer")
    .addColumn("audience", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("series_id", "text")
    .addColumn("description", "text")
    .addColumn("public", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("cancel_reason", "text")
    .addColumn("checkin_code", "text", (c) => c.notNull())
    .addColumn("checked_in", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("head_count", "integer")
    .addColumn("head_count_note", "text")
    .addColumn("attendance", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("signed_up", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_activities_community").on("act_activities").columns(["community_id", "start_date"]).execute();
  await s.createIndex("act_activities_class").on("act_activities").columns(["community_id", "type_class", "start_date"]).execute();
  await s.createIndex("act_activities_series").on("act_activities").columns(["series_id", "start_date"]).execute();
  await s.createIndex("act_activities_code").on("act_activities").columns(["code"]).unique().execute();

  await s
    .createTable("act_coorganisers")
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("act_coorganisers_pk", ["activity_id", "org_id"])
    .execute();
  await s.createIndex("act_coorganisers_org").on("act_coorganisers").columns(["org_id"]).execute();

  await s
    .createTable("act_signups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("party_size", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .execute();
  await s.createIndex("act_signups_activity").on("act_signups").columns(["activity_id", "status"]).execute();

  await s
    .createTable("act_attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("grid_id", "text")
    .addColumn("type_class", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("who_key", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("signup_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("persons", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("category", "text")
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("act_attendance_who").on("act_attendance").columns(["activity_id", "who_key"]).unique().execute();
  await s.createIndex("act_attendance_class").on("act_attendance").columns(["community_id", "type_class", "start_date"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "act_attendance",
    "act_signups",
    "act_coorganisers",
    "act_activities",
    "act_partners",
    "act_series",
    "act_types",
    "act_issues",
    "act_inspections",
    "act_checklists",
    "act_bookings",
    "act_rooms",
    "act_venues",
  ])
    await db.schema.dropTable(t).execute();
}
