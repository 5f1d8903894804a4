import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { activePostsOn, partyOrgsInScope } from "./party.repo.js";
import type { PartyOrgTable, PartyPostTable } from "./party.tables.js";

// Queries of party organisations and their committee posts.

/** Every party organisation in scope, with its host organisation and grid. */
export function orgRows(db: Kysely<DB>, scope: Scope) {
  return partyOrgsInScope(db, scope)
    .select([
      "po.org_id",
      "po.community_id",
      "po.level",
      "po.party_kind",
      "po.host_org_id",
      "po.founded_on",
      "po.term_start",
      "po.term_end",
      "o.name",
      "o.short_name",
      "o.parent_id",
      "g.name as grid_name",
      "h.name as host_name",
    ])
    .execute();
}

/** Members on the register of each organisation, by status. */
export function memberCounts(db: Kysely<DB>, orgIds: string[]) {
  return db
    .selectFrom("party_members")
    .select(["org_id", "status", (eb) => eb.fn.countAll().as("n")])
    .where("org_id", "in", orgIds)
    .where("status", "!=", "transferred_out")
    .groupBy(["org_id", "status"])
    .execute();
}

/** The posts of these organisations held on a date, with the holders' names. */
export function postsOn(db: Kysely<DB>, orgIds: string[], on: string) {
  return activePostsOn(db, on)
    .innerJoin("people as p", "p.id", "ps.person_id")
    .select(["ps.id", "ps.org_id", "ps.person_id", "p.name", "ps.post", "ps.term_start", "ps.term_end", "ps.ended_on", "ps.certified", "ps.certified_on"])
    .where("ps.org_id", "in", orgIds)
    .execute();
}

/** Every post of these organisations with its term, past ones too (a committee's history). */
export function postTermsOf(db: Kysely<DB>, orgIds: string[]) {
  if (orgIds.length === 0) return Promise.resolve([] as Array<{ org_id: string; term_start: string; ended_on: string | null }>);
  return db.selectFrom("party_posts").select(["org_id", "term_start", "ended_on"]).where("org_id", "in", orgIds).where("voided_at", "is", null).execute();
}

/** Party organisations of one level in scope, with their parents (groups for the compliance view). */
export function orgsOfLevel(db: Kysely<DB>, scope: Scope, level: string) {
  return partyOrgsInScope(db, scope).select(["po.org_id", "o.parent_id"]).where("po.level", "=", level).execute();
}

export const organisationById = (exec: Kysely<DB>, id: string) => exec.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();

export const partyOrgById = (exec: Kysely<DB>, id: string) => exec.selectFrom("party_orgs").selectAll().where("org_id", "=", id).executeTakeFirst();

export async function insertPartyOrg(exec: Kysely<DB>, row: PartyOrgTable) {
  await exec.insertInto("party_orgs").values(row).execute();
}

export async function updatePartyOrg(exec: Kysely<DB>, id: string, patch: Partial<PartyOrgTable>) {
  await exec.updateTable("party_orgs").set(patch).where("org_id", "=", id).execute();
}

/** The chain of organisations above one, nearest first (at most `depth`, so a broken tree cannot loop). */
export async function ancestorsOf(exec: Kysely<DB>, id: string, depth = 20) {
  const out: string[] = [];
  let up = (await organisationById(exec, id))?.parent_id ?? null;
  while (up && out.length < depth) {
    out.push(up);
    up = (await exec.selectFrom("organisations").select("parent_id").where("id", "=", up).executeTakeFirst())?.parent_id ?? null;
  }
  return out;
}

/** The party organisations directly below one. */
export function childOrgs(exec: Kysely<DB>, id: string) {
  return exec
    .selectFrom("party_orgs as po")
    .innerJoin("organisations as c", "c.id", "po.org_id")
    .select(["c.name", "po.level"])
    .where("c.parent_id", "=", id)
    .where("c.archived", "=", 0)
    .execute();
}

/** Members on the register of a branch (or, for a group, of the group). */
export async function registeredCount(exec: Kysely<DB>, id: string, asGroup: boolean) {
  const r = await exec
    .selectFrom("party_members")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "!=", "transferred_out")
    .where(asGroup ? "group_id" : "org_id", "=", id)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Another live organisation of the community with this name (case-insensitive). */
export function sameName(exec: Kysely<DB>, communityId: string, name: string, exceptId: string) {
  return exec
    .selectFrom("organisations")
    .select("id")
    .where("community_id", "=", communityId)
    .where(sql`lower(name)`, "=", name.toLowerCase())
    .where("archived", "=", 0)
    .where("id", "!=", exceptId)
    .executeTakeFirst();
}

export const regionById = (exec: Kysely<DB>, id: string) =>
  exec.selectFrom("regions").select(["id", "community_id", "level"]).where("id", "=", id).executeTakeFirst();

/** Posts of an organisation that could clash with a new one: the same post (unless 委员), or the same person. */
export function clashingPosts(exec: Kysely<DB>, orgId: string, post: string, personId: string) {
  return exec
    .selectFrom("party_posts as ps")
    .innerJoin("people as p", "p.id", "ps.person_id")
    .select(["p.name", "ps.term_start", "ps.term_end", "ps.ended_on", "ps.person_id", "ps.post"])
    .where("ps.org_id", "=", orgId)
    .where("ps.voided_at", "is", null)
    .where((eb) => (post === "委员" ? eb("ps.person_id", "=", personId) : eb.or([eb("ps.post", "=", post), eb("ps.person_id", "=", personId)])))
    .execute();
}

export async function insertPost(exec: Kysely<DB>, row: PartyPostTable) {
  await exec.insertInto("party_posts").values(row).execute();
}

export const postById = (exec: Kysely<DB>, id: string) => exec.selectFrom("party_posts").selectAll().where("id", "=", id).executeTakeFirst();

export async function endPostOn(exec: Kysely<DB>, id: string, on: string) {
  await exec.updateTable("party_posts").set({ ended_on: on }).where("id", "=", id).execute();
}

/** The post a person held in an organisation on a date, if any. */
export function heldPost(exec: Kysely<DB>, orgId: string, personId: string, post: string, on: string) {
  return activePostsOn(exec, on)
    .select(["ps.id"])
    .where("ps.org_id", "=", orgId)
    .where("ps.person_id", "=", personId)
    .where("ps.post", "=", post)
    .executeTakeFirst();
}
