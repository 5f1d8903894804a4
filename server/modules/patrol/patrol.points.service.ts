import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import {
  type PatrolForce,
  type TPoint,
  type TPointCreate,
  type TPointStatus,
  type TPointUpdate,
  ZPointCreate,
  ZPointUpdate,
} from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate, todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { gridAt } from "../../platform/regions/regions.service.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { POINT } from "./patrol.common.js";
import {
  insertPoint,
  type PointFilter,
  pointCount,
  pointDayRows,
  pointPage,
  pointRow,
  pointTokenRows,
  rawPointRow,
  toPoint,
  updatePointRow,
} from "./patrol.points.repo.js";
import type { PatrolPointTable } from "./patrol.tables.js";
import type { TeamsService } from "./patrol.teams.service.js";

// Patrol points (巡查点): set up inside a grid of their community, a QR code each (the token on
// the printed label), retired rather than deleted; today's state of each from the day counters.

const newToken = () => randomBytes(9).toString("base64url");

export type PointsService = ReturnType<typeof createPointsService>;

/** A point's set-up date: given (not after today, nor after its retirement), or today. */
function setUpOn(given: string | undefined, today: string, retiredOn: string | null): string {
  if (!given) return today;
  if (given > today) throw errors.badRequest(`设立日期 ${given} 晚于今天`, `The set-up date ${given} is after today`);
  if (retiredOn && given > retiredOn)
    throw errors.badRequest(`设立日期 ${given} 晚于停用日期 ${retiredOn}`, `The set-up date ${given} is after the retirement on ${retiredOn}`);
  return given;
}

export function createPointsService(
  deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string } },
  collaborators: { teams: Pick<TeamsService, "teamIn"> },
) {
  const { db, audit, clock } = deps;
  const tz = deps.config.timeZone;
  const { teams } = collaborators;
  const today = () => todayOf(clock.now(), tz);

  async function rawPoint(exec: Kysely<DB>, scope: Scope, id: string) {
    const r = await rawPointRow(exec, scope, id);
    if (!r) throw errors.notFound(POINT);
    return r;
  }

  async function getPoint(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await pointRow(exec, scope, id);
    if (!r) throw errors.notFound(POINT);
    return toPoint(r);
  }

  /** The grid a location lies in, inside the point's community and the caller's scope. */
  async function gridFor(exec: Kysely<DB>, scope: Scope, communityId: string, lng: number, lat: number) {
    const g = await gridAt(exec, scope, lng, lat);
    if (!g || g.community_id !== communityId)
      throw errors.badRequest("该位置不在本社区（您数据范围内）的任何网格中", "That location lies in no grid of this community within your data scope");
    return g;
  }

  async function listPoints(scope: Scope, f: PointFilter & { page: number; pageSize: number }, exec: Kysely<DB> = db) {
    const { rows, total } = await pointPage(exec, scope, f);
    return { items: rows.map(toPoint), total, page: f.page, pageSize: f.pageSize };
  }

  return {
    today,
    getPoint,
    rawPoint,
    listPoints,

    async createPoint(who: Who, input: TPointCreate, exec?: Kysely<DB>): Promise<TPoint> {
      const v = ZPointCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        await communityInScope(trx, who.scope, v.communityId);
        const grid = await gridFor(trx, who.scope, v.communityId, v.lng, v.lat);
        await teams.teamIn(trx, who.scope, v.teamId, v.communityId);
        const n = await pointCount(trx, v.communityId);
        const now = clock.now();
        const createdOn = setUpOn(v.createdOn, localDate(now, tz), null);
        const row: PatrolPointTable = {
          id: uuidv7(now.getTime()),
          community_id: v.communityId,
          grid_id: grid.id,
          code: `XC${String(n + 1).padStart(4, "0")}`,
          name: v.name,
          kind: v.kind,
          lng: v.lng,
          lat: v.lat,
          radius_m: v.radiusM,
          force: v.force,
          team_id: v.teamId ?? null,
          checklist: JSON.stringify(v.checklist),
          note: v.note ?? null,
          token: newToken(),
          active: 1,
          created_on: createdOn,
          retired_on: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await insertPoint(trx, row);
        const { token: _t, ...logged } = row;
        await audit.record(trx, who, { action: "patrol.point.create", entity: "patrol_point", entityId: row.id, communityId: row.community_id, after: logged });
        return getPoint(who.scope, row.id, trx);
      });
    },

    async updatePoint(who: Who, id: string, input: TPointUpdate): Promise<TPoint> {
      const v = ZPointUpdate.parse(input);
      return inTx(db, null, async (trx) => {
        const before = await rawPoint(trx, who.scope, id);
        const patch: Partial<PatrolPointTable> = { updated_at: clock.now().toISOString() };
        if (v.lng !== undefined || v.lat !== undefined) {
          const lng = v.lng ?? before.lng;
          const lat = v.lat ?? before.lat;
          patch.grid_id = (await gridFor(trx, who.scope, before.community_id, lng, lat)).id;
          patch.lng = lng;
          patch.lat = lat;
        }
        if (v.teamId !== undefined) patch.team_id = (await teams.teamIn(trx, who.scope, v.teamId, before.community_id))?.id ?? null;
        if (v.name !== undefined) patch.name = v.name;
        if (v.kind !== undefined) patch.kind = v.kind;
        if (v.radiusM !== undefined) patch.radius_m = v.radiusM;
        if (v.force !== undefined) patch.force = v.force;
        if (v.checklist !== undefined) patch.checklist = JSON.stringify(v.checklist);
        if (v.note !== undefined) patch.note = v.note ?? null;
        if (v.createdOn !== undefined) patch.created_on = setUpOn(v.createdOn, localDate(clock.now(), tz), before.retired_on);
        await updatePointRow(trx, id, patch);
        const { token: _t, ...b } = before;
        await audit.record(trx, who, {
          action: "patrol.point.update",
          entity: "patrol_point",
          entityId: id,
          communityId: before.community_id,
          before: b,
          after: patch,
        });
        return getPoint(who.scope, id, trx);
      });
    },

    /** Retire or reactivate; a retired point takes no new check-ins and leaves the active count. */
    async setActive(who: Who, id: string, active: boolean, exec?: Kysely<DB>): Promise<TPoint> {
      return inTx(db, exec, async (trx) => {
        const before = await rawPoint(trx, who.scope, id);
        if (!!before.active === active)
          throw errors.conflict(active ? "巡查点已是启用状态" : "巡查点已停用", active ? "The point is already active" : "The point is already retired");
        const patch = { active: active ? 1 : 0, retired_on: active ? null : localDate(clock.now(), tz), updated_at: clock.now().toISOString() };
        await updatePointRow(trx, id, patch);
        await audit.record(trx, who, {
          action: active ? "patrol.point.reactivate" : "patrol.point.retire",
          entity: "patrol_point",
          entityId: id,
          communityId: before.community_id,
          after: patch,
        });
        return getPoint(who.scope, id, trx);
      });
    },

    /** A new QR token: labels printed before stop matching (check-ins with the old one are flagged). */
    async regenerateToken(who: Who, id: string) {
      return inTx(db, null, async (trx) => {
        const before = await rawPoint(trx, who.scope, id);
        const token = newToken();
        await updatePointRow(trx, id, { token, updated_at: clock.now().toISOString() });
        await audit.record(trx, who, { action: "patrol.point.regenerate_code", entity: "patrol_point", entityId: id, communityId: before.community_id });
        return { id, token };
      });
    },

    /** Points with their current token, for the labels and the phone's check-in page. */
    async pointTokens(scope: Scope, ids: string[]) {
      if (!ids.length) return [];
      return pointTokenRows(db, scope, ids);
    },

    /** What the phone's check-in page needs: the point, and whether the scanned code is its current one (null: none scanned). */
    async checkinInfo(scope: Scope, id: string, token?: string) {
      const raw = await rawPoint(db, scope, id);
      return { point: await getPoint(scope, id), tokenValid: token ? token === raw.token : null };
    },

    /** Points for an export, the export itself recorded in the audit log. */
    async exportPoints(who: Who, f: PointFilter) {
      const { items } = await listPoints(who.scope, { ...f, page: 1, pageSize: 100_000 });
      await audit.record(db, who, { action: "patrol.point.export", entity: "patrol_point", after: { rows: items.length } });
      return items;
    },

    /** The active points of a grid in scope (for other modules, through patrol.api.ts). */
    /** The points of a grid; `exec`: the caller's transaction when it reads inside one (SQLite has one connection). */
    async inGrid(scope: Scope, gridId: string, exec?: Kysely<DB>): Promise<TPoint[]> {
      return (await listPoints(scope, { gridId, page: 1, pageSize: 100_000 }, exec)).items;
    },

    /** Today's state of every active point, from the per-point day counters (no recount). */
    async mapToday(scope: Scope, date = today()): Promise<TPointStatus[]> {
      const rows = await pointDayRows(db, scope, date);
      return rows.map((r) => {
        const n = Number(r.checkins ?? 0);
        const ab = Number(r.abnormal ?? 0);
        const fl = Number(r.flagged ?? 0);
        return {
          id: r.id,
          name: r.name,
          kind: r.kind,
          force: r.force as PatrolForce,
          gridId: r.grid_id,
          lng: Number(r.lng),
          lat: Number(r.lat),
          checkins: n,
          abnormal: ab,
          flagged: fl,
          lastAt: r.last_at ?? null,
          status: n === 0 ? "todo" : ab > 0 ? "abnormal" : fl > 0 ? "flagged" : "done",
        };
      });
    },
  };
}
