import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZAppraisal, ZExtendProbation, ZMember, ZMemberCreate, ZMemberQuery, ZMemberUpdate, ZTransferOut } from "../../../contracts/party.js";
import { importRoutes } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import type { Ex } from "./party.common.js";
import { DOCX_MIME, memberRosterDocx } from "./party.docx.js";
import { importMembers, memberColumns, membersTemplate } from "./party.io.js";
import type { PartyServices } from "./party.services.js";

const tags = ["party"];
const id = z.object({ id: z.string() });
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** The member register: list, exports, import, and the member actions. */
export function registerPartyMemberRoutes(app: FastifyInstance, { members, pipeline, orgs }: PartyServices, db: Ex) {
  const r = withZod(app);
  r.get(
    "/api/party/members",
    {
      config: { permission: "party.read" },
      schema: {
        operationId: "listPartyMembers",
        tags,
        summary: "党员名册（脱敏）Members, masked",
        querystring: ZMemberQuery,
        response: { 200: page(ZMember) },
      },
    },
    async (req) => members.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/members/export",
    {
      config: { permission: "party.export" },
      schema: { operationId: "exportPartyMembers", tags, querystring: ZMemberQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = await members.exportRows(whoOf(req), req.query);
      const buf = await toXlsx(en ? "Party members" : "党员名册", memberColumns(en), rows);
      return sendFile(reply, `party-members-${orgs.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/party/members/roster",
    {
      config: { permission: "party.export" },
      schema: { operationId: "partyMemberRoster", tags, summary: "打印党员花名册 DOCX", querystring: ZMemberQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const rows = await members.exportRows(whoOf(req), req.query);
      const buf = await memberRosterDocx(rows, req.ctx.lang, orgs.today());
      return sendFile(reply, `party-roster-${orgs.today()}.docx`, DOCX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/party/members/import",
    permission: "party.write",
    operationId: "importPartyMembers",
    tags,
    summary: "导入党员名册 XLSX（全部成功或全部不导入，dryRun=1 只检查）Import a member register, all or nothing",
    template: {
      operationId: "partyMembersImportTemplate",
      summary: "党员名册导入模板 XLSX",
      filename: (lang) => (lang === "en" ? "party-members-template.xlsx" : "党员名册导入模板.xlsx"),
      build: (lang) => membersTemplate(lang === "en"),
    },
    run: ({ who, file, opts }) => importMembers(db, { orgs, members }, who, file.buf, opts),
  });
  r.get(
    "/api/party/members/:id",
    { config: { permission: "party.read" }, schema: { operationId: "getPartyMember", tags, params: id, response: { 200: ZMember } } },
    async (req) => members.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/party/members",
    { config: { permission: "party.write" }, schema: { operationId: "createPartyMember", tags, body: ZMemberCreate, response: { 201: ZMember } } },
    async (req, reply) => reply.status(201).send(await members.get(authed(req).scope, await members.create(whoOf(req), req.body))),
  );
  r.patch(
    "/api/party/members/:id",
    { config: { permission: "party.write" }, schema: { operationId: "updatePartyMember", tags, params: id, body: ZMemberUpdate, response: { 200: ZMember } } },
    async (req) => {
      await members.update(whoOf(req), req.params.id, req.body);
      return members.get(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/party/members/:id/transfer-out",
    {
      config: { permission: "party.write" },
      schema: { operationId: "transferOutPartyMember", tags, params: id, body: ZTransferOut, response: { 200: ZMember } },
    },
    async (req) => {
      await members.transferOut(whoOf(req), req.params.id, req.body);
      return members.get(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/party/members/:id/appraisal",
    {
      config: { permission: "party.write" },
      schema: { operationId: "appraisePartyMember", tags, summary: "民主评议结果", params: id, body: ZAppraisal, response: { 200: ZMember } },
    },
    async (req) => {
      await members.appraise(whoOf(req), req.params.id, req.body);
      return members.get(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/party/members/:id/extend-probation",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "extendPartyMemberProbation",
        tags,
        summary: "延长预备党员的预备期（一次，6–12个月）",
        params: id,
        body: ZExtendProbation,
        response: { 200: ZMember },
      },
    },
    async (req) => {
      await pipeline.extendMemberProbation(whoOf(req), req.params.id, req.body);
      return members.get(authed(req).scope, req.params.id);
    },
  );
}
