import type { Kysely } from "kysely";

// 作废 (issue 15): meetings, disputes and cases entered by mistake can be voided with a reason and
// restored; while voided they are left out of figures and lists (server/platform/voiding.ts).
const TABLES = ["party_meetings", "safety_disputes", "appeals"];
const COLUMNS = ["voided_at", "voided_by", "void_reason"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) for (const c of COLUMNS) await db.schema.alterTable(t).addColumn(c, "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) for (const c of [...COLUMNS].reverse()) await db.schema.alterTable(t).dropColumn(c).execute();
}
