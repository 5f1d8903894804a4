import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Msg } from "../../platform/errors.js";
import { countFigure, type FigureQuery, type FigureRegistry, rowsRatioFigure } from "../../platform/figures.js";
import { inScope } from "../../platform/scope.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import { PUBLIC_STATUSES } from "./portal.repo.js";
import { slotRows } from "./portal.schedule.js";

// The figures of 三务公开, each defined by the records it counts:
// - portal.items_published: items published in the period (by their 发布 day; a later withdrawal or
//   correction does not undo a publication), by column, month, community;
// - portal.on_time_rate: of the scheduled disclosures due in the period (a monthly, quarterly or
//   yearly column's periods, due 10 / 15 / 90 days after they end, from the portal's start day),
//   the share published by their due day; by community (the subdistrict's 监督), column;
// - portal.feedback: residents' questions and objections received in the period (each an appeal),
//   by whether its appeal has been answered (closed) and by item.

const M = "portal";
const community = { label: { zh: "社区", en: "Community" }, column: "i.community_id", labelColumn: "c.name" };

function published(db: Kysely<DB>, q: FigureQuery) {
  return db
    .selectFrom("portal_items as i")
    .innerJoin("regions as c", "c.id", "i.community_id")
    .leftJoin("portal_columns as k", "k.key", "i.column_key")
    .where(inScope(q.scope, { community: "i.community_id" }))
    .where("i.status", "in", PUBLIC_STATUSES)
    .where("i.published_on", ">=", q.from)
    .where("i.published_on", "<=", q.to);
}

function feedback(db: Kysely<DB>, q: FigureQuery) {
  return db
    .selectFrom("portal_feedback as f")
    .innerJoin("portal_items as i", "i.id", "f.item_id")
    .innerJoin("regions as c", "c.id", "f.community_id")
    .where(inScope(q.scope, { community: "f.community_id" }))
    .where("f.received_on", ">=", q.from)
    .where("f.received_on", "<=", q.to);
}

export function registerPortalFigures(figures: FigureRegistry, appeals: AppealsApi) {
  figures.register(
    countFigure({
      key: "portal.items_published",
      module: M,
      label: { zh: "三务公开发布事项", en: "Disclosures published" },
      definition: {
        zh: "期间内发布（审批通过）的三务公开事项数（按发布日期；之后撤回或更正的仍计入）；按栏目、月份、社区分组",
        en: "Disclosure items published (approved) in the period, by publication day (later withdrawn or corrected ones still count); by column, month, community",
      },
      recordsPermission: "portal.read",
      base: published,
      columns: [
        ["i.published_on", "publishedOn", { zh: "发布日期", en: "Published on" }],
        ["k.name", "column", { zh: "栏目", en: "Column" }],
        ["i.title", "title", { zh: "标题", en: "Title" }],
        ["i.status", "status", { zh: "状态", en: "State" }],
        ["c.name", "community", { zh: "社区", en: "Community" }],
        ["i.id", "id", { zh: "编号", en: "Id" }],
      ],
      orderBy: "i.published_on",
      dimensions: {
        column: { label: { zh: "栏目", en: "Column" }, column: "i.column_key", labelColumn: "k.name" },
        month: { label: { zh: "月份", en: "Month" }, column: "i.published_month" },
        community,
      },
    }),
  );

  figures.register(
    rowsRatioFigure({
      key: "portal.on_time_rate",
      module: M,
      label: { zh: "三务按时公开率", en: "On-time disclosure rate" },
      definition: {
        zh: "期间内到期的按期公开（每月、每季度、每年公开的栏目的各期，分别于期末后10日、15日、90日到期，自设置的起算日起）中，到期日前已发布的比例；按社区、栏目分组",
        en: "Of the scheduled disclosures due in the period (each period of a monthly, quarterly or yearly column, due 10, 15 or 90 days after it ends, from the configured start day), the share published by the due day; by community, column",
      },
      recordsPermission: "portal.read",
      columns: [
        { key: "communityName", label: { zh: "社区", en: "Community" } },
        { key: "columnName", label: { zh: "栏目", en: "Column" } },
        { key: "slotFrom", label: { zh: "公开期起", en: "Period from" } },
        { key: "slotTo", label: { zh: "公开期止", en: "Period to" } },
        { key: "dueOn", label: { zh: "到期日", en: "Due on" } },
        { key: "publishedOn", label: { zh: "发布日期", en: "Published on" } },
        { key: "itemTitle", label: { zh: "公开事项", en: "Item" } },
        { key: "onTime", label: { zh: "按时", en: "On time" } },
      ],
      items: async (db, q) => ({ rows: await slotRows(db, q.scope, q.from, q.to), hit: (r) => r.onTime }),
      dimensions: {
        community: { label: { zh: "社区", en: "Community" }, field: "communityId", labelField: "communityName" },
        column: { label: { zh: "栏目", en: "Column" }, field: "columnKey", labelField: "columnName" },
      },
    }),
  );

  const fb = countFigure({
    key: "portal.feedback",
    module: M,
    label: { zh: "三务公开居民意见", en: "Feedback on disclosures" },
    definition: {
      zh: "期间内收到的居民对公开事项的疑问和异议（每条转为一件诉求）；按是否已答复（其诉求已办结）、公开事项分组",
      en: "Residents' questions and objections on disclosure items received in the period (each registered as an appeal); by answered (its appeal closed) or not, and by item",
    },
    recordsPermission: "portal.read",
    base: feedback,
    columns: [
      ["f.received_on", "receivedOn", { zh: "收到日期", en: "Received on" }],
      ["f.tracking_no", "trackingNo", { zh: "诉求编号", en: "Appeal" }],
      ["i.title", "item", { zh: "公开事项", en: "Item" }],
      ["c.name", "community", { zh: "社区", en: "Community" }],
    ],
    orderBy: "f.received_on",
    dimensions: { item: { label: { zh: "公开事项", en: "Item" }, column: "f.item_id", labelColumn: "i.title" } },
  });
  const ANSWERED: Record<string, Msg> = { yes: { zh: "已答复", en: "Answered" }, no: { zh: "未答复", en: "Not yet answered" } };
  figures.register({
    ...fb,
    dimensions: {
      ...fb.dimensions,
      answered: {
        label: { zh: "是否已答复", en: "Answered" },
        async groups(db, q, lang) {
          const rows = await feedback(db, q).select(["f.item_id", "f.appeal_id"]).execute();
          const cases = await appeals.bySource(q.scope, "portal", "item", [...new Set(rows.map((r) => r.item_id))]);
          const closed = new Set(cases.filter((c) => c.status === "closed" || c.status === "archived").map((c) => c.id));
          const yes = rows.filter((r) => closed.has(r.appeal_id)).length;
          return [
            { key: "yes", label: ANSWERED.yes[lang], value: yes },
            { key: "no", label: ANSWERED.no[lang], value: rows.length - yes },
          ];
        },
      },
    },
  });
}
