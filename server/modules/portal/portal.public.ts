// The public side of 三务公开 (no account): the communities and their columns, published items
// by column with search, an item page, the annual reports, the micro-projects, an Atom feed per
// column and a residents' feedback form per item (which becomes an appeal). Only published items
// are read (withdrawn and corrected ones stay, marked); a draft or an item under review is 404.
// Answers carry ETag / Last-Modified and are kept in the process's cache until a publication.
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { ZFeedback, ZPublicItemDetail, ZPublicPage, ZPublicQuery } from "../../../contracts/portal.js";
import { ZPublicProject } from "../../../contracts/projects.js";
import { errors } from "../../platform/errors.js";
import { type Deps, withZod } from "../../platform/http.js";
import type { PortalCollaborators } from "./portal.api.js";
import type { Cached, PublicCache } from "./portal.cache.js";
import { atomFeed } from "./portal.feed.js";
import type { FeedbackService } from "./portal.feedback.service.js";
import { communityByCode, fileRow, type PublicRow, publicCommunities, publicItem, publicPage } from "./portal.repo.js";

const tags = ["portal-public"];
const COMMUNITY = { zh: "社区", en: "Community" };

export function toPublic(r: PublicRow) {
  return {
    id: r.id,
    communityCode: r.community_code ?? "",
    communityName: r.community_name,
    columnKey: r.column_key,
    columnName: r.column_name ?? r.column_key,
    section: (r.section ?? "residents") as "party" | "residents" | "finance",
    title: r.title,
    status: r.status as "published" | "withdrawn" | "superseded",
    version: r.version,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    publishedOn: r.published_on ?? "",
    withdrawnOn: r.withdrawn_on,
    withdrawReason: r.withdraw_reason,
  };
}

export function registerPortalPublicRoutes(
  app: FastifyInstance,
  deps: Deps,
  svc: { cache: PublicCache; feedback: FeedbackService },
  collab: Pick<PortalCollaborators, "projects">,
) {
  const r = withZod(app);
  const { db } = deps;
  const { cache } = svc;
  // Readers behind one address (a school, an estate's Wi-Fi) share the limit: reading is generous.
  const reading = { public: true, rateLimit: { max: 600, timeWindow: "1 minute" } };

  /** Answers a cached JSON (or XML) body, or 304 when the client has it already. */
  function send(req: FastifyRequest, reply: FastifyReply, c: Cached, type = "application/json; charset=utf-8") {
    // Revalidated on every use (a 304 from the cache here): a withdrawal shows at once, not after a max-age.
    reply.header("etag", c.etag).header("last-modified", c.lastModified).header("cache-control", "public, no-cache");
    if (req.headers["if-none-match"] === c.etag) return reply.status(304).send();
    const since = req.headers["if-modified-since"];
    if (!req.headers["if-none-match"] && since && Date.parse(since) >= Date.parse(c.lastModified)) return reply.status(304).send();
    return reply.type(type).send(c.body);
  }
  async function cached(key: string, make: () => Promise<{ body: unknown; lastModified: string | null }>, raw = false) {
    const hit = cache.get(key);
    if (hit) return hit;
    const made = await make();
    return cache.put(key, raw ? String(made.body) : JSON.stringify(made.body), made.lastModified);
  }
  async function community(code: string) {
    const c = await communityByCode(db, code);
    if (!c) throw errors.notFound(COMMUNITY);
    return c;
  }

  r.get(
    "/api/public/disclosure/communities",
    {
      config: reading,
      schema: {
        operationId: "publicDisclosureCommunities",
        tags,
        summary: "三务公开：有公开事项的社区 Communities with disclosures",
        response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) },
      },
    },
    async (req, reply) =>
      send(
        req,
        reply,
        await cached("communities", async () => ({
          body: (await publicCommunities(db)).map((c) => ({ code: c.code ?? "", name: c.name })),
          lastModified: null,
        })),
      ),
  );

  r.get(
    "/api/public/disclosure/columns",
    {
      config: reading,
      schema: { operationId: "publicDisclosureColumns", tags, summary: "三务公开栏目 The columns" },
    },
    async (req, reply) =>
      send(
        req,
        reply,
        await cached("columns", async () => {
          const rows = await db.selectFrom("portal_columns").selectAll().where("active", "=", 1).orderBy("sort").execute();
          return {
            body: rows.map((k) => ({ key: k.key, parentKey: k.parent_key, section: k.section, name: k.name, period: k.period })),
            lastModified:
              rows
                .map((k) => k.updated_at)
                .sort()
                .pop() ?? null,
          };
        }),
      ),
  );

  r.get(
    "/api/public/disclosure/items",
    {
      config: reading,
      schema: {
        operationId: "publicDisclosureItems",
        tags,
        summary: "已发布的公开事项（不带 community 时为全部社区）Published items; all communities without community",
        querystring: ZPublicQuery,
        response: { 200: ZPublicPage },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const key = `list:${q.community ?? ""}:${q.column ?? ""}:${q.q ?? ""}:${q.year ?? ""}:${q.page}:${q.pageSize}`;
      const c = await cached(key, async () => {
        const communityId = q.community ? (await community(q.community)).id : undefined;
        const { rows, total, lastModified } = await publicPage(db, { communityId, column: q.column, q: q.q, year: q.year, page: q.page, pageSize: q.pageSize });
        return { body: { items: rows.map(toPublic), total, page: q.page, pageSize: q.pageSize }, lastModified };
      });
      return send(req, reply, c);
    },
  );

  r.get(
    "/api/public/disclosure/items/:id",
    {
      config: reading,
      schema: {
        operationId: "publicDisclosureItem",
        tags,
        summary: "公开事项 A published item",
        params: z.object({ id: z.string().max(64) }),
        response: { 200: ZPublicItemDetail },
      },
    },
    async (req, reply) => {
      const c = await cached(`item:${req.params.id}`, async () => {
        const i = await publicItem(db, req.params.id);
        if (!i) throw errors.notFound({ zh: "公开事项", en: "Disclosure item" });
        return {
          body: {
            ...toPublic(i),
            body: i.body,
            attachments: JSON.parse(i.attachments || "[]"),
            source: i.source_module && i.source_kind && i.source_id ? { module: i.source_module, kind: i.source_kind, id: i.source_id } : null,
            previousId: i.previous_id,
            supersededBy: i.superseded_by,
            feedbackOpen: i.status === "published",
          },
          lastModified: i.updated_at,
        };
      });
      return send(req, reply, c);
    },
  );

  // An attachment or image of a published item: only a file listed among its attachments.
  const blob = (sha: string) => path.join(deps.config.dataDir, "files", sha.slice(0, 2), sha);
  r.get(
    "/api/public/disclosure/items/:id/files/:fileId",
    {
      config: reading,
      schema: {
        operationId: "publicDisclosureFile",
        tags,
        summary: "公开事项的附件或图片 An attachment of a published item",
        params: z.object({ id: z.string().max(64), fileId: z.string().max(64) }),
      },
    },
    async (req, reply) => {
      const i = await publicItem(db, req.params.id);
      const listed = i ? (JSON.parse(i.attachments || "[]") as string[]).includes(req.params.fileId) : false;
      const f = listed ? await fileRow(db, req.params.fileId) : undefined;
      if (!f || !fs.existsSync(blob(f.sha256))) throw errors.notFound({ zh: "附件", en: "Attachment" });
      const inline = f.mime.startsWith("image/") || f.mime === "application/pdf";
      return reply
        .header("content-type", f.mime)
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header("cache-control", "public, max-age=86400")
        .send(fs.createReadStream(blob(f.sha256)));
    },
  );

  r.post(
    "/api/public/disclosure/items/:id/feedback",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        operationId: "publicDisclosureFeedback",
        tags,
        summary: "对公开事项提出疑问或异议（转为诉求）A question or objection on an item, registered as an appeal",
        params: z.object({ id: z.string().max(64) }),
        body: ZFeedback,
        response: { 201: z.object({ trackingNo: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.feedback.submit(req.params.id, req.body, req.ip)),
  );

  r.get(
    "/api/public/disclosure/projects",
    {
      config: reading,
      schema: {
        operationId: "publicDisclosureProjects",
        tags,
        summary: "社区民生微实事（阶段与资金）A community's micro-projects with stage and money",
        querystring: z.object({ community: z.string().max(40) }),
        response: { 200: z.array(ZPublicProject) },
      },
    },
    async (req) => collab.projects.publicList((await community(req.query.community)).id),
  );

  r.get(
    "/api/public/disclosure/feed/:community/:file",
    {
      config: reading,
      schema: {
        operationId: "publicDisclosureFeed",
        tags,
        summary: "栏目 Atom 订阅 An Atom feed per column (…/<community code>/<column key>.atom)",
        params: z.object({ community: z.string().max(40), file: z.string().max(80) }),
      },
    },
    async (req, reply) => {
      const m = /^(.+)\.atom$/.exec(req.params.file);
      if (!m) throw errors.notFound({ zh: "订阅", en: "Feed" });
      const column = m[1];
      const c = await cached(
        `feed:${req.params.community}:${column}`,
        async () => {
          const com = await community(req.params.community);
          const k = await db.selectFrom("portal_columns").select(["key", "name"]).where("key", "=", column).executeTakeFirst();
          if (!k) throw errors.notFound({ zh: "栏目", en: "Column" });
          const { rows, lastModified } = await publicPage(db, { communityId: com.id, column, page: 1, pageSize: 50 });
          const base = `${req.protocol}://${req.headers.host ?? "localhost"}`;
          return {
            body: atomFeed({ base, community: { code: com.code ?? "", name: com.name }, column: k, items: rows.map(toPublic), updated: lastModified }),
            lastModified,
          };
        },
        true,
      );
      return send(req, reply, c, "application/atom+xml; charset=utf-8");
    },
  );
}
