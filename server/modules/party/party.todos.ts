// 待办: pipeline steps due (the talk within a month, the approval within 3 months, probation ending),
// and branches whose required meetings of the current period are not yet held (or were missed).
import { addDays, daysBetween, localDate } from "../../platform/dates.js";
import type { TodoItem, TodoRegistry, TodoSeverity } from "../../platform/todos.js";
import type { createPartyServices } from "./party.services.js";

type PartyServices = ReturnType<typeof createPartyServices>;

const sev = (today: string, due: string): TodoSeverity => {
  const left = daysBetween(today, due);
  return left < 0 ? "overdue" : left <= 7 ? "urgent" : "due";
};
const left = (today: string, due: string) => {
  const n = daysBetween(today, due);
  return n < 0 ? { zh: `已逾期 ${-n} 天`, en: `${-n} days overdue` } : { zh: `剩余 ${n} 天`, en: `${n} days left` };
};

export function registerPartyTodos(todos: TodoRegistry, services: PartyServices, timeZone: string) {
  todos.register({
    key: "party.pipeline.due",
    module: "party",
    label: { zh: "发展党员步骤到期", en: "Party pipeline steps due" },
    permission: "party.write",
    async items(_db, who, now) {
      const today = localDate(now, timeZone);
      const horizon = addDays(today, 30);
      const page = await services.pipeline.list(who.scope, { page: 1, pageSize: 200 });
      const items: TodoItem[] = [];
      for (const a of page.items) {
        if (!a.next) continue;
        const due = a.next.due ?? (a.next.step === 22 || a.next.step === 23 ? a.probationEnd : null);
        if (!due || due > horizon) continue;
        items.push({
          id: a.id,
          title: `${a.name} · ${a.orgName}`,
          detail: {
            zh: `第${a.next.step}步${a.next.due ? "" : "（预备期满）"} · ${left(today, due).zh}`,
            en: `Step ${a.next.step}${a.next.due ? "" : " (probation ends)"} · ${left(today, due).en}`,
          },
          due,
          severity: a.next.due ? sev(today, due) : due <= today ? "urgent" : "due",
          link: `/party/pipeline/${a.id}`,
        });
      }
      return items;
    },
  });
  todos.register({
    key: "party.meetings.missing",
    module: "party",
    label: { zh: "组织生活待开展", en: "Meetings to hold" },
    permission: "party.write",
    async items(_db, who, now) {
      const today = localDate(now, timeZone);
      const c = await services.meetings.compliance(who.scope, Number(today.slice(0, 4)), today);
      const items: TodoItem[] = [];
      for (const r of c.rows) {
        for (const m of r.reminders)
          items.push({
            id: `${r.orgId}:${m.type}:${m.period}`,
            title: `${r.orgName} · ${m.type}`,
            detail: { zh: `${m.period} 尚未召开 · ${left(today, m.periodEnd).zh}`, en: `${m.period} not yet held · ${left(today, m.periodEnd).en}` },
            due: m.periodEnd,
            severity: "urgent",
            link: "/party/compliance",
          });
        // Missed in the last month's periods: still to make up.
        for (const m of r.missing.filter((x) => x.periodEnd >= addDays(today, -31)))
          items.push({
            id: `${r.orgId}:${m.type}:${m.period}`,
            title: `${r.orgName} · ${m.type}`,
            detail: {
              zh: `${m.period} ${m.status === "missing" ? "未召开" : "未达到法定人数"}`,
              en: `${m.period} ${m.status === "missing" ? "missed" : "short of quorum"}`,
            },
            due: m.periodEnd,
            severity: "overdue",
            link: "/party/compliance",
          });
      }
      return items;
    },
  });
}
