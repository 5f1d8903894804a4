import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { voidedChoice } from "../../platform/voiding.js";
import { activePostsOn, boardInScope, electionsInScope } from "./party.repo.js";
import type { CompanyBoardTable, PartyElectionTable } from "./party.tables.js";

// Queries of elections (换届, 补选, 任免) and of the boards of joint-stock cooperatives.

/** An organisation with its party extension, if it is a party organisation. */
export function organisationWithParty(exec: Kysely<DB>, id: string) {
  return exec
    .selectFrom("organisations as o")
    .leftJoin("party_orgs as po", "po.org_id", "o.id")
    .select(["o.id", "o.name", "o.kind", "o.community_id", "po.level", "po.term_end", "po.term_start"])
    .where("o.id", "=", id)
    .executeTakeFirst();
}

export async function insertElection(exec: Kysely<DB>, row: PartyElectionTable) {
  await exec.insertInto("party_elections").values(row).execute();
}

export type ElectionFilter = { orgId?: string; kind?: string; from?: string; to?: string; voided?: "0" | "1" | "all" };

function filtered(db: Kysely<DB>, scope: Scope, f: ElectionFilter) {
  let q = electionsInScope(db, scope, voidedChoice(f.voided));
  if (f.orgId) q = q.where("e.org_id", "=", f.orgId);
  if (f.kind) q = q.where("e.kind", "=", f.kind);
  if (f.from) q = q.where("e.held_on", ">=", f.from);
  if (f.to) q = q.where("e.held_on", "<=", f.to);
  return q;
}

const electionSelect = (db: Kysely<DB>, scope: Scope, f: ElectionFilter) =>
  filtered(db, scope, f)
    .selectAll("e")
    .select([
      "o.name as org_name",
      "o.kind as org_kind",
      "np.name as person_name",
      "rp.name as removed_name",
      "np.id_number as person_id_number",
      "rp.id_number as removed_id_number",
    ])
    .orderBy("e.held_on", "desc")
    .orderBy("e.id");

export async function electionPage(db: Kysely<DB>, scope: Scope, f: ElectionFilter & { page: number; pageSize: number }) {
  const total = Number(
    (
      await filtered(db, scope, f)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const rows = await electionSelect(db, scope, f)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}
export type ElectionRow = Awaited<ReturnType<typeof electionPage>>["rows"][number];

export function electionList(db: Kysely<DB>, scope: Scope, f: ElectionFilter) {
  return electionSelect(db, scope, f).limit(100_000).execute();
}

/** Board memberships of a company that could clash with a new one: the same person, or the same chair's post. */
export function clashingSeats(exec: Kysely<DB>, companyId: string, personId: string, post: string, from: string) {
  return exec
    .selectFrom("company_board as b")
    .innerJoin("people as p", "p.id", "b.person_id")
    .select(["p.name", "b.term_start", "b.term_end", "b.ended_on", "b.post", "b.person_id"])
    .where("b.company_id", "=", companyId)
    .where((eb) => eb.or([eb("b.ended_on", "is", null), eb("b.ended_on", ">", from)]))
    .where((eb) => eb.or([eb("b.person_id", "=", personId), ...(post === "董事长" || post === "监事长" ? [eb("b.post", "=", post)] : [])]))
    .execute();
}

export async function insertSeat(exec: Kysely<DB>, row: CompanyBoardTable) {
  await exec.insertInto("company_board").values(row).execute();
}

export function seatIn(exec: Kysely<DB>, scope: Scope, id: string) {
  return boardInScope(exec, scope).selectAll("b").select(["c.name as company_name", "p.name"]).where("b.id", "=", id).executeTakeFirst();
}

export async function endSeat(exec: Kysely<DB>, id: string, on: string) {
  await exec.updateTable("company_board").set({ ended_on: on }).where("id", "=", id).execute();
}

/** The serving boards in scope, company by company. */
export function servingBoards(db: Kysely<DB>, scope: Scope) {
  return boardInScope(db, scope)
    .select(["b.id", "b.company_id", "c.name as company_name", "b.person_id", "p.name", "b.post", "b.term_start", "b.term_end"])
    .where("b.ended_on", "is", null)
    .orderBy("c.name")
    .orderBy("b.post")
    .execute();
}

/** The party posts these people hold on a date, with their organisations' names. */
export function partyPostsOf(db: Kysely<DB>, personIds: string[], on: string) {
  return activePostsOn(db, on)
    .innerJoin("organisations as o", "o.id", "ps.org_id")
    .select(["ps.person_id", "ps.post", "o.short_name", "o.name"])
    .where("ps.person_id", "in", personIds.length ? personIds : [""])
    .execute();
}

/** One election of a scope, voided or not. */
export function electionRowIn(exec: Kysely<DB>, scope: Scope, id: string) {
  return electionsInScope(exec, scope, "include").selectAll("e").where("e.id", "=", id).executeTakeFirst();
}

export async function setElectionVoiding(
  exec: Kysely<DB>,
  id: string,
  patch: { voided_at: string | null; voided_by: string | null; void_reason: string | null },
) {
  await exec.updateTable("party_elections").set(patch).where("id", "=", id).execute();
}

/** The post an election made (its person's post from its day), voided or not. */
export function postMadeBy(exec: Kysely<DB>, e: { org_id: string; person_id: string | null; post: string | null; held_on: string }) {
  return exec
    .selectFrom("party_posts")
    .selectAll()
    .where("org_id", "=", e.org_id)
    .where("person_id", "=", e.person_id ?? "")
    .where("post", "=", e.post ?? "")
    .where("term_start", "=", e.held_on)
    .executeTakeFirst();
}

/** The post an election ended (the removed person's, ended on its day). */
export function postEndedBy(exec: Kysely<DB>, e: { org_id: string; removed_person_id: string | null; post: string | null; held_on: string }) {
  return exec
    .selectFrom("party_posts")
    .selectAll()
    .where("org_id", "=", e.org_id)
    .where("person_id", "=", e.removed_person_id ?? "")
    .where("post", "=", e.post ?? "")
    .where("ended_on", "=", e.held_on)
    .where("voided_at", "is", null)
    .executeTakeFirst();
}

export const setPostVoided = (exec: Kysely<DB>, id: string, at: string | null) =>
  exec.updateTable("party_posts").set({ voided_at: at }).where("id", "=", id).execute();
export const setPostEnded = (exec: Kysely<DB>, id: string, on: string | null) =>
  exec.updateTable("party_posts").set({ ended_on: on }).where("id", "=", id).execute();
