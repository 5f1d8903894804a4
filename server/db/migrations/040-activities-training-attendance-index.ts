import type { Kysely } from "kysely";

// The training figures (venue.training_attendance and its breakdowns, venue.trainings by participant
// category) read a period's training sign-ins of each community in scope. Through
// act_attendance_class (community, class, date) SQLite then read each row from the table for its
// activity, persons, category and grid; this index holds them, so the figures read the index alone
// (bench/activities.ts, a subdistrict's year of ~70,000 training sign-ins: 145 → 112 ms for the
// value, 297 → 190 ms by month, on a loaded machine). It replaces act_attendance_class, which is its prefix.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("act_attendance_class_cover")
    .on("act_attendance")
    .columns(["community_id", "type_class", "start_date", "activity_id", "persons", "category", "grid_id"])
    .execute();
  await db.schema.dropIndex("act_attendance_class").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("act_attendance_class").on("act_attendance").columns(["community_id", "type_class", "start_date"]).execute();
  await db.schema.dropIndex("act_attendance_class_cover").execute();
}
