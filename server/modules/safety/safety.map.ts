// 一张图: open hazards by location (coloured overdue, then by risk) and open disputes per grid.
import { sql } from "kysely";
import { localDate } from "../../platform/dates.js";
import type { MapLayerRegistry } from "../../platform/map-layers.js";
import { inScope } from "../../platform/scope.js";

const OPEN_HAZARD = ["found", "assigned", "rectified"];

export function registerSafetyMapLayers(layers: MapLayerRegistry, timeZone: string) {
  layers.register({
    key: "safety.hazards",
    module: "safety",
    label: { zh: "未销号隐患", en: "Open hazards" },
    permission: "safety.read",
    recordsPermission: "safety.read",
    kind: "points",
    legend: [
      { state: "overdue", label: { zh: "超期未整改", en: "Overdue" }, color: "#a8071a" },
      { state: "high", label: { zh: "高风险", en: "High risk" }, color: "#f5222d" },
      { state: "medium", label: { zh: "中风险", en: "Medium risk" }, color: "#fa8c16" },
      { state: "low", label: { zh: "低风险", en: "Low risk" }, color: "#fadb14" },
    ],
    async read(db, scope, now) {
      const today = localDate(now, timeZone);
      const base = db
        .selectFrom("safety_hazards as h")
        .where(inScope(scope, { community: "h.community_id", grid: "h.grid_id" }))
        .where("h.status", "in", OPEN_HAZARD);
      const [rows, counts] = await Promise.all([
        base
          .select(["h.id", "h.code", "h.kind", "h.place", "h.lat", "h.lng", "h.grid_id", "h.risk", "h.deadline", "h.status"])
          .where("h.lat", "is not", null)
          .where("h.lng", "is not", null)
          .orderBy("h.found_on", "desc")
          .limit(5000)
          .execute(),
        base
          .select(["h.community_id", "h.grid_id", sql<number>`count(*)`.as("n")])
          .groupBy(["h.community_id", "h.grid_id"])
          .execute(),
      ]);
      return {
        points: rows.map((r) => ({
          id: r.id,
          lng: Number(r.lng),
          lat: Number(r.lat),
          gridId: r.grid_id,
          state: r.status !== "rectified" && r.deadline && r.deadline < today ? "overdue" : ["high", "medium", "low"].includes(r.risk) ? r.risk : "low",
          label: `${r.code} ${r.kind} · ${r.place}`,
          link: `/safety/hazards/${r.id}`,
        })),
        counts: counts.map((c) => ({ communityId: c.community_id, gridId: c.grid_id, value: Number(c.n) })),
      };
    },
  });

  layers.register({
    key: "safety.disputes",
    module: "safety",
    label: { zh: "在调纠纷（按网格）", en: "Open disputes (per grid)" },
    permission: "safety.read",
    kind: "counts",
    legend: [],
    async read(db, scope) {
      const rows = await db
        .selectFrom("safety_disputes as d")
        .where(inScope(scope, { community: "d.community_id", grid: "d.grid_id" }))
        .where("d.status", "=", "open")
        .where("d.voided_at", "is", null)
        .select(["d.community_id", "d.grid_id", sql<number>`count(*)`.as("n")])
        .groupBy(["d.community_id", "d.grid_id"])
        .execute();
      return { counts: rows.map((c) => ({ communityId: c.community_id, gridId: c.grid_id, value: Number(c.n) })) };
    },
  });
}
