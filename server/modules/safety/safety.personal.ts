// 平安建设's part of what Shequ holds about a person (PIPL): the disputes they are a party to — by the
// registry link, their ID number or their phone in their community. The other parties are shown
// masked. A dispute still being mediated is kept: its parties must stay reachable.
import type { Kysely } from "kysely";
import { maskIdNumber, maskName, maskPhone } from "../../../contracts/mask.js";
import type { DB } from "../../db/types.js";
import { type PersonalDataRegistry, type PersonalSubject, scrubText } from "../../platform/personal-data.js";

const c = (key: string, zh: string, en: string) => ({ key, label: { zh, en } });

function partiesOf(db: Kysely<DB>, s: PersonalSubject) {
  return db
    .selectFrom("safety_dispute_parties as x")
    .where((eb) =>
      eb.or([
        eb("x.person_id", "=", s.id),
        ...(s.idNumber ? [eb("x.id_number", "=", s.idNumber)] : []),
        ...(s.phone ? [eb.and([eb("x.phone", "=", s.phone), eb("x.community_id", "=", s.communityId)])] : []),
      ]),
    );
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
        {
          key: "disputes",
          label: { zh: "矛盾纠纷", en: "Disputes" },
          columns: [
            c("code", "编号", "No."),
            c("type", "类型", "Type"),
            c("registeredOn", "登记日期", "Registered"),
            c("summary", "纠纷概要", "Summary"),
            c("parties", "当事人", "Parties"),
            c("level", "调解层级", "Level"),
            c("status", "状态", "Status"),
            c("outcome", "结果", "Outcome"),
            c("agreement", "调解协议", "Agreement"),
            c("closedOn", "结案日期", "Closed"),
          ],
          rows: disputes.map((d) => ({
            code: d.code,
            type: d.type,
            registeredOn: d.registered_on,
            summary: d.summary,
            parties: all
              .filter((p) => p.dispute_id === d.id)
              .map(show)
              .join("；"),
            level: d.level,
            status: d.status === "open" ? "调解中" : "已结案",
            outcome: d.outcome,
            agreement: d.agreement,
            closedOn: d.closed_on,
          })),
        },
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
      let d = 0;
      for (const r of await trx.selectFrom("safety_disputes").select(["id", "summary", "agreement"]).where("id", "in", ids).execute()) {
        const summary = scrubText(r.summary, s, alias) ?? "";
        const agreement = scrubText(r.agreement, s, alias);
        if (summary === r.summary && agreement === r.agreement) continue;
        await trx.updateTable("safety_disputes").set({ summary, agreement }).where("id", "=", r.id).execute();
        d++;
      }
      let e = 0;
      for (const r of await trx.selectFrom("safety_dispute_events").select(["id", "attendees", "record", "reason"]).where("dispute_id", "in", ids).execute()) {
        const next = { attendees: scrubText(r.attendees, s, alias), record: scrubText(r.record, s, alias), reason: scrubText(r.reason, s, alias) };
        if (next.attendees === r.attendees && next.record === r.record && next.reason === r.reason) continue;
        await trx.updateTable("safety_dispute_events").set(next).where("id", "=", r.id).execute();
        e++;
      }
      return [
        { table: "safety_dispute_parties", rows: mine.length },
        { table: "safety_disputes", rows: d },
        { table: "safety_dispute_events", rows: e },
      ];
    },
  });
}
