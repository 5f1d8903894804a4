import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  ZAccept,
  ZApprove,
  ZBudget,
  ZBudgetQuery,
  ZCancel,
  ZEvaluate,
  ZMeetingCreate,
  ZObjection,
  ZObjectionResolve,
  ZPayment,
  ZProgress,
  ZProject,
  ZProjectCreate,
  ZProjectDetail,
  ZProjectQuery,
  ZPublicise,
  ZReview,
  ZSurveyAnswer,
  ZVoid,
} from "../../../contracts/projects.js";
import { authed, type Deps, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id } from "./projects.common.js";
import { registerProjectIoRoutes } from "./projects.io.js";
import type { ProjectServices } from "./projects.services.js";

// Thin routes: the contract's schema, an operationId, the permission, the service. A step answers
// the project's page again, so the web shows the new stage and the steps now open.

export function registerProjectRoutes(app: FastifyInstance, deps: Deps, svc: ProjectServices) {
  const r = withZod(app);
  const tags = ["projects"];
  const { proposals, delivery, query } = svc;
  const ZPageOf = z.object({ items: z.array(ZProject), total: z.number(), page: z.number(), pageSize: z.number() });

  r.get(
    "/api/projects",
    {
      config: { permission: "projects.read" },
      schema: { operationId: "listProjects", tags, summary: "民生微实事项目列表 Micro-projects", querystring: ZProjectQuery, response: { 200: ZPageOf } },
    },
    async (req) => query.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/projects/budget",
    {
      config: { permission: "projects.read" },
      schema: {
        operationId: "projectBudget",
        tags,
        summary: "社区年度预算与使用 A community-year's budget",
        querystring: ZBudgetQuery,
        response: { 200: ZBudget },
      },
    },
    async (req) => query.budget(authed(req).scope, req.query.communityId, req.query.year),
  );
  r.get(
    "/api/projects/:id",
    { config: { permission: "projects.read" }, schema: { operationId: "getProject", tags, params: id, response: { 200: ZProjectDetail } } },
    async (req) => query.detail(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/projects",
    {
      config: { permission: "projects.write" },
      schema: {
        operationId: "proposeProject",
        tags,
        summary: "征集：提出项目 Propose a project",
        body: ZProjectCreate,
        response: { 201: ZProjectDetail, 200: ZProjectDetail },
      },
    },
    async (req, reply) => {
      const made = await proposals.propose(whoOf(req), req.body);
      return reply.status(made.created ? 201 : 200).send(await query.detail(authed(req).scope, made.id));
    },
  );
  r.post(
    "/api/projects/meetings",
    {
      config: { permission: "projects.admin" },
      schema: {
        operationId: "holdProjectMeeting",
        tags,
        summary: "居民议事会评议（到会人数、每个项目的票数）A residents' council vote",
        body: ZMeetingCreate,
        response: { 201: z.object({ meetingId: z.string(), results: z.array(z.object({ projectId: z.string(), passed: z.boolean() })) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await proposals.holdMeeting(whoOf(req), req.body)),
  );

  // The steps of one project: each answers the project's page.
  const step = <S extends z.ZodType>(
    path: string,
    operationId: string,
    summary: string,
    body: S,
    permission: "projects.write" | "projects.admin",
    run: (req: any) => Promise<unknown>,
  ) =>
    r.post(
      `/api/projects/:id/${path}`,
      { config: { permission }, schema: { operationId, tags, summary, params: id, body, response: { 200: ZProjectDetail } } },
      async (req) => {
        await run(req);
        return query.detail(authed(req).scope, req.params.id);
      },
    );
  step("review", "reviewProject", "初审（社区党委）Review", ZReview, "projects.admin", (req) => proposals.review(whoOf(req), req.params.id, req.body));
  step("publicise", "publiciseProject", "公示 Publicise", ZPublicise, "projects.admin", (req) => proposals.publicise(whoOf(req), req.params.id, req.body));
  step("objections", "objectToProject", "公示异议 Record an objection", ZObjection, "projects.write", (req) =>
    proposals.object(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/projects/:id/objections/:objectionId/resolve",
    {
      config: { permission: "projects.admin" },
      schema: {
        operationId: "resolveProjectObjection",
        tags,
        params: z.object({ id: z.string().max(64), objectionId: z.string().max(64) }),
        body: ZObjectionResolve,
        response: { 200: ZProjectDetail },
      },
    },
    async (req) => {
      await proposals.resolveObjection(whoOf(req), req.params.id, req.params.objectionId, req.body);
      return query.detail(authed(req).scope, req.params.id);
    },
  );
  step("approve", "approveProject", "立项（预算、实施单位、计划日期）Approve", ZApprove, "projects.admin", (req) =>
    delivery.approve(whoOf(req), req.params.id, req.body),
  );
  step("progress", "reportProjectProgress", "实施进度（月度）Monthly progress", ZProgress, "projects.write", (req) =>
    delivery.reportProgress(whoOf(req), req.params.id, req.body),
  );
  step("payments", "payProject", "支付（日期、凭证、金额）Record a payment", ZPayment, "projects.admin", (req) =>
    delivery.pay(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/projects/:id/payments/:paymentId/void",
    {
      config: { permission: "projects.admin" },
      schema: {
        operationId: "voidProjectPayment",
        tags,
        params: z.object({ id: z.string().max(64), paymentId: z.string().max(64) }),
        body: ZVoid,
        response: { 200: ZProjectDetail },
      },
    },
    async (req) => {
      await delivery.voidPayment(whoOf(req), req.params.id, req.params.paymentId, req.body);
      return query.detail(authed(req).scope, req.params.id);
    },
  );
  step("accept", "acceptProject", "验收 Acceptance", ZAccept, "projects.admin", (req) => delivery.accept(whoOf(req), req.params.id, req.body));
  step("survey", "recordProjectSurvey", "录入纸质满意度答卷 Enter a paper survey answer", ZSurveyAnswer, "projects.write", (req) =>
    delivery.answerSurvey(whoOf(req), req.params.id, req.body, "paper"),
  );
  step("evaluate", "evaluateProject", "评价（结束满意度调查）Evaluate", ZEvaluate, "projects.admin", (req) =>
    delivery.evaluate(whoOf(req), req.params.id, req.body),
  );
  step("cancel", "cancelProject", "撤销 Cancel", ZCancel, "projects.admin", (req) => proposals.cancel(whoOf(req), req.params.id, req.body));

  registerProjectIoRoutes(app, deps, svc);
}
