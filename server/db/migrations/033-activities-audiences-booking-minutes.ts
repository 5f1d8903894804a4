import type { Kysely } from "kysely";

// Issue 11's remaining breakdowns and the party's central training:
// - act_activity_audiences: one row per activity and audience (居民, 儿童 …), so activities and their
//   attendance break down by audience (an activity for two audiences is in both groups); filled from
//   act_activities.audience (a JSON array) for the activities already there.
// - act_bookings.minutes: a booking's length, so the hours booked are a sum over the bookings.
// - act_activities.training_hours: a training's study hours (学时), which a central training (type
//   T02 发展对象集中培训) hands to the party pipeline's step 11 for each candidate who attended.
// The type row is a frozen copy (migrations import nothing but kysely).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("act_activity_audiences")
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("act_activity_audiences_pk", ["activity_id", "audience"])
    .execute();
  await db.schema.createIndex("act_activity_audiences_community").on("act_activity_audiences").columns(["community_id", "audience"]).execute();
  await db.schema
    .alterTable("act_bookings")
    .addColumn("minutes", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("act_activities").addColumn("training_hours", "real").execute();

  let after = "";
  for (;;) {
    const rows: Array<{ id: string; community_id: string; audience: string }> = await db
      .selectFrom("act_activities")
      .select(["id", "community_id", "audience"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(2000)
      .execute();
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const out: Array<{ activity_id: string; community_id: string; audience: string }> = [];
    for (const r of rows) {
      let list: unknown = [];
      try {
        list = JSON.parse(r.audience);
      } catch {
        list = [];
      }
      if (Array.isArray(list))
        for (const a of new Set(list.filter((x): x is string => typeof x === "string")))
          out.push({ activity_id: r.id, community_id: r.community_id, audience: a });
    }
    for (let i = 0; i < out.length; i += 500)
      await db
        .insertInto("act_activity_audiences")
        .values(out.slice(i, i + 500))
        .execute();
  }
  after = "";
  for (;;) {
    const rows: Array<{ id: string; starts_at: string; ends_at: string }> = await db
      .selectFrom("act_bookings")
      .select(["id", "starts_at", "ends_at"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(2000)
      .execute();
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    for (const r of rows)
      await db
        .updateTable("act_bookings")
        .set({ minutes: Math.max(0, Math.round((Date.parse(r.ends_at) - Date.parse(r.starts_at)) / 60_000)) })
        .where("id", "=", r.id)
        .execute();
  }
  const had = await db.selectFrom("act_types").select("code").where("code", "=", "T02").executeTakeFirst();
  if (!had) {
    const sort = await db
      .selectFrom("act_types")
      .select((eb) => eb.fn.max("sort").as("m"))
      .executeTakeFirst();
    await db
      .insertInto("act_types")
      .values({
        code: "T02",
        name: "发展对象集中培训",
        name_en: "Central training (party candidates)",
        class: "training",
        sort: Number(sort?.m ?? 0) + 1,
        active: 1,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("act_types").where("code", "=", "T02").execute();
  await db.schema.alterTable("act_activities").dropColumn("training_hours").execute();
  await db.schema.alterTable("act_bookings").dropColumn("minutes").execute();
  await db.schema.dropTable("act_activity_audiences").execute();
}
