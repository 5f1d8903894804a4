// 群团's part of what Shequ holds about a person (PIPL): their memberships of the 妇联 and 团委 and
// the honours they were nominated for. Nominations are kept: an award is a public record of its year.
import { type PersonalDataRegistry, scrubRows, sheet } from "../../platform/personal-data.js";

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
        sheet("members", { zh: "群团成员", en: "Memberships" }, members, [
          ["org", "组织", "Organisation", "name"],
          ["role", "职务", "Role"],
          ["joinedOn", "加入日期", "Joined"],
          ["leftOn", "离开日期", "Left"],
        ]),
        sheet("nominations", { zh: "评优推荐", en: "Nominations" }, noms, [
          ["award", "奖项", "Award"],
          ["level", "级别", "Level"],
          ["nominatedOn", "推荐日期", "Nominated"],
          ["result", "结果", "Result"],
          ["resultOn", "结果日期", "Result on"],
        ]),
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
      return [{ table: "mo_nominations", rows: await scrubRows(trx, "mo_nominations", rows, s, alias, { nominee_name: alias }) }];
    },
  });
}
