import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import "./party.tables.js";

/** Party organisations (organisations extended by party_orgs) in the caller's scope. */
export function partyOrgsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("party_orgs as po")
    .innerJoin("organisations as o", "o.id", "po.org_id")
    .leftJoin("organisations as h", "h.id", "po.host_org_id")
    .leftJoin("regions as g", "g.id", "o.grid_id")
    .where(inScope(scope, { community: "po.community_id" }))
    .where("o.archived", "=", 0);
}

export function membersInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("party_members as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .innerJoin("organisations as o", "o.id", "m.org_id")
    .where(inScope(scope, { community: "m.community_id" }));
}

export function meetingsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("party_meetings as mt")
    .innerJoin("organisations as o", "o.id", "mt.org_id")
    .where(inScope(scope, { community: "mt.community_id" }));
}

export function electionsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("party_elections as e")
    .innerJoin("organisations as o", "o.id", "e.org_id")
    .leftJoin("people as np", "np.id", "e.person_id")
    .leftJoin("people as rp", "rp.id", "e.removed_person_id")
    .where(inScope(scope, { community: "e.community_id" }));
}

export function applicantsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("party_applicants as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .innerJoin("organisations as o", "o.id", "a.org_id")
    .where(inScope(scope, { community: "a.community_id" }));
}

export function boardInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("company_board as b")
    .innerJoin("organisations as c", "c.id", "b.company_id")
    .innerJoin("people as p", "p.id", "b.person_id")
    .where(inScope(scope, { community: "b.community_id" }));
}

/** Posts active on a date: begun, and not ended (ended_on is the first day no longer held). */
export function activePostsOn(db: Kysely<DB>, on: string) {
  return db
    .selectFrom("party_posts as ps")
    .where("ps.term_start", "<=", on)
    .where((eb) => eb.or([eb("ps.ended_on", "is", null), eb("ps.ended_on", ">", on)]));
}
