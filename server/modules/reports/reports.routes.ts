import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZAnnualReport, ZFindingDecision, ZReportChange, ZReportLife, ZReportStep, ZReportTemplate, ZTemplateAnswer } from "../../../contracts/reports.js";
import { can } from "../../../contracts/roles.js";
import { AppError, errors } from "../../platform/errors.js";
import { authed, sendFile, withZod, ZOk } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { DOCX_MIME } from "./reports.docx.js";
import type { ReportLife } from "./reports.life.service.js";
import { docxToPdf, findSoffice, NO_PDF } from "./reports.pdf.js";

export function registerReportsRoutes(app: FastifyInstance, life: ReportLife) {
  const r = withZod(app);
  const tags = ["reports"];
  const parseYear = (s: string) => {
    const m = /^(\d{4})(\.docx|\.pdf)?$/.exec(s);
    if (!m) throw errors.badRequest("年份应为四位数字，如 2024、2024.docx 或 2024.pdf", "The year must be four digits, e.g. 2024, 2024.docx or 2024.pdf");
    const y = Number(m[1]);
    if (y < 2000 || y > 2100) throw errors.badRequest("年份超出范围（2000–2100）", "Year out of range (2000–2100)");
    return { year: y, docx: m[2] === ".docx", pdf: m[2] === ".pdf" };
  };
  const year = (s: string) => {
    const y = parseYear(s);
    if (y.docx || y.pdf) throw errors.badRequest("年份应为四位数字，如 2024", "The year must be four digits, e.g. 2024");
    return y.year;
  };
  const params = z.object({ year: z.string().max(12) });
  const querystring = z.object({ region: z.string().max(60).optional() });
  r.get(
    "/api/reports/annual/:year",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "annualReport",
        tags,
        summary:
          "年度工作报告（JSON；路径以 .docx 结尾时为 Word 文档，.pdf 为 PDF（需服务器装有 LibreOffice，否则 501）；已发布的年份答复发布时冻结的报告；记录未变时答复先前生成的（cached），fresh=1 重新生成）The annual work report as JSON, DOCX with .docx, PDF with .pdf (501 without LibreOffice); a published year answers the frozen report; while no record has changed, the one generated earlier (cached) unless fresh=1",
        params,
        querystring: querystring.extend({ fresh: z.enum(["0", "1"]).optional() }),
        response: { 200: ZAnnualReport.or(z.any()) },
      },
    },
    async (req, reply) => {
      const { year, docx, pdf } = parseYear(req.params.year);
      const fresh = req.query.fresh === "1";
      if (!docx && !pdf) return life.report(whoOf(req), year, req.query.region, fresh);
      if (pdf && !findSoffice()) throw new AppError(501, "NOT_IMPLEMENTED", NO_PDF);
      const { report, file } = await life.docx(whoOf(req), year, req.query.region, fresh);
      if (pdf) return sendFile(reply, `${report.title}.pdf`, "application/pdf", await docxToPdf(file));
      return sendFile(reply, `${report.title}.docx`, DOCX_MIME, file);
    },
  );
  r.get(
    "/api/reports/exports",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "annualReportExports",
        tags,
        summary: "报告可导出的格式（PDF 需服务器装有 LibreOffice）The report's export formats (PDF needs LibreOffice)",
        response: { 200: z.object({ docx: z.literal(true), pdf: z.boolean() }) },
      },
    },
    async () => ({ docx: true as const, pdf: !!findSoffice() }),
  );
  r.get(
    "/api/reports/annual/:year/published",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "annualReportPublished",
        tags,
        summary: "已发布的年度工作报告（供三务公开门户）The published report, frozen (for the public portal)",
        params,
        querystring,
        response: { 200: ZAnnualReport },
      },
    },
    async (req) => life.published(authed(req).scope, year(req.params.year), req.query.region),
  );
  r.get(
    "/api/reports/annual/:year/changes",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "annualReportChanges",
        tags,
        summary: "发布以来数值变化的指标 Figures whose value changed since publication",
        params,
        querystring,
        response: { 200: z.object({ publishedAt: z.string(), generatedAt: z.string(), items: z.array(ZReportChange) }) },
      },
    },
    async (req) => life.changes(authed(req).scope, year(req.params.year), req.query.region),
  );
  r.get(
    "/api/reports/annual/:year/template",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "annualReportTemplate",
        tags,
        summary: "报告模板（当前版本及历史）The report's template",
        params,
        querystring,
        response: { 200: ZTemplateAnswer },
      },
    },
    async (req) => life.getTemplate(authed(req).scope, year(req.params.year), req.query.region),
  );
  r.put(
    "/api/reports/annual/:year/template",
    {
      config: { permission: "reports.write" },
      schema: {
        operationId: "saveAnnualReportTemplate",
        tags,
        summary: "保存报告模板（新版本；逐句校验占位符）Save the template as a new version (every placeholder checked)",
        params,
        querystring,
        body: ZReportTemplate,
        response: { 200: ZTemplateAnswer },
      },
    },
    async (req) => life.saveTemplate(whoOf(req), year(req.params.year), req.query.region, req.body),
  );
  r.put(
    "/api/reports/annual/:year/findings/:id",
    {
      config: { permission: "reports.write" },
      schema: {
        operationId: "decideAnnualReportFinding",
        tags,
        summary: "采纳、修改或删除一条存在问题 Accept, edit or drop a finding",
        params: params.extend({ id: z.string().max(200) }),
        querystring,
        body: ZFindingDecision,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await life.decideFinding(whoOf(req), year(req.params.year), req.query.region, req.params.id, req.body);
      return { ok: true as const };
    },
  );
  r.get(
    "/api/reports/annual/:year/life",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "annualReportLife",
        tags,
        summary: "报告的版本与流转记录 Versions and steps",
        params,
        querystring,
        response: { 200: ZReportLife },
      },
    },
    async (req) => life.life(authed(req).scope, year(req.params.year), req.query.region),
  );
  r.post(
    "/api/reports/annual/:year/steps",
    {
      config: { permission: "reports.write" },
      schema: {
        operationId: "annualReportStep",
        tags,
        summary: "流转：提交审核、退回、审核定稿、发布 A step: submit, return, approve, publish",
        params,
        querystring,
        body: z.object({ step: ZReportStep, note: z.string().max(500).optional() }),
        response: { 200: ZReportLife },
      },
    },
    async (req) => {
      if (req.body.step !== "submit" && !can(authed(req).user.role, "reports.publish")) throw errors.forbidden();
      return life.step(whoOf(req), year(req.params.year), req.query.region, req.body.step, req.body.note);
    },
  );
  r.post(
    "/api/reports/annual/:year/versions",
    {
      config: { permission: "reports.write" },
      schema: {
        operationId: "annualReportNewVersion",
        tags,
        summary: "已发布报告新建版本 A new version of a published report",
        params,
        querystring,
        response: { 200: ZReportLife },
      },
    },
    async (req) => life.newVersion(whoOf(req), year(req.params.year), req.query.region),
  );
}
