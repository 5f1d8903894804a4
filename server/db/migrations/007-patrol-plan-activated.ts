import { type Kysely, sql } from "kysely";

// When a stopped patrol plan was last activated, on the plan itself (rounds whose window ended
// before that are not made). Until now it was read from the audit log; existing plans get it from
// there once, here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("patrol_plans").addColumn("activated_at", "text").execute();
  await sql`update patrol_plans set activated_at = (
    select max(a.at) from audit_log a
    where a.entity = 'patrol_plan' and a.action = 'patrol.plan.activate' and a.entity_id = patrol_plans.id
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("patrol_plans").dropColumn("activated_at").execute();
}
