// 一张图: the venues (阵地) by location, coloured by their state, each with the activities planned
// there in the coming seven days; counts per grid are the coming week's activities.
import { sql } from "kysely";
import { localDate } from "../../platform/dates.js";
import type { MapLayerRegistry } from "../../platform/map-layers.js";
import { inScope } from "../../platform/scope.js";

export function registerActivityMapLayers(layers: MapLayerRegistry, timeZone: string) {
  layers.register({
    key: "activities.venues",
    module: "activities",
    label: { zh: "阵地与活动（未来7天）", en: "Venues & activities (next 7 days)" },
    permission: "activities.read",
    recordsPermission: "activities.read",
    kind: "points",
    legend: [
      { state: "busy", label: { zh: "开放·本周有活动", en: "Open, activities this week" }, color: "#eb2f96" },
      { state: "open", label: { zh: "开放", en: "Open" }, color: "#13c2c2" },
      { state: "planning", label: { zh: "筹建", en: "Planned" }, color: "#8c8c8c" },
      { state: "paused", label: { zh: "暂停/关闭", en: "Paused or closed" }, color: "#595959" },
    ],
    async read(db, scope, now) {
      const from = localDate(now, timeZone);
      const to = localDate(new Date(now.getTime() + 7 * 86_400_000), timeZone);
      const week = db
        .selectFrom("act_activities as a")
        .where(inScope(scope, { community: "a.community_id" }))
        .where("a.status", "=", "planned")
        .where("a.start_date", ">=", from)
        .where("a.start_date", "<=", to);
      const [venues, byVenue, counts] = await Promise.all([
        db
          .selectFrom("act_venues as v")
          .where(inScope(scope, { community: "v.community_id", grid: "v.grid_id" }))
          .where("v.lat", "is not", null)
          .where("v.lng", "is not", null)
          .select(["v.id", "v.name", "v.lat", "v.lng", "v.grid_id", "v.state"])
          .execute(),
        week
          .select(["a.venue_id", sql<number>`count(*)`.as("n")])
          .where("a.venue_id", "is not", null)
          .groupBy("a.venue_id")
          .execute(),
        week
          .select(["a.community_id", "a.grid_id", sql<number>`count(*)`.as("n")])
          .groupBy(["a.community_id", "a.grid_id"])
          .execute(),
      ]);
      const n = new Map(byVenue.map((r) => [r.venue_id, Number(r.n)]));
      return {
        points: venues.map((v) => {
          const k = n.get(v.id) ?? 0;
          return {
            id: v.id,
            lng: Number(v.lng),
            lat: Number(v.lat),
            gridId: v.grid_id,
            state: v.state === "open" ? (k > 0 ? "busy" : "open") : v.state === "planning" ? "planning" : "paused",
            label: k > 0 ? `${v.name} · ${k}` : v.name,
            link: `/activities/venues/${v.id}`,
          };
        }),
        counts: counts.map((c) => ({ communityId: c.community_id, gridId: c.grid_id, value: Number(c.n) })),
      };
    },
  });
}
