// 民意速办's part of what Shequ holds about a person (PIPL): the cases they made — by the registry
// link, or by their phone in their community — kept from anonymisation while still being handled.
import type { Kysely } from "kysely";
import { STATUS_LABELS, type Status } from "../../../contracts/appeals.js";
import type { DB } from "../../db/types.js";
import { ofSubject, type PersonalDataRegistry, type PersonalSubject, scrubRows, sheet } from "../../platform/personal-data.js";

/** 办理中 and 已办结待回访: the appellant is still to be answered or called back. */
const OPEN: Status[] = ["registered", "dispatched", "handling", "closed"];

function casesOf(db: Kysely<DB>, s: PersonalSubject) {
  return db.selectFrom("appeals").where(ofSubject(s, { person: "appellant_person_id", phone: "appellant_phone", community: "community_id" }));
}

export function registerAppealsPersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "appeals.cases",
    module: "appeals",
    label: { zh: "诉求", en: "Appeals" },
    async collect(db, s) {
      const rows = await casesOf(db, s)
        .select([
          "tracking_no",
          "reg_date",
          "channel",
          "category_code",
          "title",
          "content",
          "address",
          "appellant_name",
          "appellant_phone",
          "status",
          "answer",
          "closed_at",
          "satisfaction",
        ])
        .orderBy("registered_at")
        .execute();
      return [
        sheet("cases", { zh: "提出的诉求", en: "Appeals made" }, rows, [
          ["trackingNo", "受理编号", "Tracking no."],
          ["regDate", "登记日期", "Registered"],
          ["channel", "渠道", "Channel"],
          ["category", "类别", "Category", "category_code"],
          ["title", "标题", "Title"],
          ["content", "内容", "Content"],
          ["address", "地点", "Address"],
          ["appellantName", "诉求人", "Appellant"],
          ["appellantPhone", "联系电话", "Phone"],
          ["status", "状态", "Status", (r) => STATUS_LABELS[r.status as Status]?.zh ?? r.status],
          ["answer", "答复", "Answer"],
          ["closedAt", "办结时间", "Closed at"],
          ["satisfaction", "满意度", "Satisfaction"],
        ]),
      ];
    },
    retention: [
      {
        key: "appeals.open-case",
        label: { zh: "办理中的诉求", en: "An appeal being handled" },
        reason: {
          zh: "诉求尚未办结或待回访，须凭诉求人的联系方式答复和回访；办结归档后方可删除",
          en: "The appeal is still being handled or waits for its return visit, which needs the appellant's contact; it can be deleted once archived",
        },
        async holds(db, s) {
          const rows = await casesOf(db, s).select(["id", "tracking_no", "title"]).where("status", "in", OPEN).where("voided_at", "is", null).execute();
          return rows.map((r) => ({ id: r.id, label: `${r.tracking_no} ${r.title}` }));
        },
      },
    ],
    async anonymise(trx, s, alias) {
      const rows = await casesOf(trx, s).select(["id", "title", "content", "address", "answer"]).execute();
      const set = { appellant_name: alias, appellant_phone: null, appellant_person_id: s.id };
      const cases = await scrubRows(trx, "appeals", rows, s, alias, set);
      const evs = rows.length
        ? await trx
            .selectFrom("appeal_events")
            .select(["id", "note", "data"])
            .where(
              "appeal_id",
              "in",
              rows.map((r) => r.id),
            )
            .execute()
        : [];
      return [
        { table: "appeals", rows: cases },
        { table: "appeal_events", rows: await scrubRows(trx, "appeal_events", evs, s, alias) },
      ];
    },
  });
}
