import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import type { TOrg, TOrgCreate, ZOrgUpdate } from "../../../contracts/platform.js";
import { ilike } from "../../db/connect.js";
import type { DB, OrganisationTable } from "../../db/types.js";
import type { Audit } from "../audit.js";
import type { Clock } from "../clock.js";
import { localDate } from "../dates.js";
import { errors } from "../errors.js";
import { uuidv7 } from "../ids.js";
import { communityInScope, inScope, type Scope } from "../scope.js";
import { inTx } from "../tx.js";
import type { Who } from "../who.js";

const NOT_FOUND = { zh: "组织", en: "Organisation" };
export type OrgFilter = { q?: string; kind?: string; communityId?: string; archived?: "0" | "1" };

export function orgsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("organisations as o")
    .leftJoin("regions as c", "c.id", "o.community_id")
    .leftJoin("regions as g", "g.id", "o.grid_id")
    .where(inScope(scope, { community: "o.community_id", grid: "o.grid_id" }));
}

const COLS = [
  "o.id",
  "o.community_id",
  "o.grid_id",
  "o.parent_id",
  "o.kind",
  "o.name",
  "o.short_name",
  "o.founded_on",
  "o.address",
  "o.contact_name",
  "o.contact_phone",
  "o.note",
  "o.archived",
  "c.name as community_name",
  "g.name as grid_name",
] as const;

function toOrg(r: any): TOrg {
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name ?? null,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    parentId: r.parent_id,
    kind: r.kind,
    name: r.name,
    shortName: r.short_name,
    foundedOn: r.founded_on,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    note: r.note,
    archived: !!r.archived,
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;

export function createOrganisationsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; timeZone: string }) {
  const { db, audit, clock } = deps;
  function filtered(scope: Scope, f: OrgFilter) {
    let q = orgsInScope(db, scope).where("o.archived", "=", f.archived === "1" ? 1 : 0);
    if (f.kind) q = q.where("o.kind", "=", f.kind);
    if (f.communityId) q = q.where("o.community_id", "=", f.communityId);
    if (f.q) q = q.where((eb) => eb.or([ilike("o.name", f.q as string), ilike("o.short_name", f.q as string)]));
    return q;
  }
  async function get(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await orgsInScope(exec, scope)
      .select([...COLS])
      .where("o.id", "=", id)
      .executeTakeFirst();
    if (!r) throw errors.notFound(NOT_FOUND);
    return toOrg(r);
  }
  async function checkRefs(trx: Kysely<DB>, scope: Scope, communityId: string, gridId?: string | null, parentId?: string | null, selfId?: string) {
    await communityInScope(trx, scope, communityId);
    if (gridId) {
      const g = await trx.selectFrom("regions").select(["community_id", "level"]).where("id", "=", gridId).executeTakeFirst();
      if (g?.level !== "grid" || g.community_id !== communityId) throw errors.badRequest("所选网格不属于该社区", "The grid chosen is not in this community");
    }
    if (parentId) {
      if (parentId === selfId) throw errors.badRequest("上级组织不能是自己", "An organisation cannot be its own parent");
      await get(scope, parentId, trx);
    }
  }
  return {
    get,
    async list(scope: Scope, f: OrgFilter & { page: number; pageSize: number }) {
      const base = filtered(scope, f);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .select([...COLS])
        .orderBy("o.kind")
        .orderBy("o.name")
        .orderBy("o.id")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map(toOrg), total, page: f.page, pageSize: f.pageSize };
    },
    async exportRows(who: Who, f: OrgFilter) {
      const rows = await filtered(who.scope, f)
        .select([...COLS])
        .orderBy("o.kind")
        .orderBy("o.name")
        .limit(100_000)
        .execute();
      await audit.record(db, who, {
        action: "organisation.export",
        entity: "organisation",
        after: { filter: f, rows: rows.length },
      });
      return rows.map(toOrg);
    },
    /** Joins the caller's transaction when given one (a module founding its organisation with its own record). */
    async create(who: Who, input: TOrgCreate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        await checkRefs(trx, who.scope, input.communityId, input.gridId, input.parentId);
        if (input.foundedOn && input.foundedOn > localDate(clock.now(), deps.timeZone))
          throw errors.badRequest("成立日期不能晚于今天", "Founding date cannot be in the future");
        const now = clock.now();
        const row: OrganisationTable = {
          id: uuidv7(now.getTime()),
          community_id: input.communityId,
          grid_id: input.gridId ?? null,
          parent_id: input.parentId ?? null,
          kind: input.kind,
          name: input.name,
          short_name: input.shortName ?? null,
          founded_on: input.foundedOn ?? null,
          address: input.address ?? null,
          contact_name: input.contactName ?? null,
          contact_phone: input.contactPhone ?? null,
          note: input.note ?? null,
          archived: 0,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        const dup = await trx
          .selectFrom("organisations")
          .select("id")
          .where("community_id", "=", row.community_id)
          .where(sql`lower(name)`, "=", row.name.toLowerCase())
          .where("archived", "=", 0)
          .executeTakeFirst();
        if (dup) throw errors.conflict(`本社区已有名为「${row.name}」的组织`, `An organisation named ${row.name} already exists in this community`);
        await trx.insertInto("organisations").values(row).execute();
        await audit.record(trx, who, {
          action: "organisation.create",
          entity: "organisation",
          entityId: row.id,
          communityId: row.community_id,
          after: row,
        });
        return get(who.scope, row.id, trx);
      });
    },
    /** Joins the caller's transaction when given one (a party organisation renamed with its party record). */
    async update(who: Who, id: string, input: z.infer<typeof ZOrgUpdate>, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const before = await trx.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
        await get(who.scope, id, trx);
        if (!before) throw errors.notFound(NOT_FOUND);
        await checkRefs(trx, who.scope, before.community_id, input.gridId, input.parentId, id);
        // Renaming onto a taken name, or restoring an archived namesake, would make a duplicate.
        const name = input.name ?? before.name;
        const active = input.archived !== undefined ? !input.archived : !before.archived;
        if (active && (input.name !== undefined || input.archived === false)) {
          const dup = await trx
            .selectFrom("organisations")
            .select("id")
            .where("community_id", "=", before.community_id)
            .where(sql`lower(name)`, "=", name.toLowerCase())
            .where("archived", "=", 0)
            .where("id", "!=", id)
            .executeTakeFirst();
          if (dup) throw errors.conflict(`本社区已有名为「${name}」的组织`, `An organisation named ${name} already exists in this community`);
        }
        const patch: Partial<OrganisationTable> = { updated_at: clock.now().toISOString() };
        const map: Record<string, keyof OrganisationTable> = {
          gridId: "grid_id",
          parentId: "parent_id",
          kind: "kind",
          name: "name",
          shortName: "short_name",
          foundedOn: "founded_on",
          address: "address",
          contactName: "contact_name",
          contactPhone: "contact_phone",
          note: "note",
        };
        for (const [k, col] of Object.entries(map)) if ((input as any)[k] !== undefined) (patch as any)[col] = (input as any)[k];
        if (input.archived !== undefined && !!input.archived !== !!before.archived) {
          patch.archived = input.archived ? 1 : 0;
          patch.archived_at = input.archived ? patch.updated_at : null;
        }
        await trx.updateTable("organisations").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, {
          action: input.archived ? "organisation.archive" : "organisation.update",
          entity: "organisation",
          entityId: id,
          communityId: before.community_id,
          before,
          after: { ...before, ...patch },
        });
        return get(who.scope, id, trx);
      });
    },
  };
}
