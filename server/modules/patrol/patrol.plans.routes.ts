import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZPlan, ZPlanCreate, ZPlanUpdate, ZRound } from "../../../contracts/patrol.js";
import { ZDate } from "../../../contracts/platform.js";
import { authed, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id } from "./patrol.common.js";
import type { PlansService } from "./patrol.plans.service.js";

export function registerPlanRoutes(app: FastifyInstance, plans: PlansService) {
  const r = withZod(app);
  const tags = ["patrol"];
  r.get(
    "/api/patrol/plans",
    { config: { permission: "patrol.read" }, schema: { operationId: "listPatrolPlans", tags, response: { 200: z.array(ZPlan) } } },
    async (req) => plans.listPlans(authed(req).scope),
  );
  r.post(
    "/api/patrol/plans",
    { config: { permission: "patrol.admin" }, schema: { operationId: "createPatrolPlan", tags, body: ZPlanCreate, response: { 201: ZPlan } } },
    async (req, reply) => reply.status(201).send(await plans.createPlan(whoOf(req), req.body)),
  );
  r.get(
    "/api/patrol/plans/:id",
    { config: { permission: "patrol.read" }, schema: { operationId: "getPatrolPlan", tags, params: id, response: { 200: ZPlan } } },
    async (req) => plans.getPlan(authed(req).scope, req.params.id),
  );
  r.patch(
    "/api/patrol/plans/:id",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "updatePatrolPlan",
        tags,
        summary: "修改巡查计划（未开始的轮次按新计划重排）Change a plan; rounds not yet started are made again",
        params: id,
        body: ZPlanUpdate,
        response: { 200: ZPlan },
      },
    },
    async (req) => plans.updatePlan(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/patrol/plans/:id/stop",
    { config: { permission: "patrol.admin" }, schema: { operationId: "stopPatrolPlan", tags, params: id, response: { 200: ZPlan } } },
    async (req) => plans.setPlanActive(whoOf(req), req.params.id, false),
  );
  r.post(
    "/api/patrol/plans/:id/activate",
    { config: { permission: "patrol.admin" }, schema: { operationId: "activatePatrolPlan", tags, params: id, response: { 200: ZPlan } } },
    async (req) => plans.setPlanActive(whoOf(req), req.params.id, true),
  );
  r.get(
    "/api/patrol/rounds",
    {
      config: { permission: "patrol.read" },
      schema: {
        operationId: "listPatrolRounds",
        tags,
        summary: "某日的巡查轮次（默认今天）Rounds of a day",
        querystring: z.object({ date: ZDate.optional(), mine: z.enum(["0", "1"]).optional(), planId: z.string().max(64).optional() }),
        response: { 200: z.array(ZRound) },
      },
    },
    async (req) => plans.rounds(whoOf(req), { date: req.query.date, mine: req.query.mine === "1", planId: req.query.planId }),
  );
}
