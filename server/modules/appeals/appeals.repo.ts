// Kysely queries of the appeals module. Whatever lists or reads cases starts from the caller's data
// scope (casesInScope); the rest are lookups by key made after the scope was checked.
import { type Kysely, sql } from "kysely";
import type { TAppealQuery } from "../../../contracts/appeals.js";
import { ilike } from "../../db/connect.js";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { type VoidedChoice, voidedChoice, whereVoided } from "../../platform/voiding.js";
import type { AppealAssignmentTable, AppealCategoryTable, AppealEventTable, AppealTable } from "./appeals.tables.js";

type Exec = Kysely<DB>;

/** status in the open states, written as literals so that the partial indexes on open cases apply. */
export const isOpen = sql<boolean>`a.status in ('registered', 'dispatched', 'handling')`;

/** The cases of a scope, without joins: counts and filters start here. A voided case (作废) only when asked for. */
export function casesInScope(db: Exec, scope: Scope, voided: VoidedChoice = "exclude") {
  return whereVoided(db.selectFrom("appeals as a").where(inScope(scope, { community: "a.community_id", grid: "a.grid_id" })), "a.voided_at", voided);
}

export type CaseFilter = Omit<TAppealQuery, "page" | "pageSize"> & {
  userId?: string;
  now?: string;
  dueSoonBefore?: string;
  /** For the inbox: the caller dispatches (cases waiting for dispatch are theirs), handles for the community (fallback cases are theirs). */
  inboxDispatch?: boolean;
  inboxCommunity?: boolean;
};

/** Filters of the list, the export and the inbox. Joins none, so COUNT stays cheap on a million rows. */
export function filteredCases(db: Exec, scope: Scope, f: CaseFilter) {
  let q = casesInScope(db, scope, voidedChoice(f.voided));
  if (f.status === "open") q = q.where(isOpen);
  else if (f.status) q = q.where("a.status", "=", f.status);
  else q = q.where("a.status", "!=", "merged");
  if (f.channel) q = q.where("a.channel", "=", f.channel);
  if (f.kind) q = q.where("a.kind", "=", f.kind);
  if (f.urgency) q = q.where("a.urgency", "=", f.urgency);
  if (f.gridId) q = q.where("a.grid_id", "=", f.gridId);
  if (f.category) {
    const c = f.category;
    q = c.length <= 2 ? q.where("a.category_code", "like", `${c}%`) : q.where("a.category_code", "=", c);
  }
  if (f.from) q = q.where("a.reg_date", ">=", f.from);
  if (f.to) q = q.where("a.reg_date", "<=", f.to);
  if (f.tag) q = q.where(ilike("a.tags", `"${f.tag}"`));
  if (f.mine === "1" && f.userId) {
    const uid = f.userId;
    q = q.where((eb) =>
      eb.or([
        eb("a.assignee_user_id", "=", uid),
        eb("a.id", "in", eb.selectFrom("appeal_assignments as s").select("s.appeal_id").where("s.user_id", "=", uid).where("s.active", "=", 1)),
        ...(f.inboxDispatch ? [eb("a.status", "=", "registered")] : []),
        ...(f.inboxCommunity
          ? [eb.and([eb("a.status", "in", ["dispatched", "handling"]), eb("a.assignee_user_id", "is", null), eb("a.assignee_org_id", "is", null)])]
          : []),
      ]),
    );
  }
  if (f.deadline && f.now) {
    if (f.status !== "open") q = q.where(isOpen);
    if (f.deadline === "overdue") q = q.where("a.due_at", "<", f.now);
    else q = q.where("a.due_at", ">=", f.now).where("a.due_at", "<=", f.dueSoonBefore ?? f.now);
  }
  if (f.q) {
    const needle = f.q;
    if (/^\d{4}$/.test(needle)) q = q.where("a.appellant_phone", "like", `%${needle}`);
    // A case number (ours or the platform's) is looked up exactly, by index.
    else if (/^[A-Za-z0-9-]{6,}$/.test(needle)) q = q.where((eb) => eb.or([eb("a.tracking_no", "=", needle), eb("a.external_no", "=", needle)]));
    else q = q.where((eb) => eb.or([ilike("a.title", needle), ilike("a.address", needle)]));
  }
  return q;
}

/** Joins for display: grid, community, category and its parent, assignee. */
export function withDisplay<Q extends ReturnType<typeof casesInScope>>(q: Q) {
  return q
    .leftJoin("regions as g", "g.id", "a.grid_id")
    .leftJoin("regions as c", "c.id", "a.community_id")
    .leftJoin("appeal_categories as cat", "cat.code", "a.category_code")
    .leftJoin("appeal_categories as pcat", "pcat.code", "cat.parent_code")
    .leftJoin("organisations as o", "o.id", "a.assignee_org_id")
    .leftJoin("users as u", "u.id", "a.assignee_user_id");
}

export const CASE_COLUMNS = [
  "a.id",
  "a.tracking_no",
  "a.external_no",
  "a.community_id",
  "a.grid_id",
  "a.channel",
  "a.kind",
  "a.appeal_type",
  "a.category_code",
  "a.urgency",
  "a.title",
  "a.status",
  "a.address",
  "a.appellant_name",
  "a.appellant_phone",
  "a.tags",
  "a.registered_at",
  "a.due_at",
  "a.reopen_count",
  "a.closed_at",
  "a.resolved",
  "a.satisfaction",
  "a.voided_at",
  "a.voided_by",
  "a.void_reason",
  "g.name as grid_name",
  "c.name as community_name",
  "cat.name as category_name",
  "cat.name_en as category_name_en",
  "pcat.name as parent_category_name",
  "pcat.name_en as parent_category_name_en",
  "o.name as org_name",
  "u.display_name as user_name",
] as const;

// ——— lists ———

/** How many cases a filter matches, counting no further than `cap` (a city's list does not count its million). */
export async function countUpTo(db: Exec, scope: Scope, f: CaseFilter, cap: number): Promise<number> {
  const counted = await db
    .selectFrom(
      filteredCases(db, scope, f)
        .select("a.id")
        .limit(cap + 1)
        .as("x"),
    )
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  return Number(counted?.n ?? 0);
}

/** One page of a list: the worker's order (most urgent, least time left first) or newest first. */
export function casePage(db: Exec, scope: Scope, f: CaseFilter, page: { page: number; pageSize: number; byDeadline: boolean }) {
  let q = withDisplay(filteredCases(db, scope, f)).select([...CASE_COLUMNS]);
  if (page.byDeadline) q = q.orderBy(sql`case a.urgency when 'supervised' then 0 when 'urgent' then 1 else 2 end`).orderBy("a.due_at").orderBy("a.id");
  else q = q.orderBy("a.registered_at", "desc").orderBy("a.id", "desc");
  return q
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
}

/** The rows of an export: the whole filtered list, newest first, with the text a page does not show. */
export function exportCases(db: Exec, scope: Scope, f: CaseFilter) {
  return withDisplay(filteredCases(db, scope, f))
    .select([...CASE_COLUMNS, "a.content", "a.answer", "a.contacted_at", "a.visit_at"])
    .orderBy("a.registered_at", "desc")
    .limit(100_000)
    .execute();
}

/** Cases of the scope registered from given records of another module. */
export function casesBySource(db: Exec, scope: Scope, module: string, kind: string, ids: string[]) {
  return casesInScope(db, scope)
    .select(["a.id", "a.tracking_no", "a.title", "a.status", "a.resolved", "a.source_id", "a.registered_at"])
    .where("a.source_module", "=", module)
    .where("a.source_kind", "=", kind)
    .where("a.source_id", "in", ids)
    .orderBy("a.registered_at")
    .orderBy("a.id")
    .execute();
}

/** Possible duplicates of a case being registered, within the window: one query per reason. */
export function duplicateCandidates(db: Exec, scope: Scope, f: { communityId: string; since: string; excludeId?: string }, where: (eb: any) => any) {
  let q = casesInScope(db, scope)
    .select(["a.id", "a.tracking_no", "a.title", "a.status", "a.registered_at"])
    .where("a.community_id", "=", f.communityId)
    .where("a.registered_at", ">=", f.since)
    .where("a.status", "!=", "merged")
    .where(where)
    .orderBy("a.registered_at", "desc")
    .limit(10);
  if (f.excludeId) q = q.where("a.id", "!=", f.excludeId);
  return q.execute();
}

// ——— one case ———

export async function caseInScope(exec: Exec, scope: Scope, id: string): Promise<AppealTable | undefined> {
  return (await casesInScope(exec, scope, "include").selectAll("a").where("a.id", "=", id).executeTakeFirst()) as AppealTable | undefined;
}

/** A case with its display names, for its detail page. */
export function caseForDetail(exec: Exec, scope: Scope, id: string) {
  return withDisplay(casesInScope(exec, scope, "include"))
    .select([...CASE_COLUMNS])
    .selectAll("a")
    .where("a.id", "=", id)
    .executeTakeFirst();
}

/** The duplicates merged into a case. */
export const mergedInto = (exec: Exec, id: string) =>
  exec.selectFrom("appeals").select(["id", "tracking_no", "title"]).where("merged_into_id", "=", id).execute();

/** The timeline of cases (a case and its merged duplicates), in the order things happened. */
export const eventsOf = (exec: Exec, ids: string[]) =>
  exec.selectFrom("appeal_events").selectAll().where("appeal_id", "in", ids).orderBy("at").orderBy("id").execute();

export const activeAssignments = (exec: Exec, id: string) =>
  exec
    .selectFrom("appeal_assignments as s")
    .leftJoin("organisations as o", "o.id", "s.org_id")
    .leftJoin("users as u", "u.id", "s.user_id")
    .select(["s.org_id", "o.name as org_name", "s.user_id", "u.display_name as user_name", "s.lead", "s.assigned_at"])
    .where("s.appeal_id", "=", id)
    .where("s.active", "=", 1)
    .orderBy("s.lead", "desc")
    .execute();

export async function insertCase(exec: Exec, row: AppealTable) {
  await exec.insertInto("appeals").values(row).execute();
}

export async function updateCase(exec: Exec, id: string, patch: Partial<AppealTable>) {
  await exec.updateTable("appeals").set(patch).where("id", "=", id).execute();
}

export async function insertEvent(exec: Exec, row: AppealEventTable) {
  await exec.insertInto("appeal_events").values(row).execute();
}

export async function deactivateAssignments(exec: Exec, appealId: string) {
  await exec.updateTable("appeal_assignments").set({ active: 0 }).where("appeal_id", "=", appealId).execute();
}

export async function insertAssignments(exec: Exec, rows: AppealAssignmentTable[]) {
  if (rows.length) await exec.insertInto("appeal_assignments").values(rows).execute();
}

/** The last tracking number of a day (numbers are the date and a five-digit count). */
export async function lastTrackingNo(exec: Exec, prefix: string): Promise<string | null> {
  // Only numbers of Shequ's own form (the day and five digits): a case imported with its hotline's
  // number may start with the same day and go on otherwise ("2024031600001~y4", "20240316-A1"),
  // and read as the last it gave the next number NaN (and the one after a unique-key 500).
  const rows = await exec
    .selectFrom("appeals")
    .select("tracking_no")
    .where("tracking_no", ">=", `${prefix}00000`)
    .where("tracking_no", "<=", `${prefix}99999`)
    .where(sql<number>`length(tracking_no)`, "=", prefix.length + 5)
    .orderBy("tracking_no", "desc")
    .limit(20)
    .execute();
  const own = new RegExp(`^${prefix}\\d{5}$`);
  return rows.find((r) => own.test(r.tracking_no))?.tracking_no ?? null;
}

/** The case already registered under a channel's external number, if any. */
export const caseByExternalNo = (exec: Exec, channel: string, externalNo: string) =>
  exec.selectFrom("appeals").select("tracking_no").where("channel", "=", channel).where("external_no", "=", externalNo).executeTakeFirst();

/** Which of a channel's external numbers are registered already. */
export async function registeredExternalNos(exec: Exec, channel: string, nos: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < nos.length; i += 500) {
    const found = await exec
      .selectFrom("appeals")
      .select("external_no")
      .where("channel", "=", channel)
      .where("external_no", "in", nos.slice(i, i + 500))
      .execute();
    for (const f of found) if (f.external_no) out.push(f.external_no);
  }
  return out;
}

/** Did the appellant (by phone or registry entry) appeal in the community between `since` and `until`? */
export async function appealedBefore(exec: Exec, f: { communityId: string; since: string; until: string; phone: string | null; personId: string | null }) {
  const prev = await exec
    .selectFrom("appeals")
    .select("id")
    .where("community_id", "=", f.communityId)
    .where("registered_at", ">=", f.since)
    .where("registered_at", "<=", f.until)
    .where((eb) => eb.or([...(f.phone ? [eb("appellant_phone", "=", f.phone)] : []), ...(f.personId ? [eb("appellant_person_id", "=", f.personId)] : [])]))
    .limit(1)
    .executeTakeFirst();
  return !!prev;
}

/** For the public tracking page (no session): a case by its number, with its category's name. */
export function caseByTrackingNo(db: Exec, trackingNo: string) {
  return (
    db
      .selectFrom("appeals as a")
      .leftJoin("appeal_categories as cat", "cat.code", "a.category_code")
      .selectAll("a")
      .select(["cat.name as category_name"])
      .where("a.tracking_no", "=", trackingNo)
      // A case voided as entered by mistake is not tracked in public.
      .where("a.voided_at", "is", null)
      .executeTakeFirst()
  );
}

export const stepsOf = (db: Exec, appealId: string) =>
  db.selectFrom("appeal_events").select(["at", "action"]).where("appeal_id", "=", appealId).orderBy("at").orderBy("id").execute();

// ——— the catalogue ———

export async function categoryByCode(exec: Exec, code: string): Promise<AppealCategoryTable | undefined> {
  return exec.selectFrom("appeal_categories").selectAll().where("code", "=", code).executeTakeFirst();
}

export function categoryList(exec: Exec, includeArchived: boolean) {
  let q = exec.selectFrom("appeal_categories").selectAll().orderBy("sort").orderBy("code");
  if (!includeArchived) q = q.where("archived", "=", 0);
  return q.execute();
}

export async function maxCategorySort(exec: Exec): Promise<number> {
  const max = await exec
    .selectFrom("appeal_categories")
    .select((eb) => eb.fn.max("sort").as("m"))
    .executeTakeFirst();
  return Number(max?.m ?? 0);
}

export async function insertCategory(exec: Exec, row: AppealCategoryTable) {
  await exec.insertInto("appeal_categories").values(row).execute();
}

export async function updateCategory(exec: Exec, code: string, patch: Partial<AppealCategoryTable>) {
  await exec.updateTable("appeal_categories").set(patch).where("code", "=", code).execute();
}

// ——— places, units and people a case refers to (platform tables, read by key) ———

export async function regionPath(exec: Exec, id: string): Promise<string | null> {
  return (await exec.selectFrom("regions").select("path").where("id", "=", id).executeTakeFirst())?.path ?? null;
}

export const gridOf = (exec: Exec, id: string) => exec.selectFrom("regions").select(["path", "level", "community_id"]).where("id", "=", id).executeTakeFirst();

/** The grids of a community (an import names them by name or code). */
export const gridsOf = (exec: Exec, communityId: string) =>
  exec.selectFrom("regions").select(["id", "name", "code", "path"]).where("community_id", "=", communityId).where("level", "=", "grid").execute();

/** A community by id (for the system acting in it: the public form, an Open311 key). */
export const communityById = (exec: Exec, id: string) =>
  exec.selectFrom("regions").select(["id", "path", "level"]).where("id", "=", id).where("level", "=", "community").executeTakeFirst();

/** The communities a resident may send an appeal to. */
export const openCommunities = (exec: Exec) =>
  exec.selectFrom("regions").select(["id", "name"]).where("level", "=", "community").where("archived", "=", 0).orderBy("sort").orderBy("name").execute();

export const orgById = (exec: Exec, id: string) =>
  exec.selectFrom("organisations").select(["id", "name", "community_id", "archived"]).where("id", "=", id).executeTakeFirst();

/** An account and the path of its scope, to check it may handle a case. */
export const userWithScope = (exec: Exec, id: string) =>
  exec
    .selectFrom("users as u")
    .innerJoin("regions as r", "r.id", "u.scope_region_id")
    .select(["u.id", "u.display_name", "u.role", "u.disabled", "r.path"])
    .where("u.id", "=", id)
    .executeTakeFirst();

export const personById = (exec: Exec, id: string) =>
  exec.selectFrom("people").select(["id", "name", "phone", "community_id"]).where("id", "=", id).executeTakeFirst();

/** How many of the files exist. */
export async function filesFound(exec: Exec, ids: string[]): Promise<number> {
  return (await exec.selectFrom("files").select("id").where("id", "in", ids).execute()).length;
}

/** Who a community's cases can go to: its organisations, and the active accounts in it (their roles decide). */
export async function dispatchTargets(db: Exec, community: { id: string; path: string }) {
  const orgs = await db
    .selectFrom("organisations")
    .select(["id", "name", "kind"])
    .where("community_id", "=", community.id)
    .where("archived", "=", 0)
    .orderBy("kind")
    .orderBy("name")
    .execute();
  const users = await db
    .selectFrom("users as u")
    .innerJoin("regions as r", "r.id", "u.scope_region_id")
    .select(["u.id", "u.display_name", "u.role", "r.name as scope_name"])
    .where("u.disabled", "=", 0)
    .where("r.path", "like", `${community.path}%`)
    .orderBy("u.username")
    .execute();
  return { orgs, users };
}

/**
 * An imported case's handling times (and sign lateness) that its file did not give: the steps were
 * replayed for the flow's sake, their times are stored as unknown so no figure uses a guessed time.
 */
export async function forgetUnknown(exec: Exec, id: string, what: { dispatched: boolean; signed: boolean; contacted: boolean; visited: boolean }) {
  await exec
    .updateTable("appeals")
    .set({
      ...(what.dispatched ? { dispatched_at: null } : {}),
      // Late or not cannot be told without both the dispatch and the sign-for time.
      ...(what.dispatched || what.signed ? { sign_late: null } : {}),
      ...(what.signed ? { signed_at: null } : {}),
      ...(what.contacted ? { contacted_at: null } : {}),
      ...(what.visited ? { visit_at: null } : {}),
    })
    .where("id", "=", id)
    .execute();
}
