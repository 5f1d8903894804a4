import type { Kysely } from "kysely";
import { type TAttend, type TCheckin, type TSignupCreate, ZAttend, ZCheckin, ZHeadCount, ZPublicSignup, ZSignupCreate } from "../../../contracts/activities.js";
import { maskName, maskPhone } from "../../../contracts/mask.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import { groupCommit } from "../../platform/group-commit.js";
import { uuidv7 } from "../../platform/ids.js";
import { peopleInScope } from "../../platform/people/people.repo.js";
import { communityScope, type Scope } from "../../platform/scope.js";
import type { Settings } from "../../platform/settings.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import type { PartyApi } from "../party/party.api.js";
import type { ActivitiesService } from "./activities.activities.service.js";
import { creditCentralTraining, withdrawCentralTraining } from "./activities.central-training.js";
import { ACTIVITY_SETTINGS, checkinRefusal, shortCode, whoKey } from "./activities.common.js";
import { attendanceInScope, CHECKIN_HOT, signupsInScope } from "./activities.repo.js";
import type { ActActivityTable, ActAttendanceTable, ActSignupTable } from "./activities.tables.js";

// Sign-up (staff for a resident of the registry, or the resident on the public phone page) with
// capacity and a waiting list; attendance by QR check-in, by staff ticking a list, or as a head
// count (large open and online events). Attendance is person-times: one row per participant and
// activity (a second check-in of the same person is answered "already checked in", not counted).

const SIGNUP = { zh: "报名", en: "Sign-up" };

const toSignup = (r: ActSignupTable, reveal = false) => ({
  id: r.id,
  activityId: r.activity_id,
  personId: r.person_id,
  name: reveal ? r.name : maskName(r.name),
  phone: reveal ? r.phone : maskPhone(r.phone),
  partySize: r.party_size,
  status: r.status as "confirmed" | "waitlist" | "cancelled",
  code: r.code,
  createdAt: r.created_at,
});

export function createAttendanceService(deps: {
  db: Kysely<DB>;
  audit: Audit;
  clock: Clock;
  settings: Settings;
  activities: ActivitiesService;
  /** A central training attended by a party candidate is recorded in the pipeline through party's api. */
  party?: Pick<PartyApi, "applicantsAmong" | "recordCentralTraining" | "withdrawCentralTraining">;
}) {
  const { db, audit, clock, activities } = deps;

  async function confirmedSeats(trx: Kysely<DB>, activityId: string) {
    const r = await trx
      .selectFrom("act_signups")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("party_size"), eb.lit(0)).as("n"))
      .where("activity_id", "=", activityId)
      .where("status", "=", "confirmed")
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async function signupRow(trx: Kysely<DB>, a: ActActivityTable, v: { personId: string | null; name: string; phone: string | null; partySize: number }) {
    if (a.status !== "planned") throw errors.conflict("该活动已结束或已取消，不能报名", "Sign-up is closed: the activity was held or cancelled");
    if (clock.now().toISOString() >= a.ends_at) throw errors.conflict("该活动已结束，不能报名", "The activity is over");
    const key = v.personId ? ["person_id", v.personId] : v.phone ? ["phone", v.phone] : null;
    if (key) {
      const dup = await trx
        .selectFrom("act_signups")
        .select(["id", "status", "code"])
        .where("activity_id", "=", a.id)
        .where(key[0] as "phone", "=", key[1])
        .where("status", "!=", "cancelled")
        .executeTakeFirst();
      if (dup) throw errors.conflict(`已报名过该活动（确认码 ${dup.code}）`, `Already signed up for this activity (code ${dup.code})`);
    }
    const seats = await confirmedSeats(trx, a.id);
    const status = a.capacity != null && seats + v.partySize > a.capacity ? "waitlist" : "confirmed";
    const row: ActSignupTable = {
      id: uuidv7(clock.now().getTime()),
      activity_id: a.id,
      community_id: a.community_id,
      person_id: v.personId,
      name: v.name,
      phone: v.phone,
      party_size: v.partySize,
      status,
      code: shortCode(6),
      created_at: clock.now().toISOString(),
      cancelled_at: null,
    };
    await trx.insertInto("act_signups").values(row).execute();
    if (status === "confirmed")
      await trx
        .updateTable("act_activities")
        .set((eb) => ({ signed_up: eb("signed_up", "+", v.partySize) }))
        .where("id", "=", a.id)
        .execute();
    return row;
  }

  const activityRow = (trx: Kysely<DB>, id: string) => trx.selectFrom("act_activities").selectAll().where("id", "=", id).executeTakeFirst();

  /** Adds attendance rows (skipping participants already recorded) and keeps the activity's totals. */
  async function addAttendance(
    trx: Kysely<DB>,
    a: ActActivityTable,
    rows: Omit<ActAttendanceTable, "id" | "activity_id" | "community_id" | "grid_id" | "type_class" | "start_date">[],
  ) {
    if (!rows.length) return { added: 0, persons: 0, already: 0 };
    const keys = [...new Set(rows.map((r) => r.who_key))];
    const had = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const got = await trx
        .selectFrom("act_attendance")
        .select("who_key")
        .where("activity_id", "=", a.id)
        .where("who_key", "in", keys.slice(i, i + 500))
        .execute();
      for (const g of got) had.add(g.who_key);
    }
    const fresh: ActAttendanceTable[] = [];
    for (const r of rows) {
      if (had.has(r.who_key)) continue;
      had.add(r.who_key);
      fresh.push({
        ...r,
        id: uuidv7(clock.now().getTime()),
        activity_id: a.id,
        community_id: a.community_id,
        grid_id: a.grid_id,
        type_class: a.type_class,
        start_date: a.start_date,
      });
    }
    for (let i = 0; i < fresh.length; i += 200)
      await trx
        .insertInto("act_attendance")
        .values(fresh.slice(i, i + 200))
        .execute();
    const persons = fresh.reduce((s, r) => s + r.persons, 0);
    if (persons)
      await trx
        .updateTable("act_activities")
        .set((eb) => ({
          checked_in: eb("checked_in", "+", persons),
          attendance: eb("attendance", "+", persons),
          status: "held",
          updated_at: clock.now().toISOString(),
        }))
        .where("id", "=", a.id)
        .execute();
    return { added: fresh.length, persons, already: rows.length - fresh.length };
  }

  // ---- QR check-in (group commit)
  type CheckinItem = { activityId: string; v: ReturnType<typeof ZCheckin.parse>; ip?: string };
  type CheckinAnswer = { already: boolean; title: string; name: string | null; message: { zh: string; en: string } };
  /** Reads a group of check-ins shares: the activities, the window setting, the communities. */
  type CheckinMemo = Map<string, Promise<unknown>>;
  const memo = <T>(m: CheckinMemo, key: string, read: () => Promise<T>): Promise<T> => {
    let p = m.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      m.set(key, p);
    }
    return p;
  };

  /** Everything checked before anything is written: a refusal here leaves the group's transaction clean. */
  async function checkinEntry(trx: Kysely<DB>, m: CheckinMemo, { activityId, v }: CheckinItem) {
    const a = await memo(m, `a|${activityId}`, () => CHECKIN_HOT.activity.first(trx, activityId));
    const w = await memo(m, "window", () => deps.settings.get(ACTIVITY_SETTINGS.checkinWindow, "", trx));
    const refusal = checkinRefusal(a, v.k, w, clock.now().getTime());
    if (refusal || !a) throw refusal;
    let signup: ActSignupTable | undefined;
    if (v.signupCode) signup = await CHECKIN_HOT.signupByCode.first(trx, a.id, v.signupCode.toUpperCase());
    if (v.signupCode && !signup) throw errors.badRequest("确认码不正确", "No sign-up has that confirmation code");
    if (!signup && v.phone) signup = await CHECKIN_HOT.signupByPhone.first(trx, a.id, v.phone);
    if (!signup && (!v.name || !v.phone)) throw errors.badRequest("请填写姓名和手机号，或输入报名确认码", "Give your name and phone, or your sign-up code");
    const entry = signup
      ? {
          who_key: whoKey({ personId: signup.person_id, signupId: signup.id }),
          person_id: signup.person_id,
          signup_id: signup.id,
          name: signup.name,
          phone: signup.phone,
          persons: signup.party_size,
        }
      : { who_key: whoKey({ phone: v.phone }), person_id: null, signup_id: null, name: v.name as string, phone: v.phone as string, persons: 1 };
    return { a, entry };
  }

  async function checkinIn(trx: Kysely<DB>, m: CheckinMemo, item: CheckinItem): Promise<CheckinAnswer | { refused: unknown }> {
    let checked: Awaited<ReturnType<typeof checkinEntry>>;
    try {
      checked = await checkinEntry(trx, m, item);
    } catch (e) {
      // Refused before writing anything: answered as a refusal, the rest of the group goes on.
      return { refused: e };
    }
    const { a, entry } = checked;
    const at = clock.now().toISOString();
    // Once per participant and activity (a second check-in is answered "already checked in").
    const added = !(await CHECKIN_HOT.attended.first(trx, a.id, entry.who_key));
    if (added) {
      await CHECKIN_HOT.insertAttendance(trx, [
        {
          ...entry,
          id: uuidv7(clock.now().getTime()),
          activity_id: a.id,
          community_id: a.community_id,
          grid_id: a.grid_id,
          type_class: a.type_class,
          start_date: a.start_date,
          category: null,
          method: "qr",
          at,
        },
      ]);
      await CHECKIN_HOT.addCheckedIn.run(trx, entry.persons, entry.persons, at, a.id);
      const c = await memo(m, `c|${a.community_id}`, async () => {
        const r = await CHECKIN_HOT.community.first(trx, a.community_id);
        if (!r) throw new Error(`community ${a.community_id} not found`);
        return r;
      });
      const self = { user: null, scope: communityScope(c), ip: item.ip };
      if (entry.person_id) await creditCentralTraining(deps.party, trx, self, a, [entry.person_id], at);
      await audit.record(trx, self, {
        action: "activity.checkin",
        entity: "activity",
        entityId: a.id,
        communityId: a.community_id,
        after: { who: entry.who_key.slice(0, 2), persons: entry.persons },
      });
    }
    const r = { added: added ? 1 : 0 };
    return {
      already: r.added === 0,
      title: a.title,
      name: maskName(entry.name),
      message: r.added ? { zh: "签到成功，欢迎参加！", en: "Checked in: welcome!" } : { zh: "您已签到过，无需重复签到。", en: "You have already checked in." },
    };
  }

  const groupedCheckin = groupCommit<CheckinItem, CheckinAnswer | { refused: unknown }, CheckinMemo>({
    db,
    context: () => new Map(),
    run: (trx, item, m) => checkinIn(trx, m, item),
    alone: (item) => inTx(db, null, (trx) => checkinIn(trx, new Map(), item)),
  });

  return {
    /** Staff sign a resident up: from the people registry (name and phone taken from there) or by name and phone. */
    async signUp(who: Who, activityId: string, input: TSignupCreate, exec?: Kysely<DB>) {
      const v = ZSignupCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        const a = (await activities.raw(who.scope, activityId, trx)) as ActActivityTable;
        let name = v.name ?? null;
        let phone = v.phone ?? null;
        if (v.personId) {
          const p = await peopleInScope(trx, who.scope)
            .select(["p.id", "p.name", "p.phone", "p.community_id"])
            .where("p.id", "=", v.personId)
            .executeTakeFirst();
          if (!p) throw errors.badRequest("所选居民不存在或不在您的数据范围内", "The resident chosen does not exist or lies outside your data scope");
          name = p.name;
          phone = p.phone;
        }
        if (!name) throw errors.badRequest("请选择居民或填写姓名", "Choose a resident or give a name");
        const row = await signupRow(trx, a, { personId: v.personId ?? null, name, phone, partySize: v.partySize });
        await audit.record(trx, who, {
          action: "activity.signup",
          entity: "activity",
          entityId: a.id,
          communityId: a.community_id,
          after: { signup: row.id, status: row.status },
        });
        return toSignup(row);
      });
    },
    /** A resident signs up on the public page (no account): a confirmation code back, the waiting list said so. */
    async publicSignUp(activityId: string, input: unknown, ip?: string) {
      const v = ZPublicSignup.parse(input);
      return inTx(db, null, async (trx) => {
        const a = await activityRow(trx, activityId);
        if (!a?.public || a.status === "cancelled") throw errors.notFound({ zh: "活动", en: "Activity" });
        const row = await signupRow(trx, a, { personId: null, name: v.name, phone: v.phone, partySize: v.partySize });
        const c = await trx.selectFrom("regions").select(["id", "path"]).where("id", "=", a.community_id).executeTakeFirstOrThrow();
        await audit.record(
          trx,
          { user: null, scope: communityScope(c), ip },
          { action: "activity.signup_public", entity: "activity", entityId: a.id, communityId: a.community_id, after: { signup: row.id, status: row.status } },
        );
        return {
          code: row.code,
          status: row.status as "confirmed" | "waitlist",
          message:
            row.status === "waitlist"
              ? {
                  zh: "名额已满，您已进入候补名单；有人取消时按顺序递补。",
                  en: "The activity is full: you are on the waiting list and move up when someone cancels.",
                }
              : { zh: "报名成功，请凭确认码签到。", en: "You are signed up: check in with your confirmation code." },
        };
      });
    },
    /** Cancels a sign-up; the first waiting sign-ups that now fit move up. */
    async cancelSignup(who: Who, signupId: string, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const s = await signupsInScope(trx, who.scope).selectAll("su").where("su.id", "=", signupId).executeTakeFirst();
        if (!s) throw errors.notFound(SIGNUP);
        if (s.status === "cancelled") return { promoted: 0 };
        await trx.updateTable("act_signups").set({ status: "cancelled", cancelled_at: clock.now().toISOString() }).where("id", "=", signupId).execute();
        const a = (await activityRow(trx, s.activity_id)) as ActActivityTable;
        let freed = s.status === "confirmed" ? s.party_size : 0;
        let seats = (await confirmedSeats(trx, a.id)) as number;
        let promoted = 0;
        const waiting = await trx
          .selectFrom("act_signups")
          .selectAll()
          .where("activity_id", "=", a.id)
          .where("status", "=", "waitlist")
          .orderBy("created_at")
          .execute();
        for (const w of waiting) {
          if (a.capacity != null && seats + w.party_size > a.capacity) continue;
          await trx.updateTable("act_signups").set({ status: "confirmed" }).where("id", "=", w.id).execute();
          seats += w.party_size;
          freed -= w.party_size;
          promoted++;
        }
        await trx
          .updateTable("act_activities")
          .set((eb) => ({ signed_up: eb("signed_up", "-", freed) }))
          .where("id", "=", a.id)
          .execute();
        await audit.record(trx, who, {
          action: "activity.signup_cancel",
          entity: "activity",
          entityId: a.id,
          communityId: a.community_id,
          after: { signup: signupId, promoted },
        });
        return { promoted };
      });
    },
    async signups(scope: Scope, activityId: string, reveal = false) {
      await activities.raw(scope, activityId);
      const rows = await signupsInScope(db, scope).selectAll("su").where("su.activity_id", "=", activityId).orderBy("su.created_at").execute();
      return rows.map((r) => toSignup(r, reveal));
    },

    /**
     * A participant's own check-in from the activity's QR code (no account): the code must be the
     * activity's, inside the window around it (setting), by sign-up code, phone or name and phone.
     * Stored in the next group commit (server/platform/group-commit.ts): the check-ins arriving
     * while one transaction runs (an activity's opening minute) share the next.
     */
    async checkin(activityId: string, input: TCheckin, ip?: string) {
      const v = ZCheckin.parse(input);
      const out = await groupedCheckin({ activityId, v, ip });
      if ("refused" in out) throw out.refused;
      return out;
    },
    /** Staff tick a list (people of the registry, sign-ups, or named walk-ins); one audit entry per list. */
    async attend(who: Who, activityId: string, input: TAttend, exec?: Kysely<DB>) {
      const v = ZAttend.parse(input);
      return inTx(db, exec, async (trx) => {
        const a = (await activities.raw(who.scope, activityId, trx)) as ActActivityTable;
        if (a.status === "cancelled") throw errors.conflict("该活动已取消", "The activity was cancelled");
        if (clock.now().toISOString() < new Date(new Date(a.starts_at).getTime() - 3600_000).toISOString())
          throw errors.conflict("活动尚未开始，不能登记签到", "The activity has not started yet");
        const personIds = [...new Set(v.entries.map((e) => e.personId).filter((x): x is string => !!x))];
        const people = new Map<string, { name: string; phone: string | null }>();
        for (let i = 0; i < personIds.length; i += 500) {
          const got = await peopleInScope(trx, who.scope)
            .select(["p.id", "p.name", "p.phone"])
            .where("p.id", "in", personIds.slice(i, i + 500))
            .execute();
          for (const p of got) people.set(p.id, { name: p.name, phone: p.phone });
        }
        const signupIds = [...new Set(v.entries.map((e) => e.signupId).filter((x): x is string => !!x))];
        const sups = new Map<string, ActSignupTable>();
        if (signupIds.length)
          for (const s of await trx.selectFrom("act_signups").selectAll().where("activity_id", "=", a.id).where("id", "in", signupIds).execute())
            sups.set(s.id, s);
        const at = clock.now().toISOString();
        const rows = v.entries.map((e, i) => {
          if (e.personId) {
            const p = people.get(e.personId);
            if (!p) throw errors.badRequest(`第 ${i + 1} 人不在居民库或不在您的数据范围内`, `Participant ${i + 1} is not a resident of your data scope`);
            return {
              who_key: whoKey({ personId: e.personId }),
              person_id: e.personId,
              signup_id: null,
              name: p.name,
              phone: p.phone,
              persons: 1,
              category: e.category ?? null,
              method: "list",
              at,
            };
          }
          if (e.signupId) {
            const s = sups.get(e.signupId);
            if (!s) throw errors.badRequest(`第 ${i + 1} 条报名不属于该活动`, `Sign-up ${i + 1} is not of this activity`);
            return {
              who_key: whoKey({ personId: s.person_id, signupId: s.id }),
              person_id: s.person_id,
              signup_id: s.id,
              name: s.name,
              phone: s.phone,
              persons: s.party_size,
              category: e.category ?? null,
              method: "list",
              at,
            };
          }
          if (!e.name) throw errors.badRequest(`第 ${i + 1} 人缺少姓名`, `Participant ${i + 1} has no name`);
          return {
            who_key: whoKey(e),
            person_id: null,
            signup_id: null,
            name: e.name,
            phone: e.phone ?? null,
            persons: 1,
            category: e.category ?? null,
            method: "list",
            at,
          };
        });
        const r = await addAttendance(trx, a, rows);
        const centralTraining = await creditCentralTraining(
          deps.party,
          trx,
          who,
          a,
          rows.map((x) => x.person_id),
          at,
        );
        await audit.record(trx, who, {
          action: "activity.attend",
          entity: "activity",
          entityId: a.id,
          communityId: a.community_id,
          after: { added: r.added, already: r.already, ...(centralTraining ? { centralTraining: centralTraining.recorded } : {}) },
        });
        return { ...r, ...(centralTraining ? { centralTraining } : {}) };
      });
    },
    /**
     * Removes an attendance recorded by mistake (ticked on the wrong list, a wrong check-in), with the
     * reason: the activity's totals go down by its persons, and a central training's step 11 that this
     * attendance recorded for a party candidate is withdrawn through party's api — refused, and so the
     * removal, when the candidate has since gone on to later steps.
     */
    async removeAttendance(who: Who, activityId: string, attendanceId: string, reason: string, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const a = (await activities.raw(who.scope, activityId, trx)) as ActActivityTable;
        const row = await trx.selectFrom("act_attendance").selectAll().where("id", "=", attendanceId).where("activity_id", "=", a.id).executeTakeFirst();
        if (!row) throw errors.notFound({ zh: "签到记录", en: "Attendance" });
        const centralTrainingWithdrawn = await withdrawCentralTraining(deps.party, trx, who, row.id);
        await trx.deleteFrom("act_attendance").where("id", "=", row.id).execute();
        await trx
          .updateTable("act_activities")
          .set((eb) => ({
            checked_in: eb("checked_in", "-", row.persons),
            attendance: eb("attendance", "-", row.persons),
            updated_at: clock.now().toISOString(),
          }))
          .where("id", "=", a.id)
          .execute();
        await audit.record(trx, who, {
          action: "activity.attendance.remove",
          entity: "activity",
          entityId: a.id,
          communityId: a.community_id,
          before: { who: row.who_key.slice(0, 2), persons: row.persons, method: row.method, at: row.at },
          after: { reason, ...(centralTrainingWithdrawn ? { centralTrainingWithdrawn } : {}) },
        });
        return { removed: 1, persons: row.persons, attendance: a.attendance - row.persons, centralTrainingWithdrawn };
      });
    },
    /** A head count for a large open or online event (replaces the previous one). */
    async headCount(who: Who, activityId: string, input: unknown, exec?: Kysely<DB>) {
      const v = ZHeadCount.parse(input);
      if (v.count < 0) throw errors.badRequest("人数不能为负数", "A head count cannot be negative");
      return inTx(db, exec, async (trx) => {
        const a = (await activities.raw(who.scope, activityId, trx)) as ActActivityTable;
        if (a.status === "cancelled") throw errors.conflict("该活动已取消", "The activity was cancelled");
        const attendance = a.checked_in + v.count;
        await trx
          .updateTable("act_activities")
          .set({
            head_count: v.count,
            head_count_note: v.note ?? null,
            attendance,
            status: attendance > 0 ? "held" : a.status,
            updated_at: clock.now().toISOString(),
          })
          .where("id", "=", a.id)
          .execute();
        await audit.record(trx, who, {
          action: "activity.head_count",
          entity: "activity",
          entityId: a.id,
          communityId: a.community_id,
          before: { head_count: a.head_count },
          after: { head_count: v.count, note: v.note ?? null },
        });
        return { attendance, headCount: v.count };
      });
    },
    async attendees(scope: Scope, activityId: string, reveal = false) {
      await activities.raw(scope, activityId);
      const rows = await attendanceInScope(db, scope)
        .select(["at.id", "at.name", "at.phone", "at.person_id", "at.persons", "at.category", "at.method", "at.at"])
        .where("at.activity_id", "=", activityId)
        .orderBy("at.at")
        .limit(5000)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: reveal ? r.name : maskName(r.name),
        phone: reveal ? r.phone : maskPhone(r.phone),
        personId: r.person_id,
        persons: r.persons,
        category: r.category,
        method: r.method,
        at: r.at,
      }));
    },
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;
