import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  CHECKIN_FLAG_LABELS,
  CHECKIN_RESULT_LABELS,
  PATROL_FORCE_LABELS,
  ZCheckin,
  ZCheckinInput,
  ZCheckinQuery,
  ZPlan,
  ZPlanCreate,
  ZPlanUpdate,
  ZPoint,
  ZPointCode,
  ZPointCreate,
  ZPointQuery,
  ZPointStatus,
  ZPointUpdate,
  ZReview,
  ZRound,
  ZSyncBatch,
  ZSyncResult,
  ZTeam,
  ZTeamCreate,
  ZTeamUpdate,
} from "../../../contracts/patrol.js";
import { ZDate } from "../../../contracts/platform.js";
import { can } from "../../../contracts/roles.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { errors } from "../../platform/errors.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { importPoints, pointsGeoJson, pointsTemplate } from "./patrol.io.js";
import type { LiveCheckin, LiveHub } from "./patrol.live.js";
import { createTeamChecked, type PatrolService, setTeamArchived, updatePlan, updateTeam } from "./patrol.service.js";
import { qrSvg } from "./qr.js";

const id = z.object({ id: z.string().min(1).max(64) });
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** The URL a phone camera opens from a point's label. */
export function checkinUrl(origin: string, pointId: string, token: string) {
  return `${origin}/patrol/checkin/${pointId}?t=${encodeURIComponent(token)}`;
}
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? "localhost"}`;

export function registerPatrolRoutes(app: FastifyInstance, deps: Deps, svc: PatrolService, live: LiveHub) {
  const r = withZod(app);
  const tags = ["patrol"];

  // ------------------------------------------------------------ teams
  r.get(
    "/api/patrol/teams",
    { config: { permission: "patrol.read" }, schema: { operationId: "listPatrolTeams", tags, response: { 200: z.array(ZTeam) } } },
    async (req) => svc.listTeams(authed(req).scope),
  );
  r.post(
    "/api/patrol/teams",
    { config: { permission: "patrol.admin" }, schema: { operationId: "createPatrolTeam", tags, body: ZTeamCreate, response: { 201: ZTeam } } },
    async (req, reply) => reply.status(201).send(await createTeamChecked(deps, svc, whoOf(req), req.body)),
  );
  r.patch(
    "/api/patrol/teams/:id",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "updatePatrolTeam",
        tags,
        summary: "修改巡查队伍（名称、力量、所属组织、队员）Change a patrol team",
        params: id,
        body: ZTeamUpdate,
        response: { 200: ZTeam },
      },
    },
    async (req) => updateTeam(deps, whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/patrol/teams/:id/archive",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "archivePatrolTeam",
        tags,
        summary: "归档巡查队伍（仍有执行中的计划时不可归档）Archive a team",
        params: id,
        response: { 200: ZTeam },
      },
    },
    async (req) => setTeamArchived(deps, whoOf(req), req.params.id, true),
  );
  r.post(
    "/api/patrol/teams/:id/unarchive",
    {
      config: { permission: "patrol.admin" },
      schema: { operationId: "unarchivePatrolTeam", tags, summary: "恢复已归档的巡查队伍 Bring an archived team back", params: id, response: { 200: ZTeam } },
    },
    async (req) => setTeamArchived(deps, whoOf(req), req.params.id, false),
  );

  /** Who can be assigned to a plan or a team: active accounts of the community that may check in. */
  r.get(
    "/api/patrol/officers",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "listPatrolOfficers",
        tags,
        summary: "可指派的巡查人员（本社区可打卡的账号）People a plan can be assigned to",
        querystring: z.object({ communityId: z.string().min(1).max(64) }),
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), scope: z.string() })) },
      },
    },
    async (req) => {
      const scope = authed(req).scope;
      const c = await deps.db.selectFrom("regions").select(["path", "level"]).where("id", "=", req.query.communityId).executeTakeFirst();
      if (c?.level !== "community" || !(c.path.startsWith(scope.path) || scope.path.startsWith(c.path))) throw errors.notFound({ zh: "社区", en: "Community" });
      const users = await deps.db
        .selectFrom("users as u")
        .innerJoin("regions as r", "r.id", "u.scope_region_id")
        .select(["u.id", "u.display_name", "u.role", "r.name as scope_name"])
        .where("u.disabled", "=", 0)
        .where("r.path", "like", `${c.path}%`)
        .orderBy("u.username")
        .execute();
      return users.filter((u) => can(u.role, "patrol.checkin")).map((u) => ({ id: u.id, name: u.display_name, role: u.role, scope: u.scope_name }));
    },
  );

  // ------------------------------------------------------------ points
  r.get(
    "/api/patrol/points",
    { config: { permission: "patrol.read" }, schema: { operationId: "listPatrolPoints", tags, querystring: ZPointQuery, response: { 200: page(ZPoint) } } },
    async (req) => svc.listPoints(authed(req).scope, req.query),
  );
  r.get(
    "/api/patrol/points/export",
    {
      config: { permission: "patrol.export" },
      schema: {
        operationId: "exportPatrolPoints",
        tags,
        summary: "导出巡查点 XLSX Export points",
        querystring: ZPointQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const en = ctx.lang === "en";
      const { items } = await svc.listPoints(ctx.scope, { ...req.query, page: 1, pageSize: 100_000 });
      await deps.audit.append(deps.db, {
        actorId: ctx.user.id,
        actorName: ctx.user.username,
        action: "patrol.point.export",
        entity: "patrol_point",
        after: { rows: items.length },
        ip: ctx.ip,
      });
      const buf = await toXlsx(
        en ? "Patrol points" : "巡查点",
        [
          { header: en ? "Code" : "编码", key: "code" },
          { header: en ? "Name" : "名称", key: "name", width: 24 },
          { header: en ? "Kind" : "类型", key: "kind" },
          { header: en ? "Grid" : "网格", key: "gridName" },
          { header: en ? "Longitude" : "经度", key: "lng", width: 12 },
          { header: en ? "Latitude" : "纬度", key: "lat", width: 12 },
          { header: en ? "Radius (m)" : "半径（米）", key: "radiusM" },
          { header: en ? "Force" : "巡查力量", key: "force", value: (p) => PATROL_FORCE_LABELS[p.force as keyof typeof PATROL_FORCE_LABELS][ctx.lang] },
          { header: en ? "Team" : "队伍", key: "teamName", width: 20 },
          { header: en ? "Checklist" : "检查项", key: "checklist", width: 40 },
          { header: en ? "Active" : "启用", key: "active" },
        ],
        items,
      );
      return sendFile(reply, `patrol-points-${svc.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/patrol/points/geojson",
    {
      config: { permission: "patrol.read" },
      schema: { operationId: "patrolPointsGeoJson", tags, summary: "巡查点 GeoJSON (FeatureCollection)", querystring: ZPointQuery.pick({ active: true }) },
    },
    async (req, reply) => {
      const { items } = await svc.listPoints(authed(req).scope, { page: 1, pageSize: 100_000, active: req.query.active });
      return reply.header("content-type", "application/geo+json; charset=utf-8").send(pointsGeoJson(items));
    },
  );
  r.post(
    "/api/patrol/points/import",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "importPatrolPoints",
        tags,
        summary:
          "导入巡查点：XLSX（multipart 字段 file）或 GeoJSON（同上，或 JSON 正文）；全部成功或全部不导入，逐行报错；已有的点位不变 Import points from XLSX or GeoJSON, all or nothing",
        querystring: z.object({ communityId: z.string().min(1).max(64), dryRun: z.enum(["0", "1"]).optional() }),
        response: {
          200: z.object({ created: z.number(), unchanged: z.number(), errors: z.array(z.object({ row: z.number(), message: z.string() })) }),
        },
      },
    },
    async (req) => importPoints(req, deps, svc, req.query.communityId, { dryRun: req.query.dryRun === "1" }),
  );
  r.get(
    "/api/patrol/points/import/template",
    {
      config: { permission: "patrol.admin" },
      schema: { operationId: "patrolPointImportTemplate", tags, summary: "巡查点导入模板 XLSX Import template" },
    },
    async (req, reply) => sendFile(reply, "巡查点导入模板.xlsx", XLSX_MIME, await pointsTemplate(authed(req).lang)),
  );
  r.get(
    "/api/patrol/points/labels",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "patrolPointLabels",
        tags,
        summary: "打印二维码标签（每点一张：名称、编码、二维码）QR labels",
        querystring: z.object({ ids: z.string().min(1).max(40_000) }),
        response: { 200: z.array(ZPointCode) },
      },
    },
    async (req) => {
      const ids = req.query.ids.split(",").filter(Boolean).slice(0, 500);
      const rows = await svc.pointTokens(authed(req).scope, ids);
      const origin = originOf(req);
      return rows.map((p) => {
        const url = checkinUrl(origin, p.id, p.token);
        return { pointId: p.id, name: p.name, code: p.code, url, svg: qrSvg(url) };
      });
    },
  );
  r.post(
    "/api/patrol/points",
    { config: { permission: "patrol.admin" }, schema: { operationId: "createPatrolPoint", tags, body: ZPointCreate, response: { 201: ZPoint } } },
    async (req, reply) => reply.status(201).send(await svc.createPoint(whoOf(req), req.body)),
  );
  r.get(
    "/api/patrol/points/:id",
    { config: { permission: "patrol.read" }, schema: { operationId: "getPatrolPoint", tags, params: id, response: { 200: ZPoint } } },
    async (req) => svc.getPoint(authed(req).scope, req.params.id),
  );
  r.patch(
    "/api/patrol/points/:id",
    { config: { permission: "patrol.admin" }, schema: { operationId: "updatePatrolPoint", tags, params: id, body: ZPointUpdate, response: { 200: ZPoint } } },
    async (req) => svc.updatePoint(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/patrol/points/:id/retire",
    { config: { permission: "patrol.admin" }, schema: { operationId: "retirePatrolPoint", tags, params: id, response: { 200: ZPoint } } },
    async (req) => svc.setActive(whoOf(req), req.params.id, false),
  );
  r.post(
    "/api/patrol/points/:id/reactivate",
    { config: { permission: "patrol.admin" }, schema: { operationId: "reactivatePatrolPoint", tags, params: id, response: { 200: ZPoint } } },
    async (req) => svc.setActive(whoOf(req), req.params.id, true),
  );
  r.post(
    "/api/patrol/points/:id/regenerate-code",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "regeneratePatrolPointCode",
        tags,
        summary: "重新生成二维码（旧码失效）Regenerate the QR code",
        params: id,
        response: { 200: ZPointCode },
      },
    },
    async (req) => {
      const { token } = await svc.regenerateToken(whoOf(req), req.params.id);
      const p = await svc.getPoint(authed(req).scope, req.params.id);
      const url = checkinUrl(originOf(req), p.id, token);
      return { pointId: p.id, name: p.name, code: p.code, url, svg: qrSvg(url) };
    },
  );
  /** What the phone's check-in page needs: the point, its checklist, whether the scanned code is current. */
  r.get(
    "/api/patrol/points/:id/checkin-info",
    {
      config: { permission: "patrol.checkin" },
      schema: {
        operationId: "patrolCheckinInfo",
        tags,
        params: id,
        querystring: z.object({ t: z.string().max(64).optional() }),
        response: { 200: z.object({ point: ZPoint, tokenValid: z.boolean().nullable() }) },
      },
    },
    async (req) => {
      const scope = authed(req).scope;
      const raw = await svc.rawPoint(deps.db, scope, req.params.id);
      return { point: await svc.getPoint(scope, req.params.id), tokenValid: req.query.t ? req.query.t === raw.token : null };
    },
  );

  // ------------------------------------------------------------ plans and rounds
  r.get(
    "/api/patrol/plans",
    { config: { permission: "patrol.read" }, schema: { operationId: "listPatrolPlans", tags, response: { 200: z.array(ZPlan) } } },
    async (req) => svc.listPlans(authed(req).scope),
  );
  r.post(
    "/api/patrol/plans",
    { config: { permission: "patrol.admin" }, schema: { operationId: "createPatrolPlan", tags, body: ZPlanCreate, response: { 201: ZPlan } } },
    async (req, reply) => reply.status(201).send(await svc.createPlan(whoOf(req), req.body)),
  );
  r.get(
    "/api/patrol/plans/:id",
    { config: { permission: "patrol.read" }, schema: { operationId: "getPatrolPlan", tags, params: id, response: { 200: ZPlan } } },
    async (req) => svc.getPlan(authed(req).scope, req.params.id),
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
    async (req) => updatePlan(deps, whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/patrol/plans/:id/stop",
    { config: { permission: "patrol.admin" }, schema: { operationId: "stopPatrolPlan", tags, params: id, response: { 200: ZPlan } } },
    async (req) => svc.setPlanActive(whoOf(req), req.params.id, false),
  );
  r.post(
    "/api/patrol/plans/:id/activate",
    { config: { permission: "patrol.admin" }, schema: { operationId: "activatePatrolPlan", tags, params: id, response: { 200: ZPlan } } },
    async (req) => svc.setPlanActive(whoOf(req), req.params.id, true),
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
    async (req) => svc.rounds(whoOf(req), { date: req.query.date, mine: req.query.mine === "1", planId: req.query.planId }),
  );

  // ------------------------------------------------------------ check-ins
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
      const res = await svc.checkin(whoOf(req), req.body, { sentAt: req.body.sentAt, source: "device", validated: true });
      const one = res.results[0];
      if (one.status === "rejected") {
        if (one.code === "NOT_FOUND") throw errors.notFound({ zh: "巡查点", en: "Patrol point" });
        throw errors.badRequest(one.reason ?? "打卡无效", one.reason ?? "Invalid check-in", { code: one.code });
      }
      const stored = one.status === "accepted" ? res.detail?.get(one.id as string) : undefined;
      return reply.status(one.status === "accepted" ? 201 : 200).send(stored ?? (await svc.getCheckin(authed(req).scope, one.id as string)));
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
      const { events: _e, ...res } = await svc.sync(whoOf(req), req.body.checkins, { sentAt: req.body.sentAt, source: "sync" });
      return res;
    },
  );
  r.get(
    "/api/patrol/checkins",
    {
      config: { permission: "patrol.read" },
      schema: { operationId: "listPatrolCheckins", tags, querystring: ZCheckinQuery, response: { 200: page(ZCheckin) } },
    },
    async (req) => svc.listCheckins(whoOf(req), req.query),
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
      const { items } = await svc.listCheckins(whoOf(req), { ...req.query, page: 1, pageSize: 50_000 });
      await deps.audit.append(deps.db, {
        actorId: ctx.user.id,
        actorName: ctx.user.username,
        action: "patrol.checkin.export",
        entity: "patrol_checkin",
        after: { rows: items.length, filter: req.query },
        ip: ctx.ip,
      });
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
      return sendFile(reply, `patrol-checkins-${svc.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/patrol/checkins/:id",
    { config: { permission: "patrol.read" }, schema: { operationId: "getPatrolCheckin", tags, params: id, response: { 200: ZCheckin } } },
    async (req) => svc.getCheckin(authed(req).scope, req.params.id),
  );
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
    async (req) => svc.review(whoOf(req), req.params.id, req.body.decision, req.body.note),
  );

  // ------------------------------------------------------------ map and live feed
  r.get(
    "/api/patrol/map/today",
    {
      config: { permission: "patrol.read" },
      schema: { operationId: "patrolMapToday", tags, querystring: z.object({ date: ZDate.optional() }), response: { 200: z.array(ZPointStatus) } },
    },
    async (req) => svc.mapToday(authed(req).scope, req.query.date),
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
      const scope = authed(req).scope;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      const sent = new Set<string>();
      const send = (e: Omit<LiveCheckin, "gridPath">) => {
        if (sent.has(e.id)) return;
        sent.add(e.id);
        res.write(`event: checkin\ndata: ${JSON.stringify(e)}\n\n`);
      };
      // Listen first, then replay what came after `since`: a check-in stored in between is then
      // neither lost nor sent twice. What arrives during the replay waits until it is done.
      let held: Array<Omit<LiveCheckin, "gridPath">> | null = [];
      const off = await live.subscribe((e) => {
        if (!e.gridPath.startsWith(scope.path)) return;
        const { gridPath: _g, ...out } = e;
        if (held) held.push(out);
        else send(out);
      });
      const { items } = await svc.listCheckins(whoOf(req), { page: 1, pageSize: 30 });
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
      held = null;
      const ping = setInterval(() => res.write(": ping\n\n"), 25_000);
      req.raw.on("close", () => {
        clearInterval(ping);
        off();
      });
    },
  );
}
