import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, type Permission } from "../../../contracts/roles.js";
import { arg, hot } from "../../db/hot.js";
import type { RegionLevel } from "../../db/types.js";
import { AppError, errors, isStorageFull, langOf } from "../errors.js";
import { authed, type Deps, withZod } from "../http.js";
import { hashPassword, passwordProblem, verifyPassword } from "../password.js";
import { type Scope, scopeOf, scopeOfRegion } from "../scope.js";
import { parseSetting, SECURITY } from "../settings.js";
import { registerSecurityRoutes } from "./security.routes.js";
import { createSessions, SESSION_COOKIE, sha, ZMe } from "./sessions.js";
import { createTwoFactor } from "./two-factor.js";
import { registerTwoFactorRoutes, ZChallenge } from "./two-factor.routes.js";

export { SESSION_COOKIE };

// Verified against when the username is unknown, so a wrong username costs as much as a wrong password.
let dummyHash: Promise<string> | null = null;

// The session behind every request, with the regions of its scope and the idle timeout: one
// statement, built once (server/db/hot.ts), run with each session id.
const SESSION = hot((db) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("regions as cur", "cur.id", "s.current_region_id")
    .leftJoin("regions as home", "home.id", "u.scope_region_id")
    .select([
      "s.id",
      "s.csrf_token",
      "s.current_region_id",
      "s.last_seen_at",
      "u.id as user_id",
      "u.username",
      "u.display_name",
      "u.role",
      "u.scope_region_id",
      "u.disabled",
      "cur.id as cur_id",
      "cur.path as cur_path",
      "cur.level as cur_level",
      "cur.community_id as cur_community_id",
      "home.id as home_id",
      "home.path as home_path",
      "home.level as home_level",
      "home.community_id as home_community_id",
    ])
    // Security settings are deployment-wide (no per-region override): the global row, if any.
    .select((eb) => eb.selectFrom("settings").select("value").where("key", "=", SECURITY.idleMinutes.key).where("region_id", "=", "").as("idle_minutes"))
    .where("s.id", "=", arg(0)),
);

export function authHook(deps: Deps) {
  const { db, clock } = deps;
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    req.ctx = { lang: langOf(req.headers["accept-language"], req.cookies?.lang), ip: req.ip, user: null, scope: null, sessionId: null };
    if (!req.url.startsWith("/api/") || req.url.startsWith("/api/docs")) return;
    const cfg = req.routeOptions.config ?? {};
    const token = req.cookies?.[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const sid = sha(token);
      const row = await SESSION.first(db, sid);
      if (row) {
        const idle = parseSetting(SECURITY.idleMinutes, row.idle_minutes);
        const now = clock.now();
        if (row.disabled || now.getTime() - new Date(row.last_seen_at).getTime() > idle * 60_000) {
          await db.deleteFrom("sessions").where("id", "=", sid).execute();
          expired = true;
        } else {
          // The session's current region, else the account's own (as scopeOf would read them).
          const scope: Scope | null = row.cur_id
            ? scopeOfRegion({ id: row.cur_id, path: row.cur_path as string, level: row.cur_level as RegionLevel, community_id: row.cur_community_id })
            : row.home_id
              ? scopeOfRegion({ id: row.home_id, path: row.home_path as string, level: row.home_level as RegionLevel, community_id: row.home_community_id })
              : null;
          req.ctx.user = { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role, scopeRegionId: row.scope_region_id };
          req.ctx.scope = scope;
          req.ctx.sessionId = sid;
          if (now.getTime() - new Date(row.last_seen_at).getTime() > 15_000)
            // Reads go on when the disk is full: the session's last sight is kept on the next request.
            await db
              .updateTable("sessions")
              .set({ last_seen_at: now.toISOString() })
              .where("id", "=", sid)
              .execute()
              .catch((e) => {
                if (!isStorageFull(e)) throw e;
              });
          const unsafe = !["GET", "HEAD", "OPTIONS"].includes(req.method);
          if (unsafe && !cfg.public && req.headers["x-csrf-token"] !== row.csrf_token) throw errors.csrf();
        }
      }
    }
    if (cfg.public) return;
    if (!req.ctx.user || !req.ctx.scope) {
      if (expired) throw new AppError(401, "SESSION_EXPIRED", { zh: "会话已超时，请重新登录", en: "Your session timed out; please log in again" });
      throw errors.unauthenticated();
    }
    if (cfg.permission && !can(req.ctx.user.role, cfg.permission)) throw errors.forbidden();
  };
}

const ZLogin = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) });
export function registerAuthRoutes(app: FastifyInstance, deps: Deps) {
  const { db, clock, settings, audit } = deps;
  const r = withZod(app);

  const sessions = createSessions(deps);
  const twoFactor = createTwoFactor(deps);
  const me = sessions.me;
  registerTwoFactorRoutes(app, deps, sessions, twoFactor);
  registerSecurityRoutes(app, deps, sessions, twoFactor);

  r.post(
    "/api/auth/login",
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        operationId: "login",
        tags: ["auth"],
        summary: "登录 Log in: 200 signed in, or 202 when a second factor (a code, or a required enrolment) comes next",
        body: ZLogin,
        response: { 200: ZMe, 202: ZChallenge },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const now = clock.now();
      const user = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
      const bad = () => new AppError(401, "BAD_CREDENTIALS", { zh: "用户名或密码错误", en: "Wrong username or password" });
      if (!user) {
        dummyHash ??= hashPassword("not-a-password-Aa1!");
        await verifyPassword(password, await dummyHash);
        await audit.append(db, {
          actorId: null,
          actorName: username,
          action: "auth.login",
          entity: "user",
          success: false,
          reason: "unknown user",
          ip: req.ip,
        });
        throw bad();
      }
      if (user.locked_until && new Date(user.locked_until) > now) {
        const mins = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 60_000);
        await audit.append(db, {
          actorId: user.id,
          actorName: username,
          action: "auth.login",
          entity: "user",
          entityId: user.id,
          success: false,
          reason: "locked",
          ip: req.ip,
        });
        throw new AppError(423, "LOCKED", {
          zh: `账户已锁定，请 ${mins} 分钟后再试或联系安全管理员`,
          en: `Account locked; try again in ${mins} min or ask the security administrator`,
        });
      }
      if (user.disabled) {
        // Only someone who knows the password learns that the account is disabled.
        if (!(await verifyPassword(password, user.password_hash))) throw bad();
        throw new AppError(403, "DISABLED", { zh: "账户已停用", en: "Account disabled" });
      }
      if (!(await verifyPassword(password, user.password_hash))) {
        const { lock, failed } = await sessions.fail(user, "wrong password", req.ip);
        if (lock) throw new AppError(423, "LOCKED", { zh: `连续 ${failed} 次密码错误，账户已锁定`, en: `Account locked after ${failed} failed logins` });
        throw bad();
      }
      // A right password. With a second factor the failure count stands until the code is right too,
      // so wrong codes lock the account as wrong passwords do.
      if (await twoFactor.enrolled(user.id)) {
        await sessions.challenge(req, reply, user, "verify");
        return reply.status(202).send({ twoFactor: "verify" as const });
      }
      if (await twoFactor.required(user.role)) {
        await sessions.challenge(req, reply, user, "enrol");
        return reply.status(202).send({ twoFactor: "enrol" as const });
      }
      const sid = await sessions.open(req, reply, user, "password");
      return me(sid);
    },
  );

  r.post(
    "/api/auth/logout",
    // Not public: a signed-in request with the CSRF token, so another site cannot log a user out.
    { config: { anyRole: true }, schema: { operationId: "logout", tags: ["auth"], summary: "退出 Log out" } },
    async (req, reply) => {
      if (req.ctx.sessionId) {
        await db.deleteFrom("sessions").where("id", "=", req.ctx.sessionId).execute();
        await audit.append(db, {
          actorId: req.ctx.user?.id ?? null,
          actorName: req.ctx.user?.username ?? null,
          action: "auth.logout",
          entity: "user",
          entityId: req.ctx.user?.id,
          ip: req.ip,
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true };
    },
  );

  r.get(
    "/api/auth/me",
    { config: { anyRole: true }, schema: { operationId: "me", tags: ["auth"], summary: "当前用户 Current user", response: { 200: ZMe } } },
    async (req) => me(authed(req).sessionId as string),
  );

  r.post(
    "/api/auth/scope",
    {
      config: { anyRole: true },
      schema: {
        operationId: "switchScope",
        tags: ["auth"],
        summary: "切换数据范围 Switch scope (the session gets a new id and CSRF token)",
        body: z.object({ regionId: z.string().min(1) }),
        response: { 200: ZMe },
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const home = await scopeOf(db, ctx.user.scopeRegionId);
      const target = await scopeOf(db, req.body.regionId);
      if (!home || !target?.path.startsWith(home.path)) throw errors.notFound({ zh: "地区", en: "Region" });
      if (!["district", "subdistrict", "community", "grid"].includes(target.level))
        throw errors.badRequest("数据范围只能切换到街道、社区或网格", "Scope can only be a subdistrict, community or grid");
      // A change of scope is a change of what the session may see: it goes on under a new id.
      return me(await sessions.renew(reply, ctx.sessionId as string, target.regionId));
    },
  );

  r.post(
    "/api/auth/password",
    {
      config: { anyRole: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        operationId: "changePassword",
        tags: ["auth"],
        summary: "修改密码 Change own password",
        body: z.object({ current: z.string().min(1).max(128), next: z.string().min(1).max(128) }),
      },
    },
    async (req) => {
      const ctx = authed(req);
      const user = await db.selectFrom("users").selectAll().where("id", "=", ctx.user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(req.body.current, user.password_hash)))
        throw new AppError(400, "BAD_CREDENTIALS", { zh: "当前密码不正确", en: "Current password is wrong" });
      const problem = passwordProblem(req.body.next, await settings.get(SECURITY.passwordMinLength));
      if (problem) throw new AppError(400, "WEAK_PASSWORD", problem);
      if (req.body.next === req.body.current) throw errors.badRequest("新密码不能与当前密码相同", "The new password must differ from the current one");
      const hash = await hashPassword(req.body.next);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("users").set({ password_hash: hash, password_changed_at: now, updated_at: now }).where("id", "=", user.id).execute();
        await trx
          .deleteFrom("sessions")
          .where("user_id", "=", user.id)
          .where("id", "!=", ctx.sessionId as string)
          .execute();
        await audit.append(trx, { actorId: user.id, actorName: user.username, action: "auth.password_change", entity: "user", entityId: user.id, ip: req.ip });
      });
      return { ok: true };
    },
  );
}

export function hasPermission(role: string, p: Permission) {
  return can(role, p);
}
