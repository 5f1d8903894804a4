import type { Kysely } from "kysely";

// Two-factor sign-in (TOTP, RFC 6238): an account's secret, sealed with AES-256-GCM under a key
// outside the database (SHEQU_TOTP_KEY or <data dir>/keys/totp.key), confirmed once the user typed
// a code; the last step accepted, so a code is never accepted twice. Recovery codes are stored as
// hashes, each used once. A login challenge is the short-lived state between a right password and
// the code (or the enrolment a required account must make first): not a session, it opens nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("user_recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("user_recovery_codes_user").on("user_recovery_codes").column("user_id").execute();
  await db.schema
    .createTable("login_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_challenges").execute();
  await db.schema.dropTable("user_recovery_codes").execute();
  await db.schema.dropTable("user_totp").execute();
}
