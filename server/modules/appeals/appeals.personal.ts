// 民意速办's part of what Shequ holds about a person (PIPL): the cases they made — by the registry
// link, or by their phone in their community — kept from anonymisation while still being handled.
import type { Kysely } from "kysely";
import { STATUS_LABELS, type Status } from "../../../contracts/appeals.js";
import type { DB } from "../../db/types.js";
import { type PersonalDataRegistry, type PersonalSubject, scrubText } from "../../platform/personal-data.js";

const c = (key: string, zh: string, en: string) => ({ key, label: { zh, en } });
/** 办理中 and 已办结待回访: the appellant is still to be answered or called back. */
const OPEN: Status[] = ["registered", "dispatched", "handling", "closed"];

function casesOf(db: Kysely<DB>, s: PersonalSubject) {
  return db
    .selectFrom("appeals")
    .where((eb) =>
      eb.or([
        eb("appellant_person_id", "=", s.id),
        ...(s.phone ? [eb.and([eb("appellant_phone", "=", s.phone), eb("community_id", "=", s.communityId)])] : []),
      ]),
    );
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
        {
          key: "cases",
          label: { zh: "提出的诉求", en: "Appeals made" },
          columns: [
            c("trackingNo", "受理编号", "Tracking no."),
            c("regDate", "登记日期", "Registered"),
            c("channel", "渠道", "Channel"),
            c("category", "类别", "Category"),
            c("title", "标题", "Title"),
            c("content", "内容", "Content"),
            c("address", "地点", "Address"),
            c("appellantName", "诉求人", "Appellant"),
            c("appellantPhone", "联系电话", "Phone"),
            c("status", "状态", "Status"),
            c("answer", "答复", "Answer"),
            c("closedAt", "办结时间", "Closed at"),
            c("satisfaction", "满意度", "Satisfaction"),
          ],
          rows: rows.map((r) => ({
            trackingNo: r.tracking_no,
            regDate: r.reg_date,
            channel: r.channel,
            category: r.category_code,
            title: r.title,
            content: r.content,
            address: r.address,
            appellantName: r.appellant_name,
            appellantPhone: r.appellant_phone,
            status: STATUS_LABELS[r.status as Status]?.zh ?? r.status,
            answer: r.answer,
            closedAt: r.closed_at,
            satisfaction: r.satisfaction,
          })),
        },
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
      let events = 0;
      for (const r of rows) {
        await trx
          .updateTable("appeals")
          .set({
            appellant_name: alias,
            appellant_phone: null,
            appellant_person_id: s.id,
            title: scrubText(r.title, s, alias) ?? "",
            content: scrubText(r.content, s, alias) ?? "",
            address: scrubText(r.address, s, alias),
            answer: scrubText(r.answer, s, alias),
          })
          .where("id", "=", r.id)
          .execute();
        const evs = await trx.selectFrom("appeal_events").select(["id", "note", "data"]).where("appeal_id", "=", r.id).execute();
        for (const e of evs) {
          const note = scrubText(e.note, s, alias);
          const data = scrubText(e.data, s, alias);
          if (note === e.note && data === e.data) continue;
          await trx.updateTable("appeal_events").set({ note, data }).where("id", "=", e.id).execute();
          events++;
        }
      }
      return [
        { table: "appeals", rows: rows.length },
        { table: "appeal_events", rows: events },
      ];
    },
  });
}
