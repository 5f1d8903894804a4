// Queries of the 三务公开 portal. The staff's queries go through the caller's data scope; the
// public ones read only what has been published (published, withdrawn, superseded: a published
// item is never hidden again, a withdrawal shows as withdrawn).
import type { Kysely } from "kysely";
import { ilike } from "../../db/connect.js";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import type { PortalEventTable, PortalFeedbackTable, PortalItemTable } from "./portal.tables.js";
import "./portal.tables.js";

export const PUBLIC_STATUSES = ["published", "withdrawn", "superseded"] as const;

export const columnsAll = (exec: Kysely<DB>) => exec.selectFrom("portal_columns").selectAll().orderBy("sort").orderBy("key").execute();
export const columnByKey = (exec: Kysely<DB>, key: string) => exec.selectFrom("portal_columns").selectAll().where("key", "=", key).executeTakeFirst();
export async function saveColumn(exec: Kysely<DB>, row: DB["portal_columns"]) {
  const had = await columnByKey(exec, row.key);
  if (had) await exec.updateTable("portal_columns").set(row).where("key", "=", row.key).execute();
  else await exec.insertInto("portal_columns").values(row).execute();
  return had;
}

const ITEM_COLS = [
  "i.id",
  "i.community_id",
  "i.column_key",
  "i.title",
  "i.status",
  "i.version",
  "i.period_from",
  "i.period_to",
  "i.source_module",
  "i.source_kind",
  "i.source_id",
  "i.drafted_by",
  "i.proposed_by_id",
  "i.proposed_by",
  "i.reviewed_by",
  "i.approved_by",
  "i.published_on",
  "i.published_at",
  "i.withdrawn_on",
  "i.withdraw_reason",
  "i.return_reason",
  "i.previous_id",
  "i.superseded_by",
  "i.updated_at",
  "c.name as community_name",
  "c.code as community_code",
  "c.path as community_path",
  "k.name as column_name",
  "k.section as section",
] as const;

function items(exec: Kysely<DB>) {
  return exec.selectFrom("portal_items as i").innerJoin("regions as c", "c.id", "i.community_id").leftJoin("portal_columns as k", "k.key", "i.column_key");
}

export type ItemFilter = { communityId?: string; columnKey?: string; status?: string; q?: string };

export async function itemPage(db: Kysely<DB>, scope: Scope, f: ItemFilter & { page: number; pageSize: number }) {
  let q = items(db).where(inScope(scope, { community: "i.community_id" }));
  if (f.communityId) q = q.where("i.community_id", "=", f.communityId);
  if (f.columnKey) q = q.where((eb) => eb.or([eb("i.column_key", "=", f.columnKey as string), eb("k.parent_key", "=", f.columnKey as string)]));
  if (f.status) q = q.where("i.status", "=", f.status);
  if (f.q) q = q.where(ilike("i.title", f.q));
  const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .select([...ITEM_COLS])
    .orderBy("i.updated_at", "desc")
    .orderBy("i.id", "desc")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}
export type ItemRow = Awaited<ReturnType<typeof itemPage>>["rows"][number];

export const itemInScope = (exec: Kysely<DB>, scope: Scope, id: string) =>
  items(exec)
    .where(inScope(scope, { community: "i.community_id" }))
    .where("i.id", "=", id)
    .select([...ITEM_COLS, "i.body", "i.attachments", "i.review_confirmed"])
    .executeTakeFirst();
export type ItemFull = NonNullable<Awaited<ReturnType<typeof itemInScope>>>;

export const insertItem = (exec: Kysely<DB>, row: PortalItemTable) => exec.insertInto("portal_items").values(row).execute();
export const updateItem = (exec: Kysely<DB>, id: string, patch: Partial<PortalItemTable>) =>
  exec.updateTable("portal_items").set(patch).where("id", "=", id).execute();
export const itemBySource = (exec: Kysely<DB>, communityId: string, module: string, kind: string, id: string, columnKey: string) =>
  exec
    .selectFrom("portal_items")
    .select(["id", "status"])
    .where("community_id", "=", communityId)
    .where("source_module", "=", module)
    .where("source_kind", "=", kind)
    .where("source_id", "=", id)
    .where("column_key", "=", columnKey)
    .executeTakeFirst();

export const insertEvent = (exec: Kysely<DB>, row: PortalEventTable) => exec.insertInto("portal_events").values(row).execute();
export const lastEventAt = async (exec: Kysely<DB>, itemId: string) =>
  (
    await exec
      .selectFrom("portal_events")
      .select((eb) => eb.fn.max("at").as("m"))
      .where("item_id", "=", itemId)
      .executeTakeFirst()
  )?.m as string | null | undefined;
export const eventsOf = (exec: Kysely<DB>, itemId: string) =>
  exec.selectFrom("portal_events").select(["step", "at", "actor", "note"]).where("item_id", "=", itemId).orderBy("at").orderBy("id").execute();

export const insertFeedback = (exec: Kysely<DB>, row: PortalFeedbackTable) => exec.insertInto("portal_feedback").values(row).execute();

// ---- public: published items only

const PUBLIC_COLS = [
  "i.id",
  "i.community_id",
  "i.column_key",
  "i.title",
  "i.status",
  "i.version",
  "i.period_from",
  "i.period_to",
  "i.published_on",
  "i.published_at",
  "i.withdrawn_on",
  "i.withdrawn_at",
  "i.withdraw_reason",
  "i.updated_at",
  "c.name as community_name",
  "c.code as community_code",
  "k.name as column_name",
  "k.section as section",
] as const;

export const communityByCode = (exec: Kysely<DB>, code: string) =>
  exec.selectFrom("regions").select(["id", "name", "code", "path"]).where("code", "=", code).where("level", "=", "community").executeTakeFirst();
export const communityById = (exec: Kysely<DB>, id: string) =>
  exec.selectFrom("regions").select(["id", "name", "code", "path"]).where("id", "=", id).where("level", "=", "community").executeTakeFirst();
export const publicCommunities = (exec: Kysely<DB>) =>
  exec
    .selectFrom("regions as c")
    .select(["c.id", "c.name", "c.code"])
    .where("c.level", "=", "community")
    .where("c.code", "is not", null)
    .where((eb) =>
      eb.exists(eb.selectFrom("portal_items as i").select("i.id").whereRef("i.community_id", "=", "c.id").where("i.status", "in", PUBLIC_STATUSES)),
    )
    .orderBy("c.code")
    .execute();

export type PublicFilter = { communityId?: string; column?: string; q?: string; year?: number };

export async function publicPage(db: Kysely<DB>, f: PublicFilter & { page: number; pageSize: number }) {
  let q = items(db).where("i.status", "in", PUBLIC_STATUSES);
  if (f.communityId) q = q.where("i.community_id", "=", f.communityId);
  if (f.column) q = q.where((eb) => eb.or([eb("i.column_key", "=", f.column as string), eb("k.parent_key", "=", f.column as string)]));
  if (f.year) q = q.where("i.published_on", ">=", `${f.year}-01-01`).where("i.published_on", "<=", `${f.year}-12-31`);
  if (f.q) q = q.where(ilike("i.title", f.q));
  const [count, rows, last] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    q
      .select([...PUBLIC_COLS])
      .orderBy("i.published_on", "desc")
      .orderBy("i.id", "desc")
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    // Any change of any item bumps it: a safe Last-Modified for every list (the ETag is exact).
    db
      .selectFrom("portal_items")
      .select((eb) => eb.fn.max("updated_at").as("m"))
      .executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0), lastModified: (last?.m as string | null) ?? null };
}
export type PublicRow = Awaited<ReturnType<typeof publicPage>>["rows"][number];

export const publicItem = (exec: Kysely<DB>, id: string) =>
  items(exec)
    .where("i.id", "=", id)
    .where("i.status", "in", PUBLIC_STATUSES)
    .select([...PUBLIC_COLS, "i.body", "i.attachments", "i.source_module", "i.source_kind", "i.source_id", "i.previous_id", "i.superseded_by"])
    .executeTakeFirst();

// ---- schedules and figures

/** Items ever published (published, withdrawn, superseded) in these communities and columns: what fills a schedule. */
export const publishedOf = (exec: Kysely<DB>, communityIds: string[], columnKeys: string[]) =>
  communityIds.length && columnKeys.length
    ? exec
        .selectFrom("portal_items")
        .select(["id", "community_id", "column_key", "title", "period_to", "published_on"])
        .where("community_id", "in", communityIds)
        .where("column_key", "in", columnKeys)
        .where("status", "in", PUBLIC_STATUSES)
        .execute()
    : Promise.resolve([]);

export const communitiesIn = (exec: Kysely<DB>, scope: Scope) =>
  exec
    .selectFrom("regions as c")
    .select(["c.id", "c.name", "c.path"])
    .where("c.level", "=", "community")
    .where(inScope(scope, { community: "c.id" }))
    .orderBy("c.path")
    .execute();

/** Which records of a module have items on the portal (for that module's pages). */
export const disclosedSources = async (exec: Kysely<DB>, communityId: string, module: string) =>
  (
    await exec
      .selectFrom("portal_items")
      .select(["id", "source_kind", "source_id", "status"])
      .where("community_id", "=", communityId)
      .where("source_module", "=", module)
      .execute()
  ).map((r) => ({ kind: r.source_kind ?? "", id: r.source_id ?? "", itemId: r.id, status: r.status }));

export const fileRow = (exec: Kysely<DB>, id: string) =>
  exec.selectFrom("files").select(["id", "sha256", "mime", "name"]).where("id", "=", id).executeTakeFirst();
export const filesFound = async (exec: Kysely<DB>, ids: string[]) =>
  ids.length ? (await exec.selectFrom("files").select("id").where("id", "in", ids).execute()).map((r) => r.id) : [];
