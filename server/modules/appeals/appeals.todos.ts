// 待办: my open cases (the inbox's rule: assigned to me, waiting for my dispatch, the community's
// fallback), least time left first; overdue and due-soon ones flagged.
import type { TodoRegistry, TodoSeverity } from "../../platform/todos.js";
import { timeLeft } from "../../platform/todos.js";
import type { AppealsServices } from "./appeals.services.js";

const SEVERITY: Record<string, TodoSeverity> = { overdue: "overdue", due_soon: "urgent", ok: "due", done: "info" };

export function registerAppealTodos(todos: TodoRegistry, svc: AppealsServices) {
  todos.register({
    key: "appeals.mine",
    module: "appeals",
    label: { zh: "我的诉求件", en: "My cases" },
    permission: "appeals.handle",
    async items(_db, who, now) {
      const page = await svc.cases.inbox(who, { page: 1, pageSize: 50 } as any);
      return page.items.map((c) => ({
        id: c.id,
        title: `${c.trackingNo} ${c.title}`,
        detail: c.dueAt ? timeLeft(new Date(c.dueAt), now) : c.status === "registered" ? { zh: "待派单", en: "To dispatch" } : undefined,
        due: c.dueAt,
        severity: c.status === "registered" && !c.dueAt ? "due" : (SEVERITY[c.deadlineState] ?? "due"),
        link: `/appeals/${c.id}`,
      }));
    },
  });
}
