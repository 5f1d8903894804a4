import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  ZFollowUpClose,
  ZHousehold,
  ZHouseholdArchive,
  ZHouseholdCreate,
  ZHouseholdDetail,
  ZHouseholdQuery,
  ZHouseholdUpdate,
  ZVisit,
  ZVisitCreate,
  ZVisitQuery,
} from "../../../contracts/care.js";
import { authed, type Deps, withZod } from "../../platform/http.js";
import { voidRoutes } from "../../platform/voiding.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id } from "./care.common.js";
import { registerCareIoRoutes } from "./care.io.js";
import type { CareServices } from "./care.services.js";
import { CARE_SETTINGS } from "./care.settings.js";

// Thin routes: the contract's schema, an operationId, the permission, the service.

export function registerCareRoutes(app: FastifyInstance, deps: Deps, svc: CareServices) {
  const r = withZod(app);
  const tags = ["care"];
  const { households, visits } = svc;

  r.get(
    "/api/care/households",
    {
      config: { permission: "care.read" },
      schema: {
        operationId: "listCareHouseholds",
        tags,
        summary: "困难户列表（unvisited=1：超过 N 个月未走访）Households in care",
        querystring: ZHouseholdQuery,
        response: {
          200: z.object({ items: z.array(ZHousehold), total: z.number(), page: z.number(), pageSize: z.number(), cutoff: z.string().nullable() }),
        },
      },
    },
    async (req) => households.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/care/kinds",
    {
      config: { permission: "care.read" },
      schema: {
        operationId: "careDifficultyKinds",
        tags,
        summary: "困难类型与未走访提醒月数（设置）Difficulty kinds and the not-visited months (settings)",
        response: { 200: z.object({ kinds: z.array(z.string()), unvisitedMonths: z.number() }) },
      },
    },
    async (req) => {
      const path = authed(req).scope.path;
      return {
        kinds: await deps.settings.get(CARE_SETTINGS.difficultyKinds, path),
        unvisitedMonths: await deps.settings.get(CARE_SETTINGS.unvisitedMonths, path),
      };
    },
  );
  registerCareIoRoutes(app, deps, svc);
  r.get(
    "/api/care/households/:id",
    { config: { permission: "care.read" }, schema: { operationId: "getCareHousehold", tags, params: id, response: { 200: ZHouseholdDetail } } },
    async (req) => households.detail(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/care/households",
    {
      config: { permission: "care.write" },
      schema: {
        operationId: "createCareHousehold",
        tags,
        summary: "纳入帮扶 Take a household into care",
        body: ZHouseholdCreate,
        response: { 201: ZHouseholdDetail },
      },
    },
    async (req, reply) => {
      const made = await households.create(whoOf(req), req.body);
      return reply.status(201).send(await households.detail(authed(req).scope, made));
    },
  );
  r.patch(
    "/api/care/households/:id",
    {
      config: { permission: "care.write" },
      schema: { operationId: "updateCareHousehold", tags, params: id, body: ZHouseholdUpdate, response: { 200: ZHouseholdDetail } },
    },
    async (req) => households.update(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/care/households/:id/archive",
    {
      config: { permission: "care.write" },
      schema: {
        operationId: "archiveCareHousehold",
        tags,
        summary: "归档（退出帮扶）Archive",
        params: id,
        body: ZHouseholdArchive,
        response: { 200: ZHouseholdDetail },
      },
    },
    async (req) => households.archive(whoOf(req), req.params.id, req.body),
  );
  r.get(
    "/api/care/visits",
    {
      config: { permission: "care.read" },
      schema: {
        operationId: "listCareVisits",
        tags,
        querystring: ZVisitQuery,
        response: { 200: z.object({ items: z.array(ZVisit), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => visits.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/care/visits/:id",
    { config: { permission: "care.read" }, schema: { operationId: "getCareVisit", tags, params: id, response: { 200: ZVisit } } },
    async (req) => visits.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/care/visits",
    {
      config: { permission: "care.write" },
      schema: {
        operationId: "recordCareVisit",
        tags,
        summary: "登记走访或慰问活动（可覆盖多户）Record a visit or a care campaign",
        body: ZVisitCreate,
        response: { 201: ZVisit },
      },
    },
    async (req, reply) => {
      const made = await visits.record(whoOf(req), req.body);
      return reply.status(201).send(await visits.get(authed(req).scope, made));
    },
  );
  // 作废 and 恢复 of a visit entered by mistake (server/platform/voiding.ts), by who records visits.
  voidRoutes(app, {
    path: "/api/care/visits/:id",
    permission: "care.write",
    tags,
    op: "CareVisit",
    what: { zh: "走访记录", en: "care visit" },
    void: (who, vid, input) => visits.voidVisit(who, vid, input),
    restore: (who, vid) => visits.restoreVisit(who, vid),
  });
  r.post(
    "/api/care/follow-ups/:id/close",
    {
      config: { permission: "care.write" },
      schema: {
        operationId: "closeCareFollowUp",
        tags,
        summary: "后续需求已解决 A follow-up need met",
        params: id,
        body: ZFollowUpClose,
        response: { 200: ZHouseholdDetail },
      },
    },
    async (req) => {
      const hh = await visits.closeFollowUp(whoOf(req), req.params.id, req.body.on);
      return households.detail(authed(req).scope, hh);
    },
  );
}
