// 预警 jobs of appeals (run by the scheduler, server/platform/scheduler.ts): a case about to pass its
// handling deadline (the deadline settings' 将到期 window) or past it, and an urgent case just
// registered — the last also kicked at once when a case is registered, so it is pushed when it
// happens. Each alert goes to the accounts whose scope holds the case's grid (or community) and
// whose role handles or dispatches cases; each account gets each alert about a case once.
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Alert, Notifications } from "../../platform/notifications.js";
import type { Scheduler } from "../../platform/scheduler.js";
import type { Settings } from "../../platform/settings.js";
import { timeLeft } from "../../platform/todos.js";
import { APPEAL_SETTINGS, type DeadlineSettings, deadlineState, OPEN_STATUSES } from "./appeals.rules.js";

export const APPEAL_JOBS = { deadlines: "appeals.deadlines", urgent: "appeals.urgent" } as const;

/** How far back an urgent-case run looks: runs overlap, the once-per-account rule drops repeats. */
const URGENT_LOOKBACK_MS = 30 * 60_000;
/** The farthest a due-soon window reaches (the setting's hours are capped by a share of the window). */
const DUE_SOON_HORIZON_MS = 7 * 86_400_000;

type CaseRow = {
  id: string;
  tracking_no: string;
  title: string;
  community_id: string;
  grid_id: string | null;
  due_at: string | null;
  registered_at: string;
  status: string;
  urgency: string;
};

const openCases = (db: Kysely<DB>) =>
  db
    .selectFrom("appeals as a")
    .select(["a.id", "a.tracking_no", "a.title", "a.community_id", "a.grid_id", "a.due_at", "a.registered_at", "a.status", "a.urgency"])
    .where("a.status", "in", OPEN_STATUSES)
    .where("a.voided_at", "is", null)
    .where("a.merged_into_id", "is", null);

const place = (c: CaseRow) => ({ communityId: c.community_id, regionId: c.grid_id ?? c.community_id });

export function registerAppealJobs(app: FastifyInstance, deps: { jobs: Scheduler; notifications: Notifications; settings: Settings }) {
  const { jobs, notifications, settings } = deps;

  jobs.register({
    key: APPEAL_JOBS.deadlines,
    module: "appeals",
    label: { zh: "诉求将到期、已超期提醒", en: "Cases due soon or overdue" },
    everyMs: 5 * 60_000,
    async run({ db, now }) {
      const rows = (await openCases(db)
        .where("a.due_at", "is not", null)
        .where("a.due_at", "<=", new Date(now.getTime() + DUE_SOON_HORIZON_MS).toISOString())
        .execute()) as CaseRow[];
      const paths = new Map(
        (
          await db
            .selectFrom("regions")
            .select(["id", "path"])
            .where("id", "in", [...new Set(rows.map((r) => r.community_id)), ""])
            .execute()
        ).map((r) => [r.id, r.path]),
      );
      const bySettings = new Map<string, DeadlineSettings>();
      const alerts: Alert[] = [];
      for (const c of rows) {
        let s = bySettings.get(c.community_id);
        if (!s) {
          s = await settings.get(APPEAL_SETTINGS.deadlines, paths.get(c.community_id), db);
          bySettings.set(c.community_id, s);
        }
        const { state } = deadlineState(c, now, s);
        if (state !== "due_soon" && state !== "overdue") continue;
        const left = timeLeft(new Date(c.due_at as string), now);
        alerts.push({
          kind: state === "overdue" ? "appeals.overdue" : "appeals.due_soon",
          module: "appeals",
          severity: state === "overdue" ? "overdue" : "urgent",
          title:
            state === "overdue"
              ? { zh: `诉求已超期：${c.tracking_no} ${c.title}`, en: `Case overdue: ${c.tracking_no} ${c.title}` }
              : { zh: `诉求将到期：${c.tracking_no} ${c.title}`, en: `Case due soon: ${c.tracking_no} ${c.title}` },
          body: left,
          link: `/appeals/${c.id}`,
          ref: c.id,
          ...place(c),
          permission: state === "overdue" ? ["appeals.handle", "appeals.dispatch"] : "appeals.handle",
        });
      }
      return { result: { cases: alerts.length, notified: await notifications.notify(alerts) } };
    },
  });

  jobs.register({
    key: APPEAL_JOBS.urgent,
    module: "appeals",
    label: { zh: "紧急件、督办件登记即提醒", en: "Urgent cases as they are registered" },
    everyMs: 60_000,
    async run({ db, now }) {
      const rows = (await openCases(db)
        .where("a.urgency", "in", ["urgent", "supervised"])
        .where("a.registered_at", ">=", new Date(now.getTime() - URGENT_LOOKBACK_MS).toISOString())
        .execute()) as CaseRow[];
      const alerts: Alert[] = rows.map((c) => ({
        kind: "appeals.urgent",
        module: "appeals",
        severity: "urgent",
        title: {
          zh: `${c.urgency === "supervised" ? "督办件" : "紧急件"}登记：${c.tracking_no} ${c.title}`,
          en: `${c.urgency === "supervised" ? "Supervised" : "Urgent"} case registered: ${c.tracking_no} ${c.title}`,
        },
        body: c.due_at ? timeLeft(new Date(c.due_at), now) : { zh: "待派单", en: "To dispatch" },
        link: `/appeals/${c.id}`,
        ref: c.id,
        ...place(c),
        permission: ["appeals.handle", "appeals.dispatch"],
      }));
      return { result: { cases: rows.length, notified: await notifications.notify(alerts) } };
    },
  });

  // The event: a case registered through the page makes the urgent job due at once (before the
  // answer goes out, after the case's transaction has committed).
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.method === "POST" && reply.statusCode === 201 && req.routeOptions.url === "/api/appeals") await jobs.kick(APPEAL_JOBS.urgent).catch(() => {});
    return payload;
  });
}
