import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  ZApplication,
  ZApplicationCreate,
  ZApplicationResult,
  ZBrandProjectCreate,
  ZMassOrg,
  ZMassOrgDetail,
  ZMemberCreate,
  ZMemberLeave,
  ZNomination,
  ZNominationCreate,
  ZNominationResult,
  ZYearQuery,
} from "../../../contracts/massorgs.js";
import { authed, type Deps, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import type { MassOrgsService } from "./massorgs.service.js";
import { MASSORG_SETTINGS } from "./massorgs.settings.js";

// Thin routes over the 群团 service. An organisation's activities are the activities module's
// (GET /api/activities?organiserId=…); its record itself is the platform's (/api/organisations/:id).

const id = z.object({ id: z.string().min(1).max(64) });

export function registerMassOrgRoutes(app: FastifyInstance, deps: Deps, svc: MassOrgsService) {
  const r = withZod(app);
  const tags = ["massorgs"];
  r.get(
    "/api/massorgs/orgs",
    {
      config: { permission: "massorgs.read" },
      schema: {
        operationId: "listMassOrgs",
        tags,
        summary: "群团组织（妇联、团委及下属组织）Mass organisations",
        response: { 200: z.object({ items: z.array(ZMassOrg) }) },
      },
    },
    async (req) => ({ items: await svc.summaries(authed(req).scope) }),
  );
  r.get(
    "/api/massorgs/orgs/:id",
    { config: { permission: "massorgs.read" }, schema: { operationId: "getMassOrg", tags, params: id, response: { 200: ZMassOrgDetail } } },
    async (req) => svc.detail(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/massorgs/orgs/:id/members",
    {
      config: { permission: "massorgs.write" },
      schema: {
        operationId: "addMassOrgMember",
        tags,
        summary: "加入成员/负责人 Add a member or leader",
        params: id,
        body: ZMemberCreate,
        response: { 201: ZMassOrgDetail },
      },
    },
    async (req, reply) => {
      await svc.addMember(whoOf(req), req.params.id, req.body);
      return reply.status(201).send(await svc.detail(authed(req).scope, req.params.id));
    },
  );
  r.post(
    "/api/massorgs/orgs/:id/members/:memberId/leave",
    {
      config: { permission: "massorgs.write" },
      schema: {
        operationId: "leaveMassOrgMember",
        tags,
        params: z.object({ id: z.string().max(64), memberId: z.string().max(64) }),
        body: ZMemberLeave,
        response: { 200: ZMassOrgDetail },
      },
    },
    async (req) => {
      await svc.leaveMember(whoOf(req), req.params.id, req.params.memberId, req.body.on);
      return svc.detail(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/massorgs/brand-projects",
    {
      config: { permission: "massorgs.write" },
      schema: { operationId: "createBrandProject", tags, summary: "品牌项目 A brand project", body: ZBrandProjectCreate, response: { 201: ZMassOrgDetail } },
    },
    async (req, reply) => {
      await svc.addBrandProject(whoOf(req), req.body);
      return reply.status(201).send(await svc.detail(authed(req).scope, req.body.orgId));
    },
  );
  r.post(
    "/api/massorgs/brand-projects/:id/applications",
    {
      config: { permission: "massorgs.write" },
      schema: {
        operationId: "applyBrandProject",
        tags,
        summary: "申报（省/市/区/街道）Apply to a level",
        params: id,
        body: ZApplicationCreate,
        response: { 201: ZApplication },
      },
    },
    async (req, reply) => {
      const made = await svc.apply(whoOf(req), req.params.id, req.body);
      return reply.status(201).send(await svc.application(authed(req).scope, made));
    },
  );
  r.post(
    "/api/massorgs/applications/:id/result",
    {
      config: { permission: "massorgs.write" },
      schema: {
        operationId: "brandApplicationResult",
        tags,
        summary: "申报结果 The result",
        params: id,
        body: ZApplicationResult,
        response: { 200: ZApplication },
      },
    },
    async (req) => {
      await svc.applicationResult(whoOf(req), req.params.id, req.body);
      return svc.application(authed(req).scope, req.params.id);
    },
  );
  r.get(
    "/api/massorgs/applications",
    {
      config: { permission: "massorgs.read" },
      schema: {
        operationId: "listBrandApplications",
        tags,
        summary: "品牌项目申报（按年）Applications by year",
        querystring: ZYearQuery,
        response: { 200: z.object({ items: z.array(ZApplication) }) },
      },
    },
    async (req) => ({ items: await svc.applications(authed(req).scope, req.query) }),
  );
  r.get(
    "/api/massorgs/nominations",
    {
      config: { permission: "massorgs.read" },
      schema: {
        operationId: "listNominations",
        tags,
        summary: "荣誉推荐与评选（按年）Honours and nominations by year",
        querystring: ZYearQuery,
        response: { 200: z.object({ items: z.array(ZNomination) }) },
      },
    },
    async (req) => ({ items: await svc.nominations(authed(req).scope, req.query) }),
  );
  r.get(
    "/api/massorgs/awards",
    {
      config: { permission: "massorgs.read" },
      schema: { operationId: "listAwards", tags, summary: "可推荐的奖项（设置）Awards (setting)", response: { 200: z.object({ items: z.array(z.string()) }) } },
    },
    async (req) => ({ items: await deps.settings.get(MASSORG_SETTINGS.awards, authed(req).scope.path) }),
  );
  r.post(
    "/api/massorgs/nominations",
    {
      config: { permission: "massorgs.write" },
      schema: { operationId: "nominate", tags, summary: "推荐个人或组织参评 Nominate", body: ZNominationCreate, response: { 201: ZNomination } },
    },
    async (req, reply) => reply.status(201).send(await svc.nomination(authed(req).scope, await svc.nominate(whoOf(req), req.body))),
  );
  r.post(
    "/api/massorgs/nominations/:id/result",
    {
      config: { permission: "massorgs.write" },
      schema: { operationId: "nominationResult", tags, summary: "评选结果 The result", params: id, body: ZNominationResult, response: { 200: ZNomination } },
    },
    async (req) => {
      await svc.nominationResult(whoOf(req), req.params.id, req.body);
      return svc.nomination(authed(req).scope, req.params.id);
    },
  );
}
