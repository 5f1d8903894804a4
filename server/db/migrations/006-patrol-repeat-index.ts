import type { Kysely } from "kysely";

// The repeat check asks for an officer's last check-in at the points of a batch; with the officer,
// the point and the time in one index that is a seek per point instead of a scan of the officer's
// whole window. The old (user_id, device_time) index serves nothing this one does not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("patrol_checkins_user").execute();
  await db.schema.createIndex("patrol_checkins_user").on("patrol_checkins").columns(["user_id", "point_id", "device_time"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("patrol_checkins_user").execute();
  await db.schema.createIndex("patrol_checkins_user").on("patrol_checkins").columns(["user_id", "device_time"]).execute();
}
