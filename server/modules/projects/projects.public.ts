// The resident's side of 民生微实事 (no account): propose a project from a phone, follow every
// project of the community through its stages (budget, spend, progress photos, acceptance), and
// answer the satisfaction survey of an accepted project. Rate-limited; nothing personal comes back.
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZPublicProject, ZPublicProjectDetail, ZPublicPropose, ZSurveyAnswer } from "../../../contracts/projects.js";
import { errors } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import { withZod } from "../../platform/http.js";
import { communityScope } from "../../platform/scope.js";
import { json, PROJECT, type WhoNamed } from "./projects.common.js";
import { communitiesOpen, communityRow, fileRow, progressOf, projectById } from "./projects.repo.js";
import type { ProjectServices } from "./projects.services.js";

const tags = ["projects-public"];

export function registerProjectPublicRoutes(app: FastifyInstance, deps: Deps, svc: ProjectServices) {
  const r = withZod(app);
  const limit = (max: number) => ({ public: true, rateLimit: { max, timeWindow: "1 minute" } });
  const ZCommunity = z.object({ communityId: z.string().min(1).max(64) });

  async function residentIn(communityId: string, ip: string): Promise<WhoNamed> {
    const c = await communityRow(deps.db, communityId);
    if (!c) throw errors.notFound({ zh: "社区", en: "Community" });
    return { user: null, scope: communityScope(c), name: "居民（网上）", ip };
  }

  r.get(
    "/api/public/projects/options",
    {
      config: limit(60),
      schema: {
        operationId: "publicProjectOptions",
        tags,
        summary: "公众页面：可选社区 Communities for the public pages",
        response: { 200: z.object({ communities: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async () => ({ communities: (await communitiesOpen(deps.db)).map((c) => ({ id: c.id, name: c.name })) }),
  );

  r.get(
    "/api/public/projects",
    {
      config: limit(60),
      schema: {
        operationId: "publicProjects",
        tags,
        summary: "社区民生微实事（各阶段公开）A community's projects",
        querystring: ZCommunity,
        response: { 200: z.array(ZPublicProject) },
      },
    },
    async (req) => svc.query.publicList(req.query.communityId),
  );

  r.get(
    "/api/public/projects/:id",
    {
      config: limit(60),
      schema: {
        operationId: "publicProject",
        tags,
        summary: "项目公开信息 A project as the public sees it",
        params: z.object({ id: z.string().max(64) }),
        response: { 200: ZPublicProjectDetail },
      },
    },
    async (req) => svc.query.publicDetail(req.params.id),
  );

  r.post(
    "/api/public/projects",
    {
      config: limit(10),
      schema: {
        operationId: "publicProposeProject",
        tags,
        summary: "居民提出民生微实事项目（无需登录）Propose a project without an account",
        body: ZPublicPropose,
        response: { 201: z.object({ id: z.string(), code: z.string() }), 200: z.object({ id: z.string(), code: z.string() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const who = await residentIn(b.communityId, req.ip);
      const made = await svc.proposals.propose(who, {
        communityId: b.communityId,
        title: b.title,
        kind: b.kind,
        place: b.place,
        reason: b.reason,
        estimatedFen: Math.round(b.estimatedYuan * 100),
        proposerKind: "resident",
        proposerName: b.name,
        proposerPhone: b.phone,
      });
      return reply.status(made.created ? 201 : 200).send({ id: made.id, code: made.code });
    },
  );

  r.post(
    "/api/public/projects/:id/survey",
    {
      config: limit(10),
      schema: {
        operationId: "publicProjectSurvey",
        tags,
        summary: "满意度评价（项目验收后开放）Answer a project's satisfaction survey",
        params: z.object({ id: z.string().max(64) }),
        body: ZSurveyAnswer,
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      const p = await projectById(deps.db, req.params.id);
      if (!p) throw errors.notFound(PROJECT);
      await svc.delivery.answerSurvey(await residentIn(p.community_id, req.ip), p.id, req.body, "online");
      return reply.status(201).send({ ok: true as const });
    },
  );

  // A progress photo of a project: only a file that is one of its progress reports' photos.
  const blob = (sha: string) => path.join(deps.config.dataDir, "files", sha.slice(0, 2), sha);
  r.get(
    "/api/public/projects/:id/photos/:fileId",
    {
      config: limit(120),
      schema: {
        operationId: "publicProjectPhoto",
        tags,
        summary: "项目进度照片 A progress photo",
        params: z.object({ id: z.string().max(64), fileId: z.string().max(64) }),
      },
    },
    async (req, reply) => {
      const photos = (await progressOf(deps.db, req.params.id)).flatMap((p) => json<string[]>(p.photos, []));
      const f = photos.includes(req.params.fileId) ? await fileRow(deps.db, req.params.fileId) : undefined;
      if (!f?.mime.startsWith("image/") || !fs.existsSync(blob(f.sha256))) throw errors.notFound({ zh: "照片", en: "Photo" });
      return reply
        .header("content-type", f.mime)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=86400")
        .send(fs.createReadStream(blob(f.sha256)));
    },
  );
}
