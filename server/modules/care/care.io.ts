import type { FastifyInstance } from "fastify";
import { ZHouseholdQuery } from "../../../contracts/care.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import type { CareServices } from "./care.services.js";

// The households register as XLSX, with the list's filters: names masked and addresses down to the
// building as on the page (the full values stay on the people registry, revealed there with a reason);
// the export itself is audited.
export function registerCareIoRoutes(app: FastifyInstance, deps: Deps, svc: CareServices) {
  withZod(app).get(
    "/api/care/households/export.xlsx",
    {
      config: { permission: "care.export" },
      schema: {
        operationId: "exportCareHouseholds",
        tags: ["care"],
        summary: "导出困难户 XLSX Export households",
        querystring: ZHouseholdQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const items = [];
      for (let page = 1; ; page++) {
        const got = await svc.households.list(ctx.scope, { ...req.query, page, pageSize: 200 });
        items.push(...got.items);
        if (items.length >= got.total || !got.items.length || page >= 250) break;
      }
      await deps.db.transaction().execute((trx) =>
        deps.audit.record(trx, whoOf(req), {
          action: "care.export",
          entity: "care_household",
          communityId: ctx.scope.communityId,
          after: { rows: items.length, filters: req.query },
        }),
      );
      const zh = ctx.lang !== "en";
      const buf = await toXlsx(
        zh ? "困难户" : "Households",
        [
          { header: zh ? "困难户" : "Household", key: "name" },
          { header: zh ? "网格" : "Grid", key: "gridName" },
          { header: zh ? "地址" : "Address", key: "address", width: 36 },
          { header: zh ? "困难类型" : "Difficulty kinds", key: "kinds", value: (h) => h.kinds.join("、") },
          { header: zh ? "需求" : "Needs", key: "needs", value: (h) => h.needs.join("、") },
          { header: zh ? "网格员" : "Grid worker", key: "gridWorkerName" },
          { header: zh ? "结对党员" : "Paired party members", key: "paired", value: (h) => h.paired.map((p) => p.name).join("、") },
          { header: zh ? "成员数" : "Members", key: "members", value: (h) => h.members.length },
          { header: zh ? "纳入帮扶" : "In care since", key: "enrolledOn" },
          { header: zh ? "最近走访" : "Last visited", key: "lastVisitedOn" },
          { header: zh ? "状态" : "State", key: "state", value: (h) => (h.state === "active" ? (zh ? "帮扶中" : "In care") : zh ? "已归档" : "Archived") },
        ],
        items,
      );
      return sendFile(reply, zh ? "困难户.xlsx" : "care-households.xlsx", XLSX_MIME, buf);
    },
  );
}
