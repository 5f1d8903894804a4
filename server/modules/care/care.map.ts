// 一张图: households in care as counts per grid only — never their homes, for any role: the map is
// seen by roles that may not read the households (and on a screen by no one signed in).
import { sql } from "kysely";
import type { MapLayerRegistry } from "../../platform/map-layers.js";
import { inScope } from "../../platform/scope.js";

export function registerCareMapLayers(layers: MapLayerRegistry) {
  layers.register({
    key: "care.households",
    module: "care",
    label: { zh: "关爱帮扶户（按网格）", en: "Households in care (per grid)" },
    permission: "figures.read",
    kind: "counts",
    legend: [],
    async read(db, scope) {
      const rows = await db
        .selectFrom("care_households as h")
        .where(inScope(scope, { community: "h.community_id", grid: "h.grid_id" }))
        .where("h.state", "=", "active")
        .select(["h.community_id", "h.grid_id", sql<number>`count(*)`.as("n")])
        .groupBy(["h.community_id", "h.grid_id"])
        .execute();
      return { counts: rows.map((c) => ({ communityId: c.community_id, gridId: c.grid_id, value: Number(c.n) })) };
    },
  });
}
