// 待办: hazards to rectify (by their deadline) and to verify; open disputes near the 15-day labor
// mediation limit or their settle-by date; mediation agreements within the 30-day window to apply
// for judicial confirmation.
import { addDays, daysBetween, localDate } from "../../platform/dates.js";
import type { Msg } from "../../platform/errors.js";
import { inScope } from "../../platform/scope.js";
import type { TodoRegistry, TodoSeverity } from "../../platform/todos.js";
import { JUDICIAL_CONFIRM_DAYS, LABOR_MEDIATION_DAYS } from "./safety.common.js";

/** Severity of a local-date deadline: overdue past it, urgent within `urgentDays`. */
export function dateSeverity(today: string, due: string | null, urgentDays = 2): TodoSeverity {
  if (!due) return "info";
  const left = daysBetween(today, due);
  return left < 0 ? "overdue" : left <= urgentDays ? "urgent" : "due";
}
export function daysLeftMsg(today: string, due: string): Msg {
  const n = daysBetween(today, due);
  if (n < 0) return { zh: `已逾期 ${-n} 天`, en: `${-n} days overdue` };
  return n === 0 ? { zh: "今天到期", en: "Due today" } : { zh: `剩余 ${n} 天`, en: `${n} days left` };
}

export function registerSafetyTodos(todos: TodoRegistry, timeZone: string, settleDays = 30) {
  todos.register({
    key: "safety.hazards.rectify",
    module: "safety",
    label: { zh: "隐患待整改", en: "Hazards to rectify" },
    permission: "safety.write",
    async items(db, who, now) {
      const today = localDate(now, timeZone);
      const rows = await db
        .selectFrom("safety_hazards as h")
        .select(["h.id", "h.code", "h.place", "h.kind", "h.deadline"])
        .where(inScope(who.scope, { community: "h.community_id", grid: "h.grid_id" }))
        .where("h.status", "in", ["found", "assigned"])
        .orderBy("h.deadline")
        .limit(50)
        .execute();
      return rows.map((h) => ({
        id: h.id,
        title: `${h.code} ${h.place}`,
        detail: h.deadline ? daysLeftMsg(today, h.deadline) : { zh: "待指派", en: "To assign" },
        due: h.deadline,
        severity: dateSeverity(today, h.deadline),
        link: `/safety/hazards/${h.id}`,
      }));
    },
  });
  todos.register({
    key: "safety.hazards.verify",
    module: "safety",
    label: { zh: "隐患待复核", en: "Hazards to verify" },
    permission: "safety.write",
    async items(db, who) {
      const rows = await db
        .selectFrom("safety_hazards as h")
        .select(["h.id", "h.code", "h.place", "h.rectified_on"])
        .where(inScope(who.scope, { community: "h.community_id", grid: "h.grid_id" }))
        .where("h.status", "=", "rectified")
        .orderBy("h.rectified_on")
        .limit(50)
        .execute();
      return rows.map((h) => ({
        id: h.id,
        title: `${h.code} ${h.place}`,
        detail: { zh: `已于 ${h.rectified_on ?? "—"} 整改，待复核`, en: `Rectified ${h.rectified_on ?? "—"}, to verify` },
        due: null,
        severity: "due" as const,
        link: `/safety/hazards/${h.id}`,
      }));
    },
  });
  todos.register({
    key: "safety.disputes.deadline",
    module: "safety",
    label: { zh: "纠纷调解期限", en: "Dispute deadlines" },
    permission: "safety.mediate",
    async items(db, who, now) {
      const today = localDate(now, timeZone);
      const open = await db
        .selectFrom("safety_disputes as d")
        .select(["d.id", "d.code", "d.summary", "d.registered_on", "d.is_labor"])
        .where(inScope(who.scope, { community: "d.community_id", grid: "d.grid_id" }))
        .where("d.voided_at", "is", null)
        .where("d.status", "=", "open")
        .orderBy("d.registered_on")
        .limit(50)
        .execute();
      // Written agreements made in the last 30 days: the parties may still apply for judicial confirmation.
      const agreed = await db
        .selectFrom("safety_disputes as d")
        .select(["d.id", "d.code", "d.summary", "d.agreement"])
        .where(inScope(who.scope, { community: "d.community_id", grid: "d.grid_id" }))
        .where("d.voided_at", "is", null)
        .where("d.status", "=", "closed")
        .where("d.agreement", "is not", null)
        .where("d.closed_on", ">=", addDays(today, -JUDICIAL_CONFIRM_DAYS))
        .limit(50)
        .execute();
      const items = open.map((d) => {
        const due = addDays(d.registered_on, d.is_labor ? LABOR_MEDIATION_DAYS : settleDays);
        return {
          id: d.id,
          title: `${d.code} ${d.summary}`,
          detail: {
            zh: `${d.is_labor ? "劳动争议15日调解期限" : "调解期限"} · ${daysLeftMsg(today, due).zh}`,
            en: `${d.is_labor ? "15-day labor mediation limit" : "Settle by"} · ${daysLeftMsg(today, due).en}`,
          },
          due,
          severity: dateSeverity(today, due, 3),
          link: `/safety/disputes/${d.id}`,
        };
      });
      for (const d of agreed) {
        const ag = JSON.parse(d.agreement ?? "null") as { form?: string; madeOn?: string } | null;
        if (!ag?.madeOn || ag.form !== "written") continue;
        const due = addDays(ag.madeOn, JUDICIAL_CONFIRM_DAYS);
        if (due < today) continue;
        const left = daysLeftMsg(today, due);
        items.push({
          id: d.id,
          title: `${d.code} ${d.summary}`,
          detail: { zh: `30日内可申请司法确认 · ${left.zh}`, en: `Judicial confirmation within 30 days · ${left.en}` },
          due,
          severity: dateSeverity(today, due, 5),
          link: `/safety/disputes/${d.id}`,
        });
      }
      return items;
    },
  });
}
