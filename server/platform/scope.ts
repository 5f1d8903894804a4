import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import { arg, hot } from "../db/hot.js";
import type { DB, RegionLevel } from "../db/types.js";
import { errors } from "./errors.js";

/** The region subtree a request may see: the session's current region, always inside the user's own scope. */
export type Scope = { regionId: string; path: string; level: RegionLevel; communityId: string | null };

export const LEVEL_ORDER: RegionLevel[] = ["district", "subdistrict", "community", "grid", "estate", "building"];
export const levelRank = (l: RegionLevel) => LEVEL_ORDER.indexOf(l);

/**
 * The one filter every business query goes through. Records carry community_id and grid_id;
 * a scope at or above community level filters by community, a grid scope by grid.
 * Written as a sub-select over regions so it stays one query at any scale.
 */
export function inScope<_T extends keyof DB>(
  scope: Scope,
  cols: { community: string; grid?: string },
): (eb: ExpressionBuilder<any, any>) => ReturnType<ExpressionBuilder<any, any>["exists"]> | any {
  return (eb) => {
    if (levelRank(scope.level) <= levelRank("community")) {
      if (scope.level === "community") return eb(cols.community, "=", scope.regionId);
      return eb(
        cols.community,
        "in",
        eb.selectFrom("regions as scope_r").select("scope_r.id").where("scope_r.path", "like", `${scope.path}%`).where("scope_r.level", "=", "community"),
      );
    }
    if (!cols.grid) return eb(cols.community, "=", scope.communityId ?? "");
    return eb(cols.grid, "in", eb.selectFrom("regions as scope_r").select("scope_r.id").where("scope_r.path", "like", `${scope.path}%`));
  };
}

/**
 * `inScope` for a row already read (with its community's and grid's paths): the same rule, in code,
 * for hot paths that read a row by id and check its scope afterwards.
 */
export function rowInScope(scope: Scope, row: { communityId: string; communityPath: string; gridPath?: string | null }, byGrid = true): boolean {
  if (levelRank(scope.level) <= levelRank("community"))
    return scope.level === "community" ? row.communityId === scope.regionId : row.communityPath.startsWith(scope.path);
  if (!byGrid) return row.communityId === (scope.communityId ?? "");
  return !!row.gridPath && row.gridPath.startsWith(scope.path);
}

/** Is a region (by its path) inside the scope? */
export function pathInScope(scope: Scope, regionPath: string): boolean {
  return regionPath.startsWith(scope.path);
}

const REGION = hot((db) => db.selectFrom("regions").selectAll().where("id", "=", arg(0)));

export async function regionById(db: Kysely<DB>, id: string) {
  return REGION.first(db, id);
}

// What a request's scope needs of its region (read for every request: not the boundary).
const SCOPE = hot((db) => db.selectFrom("regions").select(["id", "path", "level", "community_id"]).where("id", "=", arg(0)));

/** The scope of a region (its id, path, level and community). */
export const scopeOfRegion = (r: { id: string; path: string; level: RegionLevel; community_id: string | null }): Scope => ({
  regionId: r.id,
  path: r.path,
  level: r.level,
  communityId: r.community_id,
});

export async function scopeOf(db: Kysely<DB>, regionId: string): Promise<Scope | null> {
  const r = await SCOPE.first(db, regionId);
  return r ? scopeOfRegion(r) : null;
}

/**
 * A community the caller may act in: inside their scope, or the community their (grid) scope lies
 * in. Anything else — another community, a region that is not a community — is not found (404).
 */
export async function communityInScope(exec: Kysely<DB>, scope: Scope, communityId: string): Promise<{ id: string; path: string; name: string }> {
  const c = await exec.selectFrom("regions").select(["id", "path", "level", "name"]).where("id", "=", communityId).executeTakeFirst();
  if (c?.level !== "community" || !(c.path.startsWith(scope.path) || scope.path.startsWith(c.path))) throw errors.notFound({ zh: "社区", en: "Community" });
  return { id: c.id, path: c.path, name: c.name };
}

/** The scope of exactly one community (for the system acting in it: demo, imports, public pages). */
export const communityScope = (c: { id: string; path: string }): Scope => ({ regionId: c.id, path: c.path, level: "community", communityId: c.id });

export const nowIso = () => new Date().toISOString();
export { sql };
