import type { Kysely } from "kysely";

// 民生微实事 micro-projects: the project with its step dates, the residents' council meetings and
// their votes, publicity objections, monthly progress, payments, acceptance and the residents'
// survey, and the timeline of every step. Portable DDL (text ids and dates, integer fen and 0/1).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("estimated_fen", "integer", (c) => c.notNull())
    .addColumn("proposer_kind", "text", (c) => c.notNull())
    .addColumn("proposer_name", "text", (c) => c.notNull())
    .addColumn("proposer_phone", "text")
    .addColumn("proposer_org_id", "text")
    .addColumn("proposed_on", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("reviewed_on", "text")
    .addColumn("voted_on", "text")
    .addColumn("publicised_on", "text")
    .addColumn("publicity_ends_on", "text")
    .addColumn("approved_on", "text")
    .addColumn("budget_fen", "integer")
    .addColumn("contractor", "text")
    .addColumn("planned_start", "text")
    .addColumn("planned_end", "text")
    .addColumn("started_on", "text")
    .addColumn("progress_pct", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("spent_fen", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("accepted_on", "text")
    .addColumn("acceptors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("acceptance_note", "text")
    .addColumn("evaluated_on", "text")
    .addColumn("satisfaction", "real")
    .addColumn("survey_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("closed_on", "text")
    .addColumn("closed_stage", "text")
    .addColumn("close_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("projects_code").unique().on("projects").columns(["community_id", "code"]).execute();
  await db.schema.createIndex("projects_year").on("projects").columns(["community_id", "year", "stage"]).execute();
  await db.schema.createIndex("projects_approved").on("projects").columns(["community_id", "approved_on"]).execute();
  await db.schema.createIndex("projects_proposed").on("projects").columns(["community_id", "proposed_on"]).execute();

  await db.schema
    .createTable("project_meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("members_present", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_meetings_community").on("project_meetings").columns(["community_id", "held_on"]).execute();

  await db.schema
    .createTable("project_votes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("project_meetings.id"))
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("members_present", "integer", (c) => c.notNull())
    .addColumn("votes_for", "integer", (c) => c.notNull())
    .addColumn("votes_against", "integer", (c) => c.notNull())
    .addColumn("abstentions", "integer", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_votes_project").on("project_votes").columns(["project_id"]).execute();

  await db.schema
    .createTable("project_objections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("by_name", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("resolution", "text")
    .addColumn("resolved_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_objections_project").on("project_objections").columns(["project_id"]).execute();

  await db.schema
    .createTable("project_progress")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("reported_on", "text", (c) => c.notNull())
    .addColumn("percent", "integer", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_progress_month").unique().on("project_progress").columns(["project_id", "month"]).execute();

  await db.schema
    .createTable("project_payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("paid_on", "text", (c) => c.notNull())
    .addColumn("paid_month", "text", (c) => c.notNull())
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("voucher", "text", (c) => c.notNull())
    .addColumn("payee", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("voided", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("void_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_payments_paid").on("project_payments").columns(["community_id", "paid_on"]).execute();
  await db.schema.createIndex("project_payments_voucher").unique().on("project_payments").columns(["project_id", "voucher"]).execute();

  await db.schema
    .createTable("project_survey_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("submitted_on", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_survey_project").on("project_survey_responses").columns(["project_id"]).execute();
  await db.schema.createIndex("project_survey_submitted").on("project_survey_responses").columns(["community_id", "submitted_on"]).execute();

  await db.schema
    .createTable("project_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("on_date", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("project_events_project").on("project_events").columns(["project_id", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "project_events",
    "project_survey_responses",
    "project_payments",
    "project_progress",
    "project_objections",
    "project_votes",
    "project_meetings",
    "projects",
  ])
    await db.schema.dropTable(t).execute();
}
