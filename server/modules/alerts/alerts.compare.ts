// 社区对比: the subdistrict's (or district's) communities side by side, each figure's value per
// community for the period — read through the figures registry, so each number is the query its
// drill-down pages through — and the region's own total beside them.
import type { Kysely } from "kysely";
import type { TCompare } from "../../../contracts/alerts.js";
import type { DB } from "../../db/types.js";
import { errors, type Lang } from "../../platform/errors.js";
import type { FigureValues } from "../../platform/figure-values.js";
import type { FigureRegistry } from "../../platform/figures.js";
import { communityScope, levelRank, type Scope } from "../../platform/scope.js";

/** How many of the seed report's figures a comparison shows when none are asked for. */
export const DEFAULT_COMPARE_KEYS = 8;
export const MAX_COMPARE_KEYS = 30;

export function createCompareService(deps: { db: Kysely<DB>; figures: FigureRegistry; figureValues: FigureValues; reportOrder: () => string[] }) {
  const { db, figures, figureValues } = deps;
  return {
    async compare(scope: Scope, q: { from: string; to: string; keys?: string[] }, lang: Lang): Promise<TCompare> {
      if (levelRank(scope.level) >= levelRank("community"))
        throw errors.badRequest(
          "社区对比须在街道或区的范围内查看，请切换数据范围",
          "Comparing communities needs a subdistrict or district scope: switch the scope",
        );
      const keys = q.keys?.length
        ? q.keys
        : deps
            .reportOrder()
            .filter((k) => figures.get(k))
            .slice(0, DEFAULT_COMPARE_KEYS);
      const unknown = keys.filter((k) => !figures.get(k));
      if (unknown.length) throw errors.badRequest(`没有这些指标：${unknown.join("、")}`, `No such figures: ${unknown.join(", ")}`);
      if (keys.length > MAX_COMPARE_KEYS)
        throw errors.badRequest(`一次最多对比 ${MAX_COMPARE_KEYS} 项指标`, `Compare at most ${MAX_COMPARE_KEYS} figures at once`);
      const region = await db.selectFrom("regions").select(["id", "name"]).where("id", "=", scope.regionId).executeTakeFirstOrThrow();
      const communities = await db
        .selectFrom("regions")
        .select(["id", "name", "path"])
        .where("level", "=", "community")
        .where("archived", "=", 0)
        .where("path", "like", `${scope.path}%`)
        .orderBy("sort")
        .orderBy("name")
        .execute();
      // The values kept per data version (server/platform/figure-values.ts), shared with the figures' pages.
      const at = await figureValues.version();
      const out: TCompare["figures"] = [];
      for (const key of keys) {
        const f = figures.get(key);
        if (!f) continue;
        const values: number[] = [];
        for (const c of communities) values.push(await figureValues.value(f, { scope: communityScope(c), from: q.from, to: q.to, filters: {} }, at));
        const total = await figureValues.value(f, { scope, from: q.from, to: q.to, filters: {} }, at);
        out.push({ key: f.key, module: f.module, label: f.label[lang], unit: f.unit, values, total });
      }
      return { region, from: q.from, to: q.to, communities: communities.map((c) => ({ id: c.id, name: c.name })), figures: out };
    },
  };
}
