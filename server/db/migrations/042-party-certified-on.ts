import type { Kysely } from "kysely";

// Issue 15, stock figures at a period's end: party.certified_share counts a committee member as
// certified at the period's end only if certified by then. `certified_on` is the certificate's date
// (a local date); posts certified before this kept no date and count as certified throughout (null).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("party_posts").addColumn("certified_on", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("party_posts").dropColumn("certified_on").execute();
}
