import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { partyOrgsInScope } from "./party.repo.js";

// The lookups the imports of party history need (party.history.io.ts): people and members by name,
// organisations by name, and whether a row's record is on file already. All read through the
// import's transaction.

/** People of the registry in scope, not archived, of this name (with their ID numbers, to tell two of one name apart). */
export function peopleNamed(exec: Kysely<DB>, scope: Scope, name: string) {
  return exec
    .selectFrom("people as p")
    .select(["p.id", "p.name", "p.id_number"])
    .where(inScope(scope, { community: "p.community_id", grid: "p.grid_id" }))
    .where("p.archived", "=", 0)
    .where("p.name", "=", name)
    .limit(50)
    .execute();
}

/** Members on the register of a community (not transferred out) of this name. */
export function membersNamed(exec: Kysely<DB>, communityId: string, name: string) {
  return exec
    .selectFrom("party_members as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["m.id", "p.name"])
    .where("m.community_id", "=", communityId)
    .where("m.status", "!=", "transferred_out")
    .where("p.name", "=", name)
    .limit(2)
    .execute();
}

/** The party organisations in scope, read through `exec` (so rows earlier in the file are seen). */
export function partyOrgsBrief(exec: Kysely<DB>, scope: Scope) {
  return partyOrgsInScope(exec, scope)
    .select([
      "po.org_id",
      "po.community_id",
      "po.level",
      "po.party_kind",
      "po.founded_on",
      "po.term_start",
      "po.term_end",
      "o.name",
      "o.short_name",
      "o.parent_id",
    ])
    .execute();
}

/** Party organisations and joint-stock cooperatives in scope by name or short name: what an election can be of. */
export function electingOrgsNamed(exec: Kysely<DB>, scope: Scope, name: string) {
  return exec
    .selectFrom("organisations as o")
    .leftJoin("party_orgs as po", "po.org_id", "o.id")
    .select(["o.id", "o.name", "o.kind", "po.level"])
    .where(inScope(scope, { community: "o.community_id", grid: "o.grid_id" }))
    .where((eb) => eb.or([eb("o.name", "=", name), eb("o.short_name", "=", name)]))
    .where((eb) => eb.or([eb("po.org_id", "is not", null), eb("o.kind", "=", "股份合作公司")]))
    .limit(2)
    .execute();
}

/** A post of this organisation, person and title starting on this day, if recorded. */
export function postRecorded(exec: Kysely<DB>, orgId: string, personId: string, post: string, termStart: string) {
  return exec
    .selectFrom("party_posts")
    .select(["id", "ended_on"])
    .where("org_id", "=", orgId)
    .where("person_id", "=", personId)
    .where("post", "=", post)
    .where("term_start", "=", termStart)
    .executeTakeFirst();
}

/** The posts in scope with their holders, for the export. */
export function postRows(exec: Kysely<DB>, scope: Scope) {
  return partyOrgsInScope(exec, scope)
    .innerJoin("party_posts as ps", "ps.org_id", "po.org_id")
    .innerJoin("people as p", "p.id", "ps.person_id")
    .where("ps.voided_at", "is", null)
    .select(["o.name as org_name", "p.name", "p.id_number", "ps.post", "ps.term_start", "ps.term_end", "ps.ended_on", "ps.certified", "ps.certified_on"])
    .orderBy("o.name")
    .orderBy("ps.term_start")
    .execute();
}

/** An election of this organisation, kind, day, post and person, if recorded. */
export function electionRecorded(exec: Kysely<DB>, e: { orgId: string; kind: string; heldOn: string; post: string | null; personId: string | null }) {
  let q = exec.selectFrom("party_elections").select("id").where("org_id", "=", e.orgId).where("kind", "=", e.kind).where("held_on", "=", e.heldOn);
  q = e.post ? q.where("post", "=", e.post) : q.where("post", "is", null);
  q = e.personId ? q.where("person_id", "=", e.personId) : q.where("person_id", "is", null);
  return q.executeTakeFirst();
}

/** A person's application of this day, with how far it got. */
export function applicationOn(exec: Kysely<DB>, personId: string, appliedOn: string) {
  return exec
    .selectFrom("party_applicants")
    .select(["id", "last_step", "status"])
    .where("person_id", "=", personId)
    .where("applied_on", "=", appliedOn)
    .executeTakeFirst();
}
