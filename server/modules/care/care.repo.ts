import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { type VoidedChoice, voidedChoice, whereVoided } from "../../platform/voiding.js";
import type { CareHouseholdPersonTable, CareHouseholdTable, CareVisitHouseholdTable, CareVisitTable } from "./care.tables.js";

// The queries of care. Scope is applied here: a household belongs to its grid (a grid worker sees
// their grid's households); a visit to its community.

const households = (exec: Kysely<DB>, scope: Scope) =>
  exec
    .selectFrom("care_households as h")
    .innerJoin("regions as c", "c.id", "h.community_id")
    .leftJoin("regions as g", "g.id", "h.grid_id")
    .leftJoin("people as hp", "hp.id", "h.head_person_id")
    .leftJoin("users as u", "u.id", "h.grid_worker_id")
    .where(inScope(scope, { community: "h.community_id", grid: "h.grid_id" }));

const HH_COLS = [
  "h.id",
  "h.community_id",
  "h.grid_id",
  "h.head_person_id",
  "h.kinds",
  "h.primary_kind",
  "h.needs",
  "h.grid_worker_id",
  "h.state",
  "h.enrolled_on",
  "h.archived_on",
  "h.archive_reason",
  "h.last_visited_on",
  "h.note",
  "c.name as community_name",
  "c.path as community_path",
  "g.name as grid_name",
  "hp.name as head_name",
  "hp.address as head_address",
  "u.display_name as grid_worker_name",
] as const;
export type HouseholdRow = CareHouseholdTable & {
  community_name: string;
  community_path: string;
  grid_name: string | null;
  head_name: string | null;
  head_address: string | null;
  grid_worker_name: string | null;
};

export const householdRow = (exec: Kysely<DB>, scope: Scope, id: string) =>
  households(exec, scope)
    .select([...HH_COLS])
    .where("h.id", "=", id)
    .executeTakeFirst() as Promise<HouseholdRow | undefined>;

export const householdRows = (exec: Kysely<DB>, scope: Scope, ids: string[]) =>
  ids.length
    ? (households(exec, scope)
        .select([...HH_COLS])
        .where("h.id", "in", ids)
        .execute() as Promise<HouseholdRow[]>)
    : Promise.resolve([] as HouseholdRow[]);

export type HouseholdFilter = { q?: string; gridId?: string; kind?: string; state?: string; lastBefore?: string };
function filtered(exec: Kysely<DB>, scope: Scope, f: HouseholdFilter) {
  let qb = households(exec, scope);
  if (f.gridId) qb = qb.where("h.grid_id", "=", f.gridId);
  if (f.state) qb = qb.where("h.state", "=", f.state);
  if (f.kind) qb = qb.where("h.kinds", "like", `%"${f.kind}"%`);
  if (f.q) qb = qb.where((eb) => eb(eb.fn("lower", ["hp.name"]), "like", `%${f.q?.toLowerCase()}%`));
  if (f.lastBefore) {
    const cut = f.lastBefore;
    qb = qb
      .where("h.state", "=", "active")
      .where((eb) => eb.or([eb("h.last_visited_on", "<", cut), eb.and([eb("h.last_visited_on", "is", null), eb("h.enrolled_on", "<", cut)])]));
  }
  return qb;
}

export async function householdPage(exec: Kysely<DB>, scope: Scope, f: HouseholdFilter, page: number, pageSize: number) {
  let qb = filtered(exec, scope, f).select([...HH_COLS]);
  // Not visited for longest first in the 'not visited' list; by grid and name otherwise.
  qb = f.lastBefore ? qb.orderBy("h.last_visited_on").orderBy("h.enrolled_on") : qb.orderBy("g.name").orderBy("hp.name");
  const rows = (await qb
    .orderBy("h.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as HouseholdRow[];
  const total = Number(
    (
      await filtered(exec, scope, f)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  return { rows, total };
}

/** Members, heads and paired party members of households, with the person's name (for pages: names, not numbers). */
export const peopleOfHouseholds = (exec: Kysely<DB>, ids: string[]) =>
  ids.length
    ? exec
        .selectFrom("care_household_people as hp")
        .innerJoin("people as p", "p.id", "hp.person_id")
        .select(["hp.id", "hp.household_id", "hp.person_id", "hp.role", "hp.since", "hp.until", "p.name", "p.gender", "p.birth_date"])
        .where("hp.household_id", "in", ids)
        .where("hp.until", "is", null)
        .orderBy("hp.role")
        .orderBy("p.name")
        .execute()
    : Promise.resolve([]);

/** Which of these people already belong (as head or member) to a household in care. */
export const peopleInActiveHouseholds = (exec: Kysely<DB>, personIds: string[]) =>
  personIds.length
    ? exec
        .selectFrom("care_household_people as hp")
        .innerJoin("care_households as h", "h.id", "hp.household_id")
        .select(["hp.person_id", "h.id as household_id"])
        .where("hp.person_id", "in", personIds)
        .where("hp.role", "in", ["head", "member"])
        .where("hp.until", "is", null)
        .where("h.state", "=", "active")
        .execute()
    : Promise.resolve([]);

export const insertHousehold = (exec: Kysely<DB>, row: CareHouseholdTable) => exec.insertInto("care_households").values(row).execute();
export const updateHousehold = (exec: Kysely<DB>, id: string, patch: Partial<CareHouseholdTable>) =>
  exec.updateTable("care_households").set(patch).where("id", "=", id).execute();
export const insertHouseholdPeople = (exec: Kysely<DB>, rows: CareHouseholdPersonTable[]) =>
  rows.length ? exec.insertInto("care_household_people").values(rows).execute() : Promise.resolve([]);
export const endPairings = (exec: Kysely<DB>, householdId: string, personIds: string[], on: string) =>
  personIds.length
    ? exec
        .updateTable("care_household_people")
        .set({ until: on })
        .where("household_id", "=", householdId)
        .where("role", "=", "paired")
        .where("person_id", "in", personIds)
        .where("until", "is", null)
        .execute()
    : Promise.resolve([]);

export const insertVisit = (exec: Kysely<DB>, row: CareVisitTable) => exec.insertInto("care_visits").values(row).execute();
export const insertVisitLines = (exec: Kysely<DB>, rows: CareVisitHouseholdTable[]) => exec.insertInto("care_visit_households").values(rows).execute();

/** The visits of the scope: live ones unless asked (作废, server/platform/voiding.ts). */
const visits = (exec: Kysely<DB>, scope: Scope, voided: VoidedChoice = "exclude") =>
  whereVoided(exec.selectFrom("care_visits as v").where(inScope(scope, { community: "v.community_id" })), "v.voided_at", voided);

/** A visit by id, voided or not (its page shows which). */
export const visitRow = (exec: Kysely<DB>, scope: Scope, id: string) => visits(exec, scope, "include").selectAll("v").where("v.id", "=", id).executeTakeFirst();

export const updateVisit = (exec: Kysely<DB>, id: string, patch: Partial<CareVisitTable>) =>
  exec.updateTable("care_visits").set(patch).where("id", "=", id).execute();

/** A household's latest live visit date (null when none is left). */
export async function lastLiveVisit(exec: Kysely<DB>, householdId: string): Promise<string | null> {
  const r = await exec
    .selectFrom("care_visit_households as l")
    .innerJoin("care_visits as v", "v.id", "l.visit_id")
    .select((eb) => eb.fn.max("l.visited_on").as("last"))
    .where("l.household_id", "=", householdId)
    .where("v.voided_at", "is", null)
    .executeTakeFirst();
  return (r?.last as string | null) ?? null;
}

export async function visitPage(
  exec: Kysely<DB>,
  scope: Scope,
  f: { from?: string; to?: string; q?: string; voided?: string },
  page: number,
  pageSize: number,
) {
  let qb = visits(exec, scope, voidedChoice(f.voided));
  if (f.from) qb = qb.where("v.visited_on", ">=", f.from);
  if (f.to) qb = qb.where("v.visited_on", "<=", f.to);
  if (f.q) qb = qb.where((eb) => eb(eb.fn("lower", ["v.title"]), "like", `%${f.q?.toLowerCase()}%`));
  const rows = await qb
    .selectAll("v")
    .orderBy("v.visited_on", "desc")
    .orderBy("v.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = Number((await qb.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
  return { rows, total };
}

/** The lines (households visited) of some visits, with the household's head name and grid. */
export const linesOfVisits = (exec: Kysely<DB>, visitIds: string[]) =>
  visitIds.length
    ? exec
        .selectFrom("care_visit_households as l")
        .innerJoin("care_households as h", "h.id", "l.household_id")
        .leftJoin("people as hp", "hp.id", "h.head_person_id")
        .leftJoin("regions as g", "g.id", "l.grid_id")
        .selectAll("l")
        .select(["hp.name as head_name", "g.name as grid_name"])
        .where("l.visit_id", "in", visitIds)
        .orderBy("g.name")
        .orderBy("hp.name")
        .execute()
    : Promise.resolve([]);

/** A household's visit lines with their visit, newest first. */
export const linesOfHousehold = (exec: Kysely<DB>, householdId: string) =>
  exec
    .selectFrom("care_visit_households as l")
    .innerJoin("care_visits as v", "v.id", "l.visit_id")
    .selectAll("l")
    .select(["v.title", "v.kind", "v.visitor_user_ids", "v.visitor_person_ids", "v.partner_org_ids", "v.voided_at", "v.void_reason"])
    .where("l.household_id", "=", householdId)
    .orderBy("l.visited_on", "desc")
    .orderBy("l.id", "desc")
    .execute();

export const lineRow = (exec: Kysely<DB>, id: string) => exec.selectFrom("care_visit_households").selectAll().where("id", "=", id).executeTakeFirst();
export const closeFollowUpRow = (exec: Kysely<DB>, id: string, on: string) =>
  exec.updateTable("care_visit_households").set({ follow_up_closed_on: on }).where("id", "=", id).execute();

// ——— platform records a visit or a household names (read by key) ———

export const usersByIds = (exec: Kysely<DB>, ids: string[]) =>
  ids.length
    ? exec
        .selectFrom("users as u")
        .innerJoin("regions as r", "r.id", "u.scope_region_id")
        .select(["u.id", "u.display_name", "u.role", "u.disabled", "r.path"])
        .where("u.id", "in", ids)
        .execute()
    : Promise.resolve([]);
export const peopleByIds = (exec: Kysely<DB>, ids: string[]) =>
  ids.length
    ? exec.selectFrom("people").select(["id", "name", "community_id", "grid_id", "tags", "archived", "address"]).where("id", "in", ids).execute()
    : Promise.resolve([]);
export const orgsByIds = (exec: Kysely<DB>, ids: string[]) =>
  ids.length ? exec.selectFrom("organisations").select(["id", "name", "community_id", "archived"]).where("id", "in", ids).execute() : Promise.resolve([]);
