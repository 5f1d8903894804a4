// 待办: PIPL requests near or past their deadline, for the staff member responsible (or anyone who
// handles them, while a request has no one named).
import type { TodoRegistry } from "../../platform/todos.js";
import type { PiplService } from "./pipl.service.js";

const KIND = { access: ["查阅", "access"], copy: ["复制", "copy"], correct: ["更正", "correction"], delete: ["删除", "deletion"] } as const;

export function registerPiplTodos(todos: TodoRegistry, svc: PiplService) {
  todos.register({
    key: "pipl.requests.due",
    module: "pipl",
    label: { zh: "个人信息权利请求待答复", en: "PIPL requests to answer" },
    permission: "pipl.manage",
    async items(_db, who) {
      const open = await svc.openFor(who);
      return open
        .filter(({ request: r, remind }) => r.workdaysLeft !== null && r.workdaysLeft <= remind)
        .map(({ request: r }) => {
          const n = r.workdaysLeft ?? 0;
          const [zk, ek] = KIND[r.kind];
          return {
            id: r.id,
            title: `${r.personName} · ${zk}`,
            detail:
              n < 0
                ? { zh: `${zk}请求已逾期 ${-n} 个工作日`, en: `${ek} request ${-n} working days overdue` }
                : { zh: `${zk}请求剩余 ${n} 个工作日（${r.dueOn} 前答复）`, en: `${ek} request: ${n} working days left (answer by ${r.dueOn})` },
            due: r.dueOn,
            severity: r.overdue ? ("overdue" as const) : n <= 1 ? ("urgent" as const) : ("due" as const),
            link: `/people/pipl?open=${r.id}`,
          };
        });
    },
  });
}
