import type { Kysely } from "kysely";
import { HAZARD_KINDS, type THazard, type THazardCreate, ZHazardCreate } from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { addDays, daysBetween, todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { gridAt } from "../../platform/regions/regions.service.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { actorId, type Who } from "../../platform/who.js";
import { actorLabel, gridInScope, json, notFuture, SAFETY_SETTINGS, settingIn } from "./safety.common.js";
import type { SafetyHazardTable } from "./safety.tables.js";

// The hazard (隐患) workflow, shared with the patrol module and anything else that finds one:
// found → assigned with a deadline → rectified with evidence → verified by ANOTHER person → closed;
// an assigned hazard past its deadline is overdue and escalated (隐患联清, DOMAIN.md §4).

const NOT_FOUND = { zh: "隐患", en: "Hazard" };

export type HazardFilter = { q?: string; status?: string; kind?: string; source?: string; gridId?: string; from?: string; to?: string };

/** Every hazard query starts here, so none forgets the data scope. */
export function hazardsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("safety_hazards as h")
    .leftJoin("regions as g", "g.id", "h.grid_id")
    .where(inScope(scope, { community: "h.community_id", grid: "h.grid_id" }));
}

/**
 * Hazards another module opened, by their source (e.g. "patrol"), in scope: the start of a query
 * that module's figures compose with its own records (joined on `h.source_ref`). Safety's query,
 * handed out through safety.api.ts so no other module reads safety_hazards itself.
 */
export function hazardsBySource(db: Kysely<DB>, scope: Scope, source: string) {
  return db
    .selectFrom("safety_hazards as h")
    .where("h.source", "=", source)
    .where(inScope(scope, { community: "h.community_id", grid: "h.grid_id" }));
}

/** The state of hazards by id (for the records that opened them: a check-in shows its hazard's status). */
export async function hazardStates(exec: Kysely<DB>, ids: readonly string[]): Promise<Map<string, { status: THazard["status"]; foundOn: string }>> {
  const out = new Map<string, { status: THazard["status"]; foundOn: string }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await exec
      .selectFrom("safety_hazards")
      .select(["id", "status", "found_on"])
      .where("id", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, { status: r.status as THazard["status"], foundOn: r.found_on });
  }
  return out;
}

export function filteredHazards(db: Kysely<DB>, scope: Scope, f: HazardFilter, today: string) {
  let q = hazardsInScope(db, scope);
  if (f.status === "open") q = q.where("h.status", "in", ["found", "assigned", "rectified", "verified"]);
  else if (f.status === "overdue") q = q.where("h.status", "=", "assigned").where("h.deadline", "<", today);
  else if (f.status) q = q.where("h.status", "=", f.status);
  if (f.kind) q = q.where("h.kind", "=", f.kind);
  if (f.source) q = q.where("h.source", "=", f.source);
  if (f.gridId) q = q.where("h.grid_id", "=", f.gridId);
  if (f.from) q = q.where("h.found_on", ">=", f.from);
  if (f.to) q = q.where("h.found_on", "<=", f.to);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb(eb.fn("lower", ["h.place"]), "like", like), eb(eb.fn("lower", ["h.code"]), "like", like), eb(eb.fn("lower", ["h.description"]), "like", like)]),
    );
  }
  return q;
}

type Row = SafetyHazardTable & { grid_name?: string | null };

export function toHazard(r: Row, today: string): THazard {
  const open = r.status === "assigned";
  return {
    id: r.id,
    code: r.code,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    source: r.source as THazard["source"],
    sourceRef: r.source_ref,
    kind: r.kind,
    place: r.place,
    description: r.description,
    risk: r.risk as THazard["risk"],
    photos: json(r.photos, []),
    foundOn: r.found_on,
    foundBy: r.found_by,
    status: r.status as THazard["status"],
    assigneeName: r.assignee_name,
    deadline: r.deadline,
    daysLeft: open && r.deadline ? daysBetween(today, r.deadline) : null,
    overdue: !!r.overdue || (open && !!r.deadline && r.deadline < today),
    escalated: !!r.escalated,
    rectifiedOn: r.rectified_on,
    rectifiedBy: r.rectified_by,
    rectificationNote: r.rectification_note,
    evidence: json(r.evidence, []),
    verifiedBy: r.verified_by,
    verifiedAt: r.verified_at,
    verifyNote: r.verify_note,
    closedOn: r.closed_on,
    closedBy: r.closed_by,
    onTime: r.rectified_on && r.deadline ? r.rectified_on <= r.deadline : null,
    updatedAt: r.updated_at,
  };
}

export type HazardsService = ReturnType<typeof createHazardsService>;

export function createHazardsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string } }) {
  const { db, audit, clock } = deps;
  const today = () => todayOf(clock.now(), deps.config.timeZone);

  async function raw(scope: Scope, id: string, exec: Kysely<DB>) {
    const r = await hazardsInScope(exec, scope).selectAll("h").select("g.name as grid_name").where("h.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(NOT_FOUND);
    return r as Row;
  }

  /** One state change: checks, update, audit, in the caller's transaction or a new one. */
  async function step(who: Who, id: string, action: string, fn: (h: Row, trx: Kysely<DB>) => Promise<Partial<SafetyHazardTable>>, exec?: Kysely<DB>) {
    const run = async (trx: Kysely<DB>) => {
      const before = await raw(who.scope, id, trx);
      const patch = { ...(await fn(before, trx)), updated_at: clock.now().toISOString() };
      await trx.updateTable("safety_hazards").set(patch).where("id", "=", id).execute();
      const { grid_name: _g, ...b } = before;
      await audit.record(trx, who, {
        action: `hazard.${action}`,
        entity: "hazard",
        entityId: id,
        communityId: before.community_id,
        before: b,
        after: patch,
      });
      return toHazard({ ...before, ...patch }, today());
    };
    return inTx(db, exec, run);
  }

  const sameActor = (who: Who, id: string | null, name: string | null) => (who.user ? !!id && who.user.id === id : actorLabel(who) === name);

  return {
    today,

    /**
     * Opens a hazard. Called by this module's pages and inspections, and by other modules (patrol
     * check-ins, night patrols, cases) with their source and the id of their record as sourceRef.
     */
    async create(who: Who, input: THazardCreate, exec?: Kysely<DB>): Promise<THazard> {
      const v = ZHazardCreate.parse(input);
      const run = async (trx: Kysely<DB>) => {
        let gridId = v.gridId ?? null;
        if (!gridId && v.lng != null && v.lat != null) {
          const g = await gridAt(trx, who.scope, v.lng, v.lat);
          if (!g) throw errors.badRequest("该位置不在您数据范围内的任何网格中", "That location lies in no grid of your data scope");
          gridId = g.id;
        }
        const grid = await gridInScope(trx, who.scope, gridId as string);
        const t = today();
        const foundOn = v.foundOn ?? t;
        notFuture(foundOn, t, "发现日期", "The date found");
        if (!(HAZARD_KINDS as readonly string[]).includes(v.kind)) throw errors.badRequest("隐患类型无效", "Unknown hazard kind");
        const now = clock.now().toISOString();
        const id = uuidv7(clock.now().getTime());
        const row: SafetyHazardTable = {
          id,
          code: `YH${foundOn.replace(/-/g, "")}-${id.slice(-5).toUpperCase()}`,
          community_id: grid.communityId,
          grid_id: grid.id,
          source: v.source,
          source_ref: v.sourceRef ?? null,
          kind: v.kind,
          place: v.place,
          description: v.description,
          risk: v.risk,
          photos: JSON.stringify(v.photos ?? []),
          lng: v.lng ?? null,
          lat: v.lat ?? null,
          found_on: foundOn,
          found_month: foundOn.slice(0, 7),
          found_by_id: actorId(who),
          found_by: actorLabel(who),
          status: "found",
          assignee_name: null,
          deadline: null,
          assigned_at: null,
          rectified_on: null,
          rectified_by_id: null,
          rectified_by: null,
          rectification_note: null,
          evidence: "[]",
          verified_by_id: null,
          verified_by: null,
          verified_at: null,
          verify_note: null,
          closed_on: null,
          closed_month: null,
          closed_by: null,
          overdue: 0,
          escalated: 0,
          escalated_at: null,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("safety_hazards").values(row).execute();
        await audit.record(trx, who, {
          action: "hazard.create",
          entity: "hazard",
          entityId: id,
          communityId: row.community_id,
          after: row,
        });
        return toHazard({ ...row, grid_name: grid.name }, t);
      };
      return inTx(db, exec, run);
    },

    async get(scope: Scope, id: string, exec: Kysely<DB> = db) {
      return toHazard(await raw(scope, id, exec), today());
    },

    async list(scope: Scope, f: HazardFilter & { page: number; pageSize: number }) {
      const t = today();
      const base = filteredHazards(db, scope, f, t);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .selectAll("h")
        .select("g.name as grid_name")
        .orderBy("h.found_on", "desc")
        .orderBy("h.id", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map((r) => toHazard(r as Row, t)), total, page: f.page, pageSize: f.pageSize };
    },

    async exportRows(who: Who, f: HazardFilter) {
      const t = today();
      const rows = await filteredHazards(db, who.scope, f, t)
        .selectAll("h")
        .select("g.name as grid_name")
        .orderBy("h.found_on", "desc")
        .limit(100_000)
        .execute();
      await audit.record(db, who, {
        action: "hazard.export",
        entity: "hazard",
        after: { filter: f, rows: rows.length },
      });
      return rows.map((r) => toHazard(r as Row, t));
    },

    /** 交办: a responsible person and a deadline (default by risk level, a setting). */
    async assign(who: Who, id: string, input: { assigneeName: string; deadline?: string; note?: string }, exec?: Kysely<DB>) {
      return step(
        who,
        id,
        "assign",
        async (h, trx) => {
          if (h.status !== "found" && h.status !== "assigned")
            throw errors.conflict("只有未整改的隐患可以交办", "Only a hazard not yet rectified can be assigned");
          let deadline = input.deadline;
          if (!deadline) {
            const days = await settingIn(trx, SAFETY_SETTINGS.deadlineDays, h.community_id);
            // The time limit runs from when the hazard was found, whenever it is entered or synced:
            // one found long ago and recorded late may be overdue the moment it is assigned.
            deadline = addDays(h.found_on, days[h.risk as keyof typeof days] ?? 15);
          }
          if (deadline < h.found_on) throw errors.badRequest("整改期限不能早于发现日期", "The deadline cannot be before the date found");
          return { status: "assigned", assignee_name: input.assigneeName, deadline, assigned_at: clock.now().toISOString() };
        },
        exec,
      );
    },

    /** 整改: what was done, with evidence photos. Late rectification marks the hazard overdue. */
    async rectify(who: Who, id: string, input: { note: string; evidence?: string[]; rectifiedOn?: string }, exec?: Kysely<DB>) {
      return step(
        who,
        id,
        "rectify",
        async (h) => {
          if (h.status !== "assigned") throw errors.conflict("只有已交办、整改中的隐患可以登记整改", "Only an assigned hazard can be rectified");
          const t = today();
          const on = input.rectifiedOn ?? t;
          notFuture(on, t, "整改日期", "The rectification date");
          if (on < h.found_on) throw errors.badRequest("整改日期不能早于发现日期", "The rectification date cannot be before the date found");
          return {
            status: "rectified",
            rectified_on: on,
            rectified_by_id: actorId(who),
            rectified_by: actorLabel(who),
            rectification_note: input.note,
            evidence: JSON.stringify(input.evidence ?? []),
            overdue: h.overdue || (h.deadline && on > h.deadline) ? 1 : 0,
          };
        },
        exec,
      );
    },

    /** 核查: by someone other than the one who rectified; a failed check sends it back to rectification. */
    async verify(who: Who, id: string, input: { passed: boolean; note?: string }, exec?: Kysely<DB>) {
      return step(
        who,
        id,
        input.passed ? "verify" : "reject",
        async (h) => {
          if (h.status !== "rectified") throw errors.conflict("只有已整改的隐患可以核查", "Only a rectified hazard can be verified");
          if (sameActor(who, h.rectified_by_id, h.rectified_by))
            throw errors.badRequest("整改人不能核查自己的整改，请由其他人员核查", "The person who rectified a hazard cannot verify it; another person must");
          if (!input.passed && !input.note) throw errors.badRequest("核查不通过须说明原因", "A failed check needs a reason");
          if (!input.passed)
            return {
              status: "assigned",
              verify_note: input.note ?? null,
              rectified_on: null,
              rectified_by_id: null,
              rectified_by: null,
              verified_by: actorLabel(who),
              verified_by_id: actorId(who),
            };
          return {
            status: "verified",
            verified_by_id: actorId(who),
            verified_by: actorLabel(who),
            verified_at: clock.now().toISOString(),
            verify_note: input.note ?? null,
          };
        },
        exec,
      );
    },

    /** 销号: after a check that passed; never by the person who rectified it. */
    async close(who: Who, id: string, input: { note?: string } = {}, exec?: Kysely<DB>) {
      return step(
        who,
        id,
        "close",
        async (h) => {
          if (h.status !== "verified") throw errors.conflict("隐患须核查通过后才能销号", "A hazard is closed only after it has been verified");
          if (sameActor(who, h.rectified_by_id, h.rectified_by))
            throw errors.badRequest("整改人不能为自己的整改销号", "The person who rectified a hazard cannot close it");
          return {
            status: "closed",
            closed_on: today(),
            closed_month: today().slice(0, 7),
            closed_by: actorLabel(who),
            verify_note: input.note ? `${h.verify_note ?? ""}${h.verify_note ? "；" : ""}${input.note}` : h.verify_note,
          };
        },
        exec,
      );
    },

    async cancel(who: Who, id: string, reason: string) {
      return step(who, id, "cancel", async (h) => {
        if (h.status === "closed" || h.status === "cancelled")
          throw errors.conflict("已销号或已撤销的隐患不能撤销", "A closed or cancelled hazard cannot be cancelled");
        return { status: "cancelled", verify_note: reason };
      });
    },

    /** Marks every assigned hazard past its deadline as overdue and escalated (to the community leader's list). */
    async escalateOverdue(who: Who, exec?: Kysely<DB>) {
      const run = async (trx: Kysely<DB>) => {
        const t = today();
        const rows = await hazardsInScope(trx, who.scope)
          .select(["h.id", "h.community_id", "h.deadline"])
          .where("h.status", "=", "assigned")
          .where("h.deadline", "<", t)
          .where("h.escalated", "=", 0)
          .execute();
        const now = clock.now().toISOString();
        for (const r of rows) {
          await trx.updateTable("safety_hazards").set({ escalated: 1, overdue: 1, escalated_at: now, updated_at: now }).where("id", "=", r.id).execute();
          await audit.record(trx, who, {
            action: "hazard.escalate",
            entity: "hazard",
            entityId: r.id,
            communityId: r.community_id,
            after: { escalated: 1, deadline: r.deadline, on: t },
          });
        }
        return rows.length;
      };
      return inTx(db, exec, run);
    },

    /** The hazards a module's records opened (by source and sourceRef), in scope, oldest first: a night patrol's page lists its own. */
    async bySourceRef(scope: Scope, source: string, refs: readonly string[], exec: Kysely<DB> = db): Promise<THazard[]> {
      if (!refs.length) return [];
      const t = today();
      const rows = await hazardsInScope(exec, scope)
        .selectAll("h")
        .select("g.name as grid_name")
        .where("h.source", "=", source)
        .where("h.source_ref", "in", [...refs])
        .orderBy("h.found_on")
        .orderBy("h.id")
        .execute();
      return rows.map((r) => toHazard(r as Row, t));
    },

    /** The state of hazards by id, for the module whose records opened them (no scope: those records were read in scope). */
    states: (ids: readonly string[], exec: Kysely<DB> = db) => hazardStates(exec, ids),
  };
}
