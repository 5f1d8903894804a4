import type { Kysely } from "kysely";

// 作废 of elections (issue 15 "Mistakes"): a 换届, 补选 or 任免 entered by mistake is voided with a
// reason and can be restored; while voided it is out of the figures and lists, and so are the
// committee posts it made (party_posts.voided_at), while the post it ended is held again.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const c of ["voided_at", "voided_by", "void_reason"]) await db.schema.alterTable("party_elections").addColumn(c, "text").execute();
  await db.schema.alterTable("party_posts").addColumn("voided_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("party_posts").dropColumn("voided_at").execute();
  for (const c of ["void_reason", "voided_by", "voided_at"]) await db.schema.alterTable("party_elections").dropColumn(c).execute();
}
