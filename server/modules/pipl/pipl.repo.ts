import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";

/** Requests in the caller's scope, with the person's name and the names of who recorded, answers, is responsible. */
export function requestsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("pipl_requests as r")
    .innerJoin("people as p", "p.id", "r.person_id")
    .leftJoin("users as u", "u.id", "r.responsible_user_id")
    .where(inScope(scope, { community: "r.community_id", grid: "p.grid_id" }))
    .selectAll("r")
    .select(["p.name as person_name", "p.anonymised_at", "u.display_name as responsible_name"]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsInScope>["executeTakeFirstOrThrow"]>>;
