// 关爱帮扶's part of what Shequ holds about a person (PIPL): the households in care they belong to
// (as head, member or paired party member) and those households' visits. Others in the household are
// shown masked. A household still in care is kept: its assistance file (救助帮扶档案) must be complete.
import type { Kysely } from "kysely";
import { maskName } from "../../../contracts/mask.js";
import type { DB } from "../../db/types.js";
import { type PersonalDataRegistry, type PersonalSubject, scrubRows, sheet } from "../../platform/personal-data.js";

const ROLE = { head: "户主", member: "家庭成员", paired: "结对帮扶" } as Record<string, string>;

async function householdsOf(db: Kysely<DB>, s: PersonalSubject) {
  const rows = await db.selectFrom("care_household_people").select(["household_id", "role", "since", "until"]).where("person_id", "=", s.id).execute();
  const heads = await db.selectFrom("care_households").select("id").where("head_person_id", "=", s.id).execute();
  const ids = [...new Set([...rows.map((r) => r.household_id), ...heads.map((h) => h.id)])];
  return { links: rows, ids };
}

export function registerCarePersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "care.households",
    module: "care",
    label: { zh: "关爱帮扶", en: "Care" },
    async collect(db, s) {
      const { links, ids } = await householdsOf(db, s);
      const households = ids.length
        ? await db
            .selectFrom("care_households as h")
            .innerJoin("people as p", "p.id", "h.head_person_id")
            .select([
              "h.id",
              "h.kinds",
              "h.needs",
              "h.state",
              "h.enrolled_on",
              "h.archived_on",
              "h.last_visited_on",
              "h.note",
              "p.id as headId",
              "p.name as headName",
            ])
            .where("h.id", "in", ids)
            .execute()
        : [];
      const members = ids.length
        ? await db
            .selectFrom("care_household_people as m")
            .innerJoin("people as p", "p.id", "m.person_id")
            .select(["m.household_id", "m.role", "p.id", "p.name"])
            .where("m.household_id", "in", ids)
            .execute()
        : [];
      const visits = ids.length
        ? await db
            .selectFrom("care_visit_households as vh")
            .innerJoin("care_visits as v", "v.id", "vh.visit_id")
            .select(["vh.household_id", "v.visited_on", "v.title", "v.kind", "vh.goods", "vh.money_fen", "vh.services", "vh.follow_up"])
            .where("vh.household_id", "in", ids)
            .where("v.voided_at", "is", null)
            .orderBy("v.visited_on")
            .execute()
        : [];
      const own = (id: string, name: string) => (id === s.id ? name : (maskName(name) ?? ""));
      const head = new Map(households.map((h) => [h.id, own(h.headId, h.headName)]));
      return [
        sheet("households", { zh: "帮扶家庭", en: "Households in care" }, households, [
          ["head", "户主", "Head", (h) => head.get(h.id) ?? ""],
          ["role", "本人身份", "Your role", (h) => (h.headId === s.id ? "户主" : (ROLE[links.find((l) => l.household_id === h.id)?.role ?? ""] ?? ""))],
          [
            "members",
            "家庭成员",
            "Members",
            (h) =>
              members
                .filter((m) => m.household_id === h.id)
                .map((m) => `${own(m.id, m.name)}（${ROLE[m.role] ?? m.role}）`)
                .join("、"),
          ],
          ["kinds", "困难类型", "Difficulties", (h) => (JSON.parse(h.kinds || "[]") as string[]).join("、")],
          ["needs", "需求", "Needs", (h) => (JSON.parse(h.needs || "[]") as string[]).join("、")],
          ["state", "状态", "State", (h) => (h.state === "active" ? "帮扶中" : "已退出")],
          ["enrolledOn", "纳入日期", "Enrolled"],
          ["archivedOn", "退出日期", "Left care"],
          ["lastVisitedOn", "最近走访", "Last visited"],
          ["note", "备注", "Note"],
        ]),
        sheet("visits", { zh: "走访慰问", en: "Visits" }, visits, [
          ["household", "家庭（户主）", "Household (head)", (v) => head.get(v.household_id) ?? ""],
          ["date", "日期", "Date", "visited_on"],
          ["title", "事由", "Visit"],
          ["kind", "方式", "Kind"],
          ["goods", "物资", "Goods"],
          ["money", "金额（元）", "Money (yuan)", (v) => v.money_fen / 100],
          ["services", "服务", "Services"],
          ["followUp", "跟进事项", "Follow-up"],
        ]),
      ];
    },
    retention: [
      {
        key: "care.active-household",
        label: { zh: "帮扶中的家庭", en: "A household in care" },
        reason: {
          zh: "该人员所在家庭仍在关爱帮扶中，救助帮扶档案须完整保存；家庭退出帮扶后方可删除",
          en: "The person's household is still in care and its assistance file must be kept whole; it can be deleted once the household has left care",
        },
        async holds(db, s) {
          const { ids } = await householdsOf(db, s);
          if (!ids.length) return [];
          const rows = await db
            .selectFrom("care_households as h")
            .innerJoin("people as p", "p.id", "h.head_person_id")
            .select(["h.id", "p.name", "p.id as headId"])
            .where("h.id", "in", ids)
            .where("h.state", "=", "active")
            .execute();
          return rows.map((r) => ({ id: r.id, label: `户主 ${r.headId === s.id ? r.name : maskName(r.name)}` }));
        },
      },
    ],
    async anonymise(trx, s, alias) {
      const { ids } = await householdsOf(trx, s);
      const rows = ids.length ? await trx.selectFrom("care_households").select(["id", "note"]).where("id", "in", ids).execute() : [];
      return [{ table: "care_households", rows: await scrubRows(trx, "care_households", rows, s, alias) }];
    },
  });
}
