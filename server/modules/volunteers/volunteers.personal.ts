// 志愿服务's part of what Shequ holds about a person (PIPL): their volunteer registration, teams and
// service records. A registered volunteer in service is kept (their hours are what the star levels
// and certificates stand on); once they have left, the records stay and only free notes are scrubbed.
import { VOLUNTEER_STATE_LABELS, type VolunteerState } from "../../../contracts/volunteers.js";
import { type PersonalDataRegistry, scrubRows, sheet } from "../../platform/personal-data.js";

export function registerVolunteersPersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "volunteers.registry",
    module: "volunteers",
    label: { zh: "志愿服务", en: "Volunteering" },
    async collect(db, s) {
      const vols = await db
        .selectFrom("vol_volunteers")
        .select(["id", "code", "skills", "availability", "joined_on", "state", "left_on", "minutes_total"])
        .where("person_id", "=", s.id)
        .execute();
      const ids = vols.map((v) => v.id);
      const records = ids.length
        ? await db
            .selectFrom("vol_records")
            .select(["volunteer_id", "title", "kind", "service_date", "sign_in_at", "sign_out_at", "minutes", "state", "note"])
            .where("volunteer_id", "in", ids)
            .orderBy("sign_in_at")
            .execute()
        : [];
      const teams = ids.length
        ? await db
            .selectFrom("vol_team_members as m")
            .innerJoin("vol_teams as t", "t.id", "m.team_id")
            .select(["t.name", "m.role", "m.joined_on", "m.left_on"])
            .where("m.volunteer_id", "in", ids)
            .execute()
        : [];
      const code = new Map(vols.map((v) => [v.id, v.code]));
      return [
        sheet("volunteer", { zh: "志愿者登记", en: "Volunteer registration" }, vols, [
          ["code", "志愿者编号", "Volunteer no."],
          ["skills", "技能", "Skills", (v) => (JSON.parse(v.skills || "[]") as string[]).join("、")],
          ["availability", "可服务时间", "Availability"],
          ["joinedOn", "加入日期", "Joined"],
          ["state", "状态", "State", (v) => VOLUNTEER_STATE_LABELS[v.state as VolunteerState]?.zh ?? v.state],
          ["leftOn", "离开日期", "Left"],
          ["hours", "累计时长（小时）", "Hours", (v) => Math.round((v.minutes_total / 60) * 10) / 10],
        ]),
        sheet("teams", { zh: "所在服务队", en: "Teams" }, teams, [
          ["team", "服务队", "Team", "name"],
          ["role", "角色", "Role"],
          ["joinedOn", "加入日期", "Joined"],
          ["leftOn", "离开日期", "Left"],
        ]),
        sheet("records", { zh: "服务记录", en: "Service records" }, records, [
          ["code", "志愿者编号", "Volunteer no.", (r) => code.get(r.volunteer_id) ?? ""],
          ["title", "服务内容", "Service"],
          ["kind", "类型", "Kind"],
          ["date", "日期", "Date", "service_date"],
          ["signIn", "签到", "Signed in", "sign_in_at"],
          ["signOut", "签退", "Signed out", "sign_out_at"],
          ["minutes", "时长（分钟）", "Minutes"],
          ["state", "状态", "State"],
          ["note", "备注", "Note"],
        ]),
      ];
    },
    retention: [
      {
        key: "volunteers.in-service",
        label: { zh: "在册志愿者", en: "A volunteer in service" },
        reason: {
          zh: "该人员是在册志愿者，服务时长是星级评定和时长证明的依据；须先办理离队（状态为已离开）",
          en: "The person is a registered volunteer whose hours back their star level and certificates; their registration is ended (left) first",
        },
        async holds(db, s) {
          const rows = await db.selectFrom("vol_volunteers").select(["id", "code"]).where("person_id", "=", s.id).where("state", "!=", "left").execute();
          return rows.map((r) => ({ id: r.id, label: r.code }));
        },
      },
    ],
    async anonymise(trx, s, alias) {
      const vols = await trx.selectFrom("vol_volunteers").select("id").where("person_id", "=", s.id).execute();
      const rows = vols.length
        ? await trx
            .selectFrom("vol_records")
            .select(["id", "note"])
            .where(
              "volunteer_id",
              "in",
              vols.map((v) => v.id),
            )
            .where("note", "is not", null)
            .execute()
        : [];
      return [{ table: "vol_records", rows: await scrubRows(trx, "vol_records", rows, s, alias) }];
    },
  });
}
