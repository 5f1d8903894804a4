// Kysely queries of the appeals module; every one starts from the caller's data scope.
import { type Kysely, sql } from "kysely";
import type { TAppealQuery } from "../../../contracts/appeals.js";
import { ilike } from "../../db/connect.js";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import "./appeals.tables.js";

/** status in the open states, written as literals so that the partial indexes on open cases apply. */
export const isOpen = sql<boolean>`a.status in ('registered', 'dispatched', 'handling')`;

/** The cases of a scope, without joins: counts and filters start here. */
export function casesInScope(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom("appeals as a").where(inScope(scope, { community: "a.community_id", grid: "a.grid_id" }));
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
export function filteredCases(db: Kysely<DB>, scope: Scope, f: CaseFilter) {
  let q = casesInScope(db, scope);
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
  "g.name as grid_name",
  "c.name as community_name",
  "cat.name as category_name",
  "cat.name_en as category_name_en",
  "pcat.name as parent_category_name",
  "pcat.name_en as parent_category_name_en",
  "o.name as org_name",
  "u.display_name as user_name",
] as const;
