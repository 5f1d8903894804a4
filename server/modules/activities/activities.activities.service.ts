import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { type TActivityCreate, type TActivityQuery, type TSeriesCreate, ZActivityCreate, ZSeriesCreate, ZTypePut } from "../../../contracts/activities.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate, todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { actorName, type Who } from "../../platform/who.js";
import { json, shortCode } from "./activities.common.js";
import { activitiesInScope, activitiesNewestFirst, activitiesToCount, seriesInScope } from "./activities.repo.js";
import type { ActActivityTable } from "./activities.tables.js";
import { gridOf, orgOf, type VenuesService } from "./activities.venues.service.js";

// Activities: type from the editable catalogue (its class says which figure counts it), organiser
// and co-organisers (organisations of the platform), venue and room (booked with the activity) or a
// free location, start/end, capacity, audience, series. Series (品牌项目) know their editions: the
// edition of a yearly series' activity is the number of years, from the series' first year up to the
// activity's, in which the series held an activity (so 为爱益行 2024 is the 9th, computed, not typed).

const ACTIVITY = { zh: "活动", en: "Activity" };
/** A list counts its activities up to this many (see `list`). */
export const COUNT_CAP = 10_000;

type Row = ActActivityTable & {
  type_name: string;
  type_name_en: string;
  venue_name: string | null;
  room_name: string | null;
  grid_name: string | null;
  organiser_name: string | null;
  series_name: string | null;
};

export const ACTIVITY_COLS = [
  "a.id",
  "a.code",
  "a.community_id",
  "a.grid_id",
  "a.title",
  "a.type_code",
  "a.type_class",
  "a.organiser_id",
  "a.organiser_kind",
  "a.venue_id",
  "a.room_id",
  "a.location",
  "a.online",
  "a.starts_at",
  "a.ends_at",
  "a.start_date",
  "a.start_month",
  "a.capacity",
  "a.audience",
  "a.series_id",
  "a.description",
  "a.public",
  "a.status",
  "a.cancel_reason",
  "a.checkin_code",
  "a.checked_in",
  "a.head_count",
  "a.head_count_note",
  "a.attendance",
  "a.signed_up",
  "a.training_hours",
  "a.created_by",
  "a.created_at",
  "a.updated_at",
  "t.name as type_name",
  "t.name_en as type_name_en",
  "v.name as venue_name",
  "rm.name as room_name",
  "g.name as grid_name",
  "o.name as organiser_name",
  "se.name as series_name",
] as const;

export const toActivity = (r: Row) => ({
  id: r.id,
  code: r.code,
  communityId: r.community_id,
  gridId: r.grid_id,
  gridName: r.grid_name,
  title: r.title,
  typeCode: r.type_code,
  typeName: r.type_name,
  typeNameEn: r.type_name_en,
  typeClass: r.type_class,
  organiserId: r.organiser_id,
  organiserName: r.organiser_name,
  venueId: r.venue_id,
  venueName: r.venue_name,
  roomId: r.room_id,
  roomName: r.room_name,
  location: r.location,
  online: !!r.online,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  startDate: r.start_date,
  capacity: r.capacity,
  audience: json<string[]>(r.audience, []),
  seriesId: r.series_id,
  seriesName: r.series_name,
  description: r.description,
  public: !!r.public,
  status: r.status,
  cancelReason: r.cancel_reason,
  checkedIn: r.checked_in,
  headCount: r.head_count,
  headCountNote: r.head_count_note,
  attendance: r.attendance,
  signedUp: r.signed_up,
  trainingHours: r.training_hours,
});
export type TActivity = ReturnType<typeof toActivity>;

/** The edition (第N届) of each series activity: years with a held activity from the first year up to it. */
export async function editionsOf(exec: Kysely<DB>, seriesId: string): Promise<Map<number, number>> {
  const s = await exec.selectFrom("act_series").select(["first_year"]).where("id", "=", seriesId).executeTakeFirst();
  if (!s) return new Map();
  const years = await exec
    .selectFrom("act_activities")
    .select(sql<string>`substr(start_date, 1, 4)`.as("y"))
    .where("series_id", "=", seriesId)
    .where("status", "!=", "cancelled")
    .groupBy(sql`substr(start_date, 1, 4)`)
    .execute();
  const held = years
    .map((y) => Number(y.y))
    .filter((y) => y >= s.first_year)
    .sort((a, b) => a - b);
  return new Map(held.map((y, i) => [y, i + 1]));
}

export function createActivitiesService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string }; venues: VenuesService }) {
  const { db, audit, clock, venues } = deps;
  const tz = deps.config.timeZone;
  const today = () => todayOf(clock.now(), tz);

  async function raw(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<Row> {
    const r = await activitiesInScope(exec, scope)
      .select([...ACTIVITY_COLS])
      .where("a.id", "=", id)
      .executeTakeFirst();
    if (!r) throw errors.notFound(ACTIVITY);
    return r as Row;
  }

  async function typeOf(exec: Kysely<DB>, code: string) {
    const t = await exec.selectFrom("act_types").selectAll().where("code", "=", code).executeTakeFirst();
    if (!t?.active) throw errors.badRequest(`活动类型「${code}」不存在或已停用`, `Unknown or retired activity type "${code}"`);
    return t;
  }

  /** A list's filters, on the activity's own columns (so the count needs no joins). */
  function filters<Q extends SelectQueryBuilder<any, any, any>>(q: Q, f: Partial<TActivityQuery>): Q {
    let r = q as SelectQueryBuilder<any, any, any>;
    if (f.typeCode) r = r.where("a.type_code", "=", f.typeCode);
    if (f.typeClass) r = r.where("a.type_class", "=", f.typeClass);
    if (f.status) r = r.where("a.status", "=", f.status);
    if (f.venueId) r = r.where("a.venue_id", "=", f.venueId);
    if (f.seriesId) r = r.where("a.series_id", "=", f.seriesId);
    if (f.organiserId) r = r.where("a.organiser_id", "=", f.organiserId);
    if (f.from) r = r.where("a.start_date", ">=", f.from);
    if (f.to) r = r.where("a.start_date", "<=", f.to);
    if (f.q) r = r.where("a.title", "like", `%${f.q}%`);
    return r as Q;
  }
  const filtered = (scope: Scope, f: Partial<TActivityQuery>) => filters(activitiesInScope(db, scope), f);

  return {
    today,
    raw,
    typeOf,
    filtered,
    async types(all = false) {
      let q = db.selectFrom("act_types").selectAll();
      if (!all) q = q.where("active", "=", 1);
      const rows = await q.orderBy("sort").execute();
      return rows.map((t) => ({ code: t.code, name: t.name, nameEn: t.name_en, class: t.class, active: !!t.active }));
    },
    async putType(who: Who, input: unknown) {
      const v = ZTypePut.parse(input);
      return inTx(db, null, async (trx) => {
        const had = await trx.selectFrom("act_types").selectAll().where("code", "=", v.code).executeTakeFirst();
        const row = { name: v.name, name_en: v.nameEn, class: v.class, active: v.active ? 1 : 0 };
        if (had) await trx.updateTable("act_types").set(row).where("code", "=", v.code).execute();
        else {
          const max = await trx
            .selectFrom("act_types")
            .select((eb) => eb.fn.max("sort").as("m"))
            .executeTakeFirst();
          await trx
            .insertInto("act_types")
            .values({ code: v.code, ...row, sort: Number(max?.m ?? 0) + 1 })
            .execute();
        }
        await audit.record(trx, who, { action: "activity_type.put", entity: "activity_type", entityId: v.code, before: had ?? null, after: row });
        return { code: v.code, name: v.name, nameEn: v.nameEn, class: v.class, active: v.active };
      });
    },

    async createSeries(who: Who, input: TSeriesCreate, exec?: Kysely<DB>) {
      const v = ZSeriesCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        await communityInScope(trx, who.scope, v.communityId);
        if (v.orgId) await orgOf(trx, who.scope, v.orgId);
        if (v.typeCode) await typeOf(trx, v.typeCode);
        const row = {
          id: uuidv7(clock.now().getTime()),
          community_id: v.communityId,
          name: v.name,
          kind: v.kind,
          type_code: v.typeCode ?? null,
          first_year: v.firstYear,
          yearly: v.yearly ? 1 : 0,
          org_id: v.orgId ?? null,
          note: v.note ?? null,
          created_at: clock.now().toISOString(),
        };
        await trx.insertInto("act_series").values(row).execute();
        await audit.record(trx, who, { action: "series.create", entity: "series", entityId: row.id, communityId: row.community_id, after: row });
        return { id: row.id, name: row.name };
      });
    },
    async series(scope: Scope) {
      const rows = await seriesInScope(db, scope).selectAll("se").orderBy("se.name").execute();
      const out = [];
      for (const s of rows) {
        const ed = await editionsOf(db, s.id);
        const last = [...ed.entries()].pop();
        const n = await db
          .selectFrom("act_activities")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("series_id", "=", s.id)
          .where("status", "!=", "cancelled")
          .executeTakeFirst();
        out.push({
          id: s.id,
          name: s.name,
          kind: s.kind,
          typeCode: s.type_code,
          firstYear: s.first_year,
          yearly: !!s.yearly,
          note: s.note,
          activities: Number(n?.n ?? 0),
          lastYear: last?.[0] ?? null,
          lastEdition: last?.[1] ?? null,
        });
      }
      return out;
    },

    /** Creates an activity; a room is booked for it in the same transaction (a clash refuses both). */
    async create(who: Who, input: TActivityCreate, exec?: Kysely<DB>) {
      const v = ZActivityCreate.parse(input);
      const startsAt = new Date(v.startsAt).toISOString();
      const endsAt = new Date(v.endsAt).toISOString();
      if (endsAt <= startsAt) throw errors.badRequest("活动结束时间须晚于开始时间", "An activity must end after it starts");
      return inTx(db, exec, async (trx) => {
        await communityInScope(trx, who.scope, v.communityId);
        const type = await typeOf(trx, v.typeCode);
        let organiserKind: string | null = null;
        if (v.organiserId) organiserKind = (await orgOf(trx, who.scope, v.organiserId)).kind;
        for (const o of v.coOrganiserIds ?? []) await orgOf(trx, who.scope, o);
        let gridId = v.gridId ? await gridOf(trx, who.scope, v.communityId, { gridId: v.gridId }) : null;
        let venueId = v.venueId ?? null;
        if (v.roomId) {
          const room = await venues.roomOf(who.scope, v.roomId, trx);
          if (venueId && venueId !== room.venue_id) throw errors.badRequest("所选功能室不属于该阵地", "That room is not in that venue");
          venueId = room.venue_id;
          if (v.capacity && v.capacity > room.capacity)
            throw errors.badRequest(`人数上限超过${room.name}的容量（${room.capacity}人）`, `The capacity exceeds ${room.name}'s (${room.capacity})`);
        }
        if (venueId) {
          const venue = await venues.raw(who.scope, venueId, trx);
          if (venue.community_id !== v.communityId) throw errors.badRequest("所选阵地不属于该社区", "That venue is not in this community");
          gridId = gridId ?? venue.grid_id;
        }
        if (v.seriesId) {
          const s = await seriesInScope(trx, who.scope).select("se.id").where("se.id", "=", v.seriesId).executeTakeFirst();
          if (!s) throw errors.badRequest("所选系列不存在", "The series chosen does not exist");
        }
        const now = clock.now();
        const id = uuidv7(now.getTime());
        const startDate = localDate(new Date(startsAt), tz);
        const row: ActActivityTable = {
          id,
          code: `HD${startDate.replace(/-/g, "")}-${id.slice(-6).toUpperCase()}`,
          community_id: v.communityId,
          grid_id: gridId,
          title: v.title,
          type_code: type.code,
          type_class: type.class,
          organiser_id: v.organiserId ?? null,
          organiser_kind: organiserKind,
          venue_id: venueId,
          room_id: v.roomId ?? null,
          location: v.location ?? null,
          online: v.online ? 1 : 0,
          starts_at: startsAt,
          ends_at: endsAt,
          start_date: startDate,
          start_month: startDate.slice(0, 7),
          capacity: v.capacity ?? null,
          audience: JSON.stringify(v.audience ?? []),
          series_id: v.seriesId ?? null,
          description: v.description ?? null,
          public: v.public ? 1 : 0,
          status: "planned",
          cancel_reason: null,
          checkin_code: shortCode(10),
          checked_in: 0,
          head_count: null,
          head_count_note: null,
          attendance: 0,
          signed_up: 0,
          training_hours: v.trainingHours ?? null,
          created_by: actorName(who),
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await trx.insertInto("act_activities").values(row).execute();
        const audiences = [...new Set(v.audience ?? [])];
        if (audiences.length)
          await trx
            .insertInto("act_activity_audiences")
            .values(audiences.map((audience) => ({ activity_id: id, community_id: v.communityId, audience })))
            .execute();
        const co = [...new Set(v.coOrganiserIds ?? [])];
        if (co.length)
          await trx
            .insertInto("act_coorganisers")
            .values(co.map((org_id) => ({ activity_id: id, org_id, community_id: v.communityId })))
            .execute();
        if (v.roomId) await venues.book(who, { roomId: v.roomId, title: v.title, startsAt, endsAt, activityId: id }, trx);
        await audit.record(trx, who, { action: "activity.create", entity: "activity", entityId: id, communityId: v.communityId, after: row });
        return toActivity(await raw(who.scope, id, trx));
      });
    },
    async cancel(who: Who, id: string, reason: string) {
      return inTx(db, null, async (trx) => {
        const before = await raw(who.scope, id, trx);
        if (before.status === "cancelled") throw errors.conflict("该活动已取消", "The activity is already cancelled");
        if (before.attendance > 0) throw errors.conflict("已有签到记录的活动不能取消", "An activity with attendance cannot be cancelled");
        await trx
          .updateTable("act_activities")
          .set({ status: "cancelled", cancel_reason: reason, updated_at: clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await trx.updateTable("act_bookings").set({ status: "cancelled", cancel_reason: reason }).where("activity_id", "=", id).execute();
        await audit.record(trx, who, { action: "activity.cancel", entity: "activity", entityId: id, communityId: before.community_id, after: { reason } });
        return toActivity({ ...before, status: "cancelled", cancel_reason: reason });
      });
    },
    /**
     * A page of the list, newest first. Counting stops at COUNT_CAP (as appeals' lists do): past it
     * the list says "10,000+" (`totalCapped`) instead of counting a subdistrict's years on every page.
     */
    async list(scope: Scope, f: TActivityQuery) {
      const counted = await db
        .selectFrom(
          filters(activitiesToCount(db, scope), f)
            .select("a.id")
            .limit(COUNT_CAP + 1)
            .as("x"),
        )
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      const n = Number(counted?.n ?? 0);
      const rows = await filters(activitiesNewestFirst(db, scope), f)
        .select([...ACTIVITY_COLS])
        .orderBy("a.starts_at", "desc")
        .orderBy("a.id", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: (rows as Row[]).map(toActivity), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: f.page, pageSize: f.pageSize };
    },
    async get(scope: Scope, id: string) {
      const r = await raw(scope, id);
      const co = await db
        .selectFrom("act_coorganisers as c")
        .innerJoin("organisations as o", "o.id", "c.org_id")
        .select(["o.id", "o.name", "o.kind"])
        .where("c.activity_id", "=", id)
        .execute();
      const edition = r.series_id ? ((await editionsOf(db, r.series_id)).get(Number(r.start_date.slice(0, 4))) ?? null) : null;
      return { ...toActivity(r), coOrganisers: co, edition };
    },
  };
}
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
