import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  CHECKIN_FLAG_LABELS,
  CHECKIN_RESULT_LABELS,
  PATROL_FORCE_LABELS,
  ZCheckin,
  ZCheckinInput,
  ZCheckinQuery,
  ZPointStatus,
  ZReview,
  ZSyncBatch,
  ZSyncResult,
} from "../../../contracts/patrol.js";
import { ZDate } from "../../../contracts/platform.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { errors } from "../../platform/errors.js";
import { type EventStream, openEventStream } from "../../platform/event-stream.js";
import { authed, sendFile, withZod } from "../../platform/http.js";
import { voidRoutes } from "../../platform/voiding.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id, ZPageOf } from "./patrol.common.js";
import type { LiveCheckin, LiveHub } from "./patrol.live.js";
import type { PatrolServices } from "./patrol.services.js";

// Check-ins from phones and devices, the supervisors' list, review and export, the map of today and
// the live feed.

export function registerCheckinRoutes(app: FastifyInstance, services: Pick<PatrolServices, "checkins" | "review" | "points">, live: LiveHub) {
  const r = withZod(app);
  const tags = ["patrol"];
  const { checkins, review, points } = services;
  r.post(
    "/api/patrol/checkins",
    {
      config: { permission: "patrol.checkin" },
      schema: {
        operationId: "patrolCheckin",
        tags,
        summary: "巡查打卡（clientId 幂等：重发只存一次）Check in (idempotent by clientId)",
        body: ZCheckinInput,
        response: { 201: ZCheckin, 200: ZCheckin },
      },
    },
    async (req, reply) => {
      const res = await checkins.checkin(whoOf(req), req.body, { sentAt: req.body.sentAt, source: "device", validated: true });
      const one = res.results[0];
      if (one.status === "rejected") {
        if (one.code === "NOT_FOUND") throw errors.notFound({ zh: "巡查点", en: "Patrol point" });
        throw errors.badRequest(one.reason ?? "打卡无效", one.reason ?? "Invalid check-in", { code: one.code });
      }
      const stored = one.status === "accepted" ? res.detail?.get(one.id as string) : undefined;
      return reply.status(one.status === "accepted" ? 201 : 200).send(stored ?? (await review.getCheckin(authed(req).scope, one.id as string)));
    },
  );
  r.post(
    "/api/patrol/sync",
    {
      config: { permission: "patrol.checkin", rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: {
        operationId: "patrolSync",
        tags,
        summary: "批量同步打卡（设备、离线队列、其他巡检系统）：逐条接受或拒绝并说明原因 Bulk sync",
        body: ZSyncBatch,
        response: { 200: ZSyncResult },
      },
    },
    async (req) => {
      const { events: _e, ...res } = await checkins.sync(whoOf(req), req.body.checkins, { sentAt: req.body.sentAt, source: "sync" });
      return res;
    },
  );
  r.get(
    "/api/patrol/checkins",
    {
      config: { permission: "patrol.read" },
      schema: { operationId: "listPatrolCheckins", tags, querystring: ZCheckinQuery, response: { 200: ZPageOf(ZCheckin) } },
    },
    async (req) => review.listCheckins(whoOf(req), req.query),
  );
  r.get(
    "/api/patrol/checkins/export",
    {
      config: { permission: "patrol.export" },
      schema: { operationId: "exportPatrolCheckins", tags, querystring: ZCheckinQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const en = ctx.lang === "en";
      const items = await review.exportCheckins(whoOf(req), req.query);
      const buf = await toXlsx(
        en ? "Check-ins" : "巡查打卡",
        [
          { header: en ? "Time" : "打卡时间", key: "deviceTime", width: 22 },
          { header: en ? "Point" : "巡查点", key: "pointName", width: 22 },
          { header: en ? "Grid" : "网格", key: "gridName" },
          { header: en ? "Officer" : "巡查人", key: "userName" },
          { header: en ? "Force" : "巡查力量", key: "force", value: (c) => PATROL_FORCE_LABELS[c.force][ctx.lang] },
          { header: en ? "Result" : "结果", key: "result", value: (c) => CHECKIN_RESULT_LABELS[c.result][ctx.lang] },
          { header: en ? "Distance (m)" : "距离（米）", key: "distanceM" },
          { header: en ? "Flags" : "标记", key: "flags", value: (c) => c.flags.map((f) => CHECKIN_FLAG_LABELS[f][ctx.lang]) },
          { header: en ? "Review" : "审核", key: "reviewStatus" },
          { header: en ? "Note" : "说明", key: "note", width: 30 },
        ],
        items,
      );
      return sendFile(reply, `patrol-checkins-${checkins.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/patrol/checkins/:id",
    { config: { permission: "patrol.read" }, schema: { operationId: "getPatrolCheckin", tags, params: id, response: { 200: ZCheckin } } },
    async (req) => review.getCheckin(authed(req).scope, req.params.id),
  );
  // 作废 and 恢复 of a check-in entered by mistake (server/platform/voiding.ts), by the patrol register's administrator.
  voidRoutes(app, {
    path: "/api/patrol/checkins/:id",
    permission: "patrol.admin",
    tags,
    op: "PatrolCheckin",
    what: { zh: "巡查打卡", en: "patrol check-in" },
    void: (who, cid, input) => review.voidCheckin(who, cid, input),
    restore: (who, cid) => review.restoreCheckin(who, cid),
  });
  r.post(
    "/api/patrol/checkins/:id/review",
    {
      config: { permission: "patrol.review" },
      schema: {
        operationId: "reviewPatrolCheckin",
        tags,
        summary: "审核被标记的打卡 Accept or reject a flagged check-in",
        params: id,
        body: ZReview,
        response: { 200: ZCheckin },
      },
    },
    async (req) => review.review(whoOf(req), req.params.id, req.body.decision, req.body.note),
  );

  r.get(
    "/api/patrol/map/today",
    {
      config: { permission: "patrol.read" },
      schema: { operationId: "patrolMapToday", tags, querystring: z.object({ date: ZDate.optional() }), response: { 200: z.array(ZPointStatus) } },
    },
    async (req) => points.mapToday(authed(req).scope, req.query.date),
  );
  r.get(
    "/api/patrol/live",
    {
      config: { permission: "patrol.read" },
      schema: {
        operationId: "patrolLiveFeed",
        tags,
        summary: "打卡实时推送（Server-Sent Events），since 之后的先补发 Live feed of check-ins (SSE); those after `since` are replayed first",
        querystring: z.object({ since: z.string().datetime({ offset: true }) }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const scope = ctx.scope;
      // Listen first, then replay what came after `since`: a check-in stored in between is then
      // neither lost nor sent twice. What arrives before the stream is open waits; the stream opens
      // (its `: open`) once listening, so a client that sees it open misses nothing stored after.
      let stream: EventStream | null = null;
      const held: Array<Omit<LiveCheckin, "gridPath">> = [];
      const sent = new Set<string>();
      const send = (e: Omit<LiveCheckin, "gridPath">) => {
        if (sent.has(e.id)) return;
        sent.add(e.id);
        stream?.send("checkin", e);
      };
      const off = await live.subscribe((e) => {
        if (!e.gridPath.startsWith(scope.path)) return;
        const { gridPath: _g, ...out } = e;
        if (!stream) held.push(out);
        else send(out);
      });
      let items: Awaited<ReturnType<typeof review.listCheckins>>["items"];
      try {
        items = (await review.listCheckins(whoOf(req), { page: 1, pageSize: 30 })).items;
      } catch (e) {
        off();
        throw e;
      }
      stream = openEventStream(req, reply, { db: app.deps.db, sessionId: ctx.sessionId });
      stream.onClose(off);
      const since = new Date(req.query.since).toISOString();
      for (const c of items.filter((x) => x.serverTime > since).reverse())
        send({
          id: c.id,
          pointId: c.pointId,
          pointName: c.pointName ?? "",
          userName: c.userName,
          force: c.force,
          result: c.result,
          flags: c.flags,
          deviceTime: c.deviceTime,
          lat: c.lat,
          lng: c.lng,
        });
      for (const e of held) send(e);
    },
  );
}
