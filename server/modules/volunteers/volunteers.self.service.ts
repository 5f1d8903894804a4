import type { TMyPage } from "../../../contracts/volunteers.js";
import { addDays } from "../../platform/dates.js";
import { AppError } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Who } from "../../platform/who.js";
import { refused, todayFn, type VolunteerCollaborators, type VolunteerDeps } from "./volunteers.common.js";
import type { RecordsService } from "./volunteers.records.service.js";
import type { RegistryService } from "./volunteers.registry.service.js";

// The volunteer's own page (role 志愿者, on a phone): their hours and star level, what is left to the
// next star, the activities of the coming weeks to sign up for (read through activities' api) and
// their own records; signing in and out at an activity from the phone.

export function createSelfService(deps: VolunteerDeps, col: VolunteerCollaborators, registry: RegistryService, records: RecordsService) {
  const { db, audit, clock } = deps;
  const today = todayFn(deps);

  async function mine(who: Who) {
    const v = who.user ? await registry.byUser(who.user.id) : undefined;
    if (!v) throw new AppError(404, "NOT_FOUND", { zh: "您的账号尚未关联志愿者登记", en: "Your account is not linked to a volunteer registration" });
    return v;
  }

  return {
    mine,

    async page(who: Who): Promise<TMyPage> {
      const v = await mine(who);
      const t = today();
      const summary = await records.summary(who.scope, v.id, t);
      const list = await records.list(who.scope, { volunteerId: v.id, page: 1, pageSize: 20 });
      const acts = await col.activities.activitiesBetween(who.scope, t, addDays(t, 30));
      const mineUp = new Set((await db.selectFrom("vol_signups").select("activity_id").where("volunteer_id", "=", v.id).execute()).map((s) => s.activity_id));
      const now = clock.now().toISOString();
      return {
        ...summary,
        records: list.items.filter((r) => r.state !== "open"),
        openRecord: list.items.find((r) => r.state === "open") ?? null,
        upcoming: acts
          .filter((a) => a.endsAt > now && a.status !== "cancelled")
          .slice(0, 20)
          .map((a) => ({ id: a.id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt, signedUp: mineUp.has(a.id) })),
      };
    },

    async signUp(who: Who, activityId: string) {
      const v = await mine(who);
      const a = await col.activities.activityById(who.scope, activityId);
      if (!a) throw new AppError(404, "NOT_FOUND", { zh: "活动不存在", en: "Activity not found" });
      if (a.endsAt <= clock.now().toISOString()) throw refused({ zh: "活动已结束，不能报名", en: "The activity is over" });
      await db.transaction().execute(async (trx) => {
        const had = await trx.selectFrom("vol_signups").select("id").where("volunteer_id", "=", v.id).where("activity_id", "=", activityId).executeTakeFirst();
        if (had) return;
        await trx
          .insertInto("vol_signups")
          .values({ id: uuidv7(clock.now().getTime()), volunteer_id: v.id, activity_id: activityId, created_at: clock.now().toISOString() })
          .execute();
        await audit.record(trx, who, { action: "volunteers.signup", entity: "volunteer", entityId: v.id, communityId: v.community_id, after: { activityId } });
      });
    },

    /**
     * Signs in now: at an activity picked from the page's list, or by the code of the activity's
     * check-in QR (`k`, scanned on the phone): then the activity's own rules apply (wrong or expired
     * code, cancelled, outside its check-in window), read through activities' api.
     */
    async signIn(who: Who, activityId: string | null, k?: string | null) {
      const v = await mine(who);
      if (k != null) {
        if (!activityId) throw refused({ zh: "请扫描活动现场的签到二维码", en: "Scan the check-in QR code at the activity" });
        await col.activities.checkinByCode(who.scope, activityId, k);
      }
      return records.signIn(who, { volunteerId: v.id, activityId });
    },

    async signOut(who: Who) {
      const v = await mine(who);
      const open = await db.selectFrom("vol_records").select("id").where("volunteer_id", "=", v.id).where("state", "=", "open").executeTakeFirst();
      if (!open) throw refused({ zh: "您当前没有签到中的服务", en: "You are not signed in" });
      await records.signOut(who, open.id);
      return open.id;
    },
  };
}
