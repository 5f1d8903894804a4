// Queries of the Open311 facade: public requests (no session: every community's, merged duplicates
// left out), jurisdictions, and the api keys administered per channel.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import type { AppealApiKeyTable } from "./appeals.tables.js";

type Exec = Kysely<DB>;

/** A community by its id or its official code, as Open311's jurisdiction_id names it. */
export const jurisdictionOf = (db: Exec, j: string) =>
  db
    .selectFrom("regions")
    .select(["id", "path", "code"])
    .where("level", "=", "community")
    .where((eb) => eb.or([eb("id", "=", j), eb("code", "=", j)]))
    .executeTakeFirst();

/** Service requests as the public sees them: the fields Open311 shows, never the resident's own words. */
export const publicRequests = (db: Exec) =>
  db
    .selectFrom("appeals as a")
    .leftJoin("appeal_categories as cat", "cat.code", "a.category_code")
    .leftJoin("organisations as o", "o.id", "a.assignee_org_id")
    .leftJoin("regions as c", "c.id", "a.community_id")
    .select([
      "a.tracking_no",
      "a.status",
      "a.answer",
      "a.category_code",
      "a.title",
      "a.registered_at",
      "a.updated_at",
      "a.due_at",
      "a.address",
      "a.lat",
      "a.lng",
      "cat.name as category_name",
      "o.name as org_name",
      "c.name as community_name",
    ])
    .where("a.status", "!=", "merged")
    // A case voided as entered by mistake (作废) is not a service request.
    .where("a.voided_at", "is", null);

export const liveKeyByHash = (db: Exec, hash: string) =>
  db.selectFrom("appeal_api_keys").selectAll().where("key_hash", "=", hash).where("revoked_at", "is", null).executeTakeFirst();

const keysInScope = (db: Exec, scope: Scope) =>
  db
    .selectFrom("appeal_api_keys as k")
    .selectAll("k")
    .where(inScope(scope, { community: "k.community_id" }));

export const keysOf = (db: Exec, scope: Scope) => keysInScope(db, scope).orderBy("k.created_at", "desc").execute();

export const keyInScope = (db: Exec, scope: Scope, id: string) => keysInScope(db, scope).where("k.id", "=", id).executeTakeFirst();

export async function insertKey(exec: Exec, row: AppealApiKeyTable) {
  await exec.insertInto("appeal_api_keys").values(row).execute();
}

export async function revokeKey(exec: Exec, id: string, at: string) {
  await exec.updateTable("appeal_api_keys").set({ revoked_at: at }).where("id", "=", id).execute();
}
