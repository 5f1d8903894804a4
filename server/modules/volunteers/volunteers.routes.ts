import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZDate } from "../../../contracts/platform.js";
import {
  ZCorrection,
  ZFinding,
  ZMemberAdd,
  ZMemberLeave,
  ZMyPage,
  ZNightPatrol,
  ZNightPatrolCreate,
  ZNightPatrolDetail,
  ZNightPatrolQuery,
  ZRecord,
  ZRecordCreate,
  ZRecordQuery,
  ZSignIn,
  ZSummary,
  ZTeam,
  ZTeamCreate,
  ZVolunteer,
  ZVolunteerCreate,
  ZVolunteerPatch,
  ZVolunteerQuery,
} from "../../../contracts/volunteers.js";
import { authed, withZod, ZOk } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id } from "./volunteers.common.js";
import type { VolunteerServices } from "./volunteers.services.js";

// Thin routes: the contract's schema, an operationId, the permission, the service.

const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const ZCreated = z.object({ id: z.string() });

export function registerVolunteerRoutes(app: FastifyInstance, svc: VolunteerServices) {
  const r = withZod(app);
  const tags = ["volunteers"];
  const { registry, records, patrols, self } = svc;
  const read = { permission: "volunteers.read" as const };
  const write = { permission: "volunteers.write" as const };
  const mine = { permission: "volunteers.self" as const };

  // ---- the volunteer's own page
  r.get(
    "/api/volunteers/me",
    { config: mine, schema: { operationId: "myVolunteerPage", tags, summary: "我的志愿服务 My volunteer page", response: { 200: ZMyPage } } },
    async (req) => self.page(whoOf(req)),
  );
  r.post(
    "/api/volunteers/me/signups",
    {
      config: mine,
      schema: {
        operationId: "volunteerSignUp",
        tags,
        summary: "报名活动 Sign up for an activity",
        body: z.object({ activityId: z.string().min(1).max(64) }),
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await self.signUp(whoOf(req), req.body.activityId);
      return { ok: true as const };
    },
  );
  r.post(
    "/api/volunteers/me/sign-in",
    {
      config: mine,
      schema: {
        operationId: "volunteerSignInSelf",
        tags,
        summary: "扫码签到 Sign in",
        description: "An activity picked from the page's list, or scanned: `k` is the code of the activity's check-in QR URL.",
        body: z.object({ activityId: z.string().max(64).nullish(), k: z.string().max(64).nullish() }),
        response: { 200: ZCreated },
      },
    },
    async (req) => ({ id: await self.signIn(whoOf(req), req.body.activityId ?? null, req.body.k) }),
  );
  r.post(
    "/api/volunteers/me/sign-out",
    { config: mine, schema: { operationId: "volunteerSignOutSelf", tags, summary: "签退 Sign out", response: { 200: ZCreated } } },
    async (req) => ({
      id: await self.signOut(whoOf(req)),
    }),
  );

  // ---- registry
  r.get(
    "/api/volunteers",
    {
      config: read,
      schema: { operationId: "listVolunteers", tags, summary: "志愿者名册 Volunteers", querystring: ZVolunteerQuery, response: { 200: page(ZVolunteer) } },
    },
    async (req) => registry.list(authed(req).scope, req.query),
  );
  r.post(
    "/api/volunteers",
    {
      config: write,
      schema: { operationId: "createVolunteer", tags, summary: "登记志愿者 Register a volunteer", body: ZVolunteerCreate, response: { 201: ZVolunteer } },
    },
    async (req, reply) => {
      const vid = await registry.create(whoOf(req), req.body);
      return reply.status(201).send(await registry.get(authed(req).scope, vid));
    },
  );
  r.get(
    "/api/volunteers/teams",
    { config: read, schema: { operationId: "listVolunteerTeams", tags, summary: "志愿服务队 Teams", response: { 200: z.object({ items: z.array(ZTeam) }) } } },
    async (req) => ({
      items: await registry.teams(authed(req).scope),
    }),
  );
  r.post(
    "/api/volunteers/teams",
    { config: write, schema: { operationId: "createVolunteerTeam", tags, summary: "组建队伍 Create a team", body: ZTeamCreate, response: { 201: ZTeam } } },
    async (req, reply) => {
      const tid = await registry.createTeam(whoOf(req), req.body);
      return reply.status(201).send(await registry.team(authed(req).scope, tid));
    },
  );
  r.get("/api/volunteers/teams/:id", { config: read, schema: { operationId: "getVolunteerTeam", tags, params: id, response: { 200: ZTeam } } }, async (req) =>
    registry.team(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/volunteers/teams/:id/members",
    { config: write, schema: { operationId: "addVolunteerTeamMember", tags, params: id, body: ZMemberAdd, response: { 200: ZTeam } } },
    async (req) => {
      await registry.addMember(whoOf(req), req.params.id, req.body);
      return registry.team(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/volunteers/teams/:id/members/:volunteerId/leave",
    {
      config: write,
      schema: {
        operationId: "leaveVolunteerTeam",
        tags,
        params: z.object({ id: z.string().max(64), volunteerId: z.string().max(64) }),
        body: ZMemberLeave,
        response: { 200: ZTeam },
      },
    },
    async (req) => {
      await registry.leaveMember(whoOf(req), req.params.id, req.params.volunteerId, req.body.leftOn);
      return registry.team(authed(req).scope, req.params.id);
    },
  );

  // ---- service records
  r.get(
    "/api/volunteers/records",
    {
      config: read,
      schema: { operationId: "listVolunteerRecords", tags, summary: "服务记录 Service records", querystring: ZRecordQuery, response: { 200: page(ZRecord) } },
    },
    async (req) => records.list(authed(req).scope, req.query),
  );
  r.post(
    "/api/volunteers/records",
    {
      config: write,
      schema: { operationId: "createVolunteerRecord", tags, summary: "登记服务记录 Record service", body: ZRecordCreate, response: { 201: ZRecord } },
    },
    async (req, reply) => {
      const rid = await records.create(whoOf(req), req.body);
      return reply.status(201).send(await records.get(authed(req).scope, rid));
    },
  );
  r.post(
    "/api/volunteers/records/sign-in",
    { config: write, schema: { operationId: "volunteerSignIn", tags, summary: "队长代签到 Sign a volunteer in", body: ZSignIn, response: { 201: ZRecord } } },
    async (req, reply) => {
      const rid = await records.signIn(whoOf(req), req.body);
      return reply.status(201).send(await records.get(authed(req).scope, rid));
    },
  );
  r.post(
    "/api/volunteers/records/:id/sign-out",
    { config: write, schema: { operationId: "volunteerSignOut", tags, params: id, response: { 200: ZRecord } } },
    async (req) => {
      await records.signOut(whoOf(req), req.params.id);
      return records.get(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/volunteers/records/:id/confirm",
    { config: write, schema: { operationId: "confirmVolunteerRecord", tags, params: id, response: { 200: ZRecord } } },
    async (req) => {
      await records.confirm(whoOf(req), req.params.id);
      return records.get(authed(req).scope, req.params.id);
    },
  );
  r.post(
    "/api/volunteers/records/:id/correct",
    { config: write, schema: { operationId: "correctVolunteerRecord", tags, params: id, body: ZCorrection, response: { 200: ZRecord } } },
    async (req) => {
      await records.correct(whoOf(req), req.params.id, req.body);
      return records.get(authed(req).scope, req.params.id);
    },
  );
  r.get(
    "/api/volunteers/records/:id/corrections",
    {
      config: read,
      schema: {
        operationId: "volunteerRecordCorrections",
        tags,
        params: id,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), at: z.string(), actor: z.string(), before: z.string(), after: z.string(), reason: z.string() })),
          }),
        },
      },
    },
    async (req) => ({ items: await records.corrections(authed(req).scope, req.params.id) }),
  );

  r.post(
    "/api/volunteers/stars/recompute",
    {
      config: write,
      schema: {
        operationId: "recomputeVolunteerStars",
        tags,
        summary: "星级门槛调整后重新计算 Re-work star dates after the thresholds changed",
        response: { 200: z.object({ volunteers: z.number() }) },
      },
    },
    async (req) => ({ volunteers: await records.recomputeAll(whoOf(req)) }),
  );

  // ---- night patrols
  r.get(
    "/api/volunteers/night-patrols",
    {
      config: read,
      schema: { operationId: "listNightPatrols", tags, summary: "夜巡 Night patrols", querystring: ZNightPatrolQuery, response: { 200: page(ZNightPatrol) } },
    },
    async (req) => patrols.list(authed(req).scope, req.query),
  );
  r.post(
    "/api/volunteers/night-patrols",
    {
      config: write,
      schema: {
        operationId: "createNightPatrol",
        tags,
        summary: "登记夜巡 Record a night patrol",
        body: ZNightPatrolCreate,
        response: { 201: ZNightPatrolDetail },
      },
    },
    async (req, reply) => {
      const made = await patrols.create(whoOf(req), req.body);
      return reply.status(201).send(await patrols.get(authed(req).scope, made.id));
    },
  );
  r.get(
    "/api/volunteers/night-patrols/:id",
    { config: read, schema: { operationId: "getNightPatrol", tags, params: id, response: { 200: ZNightPatrolDetail } } },
    async (req) => patrols.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/volunteers/night-patrols/:id/findings",
    { config: write, schema: { operationId: "addNightPatrolFinding", tags, params: id, body: ZFinding, response: { 200: ZNightPatrolDetail } } },
    async (req) => {
      await patrols.addFinding(whoOf(req), req.params.id, req.body);
      return patrols.get(authed(req).scope, req.params.id);
    },
  );

  // ---- one volunteer (after the fixed paths above)
  r.get(
    "/api/volunteers/:id",
    { config: read, schema: { operationId: "getVolunteer", tags, params: id, querystring: z.object({ on: ZDate.optional() }), response: { 200: ZSummary } } },
    async (req) => records.summary(authed(req).scope, req.params.id, req.query.on),
  );
  r.patch(
    "/api/volunteers/:id",
    { config: write, schema: { operationId: "updateVolunteer", tags, params: id, body: ZVolunteerPatch, response: { 200: ZVolunteer } } },
    async (req) => {
      await registry.update(whoOf(req), req.params.id, req.body);
      return registry.get(authed(req).scope, req.params.id);
    },
  );
}
