import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZAnnualReport } from "../../../contracts/reports.js";
import { errors } from "../../platform/errors.js";
import { authed, sendFile, withZod } from "../../platform/http.js";
import { DOCX_MIME, reportDocx } from "./reports.docx.js";
import type { ReportsService } from "./reports.service.js";

export function registerReportsRoutes(app: FastifyInstance, reports: ReportsService) {
  const r = withZod(app);
  const tags = ["reports"];
  const parseYear = (s: string) => {
    const m = /^(\d{4})(\.docx)?$/.exec(s);
    if (!m) throw errors.badRequest("年份应为四位数字，如 2024 或 2024.docx", "The year must be four digits, e.g. 2024 or 2024.docx");
    const y = Number(m[1]);
    if (y < 2000 || y > 2100) throw errors.badRequest("年份超出范围（2000–2100）", "Year out of range (2000–2100)");
    return { year: y, docx: !!m[2] };
  };
  r.get(
    "/api/reports/annual/:year",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "annualReport",
        tags,
        summary: "年度工作报告（JSON；路径以 .docx 结尾时为 Word 文档）The annual work report as JSON, or DOCX with .docx",
        params: z.object({ year: z.string().max(12) }),
        querystring: z.object({ region: z.string().max(60).optional() }),
        response: { 200: ZAnnualReport.or(z.any()) },
      },
    },
    async (req, reply) => {
      const { year, docx } = parseYear(req.params.year);
      const report = await reports.generate(authed(req).scope, year, req.query.region);
      if (!docx) return report;
      return sendFile(reply, `${report.title}.docx`, DOCX_MIME, await reportDocx(report));
    },
  );
}
