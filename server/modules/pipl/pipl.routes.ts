import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  ZPiplAnonymise,
  ZPiplAnonymiseResult,
  ZPiplAnswer,
  ZPiplCheck,
  ZPiplCorrection,
  ZPiplQuery,
  ZPiplRequest,
  ZPiplRequestCreate,
  ZRetentionRule,
} from "../../../contracts/pipl.js";
import { XLSX_MIME } from "../../io/xlsx.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { personalDataXlsx } from "./pipl.io.js";
import type { PiplService } from "./pipl.service.js";

export function registerPiplRoutes(app: FastifyInstance, deps: Deps, svc: PiplService) {
  const r = withZod(app);
  const tags = ["pipl"];
  const id = z.object({ id: z.string().max(40) });
  const manage = { permission: "pipl.manage" as const };

  r.get(
    "/api/pipl/requests",
    {
      config: manage,
      schema: {
        operationId: "listPiplRequests",
        tags,
        summary: "个人信息权利请求（待答复在前，按期限）PIPL requests, open ones first by deadline",
        querystring: ZPiplQuery,
        response: { 200: z.object({ items: z.array(ZPiplRequest), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => svc.list(whoOf(req), req.query),
  );

  r.post(
    "/api/pipl/requests",
    {
      config: manage,
      schema: {
        operationId: "createPiplRequest",
        tags,
        summary: "登记请求（查阅、复制、更正、删除），按设置的工作日计算答复期限 Record a request; its deadline is the setting's working days",
        body: ZPiplRequestCreate,
        response: { 201: ZPiplRequest },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(whoOf(req), req.body)),
  );

  r.get(
    "/api/pipl/rules",
    {
      config: manage,
      schema: {
        operationId: "listPiplRetentionRules",
        tags,
        summary: "不能删除的情形及其理由（各模块）Retention rules that keep records from deletion, with their reasons",
        response: { 200: z.array(ZRetentionRule) },
      },
    },
    async (req) => svc.rules(req.ctx.lang),
  );

  r.get(
    "/api/pipl/requests/:id",
    { config: manage, schema: { operationId: "getPiplRequest", tags, summary: "一项请求 One request", params: id, response: { 200: ZPiplRequest } } },
    async (req) => svc.get(whoOf(req), req.params.id),
  );

  r.post(
    "/api/pipl/requests/:id/answer",
    {
      config: manage,
      schema: {
        operationId: "answerPiplRequest",
        tags,
        summary: "答复请求（已办理、部分办理、不予办理，附说明）Answer a request with its result",
        params: id,
        body: ZPiplAnswer,
        response: { 200: ZPiplRequest },
      },
    },
    async (req) => svc.answer(whoOf(req), req.params.id, req.body),
  );

  r.get(
    "/api/pipl/requests/:id/export",
    {
      config: manage,
      schema: {
        operationId: "exportPiplPersonalData",
        tags,
        summary: "查阅/复制：本人的全部个人信息（XLSX，他人信息脱敏，审计）Everything held about the person, as XLSX (others masked; audited)",
        params: id,
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const got = await svc.exportData(whoOf(req), req.params.id);
      const buf = await personalDataXlsx(ctx.lang, {
        request: got.request,
        name: got.subject.name,
        madeAt: deps.clock.now().toISOString(),
        madeBy: ctx.user.displayName,
        sections: got.sections,
      });
      reply.header("cache-control", "no-store");
      return sendFile(reply, `${ctx.lang === "en" ? "personal-data" : "个人信息"}-${got.request.receivedOn}.xlsx`, XLSX_MIME, buf);
    },
  );

  r.post(
    "/api/pipl/requests/:id/correct",
    {
      config: manage,
      schema: {
        operationId: "correctPiplPerson",
        tags,
        summary: "更正：经人员登记的更新（审计，前后脱敏）并答复请求 Correct the registry record and answer the request",
        params: id,
        body: ZPiplCorrection,
        response: { 200: ZPiplRequest },
      },
    },
    async (req) => svc.correct(whoOf(req), req.params.id, req.body),
  );

  r.get(
    "/api/pipl/requests/:id/check",
    {
      config: manage,
      schema: {
        operationId: "checkPiplErasure",
        tags,
        summary: "删除前检查：各模块所存记录数与须保存的记录 What a deletion would touch and which records must be kept",
        params: id,
        response: { 200: ZPiplCheck },
      },
    },
    async (req) => svc.check(whoOf(req), req.params.id, req.ctx.lang),
  );

  r.post(
    "/api/pipl/requests/:id/anonymise",
    {
      config: { permission: "pipl.erase" },
      schema: {
        operationId: "anonymisePiplPerson",
        tags,
        summary:
          "删除：匿名化（不可恢复；有须保存的记录时拒绝并说明）Anonymise the person, irreversibly; refused, saying which and why, while a record must be kept",
        params: id,
        body: ZPiplAnonymise,
        response: { 200: ZPiplAnonymiseResult },
      },
    },
    async (req) => svc.anonymise(whoOf(req), req.params.id, req.body, req.ctx.lang),
  );
}
