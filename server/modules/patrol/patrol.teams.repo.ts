import type { Kysely } from "kysely";
import type { PatrolForce, TTeam } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import { json } from "./patrol.common.js";
import { teamsInScope } from "./patrol.repo.js";
import type { PatrolTeamTable } from "./patrol.tables.js";

// The queries of patrol teams (scoped through teamsInScope) and the accounts and organisations a
// team's rules read.

export function toTeam(t: {
  id: string;
  community_id: string;
  name: string;
  force: string;
  org_id: string | null;
  member_ids: string;
  archived: number;
}): TTeam {
  return {
    id: t.id,
    communityId: t.community_id,
    name: t.name,
    force: t.force as PatrolForce,
    orgId: t.org_id,
    memberIds: json(t.member_ids, []),
    archived: !!t.archived,
  };
}

export function teamRow(exec: Kysely<DB>, scope: Scope, id: string) {
  return teamsInScope(exec, scope).selectAll("t").where("t.id", "=", id).executeTakeFirst();
}

export function teamRows(exec: Kysely<DB>, scope: Scope) {
  return teamsInScope(exec, scope).selectAll("t").orderBy("t.force").orderBy("t.name").execute();
}

export const insertTeam = (exec: Kysely<DB>, row: PatrolTeamTable) => exec.insertInto("patrol_teams").values(row).execute();

export const updateTeamRow = (exec: Kysely<DB>, id: string, patch: Partial<PatrolTeamTable>) =>
  exec.updateTable("patrol_teams").set(patch).where("id", "=", id).execute();

/** Is the name taken in the community (archived teams included, so one can be brought back)? */
export async function teamNameTaken(exec: Kysely<DB>, communityId: string, name: string, exceptId?: string) {
  let q = exec.selectFrom("patrol_teams").select("id").where("community_id", "=", communityId).where("name", "=", name);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return !!(await q.executeTakeFirst());
}

/** The community an organisation belongs to (undefined: no such organisation). */
export function organisationCommunity(exec: Kysely<DB>, orgId: string) {
  return exec.selectFrom("organisations").select(["id", "community_id"]).where("id", "=", orgId).executeTakeFirst();
}

/** Accounts by id with what the member rules read: role, state, the path of their scope. */
export function accountsForTeam(exec: Kysely<DB>, ids: string[]) {
  return exec
    .selectFrom("users as u")
    .leftJoin("regions as r", "r.id", "u.scope_region_id")
    .select(["u.id", "u.display_name", "u.role", "u.disabled", "r.path"])
    .where("u.id", "in", ids)
    .execute();
}

/** How many of these ids are accounts (a plan's assignees must all be). */
export async function accountCount(exec: Kysely<DB>, ids: string[]) {
  return (await exec.selectFrom("users").select("id").where("id", "in", ids).execute()).length;
}

/** Active accounts scoped inside a region (by its path), by username. */
export function activeAccountsUnder(exec: Kysely<DB>, path: string) {
  return exec
    .selectFrom("users as u")
    .innerJoin("regions as r", "r.id", "u.scope_region_id")
    .select(["u.id", "u.display_name", "u.role", "r.name as scope_name"])
    .where("u.disabled", "=", 0)
    .where("r.path", "like", `${path}%`)
    .orderBy("u.username")
    .execute();
}
