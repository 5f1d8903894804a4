// 预警 jobs of safety (run by the scheduler, server/platform/scheduler.ts): the escalation of
// hazards past their rectification deadline (隐患联清 — until now only run from its endpoint) runs
// as a job through the hazards service, audited as the system; then every open hazard that is
// escalated is an alert to the accounts whose scope holds its grid and who rectify or administer
// hazards, once per account and hazard.
import type { Alert, Notifications } from "../../platform/notifications.js";
import { type Scheduler, systemWhos } from "../../platform/scheduler.js";
import type { HazardsService } from "./hazards.service.js";

export const SAFETY_JOBS = { escalate: "safety.hazards.escalate" } as const;

export function registerSafetyJobs(deps: { jobs: Scheduler; notifications: Notifications }, hazards: Pick<HazardsService, "escalateOverdue">) {
  deps.jobs.register({
    key: SAFETY_JOBS.escalate,
    module: "safety",
    label: { zh: "隐患逾期升级并提醒", en: "Escalate and alert overdue hazards" },
    everyMs: 15 * 60_000,
    async run({ db }) {
      let escalated = 0;
      for (const who of await systemWhos(db)) escalated += await hazards.escalateOverdue(who);
      const open = await db
        .selectFrom("safety_hazards as h")
        .select(["h.id", "h.code", "h.place", "h.deadline", "h.community_id", "h.grid_id"])
        .where("h.escalated", "=", 1)
        .where("h.status", "in", ["found", "assigned"])
        .execute();
      const alerts: Alert[] = open.map((h) => ({
        kind: "safety.hazard_overdue",
        module: "safety",
        severity: "overdue",
        title: { zh: `隐患逾期未整改：${h.code} ${h.place}`, en: `Hazard past its deadline: ${h.code} ${h.place}` },
        body: { zh: `整改期限 ${h.deadline ?? "—"}，已升级至社区`, en: `Deadline ${h.deadline ?? "—"}, escalated to the community` },
        link: `/safety/hazards/${h.id}`,
        ref: h.id,
        communityId: h.community_id,
        regionId: h.grid_id ?? h.community_id,
        permission: ["safety.write", "safety.admin"],
      }));
      return { result: { escalated, notified: await deps.notifications.notify(alerts) } };
    },
  });
}
