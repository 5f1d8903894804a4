// 待办: my rounds left today (not completed, window not passed) and flagged check-ins awaiting review.
import { inScope } from "../../platform/scope.js";
import { severityOf, type TodoRegistry } from "../../platform/todos.js";
import type { PatrolServices } from "./patrol.services.js";

export function registerPatrolTodos(todos: TodoRegistry, services: PatrolServices) {
  todos.register({
    key: "patrol.rounds.today",
    module: "patrol",
    label: { zh: "今日巡查", en: "Today's rounds" },
    permission: "patrol.checkin",
    async items(_db, who, now) {
      const rounds = await services.plans.rounds(who, { mine: true });
      return rounds
        .filter((r) => r.status === "pending" || r.status === "in_progress")
        .map((r) => ({
          id: r.id,
          title: `${r.planName} ${r.windowStart.slice(11, 16)}–${r.windowEnd.slice(11, 16)}`,
          detail: { zh: `已到 ${r.visited}/${r.expected} 个点位`, en: `${r.visited} of ${r.expected} points done` },
          due: r.windowEnd,
          severity: severityOf(new Date(r.windowEnd), now, 2 * 3_600_000),
          link: "/patrol/mine",
        }));
    },
  });
  todos.register({
    key: "patrol.checkins.review",
    module: "patrol",
    label: { zh: "异常打卡待审核", en: "Flagged check-ins to review" },
    permission: "patrol.review",
    async items(db, who) {
      const rows = await db
        .selectFrom("patrol_checkins as c")
        .innerJoin("patrol_points as p", "p.id", "c.point_id")
        .select(["c.id", "c.user_name", "c.server_time", "p.name as point"])
        .where(inScope(who.scope, { community: "c.community_id", grid: "c.grid_id" }))
        .where("c.review_status", "=", "pending")
        .where("c.voided_at", "is", null)
        .orderBy("c.server_time")
        .limit(50)
        .execute();
      return rows.map((c) => ({
        id: c.id,
        title: `${c.point} · ${c.user_name}`,
        detail: { zh: `打卡异常，待审核（${c.server_time.slice(0, 10)}）`, en: `Flagged, to review (${c.server_time.slice(0, 10)})` },
        due: null,
        severity: "due" as const,
        link: "/patrol/review",
      }));
    },
  });
}
