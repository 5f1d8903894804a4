// 待办与预警: what needs doing, per person, from every module through one registry (like figures).
// A module registers providers in its `<m>.todos.ts`; each reads its own tables for the caller's
// scope and role and answers items that open the record where the action is taken.
// GET /api/todos answers the caller's items across the providers their role may see, and a count.
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { can, type Permission } from "../../contracts/roles.js";
import type { DB } from "../db/types.js";
import type { Msg } from "./errors.js";
import { authed, type Deps, withZod } from "./http.js";
import { type Who, whoOf } from "./who.js";

/** overdue: past its deadline; urgent: due within a day or two; due: due later; info: no deadline. */
export const TODO_SEVERITIES = ["overdue", "urgent", "due", "info"] as const;
export type TodoSeverity = (typeof TODO_SEVERITIES)[number];

export type TodoItem = {
  /** The record's id (unique within its provider). */
  id: string;
  /** The record, as its own register names it (a case's title, a point's name …). */
  title: string;
  /** What is to be done or how much time is left, in both languages. */
  detail?: Msg;
  /** Deadline: a local date (YYYY-MM-DD) or an instant (ISO); null when there is none. */
  due: string | null;
  severity: TodoSeverity;
  /** The web page where the action is taken. */
  link: string;
};

export type TodoProvider = {
  key: string;
  module: string;
  label: Msg;
  /** The permission a role needs to get this provider's items. */
  permission: Permission;
  /** The caller's items, in their scope, at `now`. At most `TODO_LIMIT` are shown per provider. */
  items: (db: Kysely<DB>, who: Who, now: Date) => Promise<TodoItem[]>;
};

export const TODO_LIMIT = 50;

export type TodoRegistry = ReturnType<typeof createTodoRegistry>;

export function createTodoRegistry() {
  const providers = new Map<string, TodoProvider>();
  return {
    register(p: TodoProvider) {
      if (providers.has(p.key)) throw new Error(`todo provider ${p.key} registered twice`);
      providers.set(p.key, p);
    },
    get: (key: string) => providers.get(key),
    all: () => [...providers.values()],
    /** The providers a role may see. */
    forRole: (role: string) => [...providers.values()].filter((p) => can(role, p.permission)),
  };
}

const RANK: Record<TodoSeverity, number> = { overdue: 0, urgent: 1, due: 2, info: 3 };

/** Most pressing first: by severity, then the earliest deadline, items without one last. */
export function sortTodos<T extends Pick<TodoItem, "severity" | "due">>(items: T[]): T[] {
  return [...items].sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.due ?? "~").localeCompare(b.due ?? "~"));
}

/** Severity of an item with a deadline: overdue past it, urgent within `urgentMs`, due otherwise. */
export function severityOf(due: Date | null, now: Date, urgentMs = 2 * 86_400_000): TodoSeverity {
  if (!due) return "info";
  const left = due.getTime() - now.getTime();
  return left < 0 ? "overdue" : left <= urgentMs ? "urgent" : "due";
}

/** "剩余 N 天 / 已逾期 N 天" for an instant deadline. */
export function timeLeft(due: Date, now: Date): Msg {
  const ms = due.getTime() - now.getTime();
  const hours = Math.abs(ms) / 3_600_000;
  const n = hours < 24 ? Math.max(1, Math.round(hours)) : Math.round(hours / 24);
  const [zu, eu] = hours < 24 ? ["小时", n === 1 ? "hour" : "hours"] : ["天", n === 1 ? "day" : "days"];
  return ms < 0 ? { zh: `已逾期 ${n} ${zu}`, en: `${n} ${eu} overdue` } : { zh: `剩余 ${n} ${zu}`, en: `${n} ${eu} left` };
}

const ZTodo = z.object({
  provider: z.string(),
  module: z.string(),
  label: z.string(),
  id: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  due: z.string().nullable(),
  severity: z.enum(TODO_SEVERITIES),
  link: z.string(),
});

export function registerTodoRoutes(app: FastifyInstance, deps: Deps) {
  const r = withZod(app);
  r.get(
    "/api/todos",
    {
      config: { permission: "dashboard.view" },
      schema: {
        operationId: "listTodos",
        tags: ["todos"],
        summary: "待办与预警 The caller's to-dos and alerts across modules, most pressing first",
        querystring: z.object({ module: z.string().max(40).optional() }),
        response: {
          200: z.object({
            items: z.array(ZTodo),
            count: z.number(),
            overdue: z.number(),
            groups: z.array(z.object({ key: z.string(), module: z.string(), label: z.string(), count: z.number() })),
          }),
        },
      },
    },
    async (req) => {
      const ctx = authed(req);
      const who = whoOf(req);
      const now = deps.clock.now();
      const lang = ctx.lang;
      const providers = deps.todos.forRole(ctx.user.role).filter((p) => !req.query.module || p.module === req.query.module);
      const answered = await Promise.all(providers.map(async (p) => ({ p, items: sortTodos(await p.items(deps.db, who, now)).slice(0, TODO_LIMIT) })));
      const items = sortTodos(
        answered.flatMap(({ p, items }) =>
          items.map((i) => ({ provider: p.key, module: p.module, label: p.label[lang], ...i, detail: i.detail ? i.detail[lang] : null })),
        ),
      );
      return {
        items,
        count: items.length,
        overdue: items.filter((i) => i.severity === "overdue").length,
        groups: answered.filter((a) => a.items.length).map(({ p, items }) => ({ key: p.key, module: p.module, label: p.label[lang], count: items.length })),
      };
    },
  );
}
