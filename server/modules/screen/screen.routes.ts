// 大屏 routes: the screen's data and live feed (a signed link's secret `t`, or a session of a role
// that reads the workbench), and the leader's page of links (make, list, revoke).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../../contracts/roles.js";
import { type TScreenData, ZScreenData, ZScreenLink, ZScreenLinkCreate, ZScreenLinkMade } from "../../../contracts/screen.js";
import { localDate } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { openEventStream } from "../../platform/event-stream.js";
import { authed, type Deps, withZod } from "../../platform/http.js";
import { regionScope } from "../../platform/map-layers.js";
import type { Scope } from "../../platform/scope.js";
import type { VersionCache } from "../../platform/version-cache.js";
import { whoOf } from "../../platform/who.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import type { PatrolApi } from "../patrol/patrol.api.js";
import { screenData } from "./screen.data.js";
import type { ScreenLinks } from "./screen.links.service.js";
import { maskName, type TickerHub } from "./screen.live.js";

export type ScreenAccess = { scope: Scope; role: string | null; via: "session" | "link"; linkId: string | null };

export const LINK_RECHECK_MS = 60_000;

export function registerScreenRoutes(
  app: FastifyInstance,
  deps: Deps,
  links: ScreenLinks,
  ticker: TickerHub,
  cache: VersionCache<TScreenData>,
  apis: { appeals: Pick<AppealsApi, "recentCases">; patrol: Pick<PatrolApi, "subscribeLive"> },
) {
  const r = withZod(app);
  const tags = ["screen"];
  const { db, clock } = deps;
  const ZAccess = z.object({ t: z.string().max(100).optional(), region: z.string().max(40).optional() });
  const reading = { public: true, rateLimit: { max: 300, timeWindow: "1 minute" } };

  /** A link's secret opens its region; else a signed-in role that reads the workbench, in its scope. */
  async function access(req: FastifyRequest, q: { t?: string; region?: string }): Promise<ScreenAccess> {
    if (q.t) {
      const { linkId, scope } = await links.resolve(q.t, req.ip);
      return { scope, role: null, via: "link", linkId };
    }
    const { user, scope } = req.ctx;
    if (!user || !scope) throw errors.unauthenticated();
    if (!can(user.role, "dashboard.view") || !can(user.role, "figures.read")) throw errors.forbidden();
    return { scope: await regionScope(db, scope, q.region), role: user.role, via: "session", linkId: null };
  }

  r.get(
    "/api/screen/data",
    {
      config: reading,
      schema: {
        operationId: "screenData",
        tags,
        summary: "大屏数据（签名链接 t 或登录会话）The big screen's figures, trends, map and ticker (a link's t, or a session)",
        querystring: ZAccess,
        response: { 200: ZScreenData },
      },
    },
    async (req, reply) => {
      const a = await access(req, req.query);
      reply.header("cache-control", "no-store");
      const now = clock.now();
      const key = [a.scope.regionId, a.role ?? "-", a.via, req.ctx.lang, localDate(now, deps.config.timeZone)].join("|");
      return cache.get(key, async () => {
        const reg = await db.selectFrom("regions").select("name").where("id", "=", a.scope.regionId).executeTakeFirst();
        return screenData(
          { db, figures: deps.figures, mapLayers: deps.mapLayers, appeals: apis.appeals, timeZone: deps.config.timeZone },
          { scope: a.scope, regionName: reg?.name ?? "", role: a.role, via: a.via, now: clock.now(), lang: req.ctx.lang },
        );
      });
    },
  );

  r.get(
    "/api/screen/live",
    {
      config: reading,
      schema: {
        operationId: "screenLive",
        tags,
        summary: "大屏实时推送（SSE）：巡查打卡与新诉求 The screen's live feed (SSE): check-ins and new appeals",
        querystring: ZAccess,
      },
    },
    async (req, reply) => {
      const a = await access(req, req.query);
      if (a.linkId) await links.opened(a.linkId, a.scope, req.ip);
      const lang = req.ctx.lang;
      // Signed in (not by a link): the feed lives as long as the session (server/platform/event-stream.ts).
      const stream = openEventStream(req, reply, { db: deps.db, sessionId: a.linkId ? null : req.ctx.sessionId });
      const offCheckins = await apis.patrol.subscribeLive((e) => {
        if (!e.gridPath.startsWith(a.scope.path)) return;
        stream.send("checkin", {
          id: e.id,
          pointName: e.pointName,
          userName: a.via === "link" ? maskName(e.userName) : e.userName,
          force: e.force,
          result: e.result,
          flagged: e.flags.length > 0,
          deviceTime: e.deviceTime,
        });
      });
      stream.onClose(offCheckins);
      const offTicker = ticker.subscribe(a.scope, (c) => stream.send("appeal", { ...c, category: c.category[lang] }));
      stream.onClose(offTicker);
      // A link revoked or expired while its screen is on: the screen is told, and the feed ends.
      if (a.linkId) {
        const recheck = setInterval(async () => {
          try {
            await links.resolve(req.query.t as string, req.ip);
          } catch (e) {
            const err = e as { code?: string; msg?: { zh: string; en: string } };
            stream.send("denied", { code: err.code ?? "SCREEN_LINK_INVALID", message: err.msg?.[lang] ?? "" });
            stream.end();
          }
        }, LINK_RECHECK_MS);
        stream.onClose(() => clearInterval(recheck));
      }
    },
  );

  r.get(
    "/api/screen/links",
    {
      config: { permission: "screen.manage" },
      schema: { operationId: "listScreenLinks", tags, summary: "大屏链接 The screen links of the caller's scope", response: { 200: z.array(ZScreenLink) } },
    },
    async (req) => links.list(authed(req).scope),
  );

  r.post(
    "/api/screen/links",
    {
      config: { permission: "screen.manage" },
      schema: {
        operationId: "createScreenLink",
        tags,
        summary: "生成大屏签名链接（仅此一次显示） Make a signed screen link (its secret is shown this once)",
        body: ZScreenLinkCreate,
        response: { 201: ZScreenLinkMade },
      },
    },
    async (req, reply) => {
      const made = await links.create(whoOf(req), req.body);
      reply.status(201);
      return { ...made, url: `/screen?t=${made.token}` };
    },
  );

  r.post(
    "/api/screen/links/:id/revoke",
    {
      config: { permission: "screen.manage" },
      schema: {
        operationId: "revokeScreenLink",
        tags,
        summary: "撤销大屏链接 Revoke a screen link",
        params: z.object({ id: z.string().max(40) }),
        response: { 200: ZScreenLink },
      },
    },
    async (req) => links.revoke(whoOf(req), req.params.id),
  );
}
