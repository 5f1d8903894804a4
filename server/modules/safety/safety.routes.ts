import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZDate } from "../../../contracts/platform.js";
import {
  DISPUTE_SOURCE_LABELS,
  DISPUTE_TYPE_EN,
  HAZARD_KIND_EN,
  HAZARD_SOURCE_LABELS,
  HAZARD_STATUS_LABELS,
  LEVEL_LABELS,
  OUTCOME_LABELS,
  PLACE_KINDS,
  RISK_LABELS,
  ZChecklist,
  ZChecklistPut,
  ZDispute,
  ZDisputeClose,
  ZDisputeCreate,
  ZDisputeQuery,
  ZEscalate,
  ZFollowup,
  ZHazard,
  ZHazardAssign,
  ZHazardCancel,
  ZHazardClose,
  ZHazardCreate,
  ZHazardQuery,
  ZHazardRectify,
  ZHazardVerify,
  ZInspection,
  ZInspectionCreate,
  ZInspectionQuery,
  ZOpenHazardFromItem,
  ZPlace,
  ZPlaceCreate,
  ZPlaceQuery,
  ZPlaceUpdate,
  ZPlanItem,
  ZSession,
} from "../../../contracts/safety.js";
import { importRoutes, ZImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { localDate } from "../../platform/dates.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { voidRoutes } from "../../platform/voiding.js";
import { whoOf } from "../../platform/who.js";
import { agreementDocx } from "./agreement.docx.js";
import type { DisputesService } from "./disputes.service.js";
import { hazardsTemplate, importHazards } from "./hazards.import.js";
import type { HazardsService } from "./hazards.service.js";
import { disputesTemplate, importDisputes } from "./import.js";
import { importInspections, inspectionItemColumns, inspectionsTemplate } from "./inspections.import.js";
import type { createInspectionsService } from "./inspections.service.js";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const id = z.object({ id: z.string().max(64) });
const yuan = (fen: number | null | undefined) => (fen == null ? "" : (Number(fen) / 100).toFixed(2));

export function registerSafetyRoutes(
  app: FastifyInstance,
  deps: Deps,
  svc: { hazards: HazardsService; inspections: ReturnType<typeof createInspectionsService>; disputes: DisputesService },
) {
  const r = withZod(app);
  const { hazards, inspections, disputes } = svc;
  voidRoutes(app, {
    path: "/api/safety/disputes/:id",
    permission: "safety.admin",
    tags: ["safety"],
    op: "Dispute",
    what: { zh: "纠纷", en: "dispute" },
    void: disputes.voidDispute,
    restore: disputes.restoreDispute,
  });
  const today = () => hazards.today();

  // ------------------------------------------------------------------ hazards
  let tags = ["safety: hazards"];
  r.get(
    "/api/safety/hazards",
    {
      config: { permission: "safety.read" },
      schema: { operationId: "listHazards", tags, summary: "隐患列表 Hazards", querystring: ZHazardQuery, response: { 200: page(ZHazard) } },
    },
    async (req) => hazards.list(authed(req).scope, req.query),
  );
  importRoutes(app, {
    path: "/api/safety/hazards/import",
    permission: "safety.admin",
    operationId: "importHazards",
    tags,
    summary: "导入隐患台账及其整改过程 XLSX（全部成功或全部不导入，逐行报告；dryRun=1 只检查）Import hazards with their history, all-or-nothing",
    query: ZImportQuery.extend({ communityId: z.string().min(1) }),
    template: {
      operationId: "hazardsImportTemplate",
      summary: "隐患台账导入模板 XLSX",
      filename: (lang) => (lang === "en" ? "hazards-template.xlsx" : "隐患台账导入模板.xlsx"),
      build: (lang) => hazardsTemplate(lang === "en"),
    },
    run: ({ who, query, file, opts }) => importHazards({ ...deps, timeZone: deps.config.timeZone }, who, query.communityId, file.buf, opts),
  });
  r.get(
    "/api/safety/hazards/export",
    { config: { permission: "safety.export" }, schema: { operationId: "exportHazards", tags, summary: "导出隐患台账 XLSX", querystring: ZHazardQuery } },
    async (req, reply) => {
      const en = authed(req).lang === "en";
      const L = (m: { zh: string; en: string } | undefined, raw: string) => (m ? (en ? m.en : m.zh) : raw);
      const rows = await hazards.exportRows(whoOf(req), req.query);
      const buf = await toXlsx(
        en ? "Hazards" : "隐患台账",
        [
          { header: en ? "No." : "编号", key: "code", width: 22 },
          { header: en ? "Found on" : "发现日期", key: "foundOn", width: 12 },
          { header: en ? "Source" : "来源", key: "source", value: (h) => L(HAZARD_SOURCE_LABELS[h.source], h.source) },
          { header: en ? "Kind" : "类型", key: "kind", value: (h) => (en ? (HAZARD_KIND_EN as any)[h.kind] : h.kind) },
          { header: en ? "Grid" : "网格", key: "gridName" },
          { header: en ? "Place" : "地点", key: "place", width: 30 },
          { header: en ? "Description" : "隐患描述", key: "description", width: 40 },
          { header: en ? "Risk" : "风险等级", key: "risk", value: (h) => L(RISK_LABELS[h.risk], h.risk) },
          { header: en ? "Status" : "状态", key: "status", value: (h) => L(HAZARD_STATUS_LABELS[h.status], h.status) },
          { header: en ? "Assignee" : "责任人", key: "assigneeName" },
          { header: en ? "Deadline" : "整改期限", key: "deadline", width: 12 },
          { header: en ? "Rectified on" : "整改日期", key: "rectifiedOn", width: 12 },
          { header: en ? "Rectified by" : "整改人", key: "rectifiedBy" },
          { header: en ? "Overdue" : "逾期", key: "overdue" },
          { header: en ? "Verified by" : "核查人", key: "verifiedBy" },
          {
            header: en ? "Verified on" : "核查日期",
            key: "verifiedAt",
            width: 12,
            value: (h) => (h.verifiedAt && h.status !== "assigned" ? localDate(new Date(h.verifiedAt), deps.config.timeZone) : ""),
          },
          { header: en ? "Closed on" : "销号日期", key: "closedOn", width: 12 },
        ],
        rows,
      );
      return sendFile(reply, `hazards-${today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.post(
    "/api/safety/hazards/escalate-overdue",
    {
      config: { permission: "safety.write" },
      schema: {
        operationId: "escalateOverdueHazards",
        tags,
        summary: "逾期隐患升级 Escalate overdue hazards",
        response: { 200: z.object({ escalated: z.number() }) },
      },
    },
    async (req) => ({ escalated: await hazards.escalateOverdue(whoOf(req)) }),
  );
  r.get(
    "/api/safety/hazards/:id",
    { config: { permission: "safety.read" }, schema: { operationId: "getHazard", tags, params: id, response: { 200: ZHazard } } },
    async (req) => hazards.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/safety/hazards",
    {
      config: { permission: "safety.write" },
      schema: { operationId: "createHazard", tags, summary: "登记隐患 Report a hazard", body: ZHazardCreate, response: { 201: ZHazard } },
    },
    async (req, reply) => reply.status(201).send(await hazards.create(whoOf(req), req.body)),
  );
  for (const [action, body, op, summary] of [
    ["assign", ZHazardAssign, "assignHazard", "交办（责任人、整改期限）Assign with a deadline"],
    ["rectify", ZHazardRectify, "rectifyHazard", "登记整改（附佐证）Record rectification with evidence"],
    ["verify", ZHazardVerify, "verifyHazard", "核查（须为他人）Verify (by another person)"],
    ["close", ZHazardClose, "closeHazard", "销号 Close"],
    ["cancel", ZHazardCancel, "cancelHazard", "撤销 Cancel"],
  ] as const) {
    r.post(
      `/api/safety/hazards/:id/${action}`,
      { config: { permission: "safety.write" }, schema: { operationId: op, tags, summary, params: id, body, response: { 200: ZHazard } } },
      async (req) => {
        const who = whoOf(req);
        const b = req.body as any;
        if (action === "assign") return hazards.assign(who, req.params.id, b);
        if (action === "rectify") return hazards.rectify(who, req.params.id, b);
        if (action === "verify") return hazards.verify(who, req.params.id, b);
        if (action === "close") return hazards.close(who, req.params.id, b);
        return hazards.cancel(who, req.params.id, b.reason);
      },
    );
  }

  // ------------------------------------------------------------------ places, checklists, inspections
  tags = ["safety: inspections"];
  r.get(
    "/api/safety/places",
    {
      config: { permission: "safety.read" },
      schema: { operationId: "listSafetyPlaces", tags, summary: "检查场所台账 Places", querystring: ZPlaceQuery, response: { 200: page(ZPlace) } },
    },
    async (req) => inspections.listPlaces(authed(req).scope, req.query),
  );
  r.get(
    "/api/safety/places/:id",
    { config: { permission: "safety.read" }, schema: { operationId: "getSafetyPlace", tags, params: id, response: { 200: ZPlace } } },
    async (req) => inspections.getPlace(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/safety/places",
    { config: { permission: "safety.write" }, schema: { operationId: "createSafetyPlace", tags, body: ZPlaceCreate, response: { 201: ZPlace } } },
    async (req, reply) => reply.status(201).send(await inspections.createPlace(whoOf(req), req.body)),
  );
  r.patch(
    "/api/safety/places/:id",
    { config: { permission: "safety.write" }, schema: { operationId: "updateSafetyPlace", tags, params: id, body: ZPlaceUpdate, response: { 200: ZPlace } } },
    async (req) => inspections.updatePlace(whoOf(req), req.params.id, req.body),
  );
  r.get(
    "/api/safety/checklists",
    {
      config: { permission: "safety.read" },
      schema: { operationId: "listSafetyChecklists", tags, summary: "检查表（按场所类型）Checklists", response: { 200: z.array(ZChecklist) } },
    },
    async () => inspections.checklists(),
  );
  r.put(
    "/api/safety/checklists/:id",
    {
      config: { permission: "safety.admin" },
      schema: {
        operationId: "putSafetyChecklist",
        tags,
        summary: "修改检查表 Edit a checklist",
        params: z.object({ id: z.enum(PLACE_KINDS) }),
        body: ZChecklistPut,
        response: { 200: ZChecklist },
      },
    },
    async (req) => inspections.putChecklist(whoOf(req), req.params.id, req.body.items),
  );
  r.get(
    "/api/safety/inspection-plan",
    {
      config: { permission: "safety.read" },
      schema: {
        operationId: "safetyInspectionPlan",
        tags,
        summary: "每日检查计划：应检、漏检、已检 Daily plan",
        querystring: z.object({ date: ZDate.optional() }),
        response: { 200: z.object({ date: z.string(), items: z.array(ZPlanItem) }) },
      },
    },
    async (req) => inspections.plan(authed(req).scope, req.query.date),
  );
  r.get(
    "/api/safety/inspections",
    {
      config: { permission: "safety.read" },
      schema: { operationId: "listInspections", tags, querystring: ZInspectionQuery, response: { 200: page(ZInspection) } },
    },
    async (req) => inspections.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/safety/inspections/export",
    { config: { permission: "safety.export" }, schema: { operationId: "exportInspections", tags, querystring: ZInspectionQuery } },
    async (req, reply) => {
      const en = authed(req).lang === "en";
      // One row per item, in the import's columns, so the export reads back in as it is.
      const rows = await inspections.exportItems(whoOf(req), req.query);
      const buf = await toXlsx(en ? "Inspections" : "安全检查", inspectionItemColumns(en), rows);
      return sendFile(reply, `inspections-${today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/safety/inspections/import",
    permission: "safety.write",
    operationId: "importInspections",
    tags,
    summary: "导入安全检查及检查项 XLSX（不合格项转为隐患；全部成功或全部不导入，逐行报告；dryRun=1 只检查）Import inspections with items, all-or-nothing",
    template: {
      operationId: "inspectionsImportTemplate",
      summary: "安全检查导入模板 XLSX（每行一个检查项）",
      filename: (lang) => (lang === "en" ? "inspections-template.xlsx" : "安全检查导入模板.xlsx"),
      build: (lang) => inspectionsTemplate(lang === "en"),
    },
    run: ({ who, file, opts }) => importInspections(deps.db, inspections, who, file.buf, opts),
  });
  r.get(
    "/api/safety/inspections/:id",
    { config: { permission: "safety.read" }, schema: { operationId: "getInspection", tags, params: id, response: { 200: ZInspection } } },
    async (req) => inspections.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/safety/inspections",
    {
      config: { permission: "safety.write" },
      schema: { operationId: "createInspection", tags, summary: "登记安全检查 Record an inspection", body: ZInspectionCreate, response: { 201: ZInspection } },
    },
    async (req, reply) => {
      const newId = await inspections.create(whoOf(req), req.body);
      return reply.status(201).send(await inspections.get(authed(req).scope, newId));
    },
  );
  r.post(
    "/api/safety/inspection-items/:id/hazard",
    {
      config: { permission: "safety.write" },
      schema: {
        operationId: "openHazardFromItem",
        tags,
        summary: "不合格项一键转隐患 Open a hazard from a failed item",
        params: id,
        body: ZOpenHazardFromItem,
        response: { 201: ZHazard },
      },
    },
    async (req, reply) => reply.status(201).send(await inspections.openHazard(whoOf(req), req.params.id, req.body)),
  );

  // ------------------------------------------------------------------ disputes
  tags = ["safety: disputes"];
  r.get(
    "/api/safety/disputes",
    {
      config: { permission: "safety.read" },
      schema: {
        operationId: "listDisputes",
        tags,
        summary: "矛盾纠纷（当事人信息脱敏）Disputes, masked",
        querystring: ZDisputeQuery,
        response: { 200: page(ZDispute) },
      },
    },
    async (req) => disputes.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/safety/disputes/export",
    {
      config: { permission: "safety.export" },
      schema: { operationId: "exportDisputes", tags, summary: "导出纠纷台账 XLSX（脱敏）", querystring: ZDisputeQuery },
    },
    async (req, reply) => {
      const en = authed(req).lang === "en";
      const lang = en ? "en" : "zh";
      const rows = await disputes.exportRows(whoOf(req), req.query);
      const buf = await toXlsx(
        en ? "Disputes" : "矛盾纠纷台账",
        [
          { header: en ? "No." : "编号", key: "code", width: 22 },
          { header: en ? "Registered on" : "登记日期", key: "registeredOn", width: 12 },
          { header: en ? "Grid" : "网格", key: "gridName" },
          { header: en ? "Type" : "类型", key: "type", value: (d) => (en ? ((DISPUTE_TYPE_EN as any)[d.type] ?? d.type) : d.type) },
          { header: en ? "Source" : "来源", key: "source", value: (d) => (DISPUTE_SOURCE_LABELS as any)[d.source]?.[lang] ?? d.source },
          { header: en ? "Parties" : "当事人", key: "parties", width: 24, value: (d) => d.parties.map((p) => p.name) },
          { header: en ? "Summary" : "纠纷概要", key: "summary", width: 40 },
          { header: en ? "Level" : "调解层级", key: "level", value: (d) => LEVEL_LABELS[d.level][lang] },
          { header: en ? "Outcome" : "调解结果", key: "outcome", value: (d) => (d.outcome ? OUTCOME_LABELS[d.outcome][lang] : en ? "Open" : "办理中") },
          { header: en ? "Closed on" : "办结日期", key: "closedOn", width: 12 },
          { header: en ? "Employer" : "用人单位", key: "employer", value: (d) => d.labor?.employer ?? "" },
          { header: en ? "Workers" : "涉及人数", key: "workers", value: (d) => d.labor?.workers ?? "" },
          { header: en ? "Claimed (yuan)" : "诉求金额（元）", key: "claimed", value: (d) => yuan(d.labor?.claimedFen) },
          { header: en ? "Recovered (yuan)" : "追回金额（元）", key: "recovered", value: (d) => yuan(d.labor?.recoveredFen) },
        ],
        rows,
      );
      return sendFile(reply, `disputes-${today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/safety/disputes/import",
    permission: "safety.admin",
    operationId: "importDisputes",
    tags,
    summary: "导入纠纷台账 XLSX（全部成功或全部不导入，逐行报告；重复导入不变；dryRun=1 只检查）Import a dispute register, all-or-nothing",
    template: {
      operationId: "disputesImportTemplate",
      summary: "纠纷台账导入模板 XLSX",
      filename: (lang) => (lang === "en" ? "disputes-template.xlsx" : "纠纷台账导入模板.xlsx"),
      build: (lang) => disputesTemplate(lang === "en"),
    },
    run: ({ who, file, opts }) => importDisputes(deps, disputes, who, file.buf, opts.lang, { dryRun: opts.dryRun }),
  });
  r.get(
    "/api/safety/disputes/:id",
    { config: { permission: "safety.read" }, schema: { operationId: "getDispute", tags, params: id, response: { 200: ZDispute } } },
    async (req) => disputes.full(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/safety/disputes",
    {
      config: { permission: "safety.mediate" },
      schema: { operationId: "createDispute", tags, summary: "登记纠纷（定格到网格）Register a dispute", body: ZDisputeCreate, response: { 201: ZDispute } },
    },
    async (req, reply) => {
      const newId = await disputes.create(whoOf(req), req.body);
      return reply.status(201).send(await disputes.full(authed(req).scope, newId));
    },
  );
  for (const [action, body, op, summary] of [
    ["escalate", ZEscalate, "escalateDispute", "逐级上报 网格→社区→街道(→区) Escalate"],
    ["sessions", ZSession, "addMediationSession", "调解记录 Mediation session"],
    ["close", ZDisputeClose, "closeDispute", "办结（调解成功/不成/转介/终止）Close"],
    ["followups", ZFollowup, "addDisputeFollowup", "履行回访 Follow-up visit"],
  ] as const) {
    r.post(
      `/api/safety/disputes/:id/${action}`,
      { config: { permission: "safety.mediate" }, schema: { operationId: op, tags, summary, params: id, body, response: { 200: ZDispute } } },
      async (req) => {
        const who = whoOf(req);
        const b = req.body as any;
        if (action === "escalate") return disputes.escalate(who, req.params.id, b);
        if (action === "sessions") return disputes.session(who, req.params.id, b);
        if (action === "close") return disputes.close(who, req.params.id, b);
        return disputes.followup(who, req.params.id, b);
      },
    );
  }
  r.get(
    "/api/safety/disputes/:id/agreement.docx",
    { config: { permission: "safety.mediate" }, schema: { operationId: "printAgreement", tags, summary: "打印人民调解协议书 DOCX (audited)", params: id } },
    async (req, reply) => {
      const d = await disputes.forPrint(whoOf(req), req.params.id);
      return sendFile(reply, `调解协议书-${d.code}.docx`, DOCX_MIME, await agreementDocx(d));
    },
  );
}
