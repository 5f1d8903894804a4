import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { communityInScope, inScope, type Scope } from "../../platform/scope.js";
import { type VoidedChoice, whereVoided } from "../../platform/voiding.js";
import "./party.tables.js";

// The scoped starting points of every party query, and the lookups all the party services share.
// Every read of a party record begins with one of the *InScope builders, so none forgets the scope.

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

/** The meetings of a scope; a voided one (作废) only when asked for. */
export function meetingsInScope(db: Kysely<DB>, scope: Scope, voided: VoidedChoice = "exclude") {
  return whereVoided(
    db
      .selectFrom("party_meetings as mt")
      .innerJoin("organisations as o", "o.id", "mt.org_id")
      .where(inScope(scope, { community: "mt.community_id" })),
    "mt.voided_at",
    voided,
  );
}

/** The elections of a scope; a voided one (作废) only when asked for. */
export function electionsInScope(db: Kysely<DB>, scope: Scope, voided: VoidedChoice = "exclude") {
  return whereVoided(
    db
      .selectFrom("party_elections as e")
      .innerJoin("organisations as o", "o.id", "e.org_id")
      .leftJoin("people as np", "np.id", "e.person_id")
      .leftJoin("people as rp", "rp.id", "e.removed_person_id")
      .where(inScope(scope, { community: "e.community_id" })),
    "e.voided_at",
    voided,
  );
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
    .where("ps.voided_at", "is", null)
    .where("ps.term_start", "<=", on)
    .where((eb) => eb.or([eb("ps.ended_on", "is", null), eb("ps.ended_on", ">", on)]));
}

/** A party organisation in scope, or 404. */
export async function partyOrgIn(exec: Kysely<DB>, scope: Scope, id: string) {
  const r = await partyOrgsInScope(exec, scope)
    .select(["po.org_id", "po.community_id", "po.level", "po.party_kind", "po.founded_on", "po.term_start", "po.term_end", "o.name", "o.parent_id"])
    .where("po.org_id", "=", id)
    .executeTakeFirst();
  if (!r) throw errors.notFound({ zh: "党组织", en: "Party organisation" });
  return r;
}
export type PartyOrgRow = Awaited<ReturnType<typeof partyOrgIn>>;

/** A person of the registry, not archived, registered in a community the caller may act in; else 404. */
export async function personIn(exec: Kysely<DB>, scope: Scope, id: string) {
  const p = await exec.selectFrom("people as p").selectAll("p").where("p.id", "=", id).where("p.archived", "=", 0).executeTakeFirst();
  // Party work is organised per community: the person must be registered in a community in scope.
  if (!p) throw errors.notFound({ zh: "人员", en: "Person" });
  await communityInScope(exec, scope, p.community_id).catch(() => {
    throw errors.notFound({ zh: "人员", en: "Person" });
  });
  return p;
}

/** A member on the party register (any status) in scope, with their name; else 404. */
export async function memberIn(exec: Kysely<DB>, scope: Scope, id: string) {
  const m = await membersInScope(exec, scope).selectAll("m").select(["p.name"]).where("m.id", "=", id).executeTakeFirst();
  if (!m) throw errors.notFound({ zh: "党员", en: "Party member" });
  return m;
}

/** Names of party members by id (any scope: the ids come from records already in scope). */
export async function memberNames(exec: Kysely<DB>, ids: string[]) {
  if (!ids.length) return [];
  return exec
    .selectFrom("party_members as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["m.id", "p.name"])
    .where("m.id", "in", ids)
    .orderBy("p.name")
    .execute();
}

/** The member on the register (not transferred out) a person is, if any. */
export function activeMemberOfPerson(exec: Kysely<DB>, personId: string) {
  return exec
    .selectFrom("party_members")
    .select(["id", "org_id"])
    .where("person_id", "=", personId)
    .where("status", "!=", "transferred_out")
    .executeTakeFirst();
}
