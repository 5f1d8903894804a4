import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { ZDate } from "../../../contracts/platform.js";
import {
  ZApprove,
  ZColumn,
  ZColumnSave,
  ZItem,
  ZItemCreate,
  ZItemDetail,
  ZItemEdit,
  ZItemQuery,
  ZOverdue,
  ZReview,
  ZWithdraw,
} from "../../../contracts/portal.js";
import { localDate } from "../../platform/dates.js";
import { authed, type Deps, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { DRAFT_KINDS } from "./portal.drafts.service.js";
import { overdue } from "./portal.schedule.js";
import type { PortalServices } from "./portal.services.js";

// Thin staff routes: the contract's schema, an operationId, the permission, the service. A step
// answers the item's page again (its state, findings and timeline).

export function registerPortalRoutes(app: FastifyInstance, deps: Deps, svc: PortalServices) {
  const r = withZod(app);
  const tags = ["portal"];
  const { items, drafts, columns } = svc;
  const id = z.object({ id: z.string().min(1).max(64) });
  const ZPageOf = z.object({ items: z.array(ZItem), total: z.number(), page: z.number(), pageSize: z.number() });
  const again = (req: FastifyRequest, itemId: string) => items.detail(authed(req).scope, itemId);

  r.get(
    "/api/portal/columns",
    {
      config: { permission: "portal.read" },
      schema: { operationId: "portalColumns", tags, summary: "公开栏目目录 The columns", response: { 200: z.array(ZColumn) } },
    },
    async () => columns.list(),
  );
  r.put(
    "/api/portal/columns",
    {
      config: { permission: "portal.admin" },
      schema: { operationId: "savePortalColumn", tags, summary: "新增或修改栏目 Add or change a column", body: ZColumnSave, response: { 200: ZColumn } },
    },
    async (req) => columns.save(whoOf(req), req.body),
  );

  r.get(
    "/api/portal/items",
    {
      config: { permission: "portal.read" },
      schema: { operationId: "portalItems", tags, summary: "公开事项（各状态）Items in every state", querystring: ZItemQuery, response: { 200: ZPageOf } },
    },
    async (req) => items.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/portal/items/:id",
    {
      config: { permission: "portal.read" },
      schema: {
        operationId: "portalItem",
        tags,
        summary: "公开事项（含保密审核提示与流程）An item with its findings and timeline",
        params: id,
        response: { 200: ZItemDetail },
      },
    },
    async (req) => again(req, req.params.id),
  );
  r.post(
    "/api/portal/items",
    {
      config: { permission: "portal.propose" },
      schema: { operationId: "proposePortalItem", tags, summary: "提出公开事项 Propose an item", body: ZItemCreate, response: { 201: ZItemDetail } },
    },
    async (req, reply) => reply.status(201).send(await again(req, await items.create(whoOf(req), req.body))),
  );
  r.patch(
    "/api/portal/items/:id",
    {
      config: { permission: "portal.propose" },
      schema: { operationId: "editPortalItem", tags, summary: "修改草稿 Edit a draft", params: id, body: ZItemEdit, response: { 200: ZItemDetail } },
    },
    async (req) => {
      await items.edit(whoOf(req), req.params.id, req.body);
      return again(req, req.params.id);
    },
  );
  r.post(
    "/api/portal/items/:id/submit",
    {
      config: { permission: "portal.propose" },
      schema: { operationId: "submitPortalItem", tags, summary: "提出（送保密审核）Propose for review", params: id, response: { 200: ZItemDetail } },
    },
    async (req) => {
      await items.submit(whoOf(req), req.params.id);
      return again(req, req.params.id);
    },
  );
  r.post(
    "/api/portal/items/:id/review",
    {
      config: { permission: "portal.review" },
      schema: { operationId: "reviewPortalItem", tags, summary: "保密审核 Confidentiality review", params: id, body: ZReview, response: { 200: ZItemDetail } },
    },
    async (req) => {
      await items.review(whoOf(req), req.params.id, req.body);
      return again(req, req.params.id);
    },
  );
  r.post(
    "/api/portal/items/:id/approve",
    {
      config: { permission: "portal.approve" },
      schema: {
        operationId: "approvePortalItem",
        tags,
        summary: "审批（通过即发布）Approve (and publish)",
        params: id,
        body: ZApprove,
        response: { 200: ZItemDetail },
      },
    },
    async (req) => {
      await items.approve(whoOf(req), req.params.id, req.body);
      return again(req, req.params.id);
    },
  );
  r.post(
    "/api/portal/items/:id/withdraw",
    {
      config: { permission: "portal.approve" },
      schema: {
        operationId: "withdrawPortalItem",
        tags,
        summary: "撤回（保留记录与原因）Withdraw, keeping it",
        params: id,
        body: ZWithdraw,
        response: { 200: ZItemDetail },
      },
    },
    async (req) => {
      await items.withdraw(whoOf(req), req.params.id, req.body.reason);
      return again(req, req.params.id);
    },
  );
  r.post(
    "/api/portal/items/:id/correct",
    {
      config: { permission: "portal.propose" },
      schema: {
        operationId: "correctPortalItem",
        tags,
        summary: "更正：新版本 A correction (a new version)",
        params: id,
        body: ZItemEdit,
        response: { 201: ZItemDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await again(req, await items.correct(whoOf(req), req.params.id, req.body))),
  );

  r.post(
    "/api/portal/drafts",
    {
      config: { permission: "portal.propose" },
      schema: {
        operationId: "draftPortalItems",
        tags,
        summary: "从业务记录生成草稿 Draft items from the records",
        body: z.object({ communityId: z.string().min(1), kind: z.enum(DRAFT_KINDS), year: z.number().int().min(2000).max(2100), month: z.string().optional() }),
        response: { 200: z.object({ created: z.number(), skipped: z.number(), ids: z.array(z.string()) }) },
      },
    },
    async (req) => drafts.draft(whoOf(req), req.body),
  );

  r.get(
    "/api/portal/overdue",
    {
      config: { permission: "portal.read" },
      schema: {
        operationId: "portalOverdue",
        tags,
        summary: "逾期未公开的栏目（监督）Columns overdue",
        querystring: z.object({ on: ZDate.optional() }),
        response: { 200: z.array(ZOverdue) },
      },
    },
    async (req) => overdue(deps.db, authed(req).scope, req.query.on ?? localDate(deps.clock.now(), deps.config.timeZone)),
  );
  r.get(
    "/api/portal/cache",
    {
      config: { permission: "portal.admin" },
      schema: {
        operationId: "portalCacheStats",
        tags,
        summary: "公开页缓存统计 Public cache statistics",
        response: { 200: z.object({ hits: z.number(), misses: z.number(), clears: z.number(), size: z.number() }) },
      },
    },
    async () => ({ ...svc.cache.stats, size: svc.cache.size() }),
  );
}
