// 一张图: patrol points with today's status (checked, abnormal, flagged, still to do).
import type { MapLayerRegistry } from "../../platform/map-layers.js";
import type { PatrolServices } from "./patrol.services.js";

export function registerPatrolMapLayers(layers: MapLayerRegistry, svc: Pick<PatrolServices, "points">) {
  layers.register({
    key: "patrol.points",
    module: "patrol",
    label: { zh: "巡查点（今日）", en: "Patrol points (today)" },
    permission: "patrol.read",
    recordsPermission: "patrol.read",
    kind: "points",
    legend: [
      { state: "done", label: { zh: "已巡查", en: "Checked" }, color: "#52c41a" },
      { state: "abnormal", label: { zh: "异常", en: "Abnormal" }, color: "#f5222d" },
      { state: "flagged", label: { zh: "待审核", en: "Flagged" }, color: "#fa8c16" },
      { state: "todo", label: { zh: "未巡查", en: "To do" }, color: "#8c8c8c" },
    ],
    async read(_db, scope) {
      const rows = await svc.points.mapToday(scope);
      return {
        points: rows.map((p) => ({ id: p.id, lng: p.lng, lat: p.lat, state: p.status, gridId: p.gridId, label: p.name, link: "/patrol/map" })),
      };
    },
  });
}
