// HTTP routes of 民意速办: thin wrappers over the service, zod schemas from contracts/appeals.ts.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  APPEAL_TYPE_LABELS,
  CASE_KIND_LABELS,
  CHANNEL_LABELS,
  DEADLINE_LABELS,
  SATISFACTION_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
  ZAppeal,
  ZAppealCreate,
  ZAppealDetail,
  ZAppealQuery,
  ZAssist,
  ZCategory,
  ZCategoryCreate,
  ZCategoryUpdate,
  ZClose,
  ZDispatch,
  ZDuplicate,
  ZExtensionDecision,
  ZExtensionRequest,
  ZMerge,
  ZNote,
  ZReason,
  ZVisit,
} from "../../../contracts/appeals.js";
import { can } from "../../../contracts/roles.js";
import { importRoutes, ZImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { localDate } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { voidRoutes } from "../../platform/voiding.js";
import { whoOf } from "../../platform/who.js";
import type { AppealsServices } from "./appeals.services.js";
import { IMPORT_FIELDS, importCases, templateXlsx } from "./appeals.xlsx.js";

const ZPaged = z.object({
  items: z.array(ZAppeal),
  total: z.number(),
  /** The list has more than `total` cases (counting stops there). */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
const id = z.object({ id: z.string() });
const tags = ["appeals"];

export function registerAppealRoutes(app: FastifyInstance, deps: Deps, svc: AppealsServices) {
  const r = withZod(app);

  r.get(
    "/api/appeals/export",
    {
      config: { permission: "appeals.export" },
      schema: {
        operationId: "exportAppeals",
        tags,
        summary: "导出 XLSX（按当前筛选；脱敏，除非有查看权限并选择显示；留痕）Export the filtered list",
        querystring: ZAppealQuery.omit({ page: true, pageSize: true }).extend({ reveal: z.enum(["0", "1"]).default("0") }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const reveal = req.query.reveal === "1" && can(ctx.user.role, "people.reveal");
      const rows = await svc.cases.exportRows(whoOf(req), req.query, reveal);
      const en = ctx.lang === "en";
      const label = (m: Record<string, { zh: string; en: string }>) => (k: string | null) => (k ? (m[k]?.[ctx.lang] ?? k) : "");
      const buf = await toXlsx(
        en ? "Appeals" : "民意速办案件",
        [
          { header: en ? "Tracking no." : "受理编号", key: "trackingNo", width: 16 },
          { header: en ? "External no." : "外部编号", key: "externalNo", width: 16 },
          { header: en ? "Channel" : "渠道", key: "channel", value: (c) => label(CHANNEL_LABELS)(c.channel) },
          { header: en ? "Kind" : "类型", key: "kind", value: (c) => label(CASE_KIND_LABELS)(c.kind) },
          { header: en ? "Appeal type" : "诉求类型", key: "appealType", value: (c) => label(APPEAL_TYPE_LABELS)(c.appealType) },
          { header: en ? "Category" : "大类", key: "parentCategoryName" },
          { header: en ? "Sub-category" : "小类", key: "categoryName" },
          { header: en ? "Urgency" : "紧急程度", key: "urgency", value: (c) => label(URGENCY_LABELS)(c.urgency) },
          { header: en ? "Title" : "标题", key: "title", width: 30 },
          { header: en ? "Description" : "诉求内容", key: "content", width: 40 },
          { header: en ? "Address" : "地址", key: "address", width: 30 },
          { header: en ? "Grid" : "网格", key: "gridName" },
          { header: en ? "Appellant" : "诉求人", key: "appellantName" },
          { header: en ? "Phone" : "联系电话", key: "appellantPhone", width: 14 },
          { header: en ? "Status" : "状态", key: "status", value: (c) => label(STATUS_LABELS)(c.status) },
          { header: en ? "Deadline" : "时限状态", key: "deadlineState", value: (c) => label(DEADLINE_LABELS)(c.deadlineState) },
          { header: en ? "Registered" : "登记时间", key: "registeredAt", width: 20 },
          { header: en ? "Due" : "办理时限", key: "dueAt", width: 20 },
          { header: en ? "Handled by" : "承办", key: "assigneeOrgName", value: (c) => c.assigneeUserName ?? c.assigneeOrgName ?? "" },
          { header: en ? "Closed" : "办结时间", key: "closedAt", width: 20 },
          { header: en ? "Resolved" : "是否解决", key: "resolved" },
          { header: en ? "Satisfaction" : "满意度", key: "satisfaction", value: (c) => label(SATISFACTION_LABELS)(c.satisfaction) },
          { header: en ? "Answer" : "答复", key: "answer", width: 30 },
        ],
        rows,
      );
      return sendFile(reply, `appeals-${localDate(deps.clock.now(), deps.config.timeZone)}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/appeals/import/fields",
    {
      config: { permission: "appeals.dispatch" },
      schema: {
        operationId: "appealImportFields",
        tags,
        summary: "导入字段及可识别的列名 Import fields and the column headers recognised",
        response: { 200: z.object({ items: z.array(z.object({ key: z.string(), headers: z.array(z.string()), required: z.boolean(), en: z.string() })) }) },
      },
    },
    async () => ({ items: IMPORT_FIELDS.map((f) => ({ ...f, required: !!f.required })) }),
  );
  importRoutes(app, {
    path: "/api/appeals/import",
    permission: "appeals.dispatch",
    config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
    operationId: "importAppeals",
    tags,
    summary: "导入 XLSX（全部成功或全部不导入，逐行报错；重复导入不变；dryRun=1 只检查）Import XLSX, all or nothing",
    query: ZImportQuery.extend({
      communityId: z.string().min(1),
      /** JSON object: field key → column header in the file (column mapping). */
      mapping: z.string().max(4000).optional(),
    }),
    template: {
      operationId: "appealImportTemplate",
      summary: "导入模板（民意速办平台导出格式）Import template",
      filename: () => "民意速办导入模板.xlsx",
      build: () => templateXlsx(),
    },
    run: ({ who, query, file, opts }) => {
      let mapping: Record<string, string> | undefined;
      if (query.mapping) {
        try {
          mapping = z.record(z.string(), z.string()).parse(JSON.parse(query.mapping));
        } catch {
          throw errors.badRequest("列对应关系格式不正确", "The column mapping is not valid JSON");
        }
      }
      return importCases({ ...deps, timeZone: deps.config.timeZone }, who, query.communityId, file.buf, { dryRun: opts.dryRun, mapping });
    },
  });

  r.get(
    "/api/appeals",
    {
      config: { permission: "appeals.read" },
      schema: {
        operationId: "listAppeals",
        tags,
        summary: "案件列表（筛选、分页）Cases, filtered and paged",
        querystring: ZAppealQuery,
        response: { 200: ZPaged },
      },
    },
    async (req) => svc.cases.list(whoOf(req), req.query),
  );
  r.get(
    "/api/appeals/inbox",
    {
      config: { permission: "appeals.handle" },
      schema: {
        operationId: "appealInbox",
        tags,
        summary: "我的待办：按紧急程度和剩余时间排序 My open cases by urgency and time left",
        querystring: ZAppealQuery,
        response: { 200: ZPaged },
      },
    },
    async (req) => svc.cases.inbox(whoOf(req), req.query),
  );
  r.get(
    "/api/appeals/categories",
    {
      config: { anyRole: true },
      schema: {
        operationId: "listAppealCategories",
        tags,
        summary: "分类目录（大类/小类）及时限 Catalogue with deadlines",
        querystring: z.object({ all: z.enum(["0", "1"]).optional() }),
        response: { 200: z.object({ items: z.array(ZCategory) }) },
      },
    },
    async (req) => ({ items: await svc.catalogue.categories(req.query.all === "1") }),
  );
  r.post(
    "/api/appeals/categories",
    {
      config: { permission: "appeals.admin" },
      schema: { operationId: "createAppealCategory", tags, body: ZCategoryCreate, response: { 201: ZCategory } },
    },
    async (req, reply) => reply.status(201).send(await svc.catalogue.createCategory(whoOf(req), req.body)),
  );
  r.patch(
    "/api/appeals/categories/:code",
    {
      config: { permission: "appeals.admin" },
      schema: { operationId: "updateAppealCategory", tags, params: z.object({ code: z.string() }), body: ZCategoryUpdate, response: { 200: ZCategory } },
    },
    async (req) => svc.catalogue.updateCategory(whoOf(req), req.params.code, req.body),
  );
  r.get(
    "/api/appeals/handlers",
    {
      config: { permission: "appeals.read" },
      schema: {
        operationId: "appealHandlers",
        tags,
        summary: "可派单的承办单位和承办人 Units and people a case can go to",
        querystring: z.object({ communityId: z.string().min(1) }),
        response: {
          200: z.object({
            orgs: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
            users: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), scope: z.string() })),
          }),
        },
      },
    },
    async (req) => svc.handling.handlers(whoOf(req), req.query.communityId),
  );
  r.get(
    "/api/appeals/duplicates",
    {
      config: { permission: "appeals.register" },
      schema: {
        operationId: "appealDuplicates",
        tags,
        summary: "疑似重复件（同一诉求人，或同一地点同一分类）Possible duplicates",
        querystring: z.object({
          communityId: z.string().min(1),
          phone: z.string().max(20).optional(),
          personId: z.string().max(60).optional(),
          categoryCode: z.string().max(20).optional(),
          gridId: z.string().max(60).optional(),
          address: z.string().max(200).optional(),
          excludeId: z.string().max(60).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZDuplicate) }) },
      },
    },
    async (req) => ({ items: await svc.intake.duplicates(whoOf(req), req.query) }),
  );
  r.get(
    "/api/appeals/:id",
    { config: { permission: "appeals.read" }, schema: { operationId: "getAppeal", tags, params: id, response: { 200: ZAppealDetail } } },
    async (req) => svc.cases.get(whoOf(req), req.params.id),
  );
  r.post(
    "/api/appeals",
    {
      config: { permission: "appeals.register" },
      schema: {
        operationId: "registerAppeal",
        tags,
        summary: "受理登记 Register a case",
        body: ZAppealCreate,
        response: { 201: z.object({ id: z.string(), trackingNo: z.string() }) },
      },
    },
    async (req, reply) => {
      const who = whoOf(req);
      const newId = await svc.intake.register(who, req.body);
      const row = await svc.cases.raw(who.scope, newId);
      return reply.status(201).send({ id: newId, trackingNo: row.tracking_no });
    },
  );

  // The state machine's steps: each answers with the case as it now is.
  const stepRoute = <B extends z.ZodTypeAny>(
    path: string,
    operationId: string,
    permission: "appeals.dispatch" | "appeals.handle",
    summary: string,
    body: B,
    run: (who: ReturnType<typeof whoOf>, id: string, b: z.infer<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/appeals/:id/${path}`,
      { config: { permission }, schema: { operationId, tags, summary, params: id, body, response: { 200: ZAppealDetail } } },
      async (req) => {
        const who = whoOf(req);
        await run(who, req.params.id, req.body as z.infer<B>);
        return svc.cases.get(who, req.params.id);
      },
    );
  stepRoute("dispatch", "dispatchAppeal", "appeals.dispatch", "派单 Dispatch", ZDispatch, (w, i, b) => svc.handling.dispatch(w, i, b));
  stepRoute("sign", "signAppeal", "appeals.handle", "签收 Sign for", ZNote, (w, i) => svc.handling.sign(w, i));
  stepRoute("contact", "contactAppellant", "appeals.handle", "首次联系诉求人 First contact", ZNote, (w, i, b) => svc.handling.contact(w, i, b.note));
  stepRoute("extension", "requestAppealExtension", "appeals.handle", "申请延期 Request an extension", ZExtensionRequest, (w, i, b) =>
    svc.handling.requestExtension(w, i, b),
  );
  stepRoute("extension/decide", "decideAppealExtension", "appeals.dispatch", "审批延期 Approve or refuse an extension", ZExtensionDecision, (w, i, b) =>
    svc.handling.decideExtension(w, i, b),
  );
  stepRoute("return", "returnAppeal", "appeals.handle", "退单 Return", ZReason, (w, i, b) => svc.handling.returnCase(w, i, b.reason));
  stepRoute("assist", "requestAppealAssist", "appeals.handle", "请求协办 Ask for assistance", ZAssist, (w, i, b) => svc.handling.assist(w, i, b));
  stepRoute("close", "closeAppeal", "appeals.handle", "答复办结 Answer and close", ZClose, (w, i, b) => svc.handling.close(w, i, b));
  stepRoute("visit", "visitAppeal", "appeals.dispatch", "回访（不满意自动重办）Return visit", ZVisit, (w, i, b) => svc.visits.visit(w, i, b));
  stepRoute("merge", "mergeAppeal", "appeals.dispatch", "合并重复件 Merge into another case", ZMerge, (w, i, b) => svc.merge.merge(w, i, b.intoId));
  voidRoutes(app, {
    path: "/api/appeals/:id",
    permission: "appeals.admin",
    tags,
    op: "Appeal",
    what: { zh: "案件", en: "case" },
    void: (w, i, b) => svc.cases.voidCase(w, i, b),
    restore: (w, i) => svc.cases.restoreCase(w, i),
  });

  r.post(
    "/api/appeals/:id/reveal",
    {
      config: { permission: "appeals.handle", rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        operationId: "revealAppellantPhone",
        tags,
        summary: "查看诉求人完整电话（留痕）Reveal the appellant's phone (audited)",
        params: id,
        body: ZReason,
        response: { 200: z.object({ field: z.string(), value: z.string().nullable() }) },
      },
    },
    async (req) => svc.cases.reveal(whoOf(req), req.params.id, req.body.reason),
  );
}
