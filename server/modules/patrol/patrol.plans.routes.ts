import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZPlan, ZPlanCreate, ZPlanUpdate, ZRound } from "../../../contracts/patrol.js";
import { ZDate } from "../../../contracts/platform.js";
import { importRoutes, ZCommunityImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id } from "./patrol.common.js";
import { importPlans, planColumns, planExportRows, plansTemplate } from "./patrol.plans.io.js";
import type { PlansService } from "./patrol.plans.service.js";
import type { PatrolServices } from "./patrol.services.js";

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

/** Plans from XLSX (template, all or nothing, dry run; past rounds made once) and to XLSX. */
export function registerPlanImportRoutes(app: FastifyInstance, deps: Pick<Deps, "db">, services: Pick<PatrolServices, "plans" | "teams">) {
  const r = withZod(app);
  const tags = ["patrol"];
  importRoutes(app, {
    path: "/api/patrol/plans/import",
    permission: "patrol.admin",
    operationId: "importPatrolPlans",
    tags,
    summary:
      "导入巡查计划 XLSX（开始日期早于今天的计划补齐以往各期的巡查轮次；全部成功或全部不导入，逐行报告；dryRun=1 只检查）Import patrol plans, all or nothing",
    query: ZCommunityImportQuery,
    template: {
      operationId: "patrolPlansImportTemplate",
      summary: "巡查计划导入模板 XLSX",
      filename: (lang) => (lang === "en" ? "patrol-plans-template.xlsx" : "巡查计划导入模板.xlsx"),
      build: (lang) => plansTemplate(lang === "en"),
    },
    run: ({ who, query, file, opts }) => importPlans(deps.db, services, who, query.communityId, file.buf, opts),
  });
  r.get(
    "/api/patrol/plans/export",
    { config: { permission: "patrol.export" }, schema: { operationId: "exportPatrolPlans", tags, summary: "导出巡查计划 XLSX" } },
    async (req, reply) => {
      const en = authed(req).lang === "en";
      const rows = await planExportRows(deps.db, whoOf(req), services.plans);
      const buf = await toXlsx(en ? "Patrol plans" : "巡查计划", planColumns(en), rows);
      return sendFile(reply, "patrol-plans.xlsx", XLSX_MIME, buf);
    },
  );
}
