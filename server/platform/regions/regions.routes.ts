import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { REGION_LEVELS, ZRegion, ZRegionCreate, ZRegionUpdate } from "../../../contracts/platform.js";
import { importRoutes, ZImportQuery } from "../../io/import-routes.js";
import { authed, type Deps, withZod } from "../http.js";
import { whoOf } from "../who.js";
import { importBoundaries } from "./regions.io.js";
import { createRegionsService, toRegion } from "./regions.service.js";

export function registerRegionRoutes(app: FastifyInstance, deps: Deps) {
  const svc = createRegionsService(deps);
  const r = withZod(app);
  const tags = ["regions"];
  r.get(
    "/api/regions",
    {
      config: { permission: "regions.read" },
      schema: {
        operationId: "listRegions",
        tags,
        summary: "地区列表（数据范围内）Regions in scope",
        querystring: z.object({ level: z.enum(REGION_LEVELS).optional(), parentId: z.string().optional(), archived: z.enum(["0", "1"]).optional() }),
        response: { 200: z.object({ items: z.array(ZRegion) }) },
      },
    },
    async (req) => ({ items: await svc.list(authed(req).scope, { ...req.query, includeArchived: req.query.archived === "1" }) }),
  );
  r.get(
    "/api/regions/geojson",
    {
      config: { permission: "regions.read" },
      schema: {
        operationId: "regionsGeoJSON",
        tags,
        summary: "网格边界 GeoJSON Grid boundaries as GeoJSON",
        querystring: z.object({ level: z.enum(REGION_LEVELS).default("grid") }),
      },
    },
    async (req, reply) => reply.type("application/geo+json").send(await svc.geojson(authed(req).scope, req.query.level)),
  );
  r.get(
    "/api/regions/:id",
    {
      config: { permission: "regions.read" },
      schema: { operationId: "getRegion", tags, params: z.object({ id: z.string() }), response: { 200: ZRegion } },
    },
    async (req) => {
      return toRegion(await svc.getInScope(authed(req).scope, req.params.id));
    },
  );
  r.post(
    "/api/regions",
    { config: { permission: "regions.write" }, schema: { operationId: "createRegion", tags, body: ZRegionCreate, response: { 201: ZRegion } } },
    async (req, reply) => reply.status(201).send(await svc.create(whoOf(req), req.body)),
  );
  r.patch(
    "/api/regions/:id",
    {
      config: { permission: "regions.write" },
      schema: { operationId: "updateRegion", tags, params: z.object({ id: z.string() }), body: ZRegionUpdate, response: { 200: ZRegion } },
    },
    async (req) => svc.update(whoOf(req), req.params.id, req.body),
  );
  importRoutes(app, {
    path: "/api/regions/:id/boundaries/import",
    permission: "regions.write",
    operationId: "importRegionBoundaries",
    tags,
    summary:
      "导入 GeoJSON 边界（社区下为网格，街道下为社区；全部成功或全部不导入，逐个要素报告；dryRun=1 只检查）Import boundaries from a GeoJSON FeatureCollection",
    params: z.object({ id: z.string() }),
    query: ZImportQuery.extend({
      nameProp: z.string().trim().min(1).max(40).default("name"),
      codeProp: z.string().trim().min(1).max(40).default("code"),
      establishedProp: z.string().trim().min(1).max(40).default("established"),
    }),
    run: ({ who, params, query, file, opts }) =>
      importBoundaries(deps.db, svc, who, params.id, file.buf, {
        ...opts,
        nameProp: query.nameProp,
        codeProp: query.codeProp,
        establishedProp: query.establishedProp,
      }),
  });
}
