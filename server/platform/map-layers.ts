// 一张图: the map's layers, from every module through one registry (like figures and todos).
// A module registers its layers in its `<m>.map.ts`; each reads its own tables in the caller's scope
// and answers located records (points) and/or counts per grid. The map draws the regions' own
// GeoJSON boundaries (no online tiles): a community's grids, or a subdistrict's communities, with
// counts summed up to the areas drawn.
// GET /api/map/layers, GET /api/map/areas?region=…, GET /api/map/layers/:key?region=…,
// GET /api/map/areas/:id (a grid's or community's panel: its grid workers and its counts).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { ZMapArea, ZMapLayer, ZMapLayerData, ZMapPanel } from "../../contracts/map.js";
import { can, type Permission } from "../../contracts/roles.js";
import type { DB } from "../db/types.js";
import { errors, type Lang, type Msg } from "./errors.js";
import { authed, type Deps, withZod } from "./http.js";
import { levelRank, type Scope, scopeOf } from "./scope.js";

/** A located record. `label` and `link` are left out when the viewer may not read the record (masked). */
export type MapPoint = { id: string; lng: number; lat: number; state: string; gridId: string | null; label?: string; link?: string };
/** A layer's count for one grid (gridId null: the community's records that lie in no grid). */
export type MapCount = { communityId: string; gridId: string | null; value: number };

export type MapLayerDef = {
  key: string;
  module: string;
  label: Msg;
  /** The permission a role needs for this layer at all. */
  permission: Permission;
  /**
   * Permission to see the records behind the points (their names and links); without it, or on a
   * screen link, points are answered without label and link. Counts-only layers need none.
   */
  recordsPermission?: Permission;
  /** points: located records (with counts per grid beside them, if the module gives them); counts: counts per grid only. */
  kind: "points" | "counts";
  /** The states points are coloured by, in order, with their colour (a CSS colour). */
  legend: Array<{ state: string; label: Msg; color: string }>;
  read: (db: Kysely<DB>, scope: Scope, now: Date) => Promise<{ points?: MapPoint[]; counts?: MapCount[] }>;
};

export type MapLayerRegistry = ReturnType<typeof createMapLayerRegistry>;

export function createMapLayerRegistry() {
  const layers = new Map<string, MapLayerDef>();
  return {
    register(l: MapLayerDef) {
      if (layers.has(l.key)) throw new Error(`map layer ${l.key} registered twice`);
      layers.set(l.key, l);
    },
    get: (key: string) => layers.get(key),
    all: () => [...layers.values()],
    /** The layers a role may see; a screen link (role null) sees every layer, masked. */
    forRole: (role: string | null) => [...layers.values()].filter((l) => role === null || can(role, l.permission)),
  };
}

/** Most points a layer answers at once (a subdistrict's open cases …); the counts are always whole. */
export const MAP_POINT_LIMIT = 3000;

export type MapArea = z.infer<typeof ZMapArea>;

/**
 * The areas the map of a region draws: a community's grids, a subdistrict's communities, a
 * district's subdistricts; a grid is drawn alone. Boundaries are the regions' GeoJSON.
 */
export async function mapAreas(db: Kysely<DB>, scope: Scope): Promise<MapArea[]> {
  const self = scope.level === "grid" || levelRank(scope.level) > levelRank("grid");
  let q = db.selectFrom("regions").select(["id", "name", "level", "path", "boundary", "lat", "lng"]).where("archived", "=", 0);
  q = self ? q.where("id", "=", scope.regionId) : q.where("parent_id", "=", scope.regionId);
  const rows = await q.orderBy("sort").orderBy("name").execute();
  return rows.map((r) => {
    let boundary: unknown = null;
    try {
      boundary = r.boundary ? JSON.parse(r.boundary) : null;
    } catch {
      boundary = null;
    }
    return { id: r.id, name: r.name, level: r.level, path: r.path, boundary: boundary as MapArea["boundary"], lat: r.lat, lng: r.lng };
  });
}

const msg = (m: Msg, lang: Lang) => m[lang];

export function describeLayer(l: MapLayerDef, lang: Lang) {
  return {
    key: l.key,
    module: l.module,
    label: msg(l.label, lang),
    kind: l.kind,
    legend: l.legend.map((x) => ({ state: x.state, label: msg(x.label, lang), color: x.color })),
  };
}

/**
 * One layer for a region's map: its points (masked unless `role` may read the records) and its
 * counts summed to the areas drawn (a grid's own; a community's over its grids and its records in
 * no grid). Regions' paths say which area a grid lies in.
 */
export async function readLayer(db: Kysely<DB>, layer: MapLayerDef, scope: Scope, areas: MapArea[], now: Date, role: string | null) {
  const got = await layer.read(db, scope, now);
  const reveal = role !== null && (!layer.recordsPermission || can(role, layer.recordsPermission));
  const points = (got.points ?? []).slice(0, MAP_POINT_LIMIT).map((p) => (reveal ? p : { id: p.id, lng: p.lng, lat: p.lat, state: p.state, gridId: p.gridId }));
  const counts = got.counts ?? (got.points ?? []).map((p) => ({ communityId: "", gridId: p.gridId, value: 1 }));
  // Which area each grid or community belongs to: the area whose path the region's path starts with.
  const ids = [...new Set(counts.flatMap((c) => [c.gridId, c.communityId]).filter((x): x is string => !!x))];
  const paths = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("regions")
      .select(["id", "path"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) paths.set(r.id, r.path);
  }
  const byArea = new Map<string, number>(areas.map((a) => [a.id, 0]));
  let outside = 0;
  for (const c of counts) {
    const p = (c.gridId && paths.get(c.gridId)) || paths.get(c.communityId) || "";
    const area = areas.find((a) => p.startsWith(a.path));
    if (area) byArea.set(area.id, (byArea.get(area.id) ?? 0) + c.value);
    else outside += c.value;
  }
  return {
    key: layer.key,
    points,
    truncated: (got.points?.length ?? 0) > MAP_POINT_LIMIT,
    counts: [...byArea.entries()].map(([areaId, value]) => ({ areaId, value })),
    /** Records in scope in none of the areas drawn (a community's records placed in no grid). */
    unplaced: outside,
    total: counts.reduce((s, c) => s + c.value, 0),
  };
}

/** The region a request asks for (default: its scope); one outside the scope is not found. */
export async function regionScope(db: Kysely<DB>, scope: Scope, region?: string): Promise<Scope> {
  if (!region || region === scope.regionId) return scope;
  const s = await scopeOf(db, region);
  if (!s?.path.startsWith(scope.path)) throw errors.notFound({ zh: "地区", en: "Region" });
  return s;
}

/** Grid workers of an area (accounts of role grid whose scope is the area or lies in it): names only. */
export async function areaWorkers(db: Kysely<DB>, areaPath: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("regions as r", "r.id", "u.scope_region_id")
    .select(["u.id", "u.display_name as name", "r.name as regionName"])
    .where("u.role", "=", "grid")
    .where("u.disabled", "=", 0)
    .where("r.path", "like", `${areaPath}%`)
    .orderBy("r.sort")
    .orderBy("u.username")
    .execute();
}

export function registerMapRoutes(app: FastifyInstance, deps: Deps) {
  const r = withZod(app);
  const tags = ["map"];
  const { db, mapLayers, clock } = deps;
  const ZRegion = z.object({ region: z.string().max(40).optional() });
  const layerOr404 = (req: FastifyRequest, key: string) => {
    const l = mapLayers.get(key);
    if (!l || !can(authed(req).user.role, l.permission)) throw errors.notFound({ zh: `图层 ${key}`, en: `Layer ${key}` });
    return l;
  };

  r.get(
    "/api/map/layers",
    {
      config: { permission: "dashboard.view" },
      schema: { operationId: "listMapLayers", tags, summary: "一张图的图层 The map's layers the caller's role may see", response: { 200: z.array(ZMapLayer) } },
    },
    async (req) => mapLayers.forRole(authed(req).user.role).map((l) => describeLayer(l, req.ctx.lang)),
  );

  r.get(
    "/api/map/areas",
    {
      config: { permission: "dashboard.view" },
      schema: {
        operationId: "mapAreas",
        tags,
        summary: "地图的区域及其 GeoJSON 边界 The areas a region's map draws, with their boundaries",
        querystring: ZRegion,
        response: { 200: z.object({ region: z.object({ id: z.string(), level: z.string() }), areas: z.array(ZMapArea) }) },
      },
    },
    async (req) => {
      const scope = await regionScope(db, authed(req).scope, req.query.region);
      return { region: { id: scope.regionId, level: scope.level }, areas: await mapAreas(db, scope) };
    },
  );

  r.get(
    "/api/map/layers/:key",
    {
      config: { permission: "dashboard.view" },
      schema: {
        operationId: "mapLayer",
        tags,
        summary: "一个图层的点位与分区计数 A layer's points and counts per area",
        params: z.object({ key: z.string().max(60) }),
        querystring: ZRegion,
        response: { 200: ZMapLayerData },
      },
    },
    async (req) => {
      const layer = layerOr404(req, req.params.key);
      const scope = await regionScope(db, authed(req).scope, req.query.region);
      return readLayer(db, layer, scope, await mapAreas(db, scope), clock.now(), authed(req).user.role);
    },
  );

  r.get(
    "/api/map/areas/:id",
    {
      config: { permission: "dashboard.view" },
      schema: {
        operationId: "mapAreaPanel",
        tags,
        summary: "网格（社区）面板：网格员与各图层计数 An area's panel: its grid workers and every layer's count",
        params: z.object({ id: z.string().max(40) }),
        response: { 200: ZMapPanel },
      },
    },
    async (req) => {
      const ctx = authed(req);
      const scope = await regionScope(db, ctx.scope, req.params.id);
      const [area] = await mapAreas(db, { ...scope, level: "grid" });
      if (!area) throw errors.notFound({ zh: "地区", en: "Region" });
      const now = clock.now();
      const layers = [];
      for (const l of mapLayers.forRole(ctx.user.role)) {
        const d = await readLayer(db, l, scope, [area], now, ctx.user.role);
        layers.push({ key: l.key, label: l.label[ctx.lang], value: d.total });
      }
      const workers = (await areaWorkers(db, area.path)).map((w) => ({ name: w.name, region: w.regionName }));
      return { area, workers, layers };
    },
  );
}
