import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  ELECTION_KIND_EN,
  MEETING_TYPE_EN,
  MEMBER_STATUS_LABELS,
  PARTY_POST_EN,
  STEPS,
  type TElection,
  ZApplicant,
  ZApplicantCreate,
  ZApplicantDetail,
  ZApplicantQuery,
  ZAppraisal,
  ZBoardCreate,
  ZBoardEnd,
  ZBoardMember,
  ZCompliance,
  ZComplianceQuery,
  ZElection,
  ZElectionCreate,
  ZElectionQuery,
  ZExtendProbation,
  ZMeeting,
  ZMeetingCreate,
  ZMeetingQuery,
  ZMember,
  ZMemberCreate,
  ZMemberQuery,
  ZMemberUpdate,
  ZPartyOrg,
  ZPartyOrgCreate,
  ZPartyOrgUpdate,
  ZPostCreate,
  ZStepRecord,
  ZTransferOut,
} from "../../../contracts/party.js";
import { ZDate } from "../../../contracts/platform.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { localDate } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import { authed, type Deps, sendFile, uploadedFile, withZod, ZOk } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { meetingRecordDocx, memberRosterDocx } from "./party.docx.js";
import { importMeetings, importMembers } from "./party.import.js";
import { createPartyService } from "./party.service.js";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function registerPartyRoutes(app: FastifyInstance, deps: Deps) {
  const svc = createPartyService({ ...deps, timeZone: deps.config.timeZone });
  const r = withZod(app);
  const tags = ["party"];
  const id = z.object({ id: z.string() });
  const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
  const created = z.object({ id: z.string() });
  const stamp = () => localDate(deps.clock.now(), deps.config.timeZone);

  // ---- organisations ----
  r.get(
    "/api/party/orgs",
    {
      config: { permission: "party.read" },
      schema: { operationId: "listPartyOrgs", tags, summary: "党组织树（含班子、预警）Party organisations", response: { 200: z.array(ZPartyOrg) } },
    },
    async (req) => svc.listOrgs(authed(req).scope),
  );
  r.post(
    "/api/party/orgs",
    { config: { permission: "party.write" }, schema: { operationId: "createPartyOrg", tags, body: ZPartyOrgCreate, response: { 201: created } } },
    async (req, reply) => reply.status(201).send({ id: await svc.createOrg(whoOf(req), req.body) }),
  );
  r.patch(
    "/api/party/orgs/:id",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "updatePartyOrg",
        tags,
        summary: "修改党组织（层级、类型、上级、所在单位、任期）Edit a party organisation",
        params: id,
        body: ZPartyOrgUpdate,
        response: { 200: ZPartyOrg },
      },
    },
    async (req) => {
      await svc.updateOrg(whoOf(req), req.params.id, req.body);
      const o = (await svc.listOrgs(authed(req).scope)).find((x) => x.id === req.params.id);
      if (!o) throw errors.notFound({ zh: "党组织", en: "Party organisation" });
      return o;
    },
  );
  r.post(
    "/api/party/posts",
    {
      config: { permission: "party.write" },
      schema: { operationId: "createPartyPost", tags, summary: "任职 Appoint to a committee post", body: ZPostCreate, response: { 201: created } },
    },
    async (req, reply) => reply.status(201).send({ id: await svc.addPost(whoOf(req), req.body) }),
  );
  r.post(
    "/api/party/posts/:id/end",
    { config: { permission: "party.write" }, schema: { operationId: "endPartyPost", tags, params: id, body: z.object({ on: ZDate }), response: { 200: ZOk } } },
    async (req) => {
      await svc.endPost(whoOf(req), req.params.id, req.body.on);
      return { ok: true as const };
    },
  );

  // ---- members ----
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
    async (req) => svc.listMembers(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/members/export",
    {
      config: { permission: "party.export" },
      schema: { operationId: "exportPartyMembers", tags, querystring: ZMemberQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = await svc.memberRows(whoOf(req), req.query);
      const buf = await toXlsx(en ? "Party members" : "党员名册", memberColumns(en), rows);
      return sendFile(reply, `party-members-${stamp()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/party/members/roster",
    {
      config: { permission: "party.export" },
      schema: { operationId: "partyMemberRoster", tags, summary: "打印党员花名册 DOCX", querystring: ZMemberQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const rows = await svc.memberRows(whoOf(req), req.query);
      const buf = await memberRosterDocx(rows, req.ctx.lang, stamp());
      return sendFile(reply, `party-roster-${stamp()}.docx`, DOCX_MIME, buf);
    },
  );
  r.post(
    "/api/party/members/import",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "importPartyMembers",
        tags,
        summary: "导入党员名册 XLSX（全部成功或全部不导入）Import a member register, all or nothing",
        consumes: ["multipart/form-data"],
      },
    },
    async (req, reply) => {
      const { buf } = await uploadedFile(req);
      const out = await importMembers(deps, svc, whoOf(req), buf);
      return reply.status(out.ok ? 200 : 400).send(out);
    },
  );
  r.get(
    "/api/party/members/:id",
    { config: { permission: "party.read" }, schema: { operationId: "getPartyMember", tags, params: id, response: { 200: ZMember } } },
    async (req) => svc.getMember(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/party/members",
    { config: { permission: "party.write" }, schema: { operationId: "createPartyMember", tags, body: ZMemberCreate, response: { 201: ZMember } } },
    async (req, reply) => reply.status(201).send(await svc.getMember(authed(req).scope, await svc.createMember(whoOf(req), req.body))),
  );
  r.patch(
    "/api/party/members/:id",
    { config: { permission: "party.write" }, schema: { operationId: "updatePartyMember", tags, params: id, body: ZMemberUpdate, response: { 200: ZMember } } },
    async (req) => {
      await svc.updateMember(whoOf(req), req.params.id, req.body);
      return svc.getMember(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/party/members/:id/transfer-out",
    {
      config: { permission: "party.write" },
      schema: { operationId: "transferOutPartyMember", tags, params: id, body: ZTransferOut, response: { 200: ZMember } },
    },
    async (req) => {
      await svc.transferOut(whoOf(req), req.params.id, req.body);
      return svc.getMember(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/party/members/:id/appraisal",
    {
      config: { permission: "party.write" },
      schema: { operationId: "appraisePartyMember", tags, summary: "民主评议结果", params: id, body: ZAppraisal, response: { 200: ZMember } },
    },
    async (req) => {
      await svc.appraise(whoOf(req), req.params.id, req.body);
      return svc.getMember(authed(req).scope, req.params.id);
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
      await svc.extendMemberProbation(whoOf(req), req.params.id, req.body);
      return svc.getMember(authed(req).scope, req.params.id);
    },
  );

  // ---- meetings ----
  r.get(
    "/api/party/meetings",
    { config: { permission: "party.read" }, schema: { operationId: "listPartyMeetings", tags, querystring: ZMeetingQuery, response: { 200: page(ZMeeting) } } },
    async (req) => svc.listMeetings(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/meetings/export",
    {
      config: { permission: "party.export" },
      schema: { operationId: "exportPartyMeetings", tags, querystring: ZMeetingQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = (await svc.listMeetings(authed(req).scope, { ...req.query, page: 1, pageSize: 100_000 })).items;
      const buf = await toXlsx(
        en ? "Meetings" : "会议记录",
        [
          { header: en ? "Date" : "日期", key: "heldOn", width: 12 },
          { header: en ? "Organisation" : "党组织", key: "orgName", width: 28 },
          { header: en ? "Type" : "类型", key: "type", value: (m) => (en ? (MEETING_TYPE_EN as Record<string, string>)[m.type] : m.type), width: 16 },
          { header: en ? "Topic" : "主题", key: "topic", width: 30 },
          { header: en ? "Due" : "应到", key: "due" },
          { header: en ? "Present" : "实到", key: "present" },
          { header: en ? "On leave" : "请假", key: "onLeave" },
          { header: en ? "Absent" : "缺席", key: "absent" },
          {
            header: en ? "Quorum" : "达到法定人数",
            key: "quorumMet",
            value: (m) => (m.quorumMet === null ? "" : m.quorumMet ? (en ? "yes" : "是") : en ? "no" : "否"),
          },
        ],
        rows,
      );
      return sendFile(reply, `party-meetings-${stamp()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.post(
    "/api/party/meetings/import",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "importPartyMeetings",
        tags,
        summary: "导入会议台账 XLSX（全部成功或全部不导入）Import a meeting log, all or nothing",
        consumes: ["multipart/form-data"],
      },
    },
    async (req, reply) => {
      const { buf } = await uploadedFile(req);
      const out = await importMeetings(deps, svc, whoOf(req), buf);
      return reply.status(out.ok ? 200 : 400).send(out);
    },
  );
  r.get(
    "/api/party/meetings/:id",
    {
      config: { permission: "party.read" },
      schema: {
        operationId: "getPartyMeeting",
        tags,
        params: id,
        response: {
          200: ZMeeting.extend({ attendance: z.array(z.object({ memberId: z.string(), name: z.string(), status: z.enum(["present", "leave", "absent"]) })) }),
        },
      },
    },
    async (req) => svc.getMeeting(authed(req).scope, req.params.id),
  );
  r.get(
    "/api/party/meetings/:id/record",
    { config: { permission: "party.export" }, schema: { operationId: "partyMeetingRecord", tags, summary: "打印会议记录 DOCX", params: id } },
    async (req, reply) => {
      const m = await svc.getMeeting(authed(req).scope, req.params.id);
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
    async (req) => {
      await svc.partyOrg(deps.db, authed(req).scope, req.query.orgId);
      const ids = [...(await svc.membersDue(deps.db, req.query.orgId, req.query.type, req.query.on))];
      if (!ids.length) return [];
      const rows = await deps.db
        .selectFrom("party_members as m")
        .innerJoin("people as p", "p.id", "m.person_id")
        .select(["m.id", "p.name"])
        .where("m.id", "in", ids)
        .orderBy("p.name")
        .execute();
      return rows.map((x) => ({ memberId: x.id, name: x.name }));
    },
  );
  r.post(
    "/api/party/meetings",
    { config: { permission: "party.write" }, schema: { operationId: "createPartyMeeting", tags, body: ZMeetingCreate, response: { 201: ZMeeting } } },
    async (req, reply) => {
      const newId = await svc.createMeeting(whoOf(req), req.body);
      const { attendance: _a, ...m } = await svc.getMeeting(authed(req).scope, newId);
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
    async (req) => svc.compliance(authed(req).scope, req.query.year ?? Number(svc.today().slice(0, 4))),
  );

  // ---- elections and boards ----
  r.get(
    "/api/party/elections",
    {
      config: { permission: "party.read" },
      schema: {
        operationId: "listPartyElections",
        tags,
        querystring: ZElectionQuery,
        response: { 200: page(ZElection) },
      },
    },
    async (req) => svc.listElections(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/elections/export",
    {
      config: { permission: "party.export" },
      schema: {
        operationId: "exportPartyElections",
        tags,
        summary: "导出换届、补选、任免记录 XLSX",
        querystring: ZElectionQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = await svc.electionRows(whoOf(req), req.query);
      const buf = await toXlsx(en ? "Elections" : "换届补选任免", electionColumns(en), rows);
      return sendFile(reply, `party-elections-${stamp()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.post(
    "/api/party/elections",
    {
      config: { permission: "party.write" },
      schema: { operationId: "createPartyElection", tags, summary: "换届、补选、任免", body: ZElectionCreate, response: { 201: created } },
    },
    async (req, reply) => reply.status(201).send({ id: await svc.createElection(whoOf(req), req.body) }),
  );
  r.get(
    "/api/party/boards",
    {
      config: { permission: "party.read" },
      schema: { operationId: "listCompanyBoards", tags, summary: "股份合作公司董事会（含党内职务）", response: { 200: z.array(ZBoardMember) } },
    },
    async (req) => svc.listBoard(authed(req).scope),
  );
  r.post(
    "/api/party/boards",
    { config: { permission: "party.write" }, schema: { operationId: "createBoardMember", tags, body: ZBoardCreate, response: { 201: created } } },
    async (req, reply) => reply.status(201).send({ id: await svc.addBoardMember(whoOf(req), req.body) }),
  );
  r.post(
    "/api/party/boards/:id/end",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "endBoardMember",
        tags,
        summary: "董事会、监事会成员离任 End a board membership",
        params: id,
        body: ZBoardEnd,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await svc.endBoardMember(whoOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  // ---- pipeline ----
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
    async (req) => svc.listApplicants(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/applicants/export",
    {
      config: { permission: "party.export" },
      schema: { operationId: "exportPartyApplicants", tags, querystring: ZApplicantQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = (await svc.listApplicants(authed(req).scope, { ...req.query, page: 1, pageSize: 100_000 })).items;
      const buf = await toXlsx(
        en ? "Applicants" : "发展党员",
        [
          { header: en ? "Name" : "姓名", key: "name" },
          { header: en ? "ID number" : "身份证号", key: "idNumber", width: 22 },
          { header: en ? "Branch" : "党支部", key: "orgName", width: 28 },
          { header: en ? "Applied" : "申请日期", key: "appliedOn", width: 12 },
          {
            header: en ? "Last step" : "已完成步骤",
            key: "lastStep",
            value: (a) => `${a.lastStep} ${en ? STEPS[a.lastStep - 1].en : STEPS[a.lastStep - 1].zh}`,
            width: 30,
          },
          { header: en ? "Next by" : "下一步期限", key: "next", value: (a) => a.next?.due ?? "" },
        ],
        rows,
      );
      return sendFile(reply, `party-applicants-${stamp()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/party/applicants/:id",
    { config: { permission: "party.read" }, schema: { operationId: "getPartyApplicant", tags, params: id, response: { 200: ZApplicantDetail } } },
    async (req) => svc.getApplicant(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/party/applicants",
    {
      config: { permission: "party.write" },
      schema: { operationId: "createPartyApplicant", tags, summary: "第1步 递交入党申请书", body: ZApplicantCreate, response: { 201: ZApplicantDetail } },
    },
    async (req, reply) => reply.status(201).send(await svc.getApplicant(authed(req).scope, await svc.createApplicant(whoOf(req), req.body))),
  );
  const stepResult = ZApplicantDetail.extend({ result: z.object({ passed: z.boolean(), step: z.number() }) });
  r.post(
    "/api/party/applicants/:id/steps",
    {
      config: { permission: "party.write" },
      schema: { operationId: "recordPartyStep", tags, summary: "办理下一步（按顺序、按期限）", params: id, body: ZStepRecord, response: { 200: stepResult } },
    },
    async (req) => {
      const result = await svc.recordStep(whoOf(req), req.params.id, req.body);
      return { ...(await svc.getApplicant(authed(req).scope, req.params.id)), result };
    },
  );
  r.post(
    "/api/party/applicants/:id/approve",
    {
      config: { permission: "party.admin" },
      schema: { operationId: "approvePartyStep", tags, summary: "街道党工委审批（第17、24步）", params: id, body: ZStepRecord, response: { 200: stepResult } },
    },
    async (req) => {
      const result = await svc.approve(whoOf(req), req.params.id, req.body);
      return { ...(await svc.getApplicant(authed(req).scope, req.params.id)), result };
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
      await svc.extendProbation(whoOf(req), req.params.id, req.body);
      return svc.getApplicant(authed(req).scope, req.params.id);
    },
  );
}

export function memberColumns(en: boolean) {
  return [
    { header: en ? "Name" : "姓名", key: "name" },
    { header: en ? "Gender" : "性别", key: "gender", value: (m: any) => (m.gender === "M" ? (en ? "M" : "男") : en ? "F" : "女") },
    { header: en ? "Age" : "年龄", key: "age" },
    { header: en ? "ID number" : "身份证号", key: "idNumber", width: 22 },
    { header: en ? "Phone" : "手机号", key: "phone", width: 14 },
    { header: en ? "Branch" : "党支部", key: "orgName", width: 28 },
    {
      header: en ? "Status" : "党员类别",
      key: "status",
      value: (m: any) => MEMBER_STATUS_LABELS[m.status as keyof typeof MEMBER_STATUS_LABELS][en ? "en" : "zh"],
    },
    { header: en ? "Joined" : "入党日期", key: "joinedOn", width: 12 },
    { header: en ? "Full member since" : "转正日期", key: "fullOn", width: 12 },
    { header: en ? "Education" : "学历", key: "education" },
    { header: en ? "Mobile member" : "流动党员", key: "mobile" },
    { header: en ? "Lost contact" : "失联", key: "lostContact" },
    { header: en ? "Appraisal" : "民主评议", key: "appraisalResult", value: (m: any) => (m.appraisalYear ? `${m.appraisalYear} ${m.appraisalResult}` : "") },
  ];
}

export function electionColumns(en: boolean) {
  const yes = en ? "yes" : "是";
  return [
    { header: en ? "Date" : "日期", key: "heldOn", width: 12 },
    { header: en ? "Organisation" : "组织", key: "orgName", width: 28 },
    { header: en ? "Kind" : "类别", key: "kind", value: (e: TElection) => (en ? ELECTION_KIND_EN[e.kind as keyof typeof ELECTION_KIND_EN] : e.kind) },
    { header: en ? "Term from" : "任期开始", key: "termStart", width: 12 },
    { header: en ? "Term to" : "任期结束", key: "termEnd", width: 12 },
    { header: en ? "Post" : "职务", key: "post", value: (e: TElection) => (e.post && en ? (PARTY_POST_EN as Record<string, string>)[e.post] : e.post) },
    { header: en ? "Elected/appointed" : "当选/任职", key: "personName" },
    { header: en ? "Removed" : "免职", key: "removedPersonName" },
    { header: en ? "Votes due" : "应到", key: "votesDue" },
    { header: en ? "Votes cast" : "实到", key: "votesCast" },
    { header: en ? "Votes for" : "赞成", key: "votesFor" },
    {
      header: en ? "Majority" : "过半数",
      key: "majority",
      value: (e: TElection) => (e.votesDue != null && e.votesCast != null && e.votesFor != null ? (e.votesFor * 2 > e.votesCast ? yes : en ? "no" : "否") : ""),
    },
    { header: en ? "Approved by" : "批准机关", key: "approvingBody", width: 24 },
    { header: en ? "Document" : "批准文号", key: "documentNo", width: 20 },
    { header: en ? "Note" : "备注", key: "note", width: 30 },
  ];
}
