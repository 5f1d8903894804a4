import type { Kysely } from "kysely";
import type { TProjectQuery } from "../../../contracts/projects.js";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import type {
  ProjectEventTable,
  ProjectMeetingTable,
  ProjectObjectionTable,
  ProjectPaymentTable,
  ProjectProgressTable,
  ProjectSurveyResponseTable,
  ProjectTable,
  ProjectVoteTable,
} from "./projects.tables.js";

// The queries of 民生微实事 projects and their steps. Scope is applied here: a project is seen by
// the users of its community and the regions above it (a grid scope sees its community's projects).

const scoped = (exec: Kysely<DB>, scope: Scope) =>
  exec
    .selectFrom("projects as p")
    .innerJoin("regions as c", "c.id", "p.community_id")
    .where(inScope(scope, { community: "p.community_id" }));

export type ProjectRow = ProjectTable & { community_name: string; community_path: string };

export const projectRow = (exec: Kysely<DB>, scope: Scope, id: string): Promise<ProjectRow | undefined> =>
  scoped(exec, scope).selectAll("p").select(["c.name as community_name", "c.path as community_path"]).where("p.id", "=", id).executeTakeFirst();

/** A project by id with no scope (the public pages: the caller checks what it may show). */
export const projectById = (exec: Kysely<DB>, id: string): Promise<ProjectRow | undefined> =>
  exec
    .selectFrom("projects as p")
    .innerJoin("regions as c", "c.id", "p.community_id")
    .selectAll("p")
    .select(["c.name as community_name", "c.path as community_path"])
    .where("p.id", "=", id)
    .executeTakeFirst();

function filtered(exec: Kysely<DB>, scope: Scope, q: Omit<TProjectQuery, "page" | "pageSize">) {
  let qb = scoped(exec, scope);
  if (q.communityId) qb = qb.where("p.community_id", "=", q.communityId);
  if (q.stage) qb = qb.where("p.stage", "=", q.stage);
  if (q.kind) qb = qb.where("p.kind", "=", q.kind);
  if (q.year) qb = qb.where("p.year", "=", q.year);
  if (q.q) {
    const like = `%${q.q.toLowerCase()}%`;
    qb = qb.where((eb) =>
      eb.or([eb(eb.fn("lower", ["p.title"]), "like", like), eb(eb.fn("lower", ["p.code"]), "like", like), eb(eb.fn("lower", ["p.place"]), "like", like)]),
    );
  }
  return qb;
}

export async function projectPage(exec: Kysely<DB>, scope: Scope, q: TProjectQuery) {
  const rows = await filtered(exec, scope, q)
    .selectAll("p")
    .select(["c.name as community_name", "c.path as community_path"])
    .orderBy("p.year", "desc")
    .orderBy("p.code", "desc")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const total = Number(
    (
      await filtered(exec, scope, q)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  return { rows, total };
}

export const projectRows = (exec: Kysely<DB>, scope: Scope, q: Omit<TProjectQuery, "page" | "pageSize">, limit = 20_000) =>
  filtered(exec, scope, q)
    .selectAll("p")
    .select(["c.name as community_name", "c.path as community_path"])
    .orderBy("p.year")
    .orderBy("p.code")
    .limit(limit)
    .execute();

export const insertProject = (exec: Kysely<DB>, row: ProjectTable) => exec.insertInto("projects").values(row).execute();
export const updateProject = (exec: Kysely<DB>, id: string, patch: Partial<ProjectTable>) =>
  exec.updateTable("projects").set(patch).where("id", "=", id).execute();

/** The next code of a community-year: MS-YYYY-NNN. */
export async function nextCode(exec: Kysely<DB>, communityId: string, year: number) {
  const r = await exec
    .selectFrom("projects")
    .select((eb) => eb.fn.max("code").as("m"))
    .where("community_id", "=", communityId)
    .where("code", "like", `MS-${year}-%`)
    .executeTakeFirst();
  const n = r?.m ? Number(String(r.m).slice(8)) + 1 : 1;
  return `MS-${year}-${String(n).padStart(3, "0")}`;
}

/** The same proposal again (a re-import, a double tap): same community, title and date. */
export const sameProposal = (exec: Kysely<DB>, communityId: string, title: string, proposedOn: string) =>
  exec
    .selectFrom("projects")
    .select(["id", "code"])
    .where("community_id", "=", communityId)
    .where("title", "=", title)
    .where("proposed_on", "=", proposedOn)
    .executeTakeFirst();

export const projectByCode = (exec: Kysely<DB>, communityId: string, code: string) =>
  exec.selectFrom("projects").select(["id", "code"]).where("community_id", "=", communityId).where("code", "=", code).executeTakeFirst();

export const insertEvent = (exec: Kysely<DB>, row: ProjectEventTable) => exec.insertInto("project_events").values(row).execute();
export const lastEventAt = async (exec: Kysely<DB>, projectId: string) =>
  (
    await exec
      .selectFrom("project_events")
      .select((eb) => eb.fn.max("at").as("at"))
      .where("project_id", "=", projectId)
      .executeTakeFirst()
  )?.at ?? null;
export const eventsOf = (exec: Kysely<DB>, projectId: string) =>
  exec.selectFrom("project_events").selectAll().where("project_id", "=", projectId).orderBy("at").orderBy("id").execute();

export const insertMeeting = (exec: Kysely<DB>, row: ProjectMeetingTable) => exec.insertInto("project_meetings").values(row).execute();
export const insertVote = (exec: Kysely<DB>, row: ProjectVoteTable) => exec.insertInto("project_votes").values(row).execute();
export const votesOf = (exec: Kysely<DB>, projectId: string) =>
  exec
    .selectFrom("project_votes as v")
    .innerJoin("project_meetings as m", "m.id", "v.meeting_id")
    .select(["v.meeting_id", "m.title", "m.held_on", "v.members_present", "v.votes_for", "v.votes_against", "v.abstentions", "v.passed"])
    .where("v.project_id", "=", projectId)
    .orderBy("m.held_on")
    .execute();

export const insertObjection = (exec: Kysely<DB>, row: ProjectObjectionTable) => exec.insertInto("project_objections").values(row).execute();
export const objectionsOf = (exec: Kysely<DB>, projectId: string) =>
  exec.selectFrom("project_objections").selectAll().where("project_id", "=", projectId).orderBy("received_on").orderBy("id").execute();
export const updateObjection = (exec: Kysely<DB>, id: string, patch: Partial<ProjectObjectionTable>) =>
  exec.updateTable("project_objections").set(patch).where("id", "=", id).execute();
export async function openObjectionCount(exec: Kysely<DB>, projectId: string) {
  const r = await exec
    .selectFrom("project_objections")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("project_id", "=", projectId)
    .where("resolved_on", "is", null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export const insertProgress = (exec: Kysely<DB>, row: ProjectProgressTable) => exec.insertInto("project_progress").values(row).execute();
export const progressOf = (exec: Kysely<DB>, projectId: string) =>
  exec.selectFrom("project_progress").selectAll().where("project_id", "=", projectId).orderBy("month").execute();

export const insertPayment = (exec: Kysely<DB>, row: ProjectPaymentTable) => exec.insertInto("project_payments").values(row).execute();
export const paymentsOf = (exec: Kysely<DB>, projectId: string) =>
  exec.selectFrom("project_payments").selectAll().where("project_id", "=", projectId).orderBy("paid_on").orderBy("id").execute();
export const paymentByVoucher = (exec: Kysely<DB>, projectId: string, voucher: string) =>
  exec.selectFrom("project_payments").selectAll().where("project_id", "=", projectId).where("voucher", "=", voucher).executeTakeFirst();
export const paymentById = (exec: Kysely<DB>, projectId: string, id: string) =>
  exec.selectFrom("project_payments").selectAll().where("project_id", "=", projectId).where("id", "=", id).executeTakeFirst();
export const voidPaymentRow = (exec: Kysely<DB>, id: string, reason: string) =>
  exec.updateTable("project_payments").set({ voided: 1, void_reason: reason }).where("id", "=", id).execute();

export const insertSurvey = (exec: Kysely<DB>, row: ProjectSurveyResponseTable) => exec.insertInto("project_survey_responses").values(row).execute();
export async function surveyCounts(exec: Kysely<DB>, projectId: string) {
  const rows = await exec
    .selectFrom("project_survey_responses")
    .select(["answer", (eb) => eb.fn.countAll().as("n")])
    .where("project_id", "=", projectId)
    .groupBy("answer")
    .execute();
  const c = { satisfied: 0, fair: 0, unsatisfied: 0 };
  for (const r of rows) if (r.answer in c) c[r.answer as keyof typeof c] = Number(r.n);
  return c;
}

/** Photos given to a progress report must be files of the project's community. */
export async function filesOfCommunity(exec: Kysely<DB>, communityId: string, ids: string[]) {
  if (!ids.length) return [];
  return exec.selectFrom("files").select(["id", "sha256", "mime", "name"]).where("id", "in", ids).where("community_id", "=", communityId).execute();
}

/** A year's budget already committed in a community: budgets of the approved projects not cancelled, and what cancelled ones spent. */
export async function committedFen(exec: Kysely<DB>, communityId: string, year: number) {
  const rows = await exec
    .selectFrom("projects")
    .select(["kind", "stage", "budget_fen", "spent_fen"])
    .where("community_id", "=", communityId)
    .where("year", "=", year)
    .where("approved_on", "is not", null)
    .execute();
  return rows.map((r) => ({ kind: r.kind, committed: r.stage === "cancelled" ? r.spent_fen : (r.budget_fen ?? 0), spent: r.spent_fen }));
}

/** Communities of a region's subtree, for a public page's choice. */
export const communitiesOpen = (exec: Kysely<DB>) =>
  exec
    .selectFrom("regions as c")
    .leftJoin("projects as p", "p.community_id", "c.id")
    .select(["c.id", "c.name", "c.path", (eb) => eb.fn.count("p.id").as("n")])
    .where("c.level", "=", "community")
    .where("c.archived", "=", 0)
    .groupBy(["c.id", "c.name", "c.path"])
    // The communities with projects first (the page opens on the first).
    .orderBy("n", "desc")
    .orderBy("c.name")
    .execute();

export const communityRow = (exec: Kysely<DB>, id: string) =>
  exec.selectFrom("regions").select(["id", "name", "path", "level"]).where("id", "=", id).where("level", "=", "community").executeTakeFirst();

/** The projects a community publishes (every stage, DOMAIN.md §7), newest first. */
export const publicProjects = (exec: Kysely<DB>, communityId: string, limit = 200) =>
  exec.selectFrom("projects").selectAll().where("community_id", "=", communityId).orderBy("proposed_on", "desc").orderBy("code", "desc").limit(limit).execute();

/** A community's payments (not voided) paid in a period, with their project: the monthly statements of the 三务公开 portal. */
export const paymentsInPeriod = (exec: Kysely<DB>, communityId: string, from: string, to: string) =>
  exec
    .selectFrom("project_payments as y")
    .innerJoin("projects as p", "p.id", "y.project_id")
    .select(["p.id as project_id", "p.code", "p.title", "y.paid_on", "y.amount_fen", "y.payee"])
    .where("y.community_id", "=", communityId)
    .where("y.voided", "=", 0)
    .where("y.paid_on", ">=", from)
    .where("y.paid_on", "<=", to)
    .orderBy("y.paid_on")
    .orderBy("y.id")
    .execute();

export const fileRow = (exec: Kysely<DB>, id: string) =>
  exec.selectFrom("files").select(["id", "sha256", "mime", "name", "community_id"]).where("id", "=", id).executeTakeFirst();
