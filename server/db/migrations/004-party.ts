import type { Kysely } from "kysely";

// 党建 party building. The party organisations themselves are rows of `organisations` (kind 党组织);
// party_orgs extends them with the party level, kind, host organisation and term.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("party_orgs")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("party_kind", "text", (c) => c.notNull())
    .addColumn("host_org_id", "text", (c) => c.references("organisations.id"))
    .addColumn("founded_on", "text")
    .addColumn("term_start", "text")
    .addColumn("term_end", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("party_orgs_community").on("party_orgs").columns(["community_id", "level"]).execute();

  await db.schema
    .createTable("party_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("group_id", "text", (c) => c.references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("joined_on", "text", (c) => c.notNull())
    .addColumn("full_on", "text")
    .addColumn("education", "text")
    .addColumn("transfer_in_on", "text")
    .addColumn("transfer_in_from", "text")
    .addColumn("transfer_out_on", "text")
    .addColumn("transfer_out_to", "text")
    .addColumn("mobile", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lost_contact", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("appraisal_year", "integer")
    .addColumn("appraisal_result", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("party_members_org").on("party_members").columns(["org_id", "status"]).execute();
  await db.schema.createIndex("party_members_person").on("party_members").columns(["community_id", "person_id"]).execute();

  await db.schema
    .createTable("party_posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("post", "text", (c) => c.notNull())
    .addColumn("term_start", "text", (c) => c.notNull())
    .addColumn("term_end", "text")
    .addColumn("ended_on", "text")
    .addColumn("certified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("party_posts_org").on("party_posts").columns(["org_id", "post"]).execute();

  await db.schema
    .createTable("party_meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("held_month", "text", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("host", "text")
    .addColumn("due", "integer", (c) => c.notNull())
    .addColumn("present", "integer", (c) => c.notNull())
    .addColumn("on_leave", "integer", (c) => c.notNull())
    .addColumn("absent", "integer", (c) => c.notNull())
    .addColumn("quorum_required", "integer", (c) => c.notNull())
    .addColumn("quorum_met", "integer")
    .addColumn("minutes", "text")
    .addColumn("resolutions", "text")
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("party_meetings_org").on("party_meetings").columns(["org_id", "type", "held_on"]).execute();
  await db.schema.createIndex("party_meetings_community").on("party_meetings").columns(["community_id", "held_on"]).execute();

  await db.schema
    .createTable("party_attendance")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("party_meetings.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("party_members.id"))
    .addColumn("community_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("party_attendance_pk", ["meeting_id", "member_id"])
    .execute();

  await db.schema
    .createTable("party_elections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("term_start", "text")
    .addColumn("term_end", "text")
    .addColumn("approving_body", "text", (c) => c.notNull())
    .addColumn("document_no", "text")
    .addColumn("post", "text")
    .addColumn("person_id", "text", (c) => c.references("people.id"))
    .addColumn("removed_person_id", "text", (c) => c.references("people.id"))
    .addColumn("votes_due", "integer")
    .addColumn("votes_cast", "integer")
    .addColumn("votes_for", "integer")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("party_elections_community").on("party_elections").columns(["community_id", "held_on"]).execute();

  await db.schema
    .createTable("company_board")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("company_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("post", "text", (c) => c.notNull())
    .addColumn("term_start", "text", (c) => c.notNull())
    .addColumn("term_end", "text")
    .addColumn("ended_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("company_board_company").on("company_board").columns(["company_id"]).execute();

  await db.schema
    .createTable("party_applicants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("last_step", "integer", (c) => c.notNull())
    .addColumn("stage", "integer", (c) => c.notNull())
    .addColumn("last_step_on", "text", (c) => c.notNull())
    .addColumn("applied_on", "text", (c) => c.notNull())
    .addColumn("admitted_on", "text")
    .addColumn("probation_start", "text")
    .addColumn("probation_end", "text")
    .addColumn("extended_months", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("member_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("party_applicants_org").on("party_applicants").columns(["community_id", "org_id", "status"]).execute();

  await db.schema
    .createTable("party_steps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("applicant_id", "text", (c) => c.notNull().references("party_applicants.id"))
    .addColumn("step", "integer", (c) => c.notNull())
    .addColumn("done_on", "text", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("member_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("documents", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("vote", "text")
    .addColumn("training_hours", "real")
    .addColumn("conclusion", "text")
    .addColumn("note", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("party_steps_applicant").on("party_steps").columns(["applicant_id", "step"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "party_steps",
    "party_applicants",
    "company_board",
    "party_elections",
    "party_attendance",
    "party_meetings",
    "party_posts",
    "party_members",
    "party_orgs",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
