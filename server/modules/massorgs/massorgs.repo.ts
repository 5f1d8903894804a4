import type { Kysely } from "kysely";
import { MASS_ORG_KINDS } from "../../../contracts/massorgs.js";
import type { DB } from "../../db/types.js";
import { orgsInScope } from "../../platform/organisations/organisations.service.js";
import { inScope, type Scope } from "../../platform/scope.js";
import type { MoApplicationTable, MoBrandProjectTable, MoMemberTable, MoNominationTable } from "./massorgs.tables.js";

// The queries of 群团. The organisations themselves are the platform's (read through its scoped query).

const kinds = [...MASS_ORG_KINDS] as string[];

export const massOrgs = (exec: Kysely<DB>, scope: Scope) =>
  orgsInScope(exec, scope)
    .leftJoin("organisations as op", "op.id", "o.parent_id")
    .select([
      "o.id",
      "o.name",
      "o.kind",
      "o.parent_id",
      "o.community_id",
      "o.founded_on",
      "o.archived",
      "op.name as parent_name",
      "g.name as grid_name",
      "c.path as community_path",
    ])
    .where("o.kind", "in", kinds)
    .where("o.archived", "=", 0)
    .orderBy("o.kind")
    .orderBy("o.name")
    .execute();

export const massOrg = (exec: Kysely<DB>, scope: Scope, id: string) =>
  orgsInScope(exec, scope)
    .leftJoin("organisations as op", "op.id", "o.parent_id")
    .select(["o.id", "o.name", "o.kind", "o.parent_id", "o.community_id", "o.founded_on", "o.archived", "op.name as parent_name", "g.name as grid_name"])
    .where("o.id", "=", id)
    .executeTakeFirst();

/** Active members (not left) per organisation, and their leaders' names. */
export const activeMembers = (exec: Kysely<DB>, orgIds: string[]) =>
  orgIds.length
    ? exec
        .selectFrom("mo_members as m")
        .innerJoin("people as p", "p.id", "m.person_id")
        .select(["m.id", "m.org_id", "m.person_id", "m.role", "m.joined_on", "m.left_on", "p.name"])
        .where("m.org_id", "in", orgIds)
        .orderBy("m.role")
        .orderBy("m.joined_on")
        .execute()
    : Promise.resolve([]);

export const memberRow = (exec: Kysely<DB>, id: string) => exec.selectFrom("mo_members").selectAll().where("id", "=", id).executeTakeFirst();
export const insertMember = (exec: Kysely<DB>, row: MoMemberTable) => exec.insertInto("mo_members").values(row).execute();
export const leaveMember = (exec: Kysely<DB>, id: string, on: string) => exec.updateTable("mo_members").set({ left_on: on }).where("id", "=", id).execute();

export const brandProjects = (exec: Kysely<DB>, orgIds: string[]) =>
  orgIds.length
    ? exec
        .selectFrom("mo_brand_projects as b")
        .innerJoin("organisations as o", "o.id", "b.org_id")
        .selectAll("b")
        .select("o.name as org_name")
        .where("b.org_id", "in", orgIds)
        .orderBy("b.started_on")
        .execute()
    : Promise.resolve([]);
export const brandProjectRow = (exec: Kysely<DB>, scope: Scope, id: string) =>
  exec
    .selectFrom("mo_brand_projects as b")
    .selectAll("b")
    .where("b.id", "=", id)
    .where(inScope(scope, { community: "b.community_id" }))
    .executeTakeFirst();
export const insertBrandProject = (exec: Kysely<DB>, row: MoBrandProjectTable) => exec.insertInto("mo_brand_projects").values(row).execute();

const applications = (exec: Kysely<DB>) =>
  exec
    .selectFrom("mo_applications as a")
    .innerJoin("mo_brand_projects as b", "b.id", "a.project_id")
    .innerJoin("organisations as o", "o.id", "a.org_id")
    .selectAll("a")
    .select(["b.name as project_name", "o.name as org_name"]);
export const applicationsOf = (exec: Kysely<DB>, projectIds: string[]) =>
  projectIds.length ? applications(exec).where("a.project_id", "in", projectIds).orderBy("a.applied_on").execute() : Promise.resolve([]);
export const applicationsIn = (exec: Kysely<DB>, scope: Scope, f: { year?: number; communityId?: string }) => {
  let q = applications(exec).where(inScope(scope, { community: "a.community_id" }));
  if (f.year) q = q.where("a.applied_on", ">=", `${f.year}-01-01`).where("a.applied_on", "<=", `${f.year}-12-31`);
  if (f.communityId) q = q.where("a.community_id", "=", f.communityId);
  return q.orderBy("a.applied_on", "desc").limit(1000).execute();
};
export const applicationFull = (exec: Kysely<DB>, scope: Scope, id: string) =>
  applications(exec)
    .where("a.id", "=", id)
    .where(inScope(scope, { community: "a.community_id" }))
    .executeTakeFirst();
export const applicationRow = (exec: Kysely<DB>, scope: Scope, id: string) =>
  exec
    .selectFrom("mo_applications as a")
    .selectAll("a")
    .where("a.id", "=", id)
    .where(inScope(scope, { community: "a.community_id" }))
    .executeTakeFirst();
export const insertApplication = (exec: Kysely<DB>, row: MoApplicationTable) => exec.insertInto("mo_applications").values(row).execute();
export const setApplicationResult = (exec: Kysely<DB>, id: string, result: string, on: string) =>
  exec.updateTable("mo_applications").set({ result, result_on: on }).where("id", "=", id).execute();

const nominations = (exec: Kysely<DB>, scope: Scope) =>
  exec
    .selectFrom("mo_nominations as n")
    .leftJoin("organisations as bo", "bo.id", "n.by_org_id")
    .selectAll("n")
    .select("bo.name as by_org_name")
    .where(inScope(scope, { community: "n.community_id" }));
export const nominationsIn = (exec: Kysely<DB>, scope: Scope, f: { year?: number; communityId?: string }) => {
  let q = nominations(exec, scope);
  if (f.year) q = q.where("n.nominated_on", ">=", `${f.year}-01-01`).where("n.nominated_on", "<=", `${f.year}-12-31`);
  if (f.communityId) q = q.where("n.community_id", "=", f.communityId);
  return q.orderBy("n.nominated_on", "desc").orderBy("n.id").limit(2000).execute();
};
export const nominationRow = (exec: Kysely<DB>, scope: Scope, id: string) => nominations(exec, scope).where("n.id", "=", id).executeTakeFirst();
export const insertNomination = (exec: Kysely<DB>, row: MoNominationTable) => exec.insertInto("mo_nominations").values(row).execute();
export const setNominationResult = (exec: Kysely<DB>, id: string, result: string, on: string) =>
  exec.updateTable("mo_nominations").set({ result, result_on: on }).where("id", "=", id).execute();

export const personRow = (exec: Kysely<DB>, id: string) =>
  exec.selectFrom("people").select(["id", "name", "community_id", "archived"]).where("id", "=", id).executeTakeFirst();
export const orgRow = (exec: Kysely<DB>, id: string) =>
  exec.selectFrom("organisations").select(["id", "name", "community_id", "kind", "archived", "founded_on"]).where("id", "=", id).executeTakeFirst();

// What the imports and exports read (massorgs.io.ts).

/** The community's people in the caller's scope by ID number (not archived). */
export const personByIdNumber = (exec: Kysely<DB>, scope: Scope, communityId: string, idNumber: string) =>
  exec
    .selectFrom("people as p")
    .select(["p.id", "p.name"])
    .where(inScope(scope, { community: "p.community_id", grid: "p.grid_id" }))
    .where("p.community_id", "=", communityId)
    .where("p.archived", "=", 0)
    .where("p.id_number", "=", idNumber)
    .executeTakeFirst();
/** The community's organisations (not archived) of this name. */
export const orgsNamed = (exec: Kysely<DB>, communityId: string, name: string) =>
  exec
    .selectFrom("organisations")
    .select(["id", "name", "kind"])
    .where("community_id", "=", communityId)
    .where("name", "=", name)
    .where("archived", "=", 0)
    .execute();
/** A membership of the person in the organisation that began on that day (active or left). */
export const memberSince = (exec: Kysely<DB>, orgId: string, personId: string, joinedOn: string) =>
  exec
    .selectFrom("mo_members")
    .select(["id", "left_on"])
    .where("org_id", "=", orgId)
    .where("person_id", "=", personId)
    .where("joined_on", "=", joinedOn)
    .executeTakeFirst();
export const brandProjectNamed = (exec: Kysely<DB>, orgId: string, name: string) =>
  exec.selectFrom("mo_brand_projects").select("id").where("org_id", "=", orgId).where("name", "=", name).executeTakeFirst();
export const sameNomination = (
  exec: Kysely<DB>,
  n: { communityId: string; personId: string | null; orgId: string | null; award: string; nominatedOn: string },
) => {
  let q = exec
    .selectFrom("mo_nominations")
    .select("id")
    .where("community_id", "=", n.communityId)
    .where("award", "=", n.award)
    .where("nominated_on", "=", n.nominatedOn);
  q = n.personId ? q.where("person_id", "=", n.personId) : q.where("org_id", "=", n.orgId ?? "");
  return q.executeTakeFirst();
};
/** Every membership (with the person's name and ID number) of these organisations, for the export. */
export const membersForExport = (exec: Kysely<DB>, orgIds: string[]) =>
  orgIds.length
    ? exec
        .selectFrom("mo_members as m")
        .innerJoin("people as p", "p.id", "m.person_id")
        .innerJoin("organisations as o", "o.id", "m.org_id")
        .select(["m.id", "m.org_id", "m.role", "m.joined_on", "m.left_on", "p.name", "p.id_number", "o.name as org_name"])
        .where("m.org_id", "in", orgIds)
        .orderBy("o.name")
        .orderBy("m.role")
        .orderBy("m.joined_on")
        .orderBy("m.id")
        .execute()
    : Promise.resolve([]);
/** The ID numbers of these people. */
export const idNumbersOf = async (exec: Kysely<DB>, personIds: string[]) =>
  new Map(
    personIds.length
      ? (await exec.selectFrom("people").select(["id", "id_number"]).where("id", "in", personIds).execute()).map((r) => [r.id, r.id_number ?? ""])
      : [],
  );
