import type { Kysely } from "kysely";
import { REGION_LEVEL_LABELS, type TRegion, type TRegionCreate, type TRegionUpdate } from "../../../contracts/platform.js";
import type { DB, RegionLevel, RegionTable } from "../../db/types.js";
import type { Audit } from "../audit.js";
import type { Clock } from "../clock.js";
import { errors } from "../errors.js";
import { uuidv7 } from "../ids.js";
import { levelRank, type Scope } from "../scope.js";
import { inTx } from "../tx.js";
import type { Who } from "../who.js";

const CODE_LENGTH: Partial<Record<RegionLevel, number>> = { district: 6, subdistrict: 9, community: 12, grid: 14 };
const NOT_FOUND = { zh: "地区", en: "Region" };

export function toRegion(r: RegionTable): TRegion {
  return {
    id: r.id,
    parentId: r.parent_id,
    level: r.level,
    name: r.name,
    code: r.code,
    path: r.path,
    communityId: r.community_id,
    boundary: r.boundary ? JSON.parse(r.boundary) : null,
    lat: r.lat,
    lng: r.lng,
    sort: r.sort,
    archived: !!r.archived,
    establishedOn: r.established_on ?? null,
  };
}

export type RegionsService = ReturnType<typeof createRegionsService>;

export function createRegionsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock }) {
  const { db, audit, clock } = deps;

  async function getInScope(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await exec.selectFrom("regions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!r?.path.startsWith(scope.path)) throw errors.notFound(NOT_FOUND);
    return r;
  }

  function checkCode(level: RegionLevel, code: string | null | undefined, parent: RegionTable | null) {
    if (!code) return;
    const len = CODE_LENGTH[level];
    const lbl = REGION_LEVEL_LABELS[level];
    if (len && code.length !== len) throw errors.badRequest(`${lbl.zh}编码应为 ${len} 位数字`, `A ${lbl.en.toLowerCase()} code has ${len} digits`);
    if (len && parent?.code && CODE_LENGTH[parent.level] && !code.startsWith(parent.code))
      throw errors.badRequest(
        `${lbl.zh}编码 ${code} 应以上级编码 ${parent.code} 开头（单元网格码 = 6 位区县 + 3 位街道 + 3 位社区 + 2 位序号）`,
        `Code ${code} must start with the parent's code ${parent.code} (grid code = 6 county + 3 subdistrict + 3 community + 2 sequence)`,
      );
  }

  return {
    getInScope,
    async list(scope: Scope, opts: { level?: RegionLevel; parentId?: string; includeArchived?: boolean } = {}) {
      let q = db.selectFrom("regions").selectAll().where("path", "like", `${scope.path}%`);
      if (opts.level) q = q.where("level", "=", opts.level);
      if (opts.parentId) q = q.where("parent_id", "=", opts.parentId);
      if (!opts.includeArchived) q = q.where("archived", "=", 0);
      const rows = await q.orderBy("path").execute();
      return rows.map(toRegion);
    },

    /** Joins the caller's transaction when given one (an import of many boundaries, all or nothing). */
    async create(who: Who, input: TRegionCreate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        let parent: RegionTable | null = null;
        if (input.parentId) parent = await getInScope(who.scope, input.parentId, trx);
        else if (who.user) throw errors.badRequest("请选择上级地区", "Choose a parent region");
        if (parent) {
          const okChild = levelRank(input.level) === levelRank(parent.level) + 1 || (input.level === "estate" && parent.level === "community");
          if (!okChild)
            throw errors.badRequest(
              `${REGION_LEVEL_LABELS[parent.level].zh}下不能直接建立${REGION_LEVEL_LABELS[input.level].zh}`,
              `A ${REGION_LEVEL_LABELS[input.level].en.toLowerCase()} cannot sit directly under a ${REGION_LEVEL_LABELS[parent.level].en.toLowerCase()}`,
            );
        } else if (input.level !== "district") throw errors.badRequest("顶级地区必须是区", "The top region must be a district");
        checkCode(input.level, input.code, parent);
        if (input.code) {
          const dup = await trx.selectFrom("regions").select("name").where("code", "=", input.code).executeTakeFirst();
          if (dup) throw errors.conflict(`编码 ${input.code} 已被「${dup.name}」使用`, `Code ${input.code} is already used by ${dup.name}`);
        }
        const id = uuidv7(clock.now().getTime());
        const now = clock.now().toISOString();
        const row: RegionTable = {
          id,
          parent_id: parent?.id ?? null,
          level: input.level,
          name: input.name,
          code: input.code ?? null,
          path: `${parent?.path ?? "/"}${id}/`,
          community_id: input.level === "community" ? id : (parent?.community_id ?? null),
          boundary: input.boundary ? JSON.stringify(input.boundary) : null,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          sort: input.sort ?? 0,
          archived: 0,
          created_at: now,
          updated_at: now,
          established_on: input.establishedOn ?? null,
          archived_at: null,
        };
        await trx.insertInto("regions").values(row).execute();
        await audit.record(trx, who, {
          action: "region.create",
          entity: "region",
          entityId: id,
          communityId: row.community_id,
          after: { ...row, boundary: row.boundary ? "(geojson)" : null },
        });
        return toRegion(row);
      });
    },

    async update(who: Who, id: string, input: TRegionUpdate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const before = await getInScope(who.scope, id, trx);
        const parent = before.parent_id ? await trx.selectFrom("regions").selectAll().where("id", "=", before.parent_id).executeTakeFirst() : null;
        if (input.code !== undefined) checkCode(before.level, input.code, parent ?? null);
        if (input.code && input.code !== before.code) {
          const dup = await trx.selectFrom("regions").select("name").where("code", "=", input.code).where("id", "!=", id).executeTakeFirst();
          if (dup) throw errors.conflict(`编码 ${input.code} 已被「${dup.name}」使用`, `Code ${input.code} is already used by ${dup.name}`);
        }
        if (input.archived && before.id === who.scope.regionId)
          throw errors.badRequest("不能归档您自己的数据范围根地区", "You cannot archive the root of your own scope");
        const patch: Partial<RegionTable> = { updated_at: clock.now().toISOString() };
        if (input.name !== undefined) patch.name = input.name;
        if (input.code !== undefined) patch.code = input.code;
        if (input.boundary !== undefined) patch.boundary = input.boundary ? JSON.stringify(input.boundary) : null;
        if (input.lat !== undefined) patch.lat = input.lat;
        if (input.lng !== undefined) patch.lng = input.lng;
        if (input.sort !== undefined) patch.sort = input.sort;
        if (input.establishedOn !== undefined) patch.established_on = input.establishedOn;
        if (input.archived !== undefined && (input.archived ? 1 : 0) !== before.archived) {
          patch.archived = input.archived ? 1 : 0;
          patch.archived_at = input.archived ? patch.updated_at : null;
        }
        await trx.updateTable("regions").set(patch).where("id", "=", id).execute();
        const after = { ...before, ...patch };
        await audit.record(trx, who, {
          action: "region.update",
          entity: "region",
          entityId: id,
          communityId: before.community_id,
          before: { ...before, boundary: before.boundary ? "(geojson)" : null },
          after: { ...after, boundary: after.boundary ? "(geojson)" : null },
        });
        return toRegion(after);
      });
    },

    /** Grid boundaries in a scope as a GeoJSON FeatureCollection (for maps; no online tiles). */
    async geojson(scope: Scope, level: RegionLevel = "grid") {
      const rows = await db
        .selectFrom("regions")
        .selectAll()
        .where("path", "like", `${scope.path}%`)
        .where("level", "=", level)
        .where("archived", "=", 0)
        .where("boundary", "is not", null)
        .orderBy("code")
        .execute();
      return {
        type: "FeatureCollection" as const,
        features: rows.map((r) => ({
          type: "Feature" as const,
          id: r.id,
          properties: { id: r.id, name: r.name, code: r.code, level: r.level },
          geometry: JSON.parse(r.boundary as string),
        })),
      };
    },
  };
}

/** Point-in-polygon (ray casting) over a GeoJSON Polygon/MultiPolygon: which grid a location lies in. */
export function pointInGeometry(lng: number, lat: number, geom: { type: string; coordinates: any }): boolean {
  const polys: number[][][][] = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
  return polys.some((rings) => {
    let inside = false;
    rings.forEach((ring, idx) => {
      let inRing = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inRing = !inRing;
      }
      if (idx === 0) inside = inRing;
      else if (inRing) inside = false;
    });
    return inside;
  });
}

/** The grid that contains a point, within a scope (used by modules that take a location). */
export async function gridAt(db: Kysely<DB>, scope: Scope, lng: number, lat: number) {
  const grids = await db
    .selectFrom("regions")
    .select(["id", "name", "boundary", "community_id"])
    .where("path", "like", `${scope.path}%`)
    .where("level", "=", "grid")
    .where("archived", "=", 0)
    .where("boundary", "is not", null)
    .execute();
  return grids.find((g) => pointInGeometry(lng, lat, JSON.parse(g.boundary as string))) ?? null;
}
