// 活动's part of what Shequ holds about a person (PIPL): their sign-ups and attendance — by the
// registry link, or by their phone in their community. Nothing here keeps a record from anonymisation:
// attendance counts stay (the rows stay), the name and phone go.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { ofSubject, type PersonalDataRegistry, type PersonalSubject, sheet } from "../../platform/personal-data.js";

const mine = (s: PersonalSubject, t: "s" | "a") => ofSubject(s, { person: `${t}.person_id`, phone: `${t}.phone`, community: `${t}.community_id` });

export function registerActivitiesPersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "activities.participation",
    module: "activities",
    label: { zh: "活动报名与签到", en: "Activity sign-ups and attendance" },
    async collect(db, s) {
      const signups = await db
        .selectFrom("act_signups as s")
        .innerJoin("act_activities as x", "x.id", "s.activity_id")
        .select(["x.code", "x.title", "x.starts_at", "s.name", "s.phone", "s.party_size", "s.status", "s.created_at", "s.cancelled_at"])
        .where(mine(s, "s"))
        .orderBy("s.created_at")
        .execute();
      const attendance = await db
        .selectFrom("act_attendance as a")
        .innerJoin("act_activities as x", "x.id", "a.activity_id")
        .select(["x.code", "x.title", "a.start_date", "a.name", "a.phone", "a.persons", "a.method", "a.at"])
        .where(mine(s, "a"))
        .orderBy("a.at")
        .execute();
      return [
        sheet("signups", { zh: "活动报名", en: "Sign-ups" }, signups, [
          ["code", "活动编号", "Activity no."],
          ["title", "活动", "Activity"],
          ["startsAt", "开始时间", "Starts at"],
          ["name", "报名姓名", "Name"],
          ["phone", "手机号", "Phone"],
          ["partySize", "人数", "Party size"],
          ["status", "状态", "Status"],
          ["createdAt", "报名时间", "Signed up at"],
          ["cancelledAt", "取消时间", "Cancelled at"],
        ]),
        sheet("attendance", { zh: "活动签到", en: "Attendance" }, attendance, [
          ["code", "活动编号", "Activity no."],
          ["title", "活动", "Activity"],
          ["date", "日期", "Date", "start_date"],
          ["name", "姓名", "Name"],
          ["phone", "手机号", "Phone"],
          ["persons", "人数", "Persons"],
          ["method", "签到方式", "Method"],
          ["at", "签到时间", "Checked in at"],
        ]),
      ];
    },
    retention: [],
    async anonymise(trx: Kysely<DB>, s, alias) {
      const a = await trx.updateTable("act_signups as s").set({ name: alias, phone: null, person_id: s.id }).where(mine(s, "s")).executeTakeFirst();
      // A check-in by phone is keyed by the phone (`t:138…`): the key becomes the row's own, so the
      // attendance counts as it did and the phone is gone.
      const rows = await trx.selectFrom("act_attendance as a").select(["a.id", "a.who_key"]).where(mine(s, "a")).execute();
      for (const r of rows)
        await trx
          .updateTable("act_attendance")
          .set({ name: alias, phone: null, person_id: s.id, ...(r.who_key.startsWith("t:") || r.who_key.startsWith("n:") ? { who_key: `a:${r.id}` } : {}) })
          .where("id", "=", r.id)
          .execute();
      return [
        { table: "act_signups", rows: Number(a.numUpdatedRows) },
        { table: "act_attendance", rows: rows.length },
      ];
    },
  });
}
