import type { Kysely } from "kysely";
import { PLACE_KINDS, type PlaceKind, type TInspection, type TInspectionCreate, type TPlace, type TPlaceCreate } from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { addDays, daysBetween, todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { actorName, type Who } from "../../platform/who.js";
import type { HazardsService } from "./hazards.service.js";
import { actorLabel, gridInScope, json, notFuture, SAFETY_SETTINGS, settingIn } from "./safety.common.js";
import { inspectionItemInScope, inspectionItemRows, inspectionsInScope, placesInScope } from "./safety.repo.js";
import type { SafetyPlaceTable } from "./safety.tables.js";

/** Default checklists per place kind; administrators replace them on the checklist page. */
export const DEFAULT_CHECKLISTS: Record<PlaceKind, string[]> = {
  shop: ["消防通道畅通", "灭火器在有效期内", "电线无私拉乱接", "无违规住人（三合一）", "燃气软管及报警器正常"],
  rental: ["楼道无电动车停放充电", "消防通道畅通", "烟感报警器完好", "电线无私拉乱接", "逃生出口畅通"],
  three_small: ["无“三合一”住人", "灭火器配置到位", "安全出口与疏散指示完好", "电线无私拉乱接", "无违规使用明火"],
  construction: ["作业人员佩戴安全帽", "临边洞口防护到位", "脚手架稳固", "临时用电规范", "围挡完好无破损"],
  venue: ["应急照明正常", "安全出口畅通", "消防设施完好", "人员容量符合规定"],
  school: ["校门口交通秩序良好", "消防设施完好", "食堂燃气安全", "周边无危险摊贩"],
};

const toPlace = (r: SafetyPlaceTable & { grid_name?: string | null }): TPlace => ({
  id: r.id,
  communityId: r.community_id,
  gridId: r.grid_id,
  gridName: r.grid_name ?? null,
  kind: r.kind as PlaceKind,
  name: r.name,
  address: r.address,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  intervalDays: Number(r.interval_days),
  lastInspectedOn: r.last_inspected_on,
  nextDueOn: r.last_inspected_on ? addDays(r.last_inspected_on, Number(r.interval_days)) : null,
  archived: !!r.archived,
});

export type InspectionFilter = { placeId?: string; gridId?: string; result?: string; from?: string; to?: string };

export function createInspectionsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string }; hazards: HazardsService }) {
  const { db, audit, clock, hazards } = deps;
  const today = () => todayOf(clock.now(), deps.config.timeZone);

  async function placeRaw(scope: Scope, id: string, exec: Kysely<DB>) {
    const r = await placesInScope(exec, scope).selectAll("p").select("g.name as grid_name").where("p.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound({ zh: "场所", en: "Place" });
    return r;
  }

  function filteredInspections(scope: Scope, f: InspectionFilter) {
    let q = inspectionsInScope(db, scope);
    if (f.placeId) q = q.where("i.place_id", "=", f.placeId);
    if (f.gridId) q = q.where("i.grid_id", "=", f.gridId);
    if (f.result) q = q.where("i.result", "=", f.result);
    if (f.from) q = q.where("i.inspected_on", ">=", f.from);
    if (f.to) q = q.where("i.inspected_on", "<=", f.to);
    return q;
  }
  const inspectionCols = [
    "i.id",
    "i.community_id",
    "i.grid_id",
    "g.name as grid_name",
    "i.place_id",
    "p.name as place_name",
    "i.place_kind",
    "i.inspected_on",
    "i.inspectors",
    "i.result",
    "i.failed_count",
    "i.note",
  ] as const;
  const toInspection = (r: any): TInspection => ({
    id: r.id,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    placeId: r.place_id,
    placeName: r.place_name,
    placeKind: r.place_kind,
    inspectedOn: r.inspected_on,
    inspectors: json(r.inspectors, []),
    result: r.result,
    failedCount: Number(r.failed_count),
    note: r.note,
  });

  async function checklistIn(exec: Kysely<DB>, kind: PlaceKind) {
    const r = await exec.selectFrom("safety_checklists").selectAll().where("place_kind", "=", kind).executeTakeFirst();
    return { placeKind: kind, items: r ? json<string[]>(r.items, DEFAULT_CHECKLISTS[kind]) : DEFAULT_CHECKLISTS[kind], updatedAt: r?.updated_at ?? null };
  }

  return {
    // ------------------------------------------------------------ places (场所台账)
    async listPlaces(scope: Scope, f: { q?: string; kind?: string; gridId?: string; page: number; pageSize: number }) {
      let q = placesInScope(db, scope).where("p.archived", "=", 0);
      if (f.kind) q = q.where("p.kind", "=", f.kind);
      if (f.gridId) q = q.where("p.grid_id", "=", f.gridId);
      if (f.q) q = q.where((eb) => eb(eb.fn("lower", ["p.name"]), "like", `%${f.q?.toLowerCase()}%`));
      const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await q
        .selectAll("p")
        .select("g.name as grid_name")
        .orderBy("p.name")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map(toPlace), total, page: f.page, pageSize: f.pageSize };
    },
    async getPlace(scope: Scope, id: string) {
      return toPlace(await placeRaw(scope, id, db));
    },
    async createPlace(who: Who, input: TPlaceCreate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const grid = await gridInScope(trx, who.scope, input.gridId);
        const intervals = await settingIn(trx, SAFETY_SETTINGS.inspectionInterval, grid.communityId);
        const now = clock.now().toISOString();
        const row: SafetyPlaceTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: grid.communityId,
          grid_id: grid.id,
          kind: input.kind,
          name: input.name,
          address: input.address ?? null,
          contact_name: input.contactName ?? null,
          contact_phone: input.contactPhone ?? null,
          interval_days: input.intervalDays ?? intervals[input.kind],
          last_inspected_on: null,
          archived: 0,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("safety_places").values(row).execute();
        await audit.record(trx, who, {
          action: "place.create",
          entity: "safety_place",
          entityId: row.id,
          communityId: row.community_id,
          after: row,
        });
        return toPlace({ ...row, grid_name: grid.name });
      });
    },
    async updatePlace(who: Who, id: string, input: Partial<TPlaceCreate> & { archived?: boolean }) {
      return inTx(db, undefined, async (trx) => {
        const before = await placeRaw(who.scope, id, trx);
        const patch: Partial<SafetyPlaceTable> = { updated_at: clock.now().toISOString() };
        if (input.kind !== undefined) patch.kind = input.kind;
        if (input.name !== undefined) patch.name = input.name;
        if (input.address !== undefined) patch.address = input.address;
        if (input.contactName !== undefined) patch.contact_name = input.contactName;
        if (input.contactPhone !== undefined) patch.contact_phone = input.contactPhone;
        if (input.intervalDays !== undefined) patch.interval_days = input.intervalDays;
        if (input.archived !== undefined) patch.archived = input.archived ? 1 : 0;
        await trx.updateTable("safety_places").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, {
          action: input.archived ? "place.archive" : "place.update",
          entity: "safety_place",
          entityId: id,
          communityId: before.community_id,
          before,
          after: patch,
        });
        return toPlace({ ...before, ...patch });
      });
    },

    // ------------------------------------------------------------ checklists (检查表)
    async checklists() {
      const out = [];
      for (const k of PLACE_KINDS) out.push(await checklistIn(db, k));
      return out;
    },
    checklist: (kind: PlaceKind) => checklistIn(db, kind),
    async putChecklist(who: Who, kind: PlaceKind, items: string[]) {
      return inTx(db, undefined, async (trx) => {
        const before = await checklistIn(trx, kind);
        const row = { place_kind: kind, items: JSON.stringify(items), updated_at: clock.now().toISOString(), updated_by: actorName(who) };
        const exists = await trx.selectFrom("safety_checklists").select("place_kind").where("place_kind", "=", kind).executeTakeFirst();
        if (exists) await trx.updateTable("safety_checklists").set(row).where("place_kind", "=", kind).execute();
        else await trx.insertInto("safety_checklists").values(row).execute();
        await audit.record(trx, who, {
          action: "checklist.update",
          entity: "safety_checklist",
          entityId: kind,
          before: before.items,
          after: items,
        });
        return { placeKind: kind, items, updatedAt: row.updated_at };
      });
    },

    // ------------------------------------------------------------ inspections (安全检查)
    async create(who: Who, input: TInspectionCreate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const place = await placeRaw(who.scope, input.placeId, trx);
        if (place.archived) throw errors.badRequest("该场所已归档，不能检查", "This place is archived");
        notFuture(input.inspectedOn, today(), "检查日期", "The inspection date");
        const failed = input.items.filter((i) => !i.passed);
        for (const f of failed) if (!f.note) throw errors.badRequest(`不合格项「${f.item}」须填写情况说明`, `The failed item "${f.item}" needs a note`);
        const now = clock.now().toISOString();
        const id = uuidv7(clock.now().getTime());
        const row = {
          id,
          community_id: place.community_id,
          grid_id: place.grid_id,
          place_id: place.id,
          place_kind: place.kind,
          inspected_on: input.inspectedOn,
          inspected_month: input.inspectedOn.slice(0, 7),
          inspectors: JSON.stringify(input.inspectors),
          result: failed.length ? "failed" : "passed",
          failed_count: failed.length,
          note: input.note ?? null,
          created_by: actorLabel(who),
          created_at: now,
        };
        await trx.insertInto("safety_inspections").values(row).execute();
        await trx
          .insertInto("safety_inspection_items")
          .values(
            input.items.map((it, k) => ({
              id: uuidv7(clock.now().getTime()),
              inspection_id: id,
              community_id: place.community_id,
              sort: k,
              item: it.item,
              passed: it.passed ? 1 : 0,
              note: it.note ?? null,
              photos: JSON.stringify(it.photos ?? []),
              hazard_id: null,
            })),
          )
          .execute();
        if (!place.last_inspected_on || place.last_inspected_on < input.inspectedOn)
          await trx.updateTable("safety_places").set({ last_inspected_on: input.inspectedOn }).where("id", "=", place.id).execute();
        await audit.record(trx, who, {
          action: "inspection.create",
          entity: "safety_inspection",
          entityId: id,
          communityId: place.community_id,
          after: { ...row, items: input.items },
        });
        return id;
      });
    },

    async list(scope: Scope, f: InspectionFilter & { page: number; pageSize: number }) {
      const base = filteredInspections(scope, f);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .select([...inspectionCols])
        .orderBy("i.inspected_on", "desc")
        .orderBy("i.id", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map(toInspection), total, page: f.page, pageSize: f.pageSize };
    },
    async exportRows(who: Who, f: InspectionFilter) {
      const rows = await filteredInspections(who.scope, f)
        .select([...inspectionCols])
        .orderBy("i.inspected_on", "desc")
        .limit(100_000)
        .execute();
      await audit.record(db, who, {
        action: "inspection.export",
        entity: "safety_inspection",
        after: { filter: f, rows: rows.length },
      });
      return rows.map(toInspection);
    },

    /** Every item of the inspections in the filter, one row each (the export that reads back in); written to the audit log. */
    async exportItems(who: Who, f: InspectionFilter) {
      const rows = await inspectionItemRows(db, who.scope, f);
      await audit.record(db, who, { action: "inspection.export", entity: "safety_inspection", after: { filter: f, rows: rows.length } });
      return f.result ? rows.filter((r) => (f.result === "passed") === !!r.passed) : rows;
    },

    async get(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<TInspection> {
      const r = await inspectionsInScope(exec, scope)
        .select([...inspectionCols])
        .where("i.id", "=", id)
        .executeTakeFirst();
      if (!r) throw errors.notFound({ zh: "检查记录", en: "Inspection" });
      const items = await exec
        .selectFrom("safety_inspection_items as it")
        .leftJoin("safety_hazards as h", "h.id", "it.hazard_id")
        .select(["it.id", "it.item", "it.passed", "it.note", "it.photos", "it.hazard_id", "h.code as hazard_code", "h.status as hazard_status"])
        .where("it.inspection_id", "=", id)
        .orderBy("it.sort")
        .execute();
      return {
        ...toInspection(r),
        items: items.map((i) => ({
          id: i.id,
          item: i.item,
          passed: !!i.passed,
          note: i.note,
          photos: json(i.photos, []),
          hazardId: i.hazard_id,
          hazardCode: i.hazard_code ?? null,
          hazardStatus: (i.hazard_status as any) ?? null,
        })),
      };
    },

    /** 一键转隐患: a failed item opens a hazard (source inspection, sourceRef the item), once. */
    async openHazard(who: Who, itemId: string, input: { kind: string; risk: string; description?: string }, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const it = await inspectionItemInScope(trx, who.scope, itemId);
        if (!it) throw errors.notFound({ zh: "检查项", en: "Inspection item" });
        if (it.passed) throw errors.badRequest("合格的检查项不能转为隐患", "Only a failed item opens a hazard");
        if (it.hazard_id) throw errors.conflict("该检查项已转为隐患", "This item has already opened a hazard");
        const h = await hazards.create(
          who,
          {
            gridId: it.grid_id,
            source: "inspection",
            sourceRef: it.inspection_id,
            kind: input.kind as any,
            risk: input.risk as any,
            place: it.address ? `${it.place_name}（${it.address}）` : it.place_name,
            description: input.description || `${it.item}：${it.note ?? "不合格"}`,
            photos: json(it.photos, []),
            foundOn: it.inspected_on,
          },
          trx,
        );
        await trx.updateTable("safety_inspection_items").set({ hazard_id: h.id }).where("id", "=", it.id).execute();
        return h;
      });
    },

    /** 每日检查计划: places due on a day, those whose due day passed without an inspection, and those done that day. */
    async plan(scope: Scope, date?: string) {
      const d = date ?? today();
      const rows = await placesInScope(db, scope).selectAll("p").select("g.name as grid_name").where("p.archived", "=", 0).orderBy("p.name").execute();
      const out = [];
      for (const r of rows) {
        const last = r.last_inspected_on;
        const dueOn = last ? addDays(last, Number(r.interval_days)) : r.created_at.slice(0, 10);
        let state: "due" | "missed" | "done" | null = null;
        if (last === d) state = "done";
        else if (dueOn === d) state = "due";
        else if (dueOn < d) state = "missed";
        if (!state) continue;
        out.push({
          placeId: r.id,
          placeName: r.name,
          placeKind: r.kind as PlaceKind,
          gridName: r.grid_name ?? null,
          lastInspectedOn: last,
          dueOn,
          state,
          daysMissed: state === "missed" ? daysBetween(dueOn, d) : 0,
        });
      }
      const rank = { missed: 0, due: 1, done: 2 };
      out.sort((a, b) => rank[a.state] - rank[b.state] || b.daysMissed - a.daysMissed);
      return { date: d, items: out };
    },
  };
}
