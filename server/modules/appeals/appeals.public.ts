// The resident's side (no account): submit an appeal from a phone, track it with its number and the
// phone's last four digits, and answer the return visit. Rate-limited; nothing personal comes back.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZCategory, ZPublicCase, ZPublicSubmit, ZPublicTrackQuery, ZPublicVisit } from "../../../contracts/appeals.js";
import type { Deps } from "../../platform/http.js";
import { withZod } from "../../platform/http.js";
import { communityScope, type Scope } from "../../platform/scope.js";
import type { WhoNamed } from "./appeals.cases.service.js";
import { communityById, openCommunities } from "./appeals.repo.js";
import type { AppealsServices } from "./appeals.services.js";

const tags = ["appeals-public"];

// Acting for no community at all: registering there is refused as an unknown community.
const NOWHERE: Scope = { regionId: "", path: "/#none/", level: "community", communityId: null };

/** The resident acting on their own case: the system in that community, named so on the timeline. */
export async function residentWho(deps: Pick<Deps, "db">, communityId: string, name = "居民（网上）"): Promise<WhoNamed & { name: string }> {
  const c = await communityById(deps.db, communityId);
  return { user: null, scope: c ? communityScope(c) : NOWHERE, name };
}

export function registerPublicRoutes(app: FastifyInstance, deps: Deps, svc: AppealsServices) {
  const r = withZod(app);
  const limit = (max: number) => ({ public: true, rateLimit: { max, timeWindow: "1 minute" } });

  r.get(
    "/api/public/appeals/options",
    {
      config: limit(60),
      schema: {
        operationId: "publicAppealOptions",
        tags,
        summary: "公众提交诉求：社区和分类 Communities and categories for the public form",
        response: { 200: z.object({ communities: z.array(z.object({ id: z.string(), name: z.string() })), categories: z.array(ZCategory) }) },
      },
    },
    async () => {
      return { communities: await openCommunities(deps.db), categories: await svc.catalogue.categories() };
    },
  );

  r.post(
    "/api/public/appeals",
    {
      config: limit(10),
      schema: {
        operationId: "publicSubmitAppeal",
        tags,
        summary: "居民提交诉求（无需登录）Submit an appeal without an account",
        body: ZPublicSubmit,
        response: { 201: z.object({ trackingNo: z.string() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const who = { ...(await residentWho(deps, b.communityId)), ip: req.ip };
      const id = await svc.intake.register(who, {
        communityId: b.communityId,
        channel: "online",
        kind: "appeal",
        appealType: b.appealType,
        categoryCode: b.categoryCode,
        urgency: "normal",
        title: b.title,
        content: b.content,
        address: b.address ?? null,
        lat: b.lat ?? null,
        lng: b.lng ?? null,
        appellantName: b.name,
        appellantPhone: b.phone,
      });
      const row = await svc.cases.raw(who.scope, id);
      return reply.status(201).send({ trackingNo: row.tracking_no });
    },
  );

  const track = async (trackingNo: string, phone4: string) => {
    const { row, steps } = await svc.cases.byTracking(trackingNo, phone4);
    return {
      trackingNo: row.tracking_no,
      title: row.title,
      status: row.status as any,
      categoryName: row.category_name,
      registeredAt: row.registered_at,
      dueAt: row.due_at,
      answer: row.answer,
      canVisit: row.status === "closed",
      steps: steps.map((s) => ({ at: s.at, action: s.action })),
    };
  };

  r.get(
    "/api/public/appeals/:trackingNo",
    {
      config: limit(30),
      schema: {
        operationId: "publicTrackAppeal",
        tags,
        summary: "凭受理编号和手机号后四位查询进度 Track an appeal",
        params: z.object({ trackingNo: z.string().max(20) }),
        querystring: ZPublicTrackQuery,
        response: { 200: ZPublicCase },
      },
    },
    async (req) => track(req.params.trackingNo, req.query.phone4),
  );

  r.post(
    "/api/public/appeals/:trackingNo/visit",
    {
      config: limit(10),
      schema: {
        operationId: "publicVisitAppeal",
        tags,
        summary: "居民回访评价（不满意自动重办）The resident answers the return visit",
        params: z.object({ trackingNo: z.string().max(20) }),
        body: ZPublicVisit,
        response: { 200: ZPublicCase },
      },
    },
    async (req) => {
      const { row } = await svc.cases.byTracking(req.params.trackingNo, req.body.phone4);
      const who = { ...(await residentWho(deps, row.community_id, "诉求人（网上评价）")), ip: req.ip };
      await svc.visits.visit(who, row.id, {
        reached: true,
        contacted: !!row.contacted_at,
        resolved: req.body.resolved,
        satisfaction: req.body.satisfaction,
        note: req.body.note ?? null,
      });
      return track(req.params.trackingNo, req.body.phone4);
    },
  );
}
