// 预警 job of patrol (run by the scheduler, server/platform/scheduler.ts): a check-in flagged on
// arrival (outside the radius, a wrong token, too fast …) and still waiting for review is an alert
// to the accounts whose scope holds its grid and who review check-ins, once per account and check-in.
import { CHECKIN_FLAG_LABELS, type CheckinFlag } from "../../../contracts/patrol.js";
import type { Alert, Notifications } from "../../platform/notifications.js";
import type { Scheduler } from "../../platform/scheduler.js";

export const PATROL_JOBS = { flagged: "patrol.checkins.flagged" } as const;

/** How far back a run looks: runs overlap, the once-per-account rule drops repeats. */
const LOOKBACK_MS = 24 * 3_600_000;

export function registerPatrolJobs(deps: { jobs: Scheduler; notifications: Notifications }) {
  deps.jobs.register({
    key: PATROL_JOBS.flagged,
    module: "patrol",
    label: { zh: "异常打卡提醒", en: "Flagged check-ins" },
    everyMs: 2 * 60_000,
    async run({ db, now }) {
      const rows = await db
        .selectFrom("patrol_checkins as c")
        .innerJoin("patrol_points as p", "p.id", "c.point_id")
        .select(["c.id", "c.user_name", "c.flags", "c.community_id", "c.grid_id", "p.name as point"])
        .where("c.review_status", "=", "pending")
        .where("c.voided_at", "is", null)
        .where("c.flag_count", ">", 0)
        .where("c.server_time", ">=", new Date(now.getTime() - LOOKBACK_MS).toISOString())
        .execute();
      const alerts: Alert[] = rows.map((c) => {
        const flags = (JSON.parse(c.flags) as CheckinFlag[]).map((f) => CHECKIN_FLAG_LABELS[f] ?? { zh: f, en: f });
        return {
          kind: "patrol.flagged",
          module: "patrol",
          severity: "urgent",
          title: { zh: `异常打卡：${c.point} · ${c.user_name}`, en: `Flagged check-in: ${c.point} · ${c.user_name}` },
          body: { zh: flags.map((f) => f.zh).join("、"), en: flags.map((f) => f.en).join(", ") },
          link: "/patrol/review",
          ref: c.id,
          communityId: c.community_id,
          regionId: c.grid_id ?? c.community_id,
          permission: "patrol.review",
        };
      });
      return { result: { checkins: rows.length, notified: await deps.notifications.notify(alerts) } };
    },
  });
}
