import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZCompliance, ZComplianceQuery, ZMeeting, ZMeetingCreate, ZMeetingQuery } from "../../../contracts/party.js";
import { ZDate } from "../../../contracts/platform.js";
import { importRoutes } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, sendFile, withZod } from "../../platform/http.js";
import { voidRoutes } from "../../platform/voiding.js";
import { whoOf } from "../../platform/who.js";
import type { Ex } from "./party.common.js";
import { DOCX_MIME, meetingRecordDocx } from "./party.docx.js";
import { importMeetings, meetingColumns, meetingsTemplate } from "./party.io.js";
import type { PartyServices } from "./party.services.js";

const tags = ["party"];
const id = z.object({ id: z.string() });
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const ZMeetingDetail = ZMeeting.extend({
  attendance: z.array(z.object({ memberId: z.string(), name: z.string(), status: z.enum(["present", "leave", "absent"]) })),
});

/** Meetings with their attendance, the meeting log's export and import, and the compliance view. */
export function registerPartyMeetingRoutes(app: FastifyInstance, { meetings, orgs }: Pick<PartyServices, "meetings" | "orgs">, db: Ex) {
  const r = withZod(app);
  voidRoutes(app, {
    path: "/api/party/meetings/:id",
    permission: "party.admin",
    tags,
    op: "PartyMeeting",
    what: { zh: "会议记录", en: "meeting record" },
    void: meetings.voidMeeting,
    restore: meetings.restoreMeeting,
  });
  r.get(
    "/api/party/meetings",
    { config: { permission: "party.read" }, schema: { operationId: "listPartyMeetings", tags, querystring: ZMeetingQuery, response: { 200: page(ZMeeting) } } },
    async (req) => meetings.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/meetings/export",
    {
      config: { permission: "party.export" },
      schema: { operationId: "exportPartyMeetings", tags, querystring: ZMeetingQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = (await meetings.list(authed(req).scope, { ...req.query, page: 1, pageSize: 100_000 })).items;
      const buf = await toXlsx(en ? "Meetings" : "会议记录", meetingColumns(en), rows);
      return sendFile(reply, `party-meetings-${meetings.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/party/meetings/import",
    permission: "party.write",
    operationId: "importPartyMeetings",
    tags,
    summary: "导入会议台账 XLSX（全部成功或全部不导入，dryRun=1 只检查）Import a meeting log, all or nothing",
    template: {
      operationId: "partyMeetingsImportTemplate",
      summary: "会议台账导入模板 XLSX",
      filename: (lang) => (lang === "en" ? "party-meetings-template.xlsx" : "会议台账导入模板.xlsx"),
      build: (lang) => meetingsTemplate(lang === "en"),
    },
    run: ({ who, file, opts }) => importMeetings(db, { orgs, meetings }, who, file.buf, opts),
  });
  r.get(
    "/api/party/meetings/:id",
    { config: { permission: "party.read" }, schema: { operationId: "getPartyMeeting", tags, params: id, response: { 200: ZMeetingDetail } } },
    async (req) => meetings.get(authed(req).scope, req.params.id),
  );
  r.get(
    "/api/party/meetings/:id/record",
    { config: { permission: "party.export" }, schema: { operationId: "partyMeetingRecord", tags, summary: "打印会议记录 DOCX", params: id } },
    async (req, reply) => {
      const m = await meetings.get(authed(req).scope, req.params.id);
      const buf = await meetingRecordDocx(m, req.ctx.lang);
      return sendFile(reply, `meeting-${m.heldOn}.docx`, DOCX_MIME, buf);
    },
  );
  r.get(
    "/api/party/members-due",
    {
      config: { permission: "party.read" },
      schema: {
        operationId: "partyMembersDue",
        tags,
        summary: "某次会议应到人员 Members due at a meeting",
        querystring: z.object({ orgId: z.string().min(1), type: ZMeetingCreate.shape.type, on: ZDate }),
        response: { 200: z.array(z.object({ memberId: z.string(), name: z.string() })) },
      },
    },
    async (req) => meetings.membersDueNamed(authed(req).scope, req.query.orgId, req.query.type, req.query.on),
  );
  r.post(
    "/api/party/meetings",
    { config: { permission: "party.write" }, schema: { operationId: "createPartyMeeting", tags, body: ZMeetingCreate, response: { 201: ZMeeting } } },
    async (req, reply) => {
      const newId = await meetings.create(whoOf(req), req.body);
      const { attendance: _a, ...m } = await meetings.get(authed(req).scope, newId);
      return reply.status(201).send(m);
    },
  );
  r.get(
    "/api/party/compliance",
    {
      config: { permission: "party.read" },
      schema: {
        operationId: "partyCompliance",
        tags,
        summary: "组织生活合规（缺会、未达法定人数、到期提醒）",
        querystring: ZComplianceQuery,
        response: { 200: ZCompliance },
      },
    },
    async (req) => meetings.compliance(authed(req).scope, req.query.year ?? Number(meetings.today().slice(0, 4))),
  );
}
