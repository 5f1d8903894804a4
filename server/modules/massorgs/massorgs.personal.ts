// 群团's part of what Shequ holds about a person (PIPL): their memberships of the 妇联 and 团委 and
// the honours they were nominated for. Nominations are kept: an award is a public record of its year.
import { type PersonalDataRegistry, scrubText } from "../../platform/personal-data.js";

const c = (key: string, zh: string, en: string) => ({ key, label: { zh, en } });

export function registerMassOrgsPersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "massorgs.members",
    module: "massorgs",
    label: { zh: "群团组织", en: "Mass organisations" },
    async collect(db, s) {
      const members = await db
        .selectFrom("mo_members as m")
        .innerJoin("organisations as o", "o.id", "m.org_id")
        .select(["o.name", "m.role", "m.joined_on", "m.left_on"])
        .where("m.person_id", "=", s.id)
        .execute();
      const noms = await db
        .selectFrom("mo_nominations")
        .select(["award", "level", "nominated_on", "result", "result_on", "note"])
        .where("person_id", "=", s.id)
        .execute();
      return [
        {
          key: "members",
          label: { zh: "群团成员", en: "Memberships" },
          columns: [c("org", "组织", "Organisation"), c("role", "职务", "Role"), c("joinedOn", "加入日期", "Joined"), c("leftOn", "离开日期", "Left")],
          rows: members.map((m) => ({ org: m.name, role: m.role, joinedOn: m.joined_on, leftOn: m.left_on })),
        },
        {
          key: "nominations",
          label: { zh: "评优推荐", en: "Nominations" },
          columns: [
            c("award", "奖项", "Award"),
            c("level", "级别", "Level"),
            c("nominatedOn", "推荐日期", "Nominated"),
            c("result", "结果", "Result"),
            c("resultOn", "结果日期", "Result on"),
          ],
          rows: noms.map((n) => ({ award: n.award, level: n.level, nominatedOn: n.nominated_on, result: n.result, resultOn: n.result_on })),
        },
      ];
    },
    retention: [
      {
        key: "massorgs.honour",
        label: { zh: "评优表彰记录", en: "An honour's record" },
        reason: {
          zh: "评优推荐和表彰结果是当年公开的表彰档案，须保存",
          en: "A nomination and its award are the year's public record of honours and are kept",
        },
        async holds(db, s) {
          const rows = await db.selectFrom("mo_nominations").select(["id", "award", "nominated_on"]).where("person_id", "=", s.id).execute();
          return rows.map((r) => ({ id: r.id, label: `${r.award} ${r.nominated_on}` }));
        },
      },
    ],
    async anonymise(trx, s, alias) {
      // Memberships keep only the link; nothing of the person is copied there.
      const rows = await trx.selectFrom("mo_nominations").select(["id", "note"]).where("person_id", "=", s.id).execute();
      for (const r of rows)
        await trx
          .updateTable("mo_nominations")
          .set({ nominee_name: alias, note: scrubText(r.note, s, alias) ?? "" })
          .where("id", "=", r.id)
          .execute();
      return [{ table: "mo_nominations", rows: rows.length }];
    },
  });
}
