import { type Kysely, sql } from "kysely";

// 民意速办 appeals and events: the catalogue, the cases, their timeline, assignments and Open311 keys.

// The catalogue (大类/小类) this migration seeded, frozen as it was: a migration must write the same
// rows on every database it ever runs on, whatever the live code's catalogue becomes. Administrators
// edit the catalogue in the app. Deadlines follow DOMAIN.md §1: utilities 24 h (emergency 2 h),
// general 7 days, complex 15 days.
// [code, name, English name, deadline hours (一般件), urgent hours (紧急件/督办件)]
type Item = [string, string, string, number, number];

const CATALOGUE: Array<{ top: Item; items: Item[] }> = [
  {
    top: ["SR", "市容环境", "City appearance", 168, 24],
    items: [
      ["SR01", "垃圾清运", "Rubbish collection", 72, 12],
      ["SR02", "乱张贴乱涂画", "Fly-posting and graffiti", 168, 24],
      ["SR03", "占道经营", "Street vending", 72, 12],
      ["SR04", "绿化养护", "Greenery upkeep", 168, 48],
      ["SR05", "污水油烟", "Sewage and cooking fumes", 168, 24],
    ],
  },
  {
    top: ["GY", "公用设施", "Public utilities", 24, 2],
    items: [
      ["GY01", "供水", "Water supply", 24, 2],
      ["GY02", "供电", "Power supply", 24, 2],
      ["GY03", "燃气", "Gas", 24, 2],
      ["GY04", "路灯", "Street lights", 72, 12],
      ["GY05", "井盖", "Manhole covers", 24, 2],
    ],
  },
  {
    top: ["SG", "施工管理", "Construction", 168, 24],
    items: [
      ["SG01", "施工噪音", "Construction noise", 72, 12],
      ["SG02", "违章搭建", "Illegal building", 360, 72],
      ["SG03", "工地围挡", "Site hoardings", 168, 24],
    ],
  },
  {
    top: ["JM", "街面秩序", "Street order", 168, 24],
    items: [
      ["JM01", "乱停车", "Illegal parking", 72, 12],
      ["JM02", "共享单车乱摆放", "Shared bikes", 72, 12],
      ["JM03", "噪音扰民", "Noise nuisance", 72, 12],
    ],
  },
  {
    top: ["TF", "突发事件", "Emergencies", 24, 2],
    items: [
      ["TF01", "消防隐患", "Fire hazard", 24, 2],
      ["TF02", "安全隐患", "Safety hazard", 24, 2],
      ["TF03", "内涝积水", "Flooding", 24, 2],
    ],
  },
  {
    top: ["MS", "民生服务", "Livelihood services", 168, 24],
    items: [
      ["MS01", "社保医保", "Social and medical insurance", 168, 48],
      ["MS02", "住房租赁", "Housing and renting", 168, 48],
      ["MS03", "劳资纠纷", "Wage disputes", 168, 24],
      ["MS04", "邻里纠纷", "Neighbour disputes", 168, 24],
      ["MS05", "教育入学", "School enrolment", 168, 48],
      ["MS06", "养老助残", "Elderly and disability care", 168, 24],
      ["MS07", "物业管理", "Property management", 168, 48],
    ],
  },
  {
    top: ["QT", "其他", "Other", 360, 72],
    items: [
      ["QT01", "政策咨询", "Policy enquiries", 168, 24],
      ["QT02", "意见建议", "Suggestions", 360, 72],
      ["QT03", "其他", "Other", 360, 72],
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("appeal_categories")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("parent_code", "text", (c) => c.references("appeal_categories.code"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("deadline_hours", "integer", (c) => c.notNull())
    .addColumn("urgent_hours", "integer", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("appeals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("grid_id", "text", (c) => c.references("regions.id"))
    .addColumn("tracking_no", "text", (c) => c.notNull().unique())
    .addColumn("external_no", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("appeal_type", "text")
    .addColumn("category_code", "text", (c) => c.notNull().references("appeal_categories.code"))
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("lat", "real")
    .addColumn("lng", "real")
    .addColumn("appellant_name", "text")
    .addColumn("appellant_phone", "text")
    .addColumn("appellant_person_id", "text", (c) => c.references("people.id"))
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reg_date", "text", (c) => c.notNull())
    .addColumn("reg_month", "text", (c) => c.notNull())
    .addColumn("registered_at", "text", (c) => c.notNull())
    .addColumn("registered_by", "text")
    .addColumn("dispatch_due_at", "text")
    .addColumn("contact_due_at", "text")
    .addColumn("due_at", "text")
    .addColumn("dispatched_at", "text")
    .addColumn("assignee_org_id", "text", (c) => c.references("organisations.id"))
    .addColumn("assignee_user_id", "text", (c) => c.references("users.id"))
    .addColumn("signed_at", "text")
    .addColumn("sign_late", "integer")
    .addColumn("contacted_at", "text")
    .addColumn("pending_extension", "text")
    .addColumn("answer", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_late", "integer")
    .addColumn("handling_minutes", "integer")
    .addColumn("resolved", "integer")
    .addColumn("visit_at", "text")
    .addColumn("visit_reached", "integer")
    .addColumn("visit_contacted", "integer")
    .addColumn("visit_resolved", "integer")
    .addColumn("satisfaction", "text")
    .addColumn("reopen_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_repeat", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("merged_into_id", "text", (c) => c.references("appeals.id"))
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // The list pages newest first within a community; figures count a community's period by reg_date.
  await db.schema.createIndex("appeals_community_reg").on("appeals").columns(["community_id", "registered_at"]).execute();
  await db.schema.createIndex("appeals_community_date").on("appeals").columns(["community_id", "reg_date", "channel"]).execute();
  // Open cases are few among many closed ones: partial indexes keep their lists and deadlines cheap
  // (queries name the open states as literals, so both databases can match the index's condition).
  await sql`create index appeals_open_reg on appeals (community_id, reg_date) where status in ('registered', 'dispatched', 'handling')`.execute(db);
  await sql`create index appeals_open_due on appeals (community_id, due_at) where status in ('registered', 'dispatched', 'handling')`.execute(db);
  await db.schema.createIndex("appeals_grid_reg").on("appeals").columns(["grid_id", "registered_at"]).execute();
  await db.schema.createIndex("appeals_assignee").on("appeals").columns(["assignee_user_id", "status"]).execute();
  await db.schema.createIndex("appeals_phone").on("appeals").columns(["appellant_phone", "registered_at"]).execute();
  await db.schema.createIndex("appeals_external").on("appeals").columns(["channel", "external_no"]).execute();
  await db.schema.createIndex("appeals_external_no").on("appeals").column("external_no").execute();
  // Newest first across many communities (a subdistrict's list) walks this and stops at the page.
  await db.schema.createIndex("appeals_registered").on("appeals").column("registered_at").execute();

  await db.schema
    .createTable("appeal_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("appeal_id", "text", (c) => c.notNull().references("appeals.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("note", "text")
    .addColumn("data", "text")
    .execute();
  await db.schema.createIndex("appeal_events_appeal").on("appeal_events").columns(["appeal_id", "at"]).execute();

  await db.schema
    .createTable("appeal_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("appeal_id", "text", (c) => c.notNull().references("appeals.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.references("organisations.id"))
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("lead", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("appeal_assignments_appeal").on("appeal_assignments").columns(["appeal_id", "active"]).execute();

  await db.schema
    .createTable("appeal_api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("key_prefix", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();

  const now = new Date().toISOString();
  let sort = 0;
  for (const { top, items } of CATALOGUE) {
    const row = (it: typeof top, parent: string | null) => ({
      code: it[0],
      parent_code: parent,
      name: it[1],
      name_en: it[2],
      deadline_hours: it[3],
      urgent_hours: it[4],
      sort: sort++,
      archived: 0,
      created_at: now,
      updated_at: now,
    });
    await db.insertInto("appeal_categories").values(row(top, null)).execute();
    await db
      .insertInto("appeal_categories")
      .values(items.map((it) => row(it, top[0])))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["appeal_api_keys", "appeal_assignments", "appeal_events", "appeals", "appeal_categories"]) await db.schema.dropTable(t).execute();
}
