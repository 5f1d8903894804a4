import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZApplicant, ZApplicantCreate, ZApplicantDetail, ZApplicantLeave, ZApplicantQuery, ZExtendProbation, ZStepRecord } from "../../../contracts/party.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { applicantExportColumns } from "./party.history.io.js";
import type { PartyServices } from "./party.services.js";

const tags = ["party"];
const id = z.object({ id: z.string() });
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const stepResult = ZApplicantDetail.extend({ result: z.object({ passed: z.boolean(), step: z.number() }) });

/** The development pipeline: applicants, their steps and approvals, probation. */
export function registerPartyPipelineRoutes(app: FastifyInstance, { pipeline, orgs }: Pick<PartyServices, "pipeline" | "orgs">) {
  const r = withZod(app);
  r.get(
    "/api/party/applicants",
    {
      config: { permission: "party.read" },
      schema: {
        operationId: "listPartyApplicants",
        tags,
        summary: "发展党员流程 Development pipeline",
        querystring: ZApplicantQuery,
        response: { 200: page(ZApplicant) },
      },
    },
    async (req) => pipeline.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/applicants/export",
    {
      config: { permission: "party.export" },
      schema: { operationId: "exportPartyApplicants", tags, querystring: ZApplicantQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      // With the date of each step, in the import's columns, so the export reads back in.
      const rows = await pipeline.exportRows(whoOf(req), req.query);
      const buf = await toXlsx(en ? "Applicants" : "发展党员", applicantExportColumns(en), rows);
      return sendFile(reply, `party-applicants-${orgs.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/party/applicants/:id",
    { config: { permission: "party.read" }, schema: { operationId: "getPartyApplicant", tags, params: id, response: { 200: ZApplicantDetail } } },
    async (req) => pipeline.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/party/applicants",
    {
      config: { permission: "party.write" },
      schema: { operationId: "createPartyApplicant", tags, summary: "第1步 递交入党申请书", body: ZApplicantCreate, response: { 201: ZApplicantDetail } },
    },
    async (req, reply) => reply.status(201).send(await pipeline.get(authed(req).scope, await pipeline.createApplicant(whoOf(req), req.body))),
  );
  r.post(
    "/api/party/applicants/:id/steps",
    {
      config: { permission: "party.write" },
      schema: { operationId: "recordPartyStep", tags, summary: "办理下一步（按顺序、按期限）", params: id, body: ZStepRecord, response: { 200: stepResult } },
    },
    async (req) => {
      const result = await pipeline.recordStep(whoOf(req), req.params.id, req.body);
      return { ...(await pipeline.get(authed(req).scope, req.params.id)), result };
    },
  );
  r.post(
    "/api/party/applicants/:id/approve",
    {
      config: { permission: "party.admin" },
      schema: { operationId: "approvePartyStep", tags, summary: "街道党工委审批（第17、24步）", params: id, body: ZStepRecord, response: { 200: stepResult } },
    },
    async (req) => {
      const result = await pipeline.approve(whoOf(req), req.params.id, req.body);
      return { ...(await pipeline.get(authed(req).scope, req.params.id)), result };
    },
  );
  r.post(
    "/api/party/applicants/:id/extend",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "extendPartyProbation",
        tags,
        summary: "延长预备期（一次，6–12个月）",
        params: id,
        body: ZExtendProbation,
        response: { 200: ZApplicantDetail },
      },
    },
    async (req) => {
      await pipeline.extendProbation(whoOf(req), req.params.id, req.body);
      return pipeline.get(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/party/applicants/:id/leave",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "leavePartyPipeline",
        tags,
        summary: "退出发展流程（本人撤回或党组织终止，注明日期和原因）",
        params: id,
        body: ZApplicantLeave,
        response: { 200: ZApplicantDetail },
      },
    },
    async (req) => {
      await pipeline.leave(whoOf(req), req.params.id, req.body);
      return pipeline.get(authed(req).scope, req.params.id);
    },
  );
}
