// 平安建设's part of what Shequ holds about a person (PIPL): the disputes they are a party to — by the
// registry link, their ID number or their phone in their community. The other parties are shown
// masked. A dispute still being mediated is kept: its parties must stay reachable.
import type { Kysely } from "kysely";
import { maskIdNumber, maskName, maskPhone } from "../../../contracts/mask.js";
import type { DB } from "../../db/types.js";
import { ofSubject, type PersonalDataRegistry, type PersonalSubject, scrubRows, sheet } from "../../platform/personal-data.js";

function partiesOf(db: Kysely<DB>, s: PersonalSubject) {
  return db
    .selectFrom("safety_dispute_parties as x")
    .where(ofSubject(s, { person: "x.person_id", idNumber: "x.id_number", phone: "x.phone", community: "x.community_id" }));
}

export function registerSafetyPersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "safety.disputes",
    module: "safety",
    label: { zh: "矛盾纠纷", en: "Disputes" },
    async collect(db, s) {
      const mine = await partiesOf(db, s).select(["x.id", "x.dispute_id", "x.name", "x.role", "x.phone", "x.id_number"]).execute();
      const ids = [...new Set(mine.map((m) => m.dispute_id))];
      if (!ids.length) return [{ key: "disputes", label: { zh: "矛盾纠纷", en: "Disputes" }, columns: [], rows: [] }];
      const disputes = await db
        .selectFrom("safety_disputes")
        .select(["id", "code", "type", "summary", "registered_on", "level", "status", "outcome", "closed_on", "agreement"])
        .where("id", "in", ids)
        .orderBy("registered_on")
        .execute();
      const all = await db
        .selectFrom("safety_dispute_parties")
        .select(["id", "dispute_id", "name", "role", "phone", "id_number"])
        .where("dispute_id", "in", ids)
        .orderBy("sort")
        .execute();
      const ownIds = new Set(mine.map((m) => m.id));
      const show = (p: (typeof all)[number]) =>
        ownIds.has(p.id)
          ? `${p.name}（${p.role}）${p.phone ?? ""} ${p.id_number ?? ""}`.trim()
          : `${maskName(p.name)}（${p.role}）${maskPhone(p.phone) ?? ""} ${maskIdNumber(p.id_number) ?? ""}`.trim();
      return [
        sheet("disputes", { zh: "矛盾纠纷", en: "Disputes" }, disputes, [
          ["code", "编号", "No."],
          ["type", "类型", "Type"],
          ["registeredOn", "登记日期", "Registered"],
          ["summary", "纠纷概要", "Summary"],
          [
            "parties",
            "当事人",
            "Parties",
            (d) =>
              all
                .filter((p) => p.dispute_id === d.id)
                .map(show)
                .join("；"),
          ],
          ["level", "调解层级", "Level"],
          ["status", "状态", "Status", (d) => (d.status === "open" ? "调解中" : "已结案")],
          ["outcome", "结果", "Outcome"],
          ["agreement", "调解协议", "Agreement"],
          ["closedOn", "结案日期", "Closed"],
        ]),
      ];
    },
    retention: [
      {
        key: "safety.open-dispute",
        label: { zh: "调解中的纠纷", en: "A dispute being mediated" },
        reason: {
          zh: "纠纷仍在调解中，须能联系当事人；结案后方可删除当事人的个人信息",
          en: "The dispute is still being mediated and its parties must stay reachable; a party's data can be deleted once it is closed",
        },
        async holds(db, s) {
          const rows = await partiesOf(db, s)
            .innerJoin("safety_disputes as d", "d.id", "x.dispute_id")
            .select(["d.id", "d.code"])
            .where("d.status", "=", "open")
            .where("d.voided_at", "is", null)
            .execute();
          return [...new Map(rows.map((r) => [r.id, { id: r.id, label: r.code }])).values()];
        },
      },
    ],
    async anonymise(trx, s, alias) {
      const mine = await partiesOf(trx, s).select(["x.id", "x.dispute_id"]).execute();
      if (!mine.length) return [{ table: "safety_dispute_parties", rows: 0 }];
      await trx
        .updateTable("safety_dispute_parties")
        .set({ name: alias, phone: null, id_number: null, person_id: s.id })
        .where(
          "id",
          "in",
          mine.map((m) => m.id),
        )
        .execute();
      const ids = [...new Set(mine.map((m) => m.dispute_id))];
      const disputes = await trx.selectFrom("safety_disputes").select(["id", "summary", "agreement"]).where("id", "in", ids).execute();
      const events = await trx.selectFrom("safety_dispute_events").select(["id", "attendees", "record", "reason"]).where("dispute_id", "in", ids).execute();
      return [
        { table: "safety_dispute_parties", rows: mine.length },
        { table: "safety_disputes", rows: await scrubRows(trx, "safety_disputes", disputes, s, alias) },
        { table: "safety_dispute_events", rows: await scrubRows(trx, "safety_dispute_events", events, s, alias) },
      ];
    },
  });
}
