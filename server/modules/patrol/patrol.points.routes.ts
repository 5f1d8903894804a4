import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { PATROL_FORCE_LABELS, ZPoint, ZPointCode, ZPointCreate, ZPointQuery, ZPointUpdate } from "../../../contracts/patrol.js";
import { importRoutes, ZCommunityImportQuery } from "../../io/import-routes.js";
import { qrSvg } from "../../io/qr.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id, ZPageOf } from "./patrol.common.js";
import { importPointRows, POINT_SHEET, pointRowsOf, pointsGeoJson, pointsTemplate } from "./patrol.io.js";
import type { PatrolServices } from "./patrol.services.js";

/** The URL a phone camera opens from a point's label. */
export function checkinUrl(origin: string, pointId: string, token: string) {
  return `${origin}/patrol/checkin/${pointId}?t=${encodeURIComponent(token)}`;
}
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? "localhost"}`;

export function registerPointRoutes(app: FastifyInstance, deps: Pick<Deps, "db" | "audit">, services: Pick<PatrolServices, "points" | "teams">) {
  const r = withZod(app);
  const tags = ["patrol"];
  const { points } = services;
  r.get(
    "/api/patrol/points",
    { config: { permission: "patrol.read" }, schema: { operationId: "listPatrolPoints", tags, querystring: ZPointQuery, response: { 200: ZPageOf(ZPoint) } } },
    async (req) => points.listPoints(authed(req).scope, req.query),
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
      const items = await points.exportPoints(whoOf(req), req.query);
      const buf = await toXlsx(
        en ? "Patrol points" : "巡查点",
        // The import's columns (POINT_SHEET), so an export imports again as it is.
        POINT_SHEET.map((c) => ({
          header: en ? c.en : c.zh,
          key: c.key,
          width: "width" in c ? c.width : 14,
          ...(c.key === "force" ? { value: (p: (typeof items)[number]) => PATROL_FORCE_LABELS[p.force as keyof typeof PATROL_FORCE_LABELS][ctx.lang] } : {}),
        })),
        items,
      );
      return sendFile(reply, `patrol-points-${points.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/patrol/points/geojson",
    {
      config: { permission: "patrol.read" },
      schema: { operationId: "patrolPointsGeoJson", tags, summary: "巡查点 GeoJSON (FeatureCollection)", querystring: ZPointQuery.pick({ active: true }) },
    },
    async (req, reply) => {
      const { items } = await points.listPoints(authed(req).scope, { page: 1, pageSize: 100_000, active: req.query.active });
      return reply.header("content-type", "application/geo+json; charset=utf-8").send(pointsGeoJson(items));
    },
  );
  importRoutes(app, {
    path: "/api/patrol/points/import",
    permission: "patrol.admin",
    operationId: "importPatrolPoints",
    tags,
    summary:
      "导入巡查点：XLSX（multipart 字段 file）或 GeoJSON（同上，或 JSON 正文）；全部成功或全部不导入，逐行报错；已有的点位不变 Import points from XLSX or GeoJSON, all or nothing",
    query: ZCommunityImportQuery,
    json: true,
    template: {
      operationId: "patrolPointImportTemplate",
      summary: "巡查点导入模板 XLSX Import template",
      filename: () => "巡查点导入模板.xlsx",
      build: (lang) => pointsTemplate(lang),
    },
    run: async ({ who, query, file, body, opts }) => importPointRows(deps, services, who, query.communityId, await pointRowsOf(file, body), opts),
  });
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
      const rows = await points.pointTokens(authed(req).scope, ids);
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
    async (req, reply) => reply.status(201).send(await points.createPoint(whoOf(req), req.body)),
  );
  r.get(
    "/api/patrol/points/:id",
    { config: { permission: "patrol.read" }, schema: { operationId: "getPatrolPoint", tags, params: id, response: { 200: ZPoint } } },
    async (req) => points.getPoint(authed(req).scope, req.params.id),
  );
  r.patch(
    "/api/patrol/points/:id",
    { config: { permission: "patrol.admin" }, schema: { operationId: "updatePatrolPoint", tags, params: id, body: ZPointUpdate, response: { 200: ZPoint } } },
    async (req) => points.updatePoint(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/patrol/points/:id/retire",
    { config: { permission: "patrol.admin" }, schema: { operationId: "retirePatrolPoint", tags, params: id, response: { 200: ZPoint } } },
    async (req) => points.setActive(whoOf(req), req.params.id, false),
  );
  r.post(
    "/api/patrol/points/:id/reactivate",
    { config: { permission: "patrol.admin" }, schema: { operationId: "reactivatePatrolPoint", tags, params: id, response: { 200: ZPoint } } },
    async (req) => points.setActive(whoOf(req), req.params.id, true),
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
      const { token } = await points.regenerateToken(whoOf(req), req.params.id);
      const p = await points.getPoint(authed(req).scope, req.params.id);
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
    async (req) => points.checkinInfo(authed(req).scope, req.params.id, req.query.t),
  );
}
