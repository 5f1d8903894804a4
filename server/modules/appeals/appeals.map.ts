// 一张图: open cases by location, coloured by time left (overdue, due within a day, in time, not
// yet dispatched); counts per grid include the cases that have no location.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/types.js";
import type { MapLayerRegistry } from "../../platform/map-layers.js";
import { inScope, type Scope } from "../../platform/scope.js";

const OPEN = ["registered", "dispatched", "handling"];

export function registerAppealMapLayers(layers: MapLayerRegistry) {
  layers.register({
    key: "appeals.open",
    module: "appeals",
    label: { zh: "在办诉求", en: "Open appeals" },
    permission: "appeals.read",
    recordsPermission: "appeals.read",
    kind: "points",
    legend: [
      { state: "overdue", label: { zh: "已超期", en: "Overdue" }, color: "#f5222d" },
      { state: "due_soon", label: { zh: "24小时内到期", en: "Due within 24 h" }, color: "#fa8c16" },
      { state: "ok", label: { zh: "办理中", en: "In time" }, color: "#1677ff" },
      { state: "registered", label: { zh: "待派单", en: "To dispatch" }, color: "#722ed1" },
    ],
    async read(db, scope, now) {
      const base = db
        .selectFrom("appeals as a")
        .where(inScope(scope, { community: "a.community_id", grid: "a.grid_id" }))
        .where("a.status", "in", OPEN)
        .where("a.voided_at", "is", null);
      const nowIso = now.toISOString();
      const soon = new Date(now.getTime() + 86_400_000).toISOString();
      const [rows, counts] = await Promise.all([
        base
          .select(["a.id", "a.lat", "a.lng", "a.grid_id", "a.tracking_no", "a.title", "a.status", "a.due_at", "a.urgency"])
          .where("a.lat", "is not", null)
          .where("a.lng", "is not", null)
          .orderBy("a.registered_at", "desc")
          .limit(5000)
          .execute(),
        base
          .select(["a.community_id", "a.grid_id", sql<number>`count(*)`.as("n")])
          .groupBy(["a.community_id", "a.grid_id"])
          .execute(),
      ]);
      return {
        points: rows.map((r) => ({
          id: r.id,
          lng: Number(r.lng),
          lat: Number(r.lat),
          gridId: r.grid_id,
          state: !r.due_at ? "registered" : r.due_at < nowIso ? "overdue" : r.due_at <= soon ? "due_soon" : "ok",
          label: `${r.tracking_no} ${r.title}${r.urgency !== "normal" ? " ⚡" : ""}`,
          link: `/appeals/${r.id}`,
        })),
        counts: counts.map((c) => ({ communityId: c.community_id, gridId: c.grid_id, value: Number(c.n) })),
      };
    },
  });
}

/**
 * The scope's cases registered after `since` (an instant), newest first, with no personal data:
 * the big screen's ticker of new appeals (category, channel, grid, urgency — never the title,
 * which may name a resident or an address).
 */
export async function recentCases(db: Kysely<DB>, scope: Scope, since: string, limit: number) {
  const rows = await db
    .selectFrom("appeals as a")
    .leftJoin("appeal_categories as c", "c.code", "a.category_code")
    .leftJoin("regions as g", "g.id", "a.grid_id")
    .innerJoin("regions as m", "m.id", "a.community_id")
    .where(inScope(scope, { community: "a.community_id", grid: "a.grid_id" }))
    .where("a.registered_at", ">", since)
    .where("a.voided_at", "is", null)
    .select(["a.id", "a.registered_at", "a.channel", "a.urgency", "c.name as category", "c.name_en as categoryEn", "g.name as grid", "m.name as community"])
    .orderBy("a.registered_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.registered_at,
    channel: r.channel,
    urgent: r.urgency !== "normal",
    category: { zh: r.category ?? "", en: r.categoryEn ?? r.category ?? "" },
    area: r.grid ? `${r.community} ${r.grid}` : r.community,
  }));
}
