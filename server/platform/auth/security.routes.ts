// The security administrator's page (安全管理): sign-in events from the audit log, live sessions
// (any can be ended), locked accounts (unlocked through POST /api/users/:id/unlock) and resetting an
// account's second factor when its phone is lost. Accounts in the administrator's scope only.
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { z } from "zod";
import { SIGN_IN_ACTIONS, ZLockedAccount, ZSecuritySession, ZSignInEvent } from "../../../contracts/security.js";
import { errors } from "../errors.js";
import { authed, type Deps, withZod, ZOk } from "../http.js";
import { SECURITY } from "../settings.js";
import type { createSessions } from "./sessions.js";
import { resetSecondFactor, type TwoFactor } from "./two-factor.js";

export function registerSecurityRoutes(app: FastifyInstance, deps: Deps, sessions: ReturnType<typeof createSessions>, twoFactor: TwoFactor) {
  const { db, clock, settings, audit } = deps;
  const r = withZod(app);
  const tags = ["security"];
  const config = { permission: "security.manage" as const };
  const inScope = (path: string) => db.selectFrom("regions").select("id").where("path", "like", `${path}%`);

  r.get(
    "/api/security/sessions",
    {
      config,
      schema: { operationId: "listSessions", tags, summary: "在线会话 Live sessions", response: { 200: z.object({ items: z.array(ZSecuritySession) }) } },
    },
    async (req) => {
      const ctx = authed(req);
      const idle = await settings.get(SECURITY.idleMinutes);
      const rows = await db
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(["s.id", "s.user_id", "s.ip", "s.user_agent", "s.created_at", "s.last_seen_at", "u.username", "u.display_name", "u.role"])
        .where("u.scope_region_id", "in", inScope(ctx.scope.path))
        .where("s.last_seen_at", ">=", new Date(clock.now().getTime() - idle * 60_000).toISOString())
        .orderBy("s.last_seen_at", "desc")
        .limit(500)
        .execute();
      return {
        items: rows.map((s) => ({
          id: s.id,
          userId: s.user_id,
          username: s.username,
          displayName: s.display_name,
          role: s.role,
          ip: s.ip,
          userAgent: s.user_agent,
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          current: s.id === ctx.sessionId,
        })),
      };
    },
  );

  r.post(
    "/api/security/sessions/:id/end",
    {
      config,
      schema: { operationId: "endSession", tags, summary: "结束会话 End a session", params: z.object({ id: z.string().max(100) }), response: { 200: ZOk } },
    },
    async (req) => {
      const ctx = authed(req);
      const row = await db
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(["s.id", "s.user_id", "u.username"])
        .where("s.id", "=", req.params.id)
        .where("u.scope_region_id", "in", inScope(ctx.scope.path))
        .executeTakeFirst();
      if (!row) throw errors.notFound({ zh: "会话", en: "Session" });
      await db
        .transaction()
        .execute((trx) => sessions.end(trx, [row], "ended by the security administrator", { id: ctx.user.id, name: ctx.user.username, ip: req.ip }));
      return { ok: true as const };
    },
  );

  r.get(
    "/api/security/locked",
    {
      config,
      schema: {
        operationId: "listLockedAccounts",
        tags,
        summary: "已锁定账号 Locked accounts",
        response: { 200: z.object({ items: z.array(ZLockedAccount) }) },
      },
    },
    async (req) => {
      const rows = await db
        .selectFrom("users")
        .select(["id", "username", "display_name", "role", "locked_until"])
        .where("scope_region_id", "in", inScope(authed(req).scope.path))
        .where("locked_until", ">", clock.now().toISOString())
        .orderBy("locked_until", "desc")
        .execute();
      return {
        items: rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role, lockedUntil: u.locked_until as string })),
      };
    },
  );

  r.get(
    "/api/security/events",
    {
      config,
      schema: {
        operationId: "listSignInEvents",
        tags,
        summary: "登录与安全事件（来自审计日志）Sign-in and security events, from the audit log",
        querystring: z.object({
          username: z.string().trim().max(64).optional(),
          failed: z.enum(["0", "1"]).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(ZSignInEvent), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const f = req.query;
      const scope = authed(req).scope;
      let q = db
        .selectFrom("audit_log as a")
        .leftJoin("users as u", (j) => j.onRef("u.id", "=", "a.entity_id").on("a.entity", "=", "user"))
        .where("a.action", "in", [...SIGN_IN_ACTIONS])
        // An unknown username's failures belong to no account and are shown to every scope.
        .where((eb) => eb.or([eb("u.id", "is", null), eb("u.scope_region_id", "in", inScope(scope.path))]));
      if (f.username) q = q.where((eb) => eb.or([eb("u.username", "=", f.username as string), eb("a.actor_name", "=", f.username as string)]));
      if (f.failed === "1") q = q.where("a.success", "=", 0);
      if (f.failed === "0") q = q.where("a.success", "=", 1);
      const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await q
        .select(["a.seq", "a.at", "a.actor_name", "a.action", "a.success", "a.reason", "a.ip", "u.username"])
        .select(sql<string | null>`coalesce(u.username, a.actor_name)`.as("about"))
        .orderBy("a.seq", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return {
        items: rows.map((e) => ({
          seq: Number(e.seq),
          at: e.at,
          actorName: e.actor_name,
          action: e.action,
          username: e.about,
          success: !!e.success,
          reason: e.reason,
          ip: e.ip,
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );

  r.post(
    "/api/security/users/:id/reset-2fa",
    {
      config,
      schema: {
        operationId: "resetTwoFactor",
        tags,
        summary: "重置账号的两步验证（丢失手机时；下次登录须重新启用）Reset an account's second factor (lost phone); it enrols again at next sign-in",
        params: z.object({ id: z.string().max(64) }),
        response: { 200: ZOk },
      },
    },
    async (req) => {
      const ctx = authed(req);
      if (req.params.id === ctx.user.id)
        throw errors.badRequest(
          "不能重置自己的两步验证（可由另一位安全管理员或命令行重置）",
          "You cannot reset your own second factor (another security administrator or the command line can)",
        );
      const u = await db
        .selectFrom("users")
        .select(["id", "username"])
        .where("id", "=", req.params.id)
        .where("scope_region_id", "in", inScope(ctx.scope.path))
        .executeTakeFirst();
      if (!u) throw errors.notFound({ zh: "账号", en: "Account" });
      await db
        .transaction()
        .execute((trx) => resetSecondFactor(trx, { twoFactor, sessions, audit }, u, { id: ctx.user.id, name: ctx.user.username, ip: req.ip }));
      return { ok: true as const };
    },
  );
}
