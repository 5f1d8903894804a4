import type { Kysely } from "kysely";
import {
  type TBookingCreate,
  type TPartnerCreate,
  type TVenueCreate,
  type TVenueQuery,
  type VENUE_STATES,
  ZBookingCreate,
  ZPartnerCreate,
  ZRoomCreate,
  ZVenueCreate,
  ZVenueUpdate,
} from "../../../contracts/activities.js";
import { ilike } from "../../db/connect.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { endOfLocalDay, localDate, localParts, startOfLocalDay, todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { orgsInScope } from "../../platform/organisations/organisations.service.js";
import { gridAt } from "../../platform/regions/regions.service.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { actorName, type Who } from "../../platform/who.js";
import { json } from "./activities.common.js";
import { bookingsInScope, partnersInScope, venuesInScope } from "./activities.repo.js";
import type { ActVenueTable } from "./activities.tables.js";

// 阵地 venues: kind, location (grid worked out from it), state and opening date, rooms with their
// capacity, room bookings (a double booking is refused, naming the booking it clashes with), and
// the partner units' 共建 agreements.

const VENUE = { zh: "阵地", en: "Venue" };
const ROOM = { zh: "功能室", en: "Room" };

type Deps = { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string } };

export type VenueRow = ActVenueTable & { grid_name: string | null; org_name: string | null };

export const toVenue = (r: VenueRow) => ({
  id: r.id,
  communityId: r.community_id,
  gridId: r.grid_id,
  gridName: r.grid_name,
  name: r.name,
  kind: r.kind,
  address: r.address,
  lng: r.lng,
  lat: r.lat,
  orgId: r.org_id,
  orgName: r.org_name,
  state: r.state,
  openedOn: r.opened_on,
  hours: r.hours,
  photos: json<string[]>(r.photos, []),
  note: r.note,
});
export type TVenue = ReturnType<typeof toVenue>;

/** Reads an organisation of the scope through the platform's organisation query (its kind names 妇联 etc.). */
export async function orgOf(exec: Kysely<DB>, scope: Scope, id: string) {
  const o = await orgsInScope(exec, scope).select(["o.id", "o.kind", "o.name", "o.community_id"]).where("o.id", "=", id).executeTakeFirst();
  if (!o) throw errors.badRequest("所选组织不存在或不在您的数据范围内", "The organisation chosen does not exist or lies outside your data scope");
  return o;
}

export async function gridOf(exec: Kysely<DB>, scope: Scope, communityId: string, v: { gridId?: string | null; lng?: number | null; lat?: number | null }) {
  if (v.gridId) {
    const g = await exec.selectFrom("regions").select(["id", "level", "community_id"]).where("id", "=", v.gridId).executeTakeFirst();
    if (g?.level !== "grid" || g.community_id !== communityId) throw errors.badRequest("所选网格不属于该社区", "The grid chosen is not in this community");
    return g.id;
  }
  if (v.lng != null && v.lat != null) {
    const g = await gridAt(exec, scope, v.lng, v.lat);
    if (g && g.community_id === communityId) return g.id;
  }
  return null;
}

export function createVenuesService(deps: Deps) {
  const { db, audit, clock } = deps;
  const tz = deps.config.timeZone;
  const today = () => todayOf(clock.now(), tz);

  async function raw(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<VenueRow> {
    const r = await venuesInScope(exec, scope).selectAll("v").select(["g.name as grid_name", "o.name as org_name"]).where("v.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(VENUE);
    return r as VenueRow;
  }

  async function roomOf(scope: Scope, roomId: string, exec: Kysely<DB>) {
    const r = await exec
      .selectFrom("act_rooms as r")
      .innerJoin("act_venues as v", "v.id", "r.venue_id")
      .select(["r.id", "r.name", "r.capacity", "r.venue_id", "r.archived", "v.name as venue_name", "v.state", "v.community_id"])
      .where("r.id", "=", roomId)
      .executeTakeFirst();
    if (!r) throw errors.notFound(ROOM);
    await raw(scope, r.venue_id, exec);
    return r;
  }

  return {
    today,
    raw,
    roomOf,
    async list(scope: Scope, f: TVenueQuery = {}) {
      let q = venuesInScope(db, scope).selectAll("v").select(["g.name as grid_name", "o.name as org_name"]);
      if (f.communityId) q = q.where("v.community_id", "=", f.communityId);
      if (f.kind) q = q.where("v.kind", "=", f.kind);
      if (f.state) q = q.where("v.state", "=", f.state);
      const needle = f.q?.trim();
      if (needle) q = q.where((eb) => eb.or([ilike("v.name", needle), ilike("v.address", needle)]));
      const rows = (await q.orderBy("v.name").execute()) as VenueRow[];
      const rooms = rows.length
        ? await db
            .selectFrom("act_rooms")
            .select(["venue_id", (eb) => eb.fn.countAll<number>().as("n")])
            .where(
              "venue_id",
              "in",
              rows.map((r) => r.id),
            )
            .where("archived", "=", 0)
            .groupBy("venue_id")
            .execute()
        : [];
      const n = new Map(rooms.map((r) => [r.venue_id, Number(r.n)]));
      return rows.map((r) => ({ ...toVenue(r), rooms: n.get(r.id) ?? 0 }));
    },
    async get(scope: Scope, id: string) {
      const v = toVenue(await raw(scope, id));
      const rooms = await db.selectFrom("act_rooms").selectAll().where("venue_id", "=", id).orderBy("name").execute();
      return { ...v, rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, archived: !!r.archived })) };
    },
    async create(who: Who, input: TVenueCreate, exec?: Kysely<DB>) {
      const v = ZVenueCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        await communityInScope(trx, who.scope, v.communityId);
        if (v.orgId) await orgOf(trx, who.scope, v.orgId);
        if (v.state !== "planning" && !v.openedOn) throw errors.badRequest("已开放的阵地须填写启用日期", "An open venue needs its opening date");
        const now = clock.now().toISOString();
        const row: ActVenueTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: v.communityId,
          grid_id: await gridOf(trx, who.scope, v.communityId, v),
          name: v.name,
          kind: v.kind,
          address: v.address ?? null,
          lng: v.lng ?? null,
          lat: v.lat ?? null,
          org_id: v.orgId ?? null,
          state: v.state,
          opened_on: v.openedOn ?? null,
          hours: v.hours ?? null,
          photos: JSON.stringify(v.photos ?? []),
          note: v.note ?? null,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("act_venues").values(row).execute();
        await audit.record(trx, who, { action: "venue.create", entity: "venue", entityId: row.id, communityId: row.community_id, after: row });
        return toVenue(await raw(who.scope, row.id, trx));
      });
    },
    async update(who: Who, id: string, input: unknown) {
      const v = ZVenueUpdate.parse(input);
      return inTx(db, null, async (trx) => {
        const before = await raw(who.scope, id, trx);
        if (v.orgId) await orgOf(trx, who.scope, v.orgId);
        const patch: Partial<ActVenueTable> = { updated_at: clock.now().toISOString() };
        if (v.name !== undefined) patch.name = v.name;
        if (v.kind !== undefined) patch.kind = v.kind;
        if (v.address !== undefined) patch.address = v.address;
        if (v.hours !== undefined) patch.hours = v.hours;
        if (v.note !== undefined) patch.note = v.note;
        if (v.orgId !== undefined) patch.org_id = v.orgId;
        if (v.openedOn !== undefined) patch.opened_on = v.openedOn;
        if (v.photos !== undefined) patch.photos = JSON.stringify(v.photos);
        if (v.lng !== undefined || v.lat !== undefined || v.gridId !== undefined) {
          patch.lng = v.lng ?? before.lng;
          patch.lat = v.lat ?? before.lat;
          patch.grid_id = await gridOf(trx, who.scope, before.community_id, { gridId: v.gridId, lng: patch.lng, lat: patch.lat });
        }
        await trx.updateTable("act_venues").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, { action: "venue.update", entity: "venue", entityId: id, communityId: before.community_id, before, after: patch });
        return toVenue(await raw(who.scope, id, trx));
      });
    },
    /** 筹建 → 开放 ⇄ 暂停 → 关闭; opening sets the opening date (the day given, or today). */
    async setState(who: Who, id: string, state: (typeof VENUE_STATES)[number], on?: string) {
      return inTx(db, null, async (trx) => {
        const before = await raw(who.scope, id, trx);
        const allowed: Record<string, string[]> = { planning: ["open", "closed"], open: ["paused", "closed"], paused: ["open", "closed"], closed: [] };
        if (!allowed[before.state]?.includes(state))
          throw errors.conflict(`阵地当前状态不能变为该状态（${before.state} → ${state}）`, `A venue cannot go from ${before.state} to ${state}`);
        const patch: Partial<ActVenueTable> = { state, updated_at: clock.now().toISOString() };
        if (state === "open" && !before.opened_on) patch.opened_on = on ?? today();
        await trx.updateTable("act_venues").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, { action: "venue.state", entity: "venue", entityId: id, communityId: before.community_id, before, after: patch });
        return toVenue(await raw(who.scope, id, trx));
      });
    },
    async addRoom(who: Who, venueId: string, input: unknown, exec?: Kysely<DB>) {
      const v = ZRoomCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        const venue = await raw(who.scope, venueId, trx);
        const row = {
          id: uuidv7(clock.now().getTime()),
          venue_id: venueId,
          community_id: venue.community_id,
          name: v.name,
          capacity: v.capacity,
          archived: 0,
          created_at: clock.now().toISOString(),
        };
        await trx.insertInto("act_rooms").values(row).execute();
        await audit.record(trx, who, { action: "venue.room_add", entity: "venue", entityId: venueId, communityId: venue.community_id, after: row });
        return { id: row.id, name: row.name, capacity: row.capacity, archived: false };
      });
    },

    /** Books a room; an overlapping booking of the same room is refused with that booking named. */
    async book(who: Who, input: TBookingCreate, exec?: Kysely<DB>) {
      const v = ZBookingCreate.parse(input);
      const startsAt = new Date(v.startsAt).toISOString();
      const endsAt = new Date(v.endsAt).toISOString();
      if (endsAt <= startsAt) throw errors.badRequest("结束时间须晚于开始时间", "The end must be after the start");
      return inTx(db, exec, async (trx) => {
        const room = await roomOf(who.scope, v.roomId, trx);
        if (room.archived) throw errors.badRequest("该功能室已停用", "That room is no longer in use");
        if (room.state === "closed") throw errors.badRequest("该阵地已关闭，不能预约", "That venue is closed");
        const clash = await trx
          .selectFrom("act_bookings")
          .select(["id", "title", "starts_at", "ends_at"])
          .where("room_id", "=", v.roomId)
          .where("status", "=", "booked")
          .where("starts_at", "<", endsAt)
          .where("ends_at", ">", startsAt)
          .orderBy("starts_at")
          .executeTakeFirst();
        if (clash) {
          const span = (iso: string) => {
            const p = localParts(new Date(iso), tz);
            return `${localDate(new Date(iso), tz)} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
          };
          throw errors.conflict(
            `该时段${room.name}已被预约：「${clash.title}」（${span(clash.starts_at)}–${span(clash.ends_at).slice(-5)}）`,
            `${room.name} is already booked then: "${clash.title}" (${span(clash.starts_at)}–${span(clash.ends_at).slice(-5)})`,
          );
        }
        const row = {
          id: uuidv7(clock.now().getTime()),
          community_id: room.community_id,
          venue_id: room.venue_id,
          room_id: v.roomId,
          activity_id: v.activityId ?? null,
          title: v.title,
          starts_at: startsAt,
          ends_at: endsAt,
          status: "booked",
          booked_by: actorName(who),
          cancel_reason: null,
          minutes: Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000),
          created_at: clock.now().toISOString(),
        };
        await trx.insertInto("act_bookings").values(row).execute();
        await audit.record(trx, who, { action: "booking.create", entity: "booking", entityId: row.id, communityId: row.community_id, after: row });
        return { id: row.id, roomId: row.room_id, roomName: room.name, venueId: row.venue_id, title: row.title, startsAt, endsAt, status: row.status };
      });
    },
    async cancelBooking(who: Who, id: string, reason: string, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const b = await bookingsInScope(trx, who.scope).selectAll("b").where("b.id", "=", id).executeTakeFirst();
        if (!b) throw errors.notFound({ zh: "预约", en: "Booking" });
        if (b.status === "cancelled") return { ok: true as const };
        await trx.updateTable("act_bookings").set({ status: "cancelled", cancel_reason: reason }).where("id", "=", id).execute();
        await audit.record(trx, who, { action: "booking.cancel", entity: "booking", entityId: id, communityId: b.community_id, before: b, after: { reason } });
        return { ok: true as const };
      });
    },
    async bookings(scope: Scope, f: { venueId?: string; from?: string; to?: string }) {
      let q = bookingsInScope(db, scope)
        .select([
          "b.id",
          "b.room_id",
          "r.name as room_name",
          "b.venue_id",
          "v.name as venue_name",
          "b.title",
          "b.starts_at",
          "b.ends_at",
          "b.status",
          "b.activity_id",
          "b.booked_by",
        ])
        .where("b.status", "=", "booked");
      if (f.venueId) q = q.where("b.venue_id", "=", f.venueId);
      if (f.from) q = q.where("b.ends_at", ">=", startOfLocalDay(f.from, tz).toISOString());
      if (f.to) q = q.where("b.starts_at", "<", endOfLocalDay(f.to, tz).toISOString());
      const rows = await q.orderBy("b.starts_at").limit(1000).execute();
      return rows.map((b) => ({
        id: b.id,
        roomId: b.room_id,
        roomName: b.room_name,
        venueId: b.venue_id,
        venueName: b.venue_name,
        title: b.title,
        startsAt: b.starts_at,
        endsAt: b.ends_at,
        status: b.status,
        activityId: b.activity_id,
        bookedBy: b.booked_by,
      }));
    },

    // ---------------------------------------------------------------- partners (共建单位)
    async addPartner(who: Who, input: TPartnerCreate, exec?: Kysely<DB>) {
      const v = ZPartnerCreate.parse(input);
      if (v.toDate && v.toDate < v.fromDate) throw errors.badRequest("协议结束日期不能早于开始日期", "The agreement cannot end before it starts");
      return inTx(db, exec, async (trx) => {
        await communityInScope(trx, who.scope, v.communityId);
        await orgOf(trx, who.scope, v.orgId);
        const row = {
          id: uuidv7(clock.now().getTime()),
          community_id: v.communityId,
          org_id: v.orgId,
          offers: JSON.stringify(v.offers),
          from_date: v.fromDate,
          to_date: v.toDate ?? null,
          note: v.note ?? null,
          created_at: clock.now().toISOString(),
        };
        await trx.insertInto("act_partners").values(row).execute();
        await audit.record(trx, who, { action: "partner.create", entity: "partner", entityId: row.id, communityId: row.community_id, after: row });
        return { id: row.id };
      });
    },
    async partners(scope: Scope) {
      const rows = await partnersInScope(db, scope)
        .select(["pa.id", "pa.org_id", "o.name as org_name", "o.kind as org_kind", "pa.offers", "pa.from_date", "pa.to_date", "pa.note"])
        .orderBy("o.name")
        .execute();
      const counts = rows.length
        ? await db
            .selectFrom("act_coorganisers as c")
            .innerJoin("act_activities as a", "a.id", "c.activity_id")
            .select(["c.org_id", (eb) => eb.fn.countAll<number>().as("n")])
            .where(
              "c.org_id",
              "in",
              rows.map((r) => r.org_id),
            )
            .where("a.status", "!=", "cancelled")
            .groupBy("c.org_id")
            .execute()
        : [];
      const n = new Map(counts.map((c) => [c.org_id, Number(c.n)]));
      return rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        orgName: r.org_name,
        orgKind: r.org_kind,
        offers: json<string[]>(r.offers, []),
        fromDate: r.from_date,
        toDate: r.to_date,
        note: r.note,
        activities: n.get(r.org_id) ?? 0,
      }));
    },
  };
}
export type VenuesService = ReturnType<typeof createVenuesService>;
