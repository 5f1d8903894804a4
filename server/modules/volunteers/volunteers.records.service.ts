import type { Kysely } from "kysely";
import type { z } from "zod";
import { type TRecord, type TRecordCreate, type TSummary, ZCorrection, ZRecordCreate } from "../../../contracts/volunteers.js";
import type { DB } from "../../db/types.js";
import { localDate } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { actorLabel, bad, RECORD, refused, todayFn, VOLUNTEER, type VolunteerCollaborators, type VolunteerDeps } from "./volunteers.common.js";
import type { RegistryService } from "./volunteers.registry.service.js";
import { communityPath, confirmedDays, liveSpans, type RecordRow, recordsInScope, toRecord, volunteerRow, volunteersInScope } from "./volunteers.repo.js";
import { VOLUNTEER_SETTINGS } from "./volunteers.settings.js";
import { hoursOf, levelOn, nextLevel, overlaps, spanRefusal, starMilestones } from "./volunteers.stars.rules.js";
import type { VolRecordTable } from "./volunteers.tables.js";

// Service records: sign-in and sign-out (a volunteer's phone at the activity's QR, or the team
// leader for everyone), hours = the time between them, confirmed by the organiser; corrections
// audited with their reason. Each confirmed change re-works the volunteer's star dates in the same
// transaction, so star levels on any date are always those of the records.

export type RecordFilter = { volunteerId?: string; state?: string; from?: string; to?: string };
type Extra = {
  nightPatrolId?: string | null;
  teamId?: string | null;
  method?: "qr" | "leader" | "import";
  confirm?: boolean;
  /** Bulk work in one transaction (the demo, imports) re-works star dates once at the end with `recompute`. */
  deferStars?: boolean;
  /** The activity, already read by a caller working inside its own transaction (activities' api reads through its own connection). */
  activity?: { id: string; title: string } | null;
};

export function createRecordsService(deps: VolunteerDeps, col: VolunteerCollaborators, registry: RegistryService) {
  const { db, audit, clock, settings, config } = deps;
  const today = todayFn(deps);
  const dateOf = (iso: string) => localDate(new Date(iso), config.timeZone);

  async function volunteerFor(trx: Kysely<DB>, scope: Scope, id: string) {
    const v = await volunteerRow(trx, scope, id);
    if (!v) throw errors.notFound(VOLUNTEER);
    return v;
  }

  async function noOverlap(trx: Kysely<DB>, volunteerId: string, from: string, to: string | null, exceptId?: string) {
    // Only records near in time can overlap: those signed in within a day either side (records are at most 24 h).
    const lo = new Date(Date.parse(from) - 86_400_000).toISOString();
    const hi = new Date(Date.parse(to ?? from) + 86_400_000).toISOString();
    const near = await liveSpans(trx, volunteerId, exceptId).where("sign_in_at", ">=", lo).where("sign_in_at", "<=", hi).execute();
    const open = await liveSpans(trx, volunteerId, exceptId).where("sign_out_at", "is", null).execute();
    for (const r of [...near, ...open])
      if (overlaps({ from, to }, { from: r.sign_in_at, to: r.sign_out_at }))
        throw refused({
          zh: `与该志愿者的另一条服务记录（${r.title}，${r.sign_in_at.slice(0, 16).replace("T", " ")}起）时间重叠`,
          en: `Overlaps another service record of this volunteer (${r.title}, from ${r.sign_in_at.slice(0, 16).replace("T", " ")})`,
        });
  }

  /** `exec`: the caller's transaction where there is one (on SQLite a read outside it would wait for ever). */
  async function activityTitle(scope: Scope, activityId: string | null | undefined, exec?: Kysely<DB>) {
    if (!activityId) return null;
    const a = await col.activities.activityById(scope, activityId, exec);
    if (!a) throw errors.notFound({ zh: "活动", en: "Activity" });
    return a.title;
  }

  /** Re-works a volunteer's total and the dates each star level was first reached, from the confirmed records. */
  async function recompute(trx: Kysely<DB>, volunteerId: string) {
    const v = await trx
      .selectFrom("vol_volunteers")
      .select(["id", "joined_on", "community_id", "grid_id"])
      .where("id", "=", volunteerId)
      .executeTakeFirstOrThrow();
    const levels = await settings.get(VOLUNTEER_SETTINGS.starLevels, await communityPath(trx, v.community_id), trx);
    const days = (await confirmedDays(trx, volunteerId)).map((d) => ({ date: d.date, minutes: Number(d.minutes) }));
    const ms = starMilestones(v.joined_on, days, levels);
    await trx.deleteFrom("vol_star_levels").where("volunteer_id", "=", volunteerId).execute();
    if (ms.length)
      await trx
        .insertInto("vol_star_levels")
        .values(ms.map((m) => ({ volunteer_id: volunteerId, level: m.level, community_id: v.community_id, grid_id: v.grid_id, reached_on: m.on })))
        .execute();
    const total = days.reduce((s, d) => s + d.minutes, 0);
    await trx.updateTable("vol_volunteers").set({ minutes_total: total }).where("id", "=", volunteerId).execute();
  }

  async function insert(trx: Kysely<DB>, who: Who, row: VolRecordTable, deferStars = false) {
    await trx.insertInto("vol_records").values(row).execute();
    if (row.state === "confirmed" && !deferStars) await recompute(trx, row.volunteer_id);
    await audit.record(trx, who, { action: "volunteers.record.create", entity: "vol_record", entityId: row.id, communityId: row.community_id, after: row });
  }

  async function get(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<TRecord> {
    const r = await recordsInScope(exec, scope).selectAll("r").select("p.name").where("r.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(RECORD);
    return toRecord(r as RecordRow);
  }

  async function raw(trx: Kysely<DB>, scope: Scope, id: string) {
    const r = await recordsInScope(trx, scope).selectAll("r").where("r.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(RECORD);
    return r as VolRecordTable;
  }

  return {
    recompute,
    get,

    /** Re-works every volunteer's star dates in scope (after the star thresholds' setting changed), one audit entry. */
    async recomputeAll(who: Who) {
      return inTx(db, null, async (trx) => {
        const ids = (await volunteersInScope(trx, who.scope).select("v.id").execute()).map((v) => v.id);
        for (const id of ids) await recompute(trx, id);
        await audit.record(trx, who, {
          action: "volunteers.stars.recompute",
          entity: "volunteer",
          communityId: who.scope.communityId,
          after: { volunteers: ids.length },
        });
        return ids.length;
      });
    },

    /** A record with both times (the team leader's entry, an import, a night patrol's participant). */
    async create(who: Who, input: TRecordCreate, extra: Extra = {}, exec?: Kysely<DB>) {
      const v = ZRecordCreate.parse(input);
      // Read before the transaction: on SQLite a read through another connection inside it would wait forever.
      const actTitle = extra.activity && extra.activity.id === v.activityId ? extra.activity.title : await activityTitle(who.scope, v.activityId, exec);
      return inTx(db, exec, async (trx) => {
        const vol = await volunteerFor(trx, who.scope, v.volunteerId);
        if (vol.state === "left") throw refused({ zh: "已退出的志愿者不能登记服务", en: "A volunteer who has left cannot record service" });
        const max = await settings.get(VOLUNTEER_SETTINGS.maxRecordHours, await communityPath(trx, vol.community_id), trx);
        const no = spanRefusal(v.signInAt, v.signOutAt, max);
        if (no) throw bad(no.zh, no.en);
        const inAt = new Date(v.signInAt).toISOString();
        const outAt = new Date(v.signOutAt).toISOString();
        if (outAt > clock.now().toISOString()) throw bad("签退时间不能晚于现在", "The sign-out time cannot be in the future");
        const date = dateOf(inAt);
        if (date < vol.joined_on) throw bad("服务日期不能早于注册日期", "Service cannot precede joining");
        await noOverlap(trx, vol.id, inAt, outAt);
        const title = v.title || actTitle || "志愿服务";
        const now = clock.now().toISOString();
        const confirm = extra.confirm ?? false;
        const row: VolRecordTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: vol.community_id,
          grid_id: vol.grid_id,
          volunteer_id: vol.id,
          kind: v.activityId ? "activity" : extra.nightPatrolId ? "night_patrol" : v.kind,
          activity_id: v.activityId ?? null,
          night_patrol_id: extra.nightPatrolId ?? null,
          team_id: extra.teamId ?? null,
          title,
          service_date: date,
          service_month: date.slice(0, 7),
          sign_in_at: inAt,
          sign_out_at: outAt,
          minutes: Math.round((Date.parse(outAt) - Date.parse(inAt)) / 60_000),
          method: extra.method ?? "leader",
          state: confirm ? "confirmed" : "pending",
          confirmed_by: confirm ? actorLabel(who) : null,
          confirmed_at: confirm ? now : null,
          corrections: 0,
          note: v.note ?? null,
          created_at: now,
          updated_at: now,
        };
        await insert(trx, who, row, extra.deferStars);
        return row.id;
      });
    },

    /** 签到: now, at an activity (its QR) or for other service; one open record at a time. */
    async signIn(who: Who, input: { volunteerId: string; activityId?: string | null; title?: string | null }, exec?: Kysely<DB>) {
      const actTitle = await activityTitle(who.scope, input.activityId, exec);
      return inTx(db, exec, async (trx) => {
        const vol = await volunteerFor(trx, who.scope, input.volunteerId);
        if (vol.state !== "active") throw refused({ zh: "只有在册志愿者可以签到", en: "Only an active volunteer can sign in" });
        const at = clock.now().toISOString();
        const open = await liveSpans(trx, vol.id).where("sign_out_at", "is", null).executeTakeFirst();
        if (open) throw refused({ zh: `已在「${open.title}」签到，请先签退`, en: `Already signed in at "${open.title}"; sign out first` });
        await noOverlap(trx, vol.id, at, null);
        const title = input.title || actTitle || "志愿服务";
        const date = dateOf(at);
        const row: VolRecordTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: vol.community_id,
          grid_id: vol.grid_id,
          volunteer_id: vol.id,
          kind: input.activityId ? "activity" : "other",
          activity_id: input.activityId ?? null,
          night_patrol_id: null,
          team_id: null,
          title,
          service_date: date,
          service_month: date.slice(0, 7),
          sign_in_at: at,
          sign_out_at: null,
          minutes: 0,
          method: "qr",
          state: "open",
          confirmed_by: null,
          confirmed_at: null,
          corrections: 0,
          note: null,
          created_at: at,
          updated_at: at,
        };
        await insert(trx, who, row);
        return row.id;
      });
    },

    /** 签退: closes the open record now; it then waits for the organiser's confirmation. */
    async signOut(who: Who, id: string, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const r = await raw(trx, who.scope, id);
        if (r.state !== "open") throw refused({ zh: "该记录不是签到中的记录", en: "This record is not signed in" });
        const at = clock.now().toISOString();
        const max = await settings.get(VOLUNTEER_SETTINGS.maxRecordHours, await communityPath(trx, r.community_id), trx);
        const no = spanRefusal(r.sign_in_at, at, max);
        if (no) throw bad(no.zh, `${no.en}`);
        const patch = { sign_out_at: at, minutes: Math.round((Date.parse(at) - Date.parse(r.sign_in_at)) / 60_000), state: "pending", updated_at: at };
        await trx.updateTable("vol_records").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, { action: "volunteers.record.sign_out", entity: "vol_record", entityId: id, communityId: r.community_id, after: patch });
      });
    },

    /** 确认: by the organiser; only then do the hours count. */
    async confirm(who: Who, id: string, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const r = await raw(trx, who.scope, id);
        if (r.state !== "pending")
          throw refused({ zh: "只有已签退、待确认的记录可以确认", en: "Only a signed-out record awaiting confirmation can be confirmed" });
        const now = clock.now().toISOString();
        const patch = { state: "confirmed", confirmed_by: actorLabel(who), confirmed_at: now, updated_at: now };
        await trx.updateTable("vol_records").set(patch).where("id", "=", id).execute();
        await recompute(trx, r.volunteer_id);
        await audit.record(trx, who, { action: "volunteers.record.confirm", entity: "vol_record", entityId: id, communityId: r.community_id, after: patch });
      });
    },

    /** 更正: new times with a reason, kept with the record and in the audit log; star dates re-worked. */
    async correct(who: Who, id: string, input: z.input<typeof ZCorrection>) {
      const v = ZCorrection.parse(input);
      return inTx(db, null, async (trx) => {
        const r = await raw(trx, who.scope, id);
        if (r.state === "open" || r.state === "void")
          throw refused({ zh: "签到中或已作废的记录不能更正", en: "A record still signed in or void cannot be corrected" });
        const max = await settings.get(VOLUNTEER_SETTINGS.maxRecordHours, await communityPath(trx, r.community_id), trx);
        const no = spanRefusal(v.signInAt, v.signOutAt, max);
        if (no) throw bad(no.zh, no.en);
        const inAt = new Date(v.signInAt).toISOString();
        const outAt = new Date(v.signOutAt).toISOString();
        if (outAt > clock.now().toISOString()) throw bad("签退时间不能晚于现在", "The sign-out time cannot be in the future");
        await noOverlap(trx, r.volunteer_id, inAt, outAt, id);
        const date = dateOf(inAt);
        const now = clock.now().toISOString();
        const before = { signInAt: r.sign_in_at, signOutAt: r.sign_out_at, minutes: r.minutes };
        const patch = {
          sign_in_at: inAt,
          sign_out_at: outAt,
          service_date: date,
          service_month: date.slice(0, 7),
          minutes: Math.round((Date.parse(outAt) - Date.parse(inAt)) / 60_000),
          corrections: r.corrections + 1,
          updated_at: now,
        };
        await trx.updateTable("vol_records").set(patch).where("id", "=", id).execute();
        await trx
          .insertInto("vol_record_corrections")
          .values({
            id: uuidv7(clock.now().getTime()),
            record_id: id,
            at: now,
            actor: actorLabel(who),
            before: JSON.stringify(before),
            after: JSON.stringify(patch),
            reason: v.reason,
          })
          .execute();
        if (r.state === "confirmed") await recompute(trx, r.volunteer_id);
        await audit.record(trx, who, {
          action: "volunteers.record.correct",
          entity: "vol_record",
          entityId: id,
          communityId: r.community_id,
          before,
          after: { ...patch, reason: v.reason },
        });
      });
    },

    async corrections(scope: Scope, id: string) {
      await raw(db, scope, id);
      return db.selectFrom("vol_record_corrections").selectAll().where("record_id", "=", id).orderBy("at").execute();
    },

    async list(scope: Scope, f: RecordFilter & { page: number; pageSize: number }) {
      let q = recordsInScope(db, scope);
      if (f.volunteerId) q = q.where("r.volunteer_id", "=", f.volunteerId);
      if (f.state) q = q.where("r.state", "=", f.state);
      if (f.from) q = q.where("r.service_date", ">=", f.from);
      if (f.to) q = q.where("r.service_date", "<=", f.to);
      const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await q
        .selectAll("r")
        .select("p.name")
        .orderBy("r.sign_in_at", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map((r) => toRecord(r as RecordRow)), total, page: f.page, pageSize: f.pageSize };
    },

    /** Hours this year and in total, and the star level, on a date (today by default): from the records. */
    async summary(scope: Scope, id: string, on = today(), exec: Kysely<DB> = db): Promise<TSummary> {
      const volunteer = await registry.get(scope, id, on, exec);
      const sums = await exec
        .selectFrom("vol_records")
        .select((eb) => [
          eb.fn.coalesce(eb.fn.sum<number>("minutes"), eb.lit(0)).as("total"),
          eb.fn
            .coalesce(
              eb.fn.sum<number>(
                eb
                  .case()
                  .when("service_date", ">=", `${on.slice(0, 4)}-01-01`)
                  .then(eb.ref("minutes"))
                  .else(0)
                  .end(),
              ),
              eb.lit(0),
            )
            .as("year"),
        ])
        .where("volunteer_id", "=", id)
        .where("state", "=", "confirmed")
        .where("service_date", "<=", on)
        .executeTakeFirst();
      const reached = (await exec.selectFrom("vol_star_levels").select(["level", "reached_on"]).where("volunteer_id", "=", id).orderBy("level").execute()).map(
        (m) => ({
          level: Number(m.level),
          on: m.reached_on,
        }),
      );
      const level = levelOn(reached, on);
      const levels = await settings.get(VOLUNTEER_SETTINGS.starLevels, await communityPath(exec, volunteer.communityId), exec);
      const total = Number(sums?.total ?? 0);
      return {
        volunteer: { ...volunteer, hoursTotal: hoursOf(total) },
        on,
        hoursYear: hoursOf(Number(sums?.year ?? 0)),
        hoursTotal: hoursOf(total),
        star: { level, reached: reached.filter((m) => m.on <= on), next: nextLevel(level, total, volunteer.joinedOn, levels) },
      };
    },
  };
}
export type RecordsService = ReturnType<typeof createRecordsService>;
