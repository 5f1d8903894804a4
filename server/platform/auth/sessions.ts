// Sessions: opened at a completed sign-in with a new id (never one the browser brought), renewed
// with a new id at a change of scope, at most `security.max_sessions` live per account (the oldest
// end), and the short-lived login challenge between a right password and the second factor.
import { createHash, randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { ROLE_PERMISSIONS, type Role } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import type { Deps } from "../http.js";
import { SECURITY } from "../settings.js";
import "./auth.tables.js";
import type { Kysely } from "kysely";

export const SESSION_COOKIE = "shequ_sid";
export const CHALLENGE_COOKIE = "shequ_2fa";
/** A login challenge lives 5 minutes and allows 5 codes; then the password is asked again. */
export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_ATTEMPTS = 5;
export const sha = (s: string) => createHash("sha256").update(s).digest("hex");

export const ZMe = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string() }),
  permissions: z.array(z.string()),
  scope: z.object({ regionId: z.string(), name: z.string(), level: z.string(), path: z.string() }),
  home: z.object({ regionId: z.string(), name: z.string(), level: z.string() }),
  csrfToken: z.string(),
  passwordExpired: z.boolean(),
});

type UserRow = { id: string; username: string; scope_region_id: string };

export function createSessions(deps: Deps) {
  const { db, clock, settings, audit } = deps;

  async function me(sessionId: string) {
    const s = await db
      .selectFrom("sessions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .innerJoin("regions as cur", "cur.id", "s.current_region_id")
      .innerJoin("regions as home", "home.id", "u.scope_region_id")
      .select([
        "s.csrf_token",
        "u.id",
        "u.username",
        "u.display_name",
        "u.role",
        "u.password_changed_at",
        "cur.id as cur_id",
        "cur.name as cur_name",
        "cur.level as cur_level",
        "cur.path as cur_path",
        "home.id as home_id",
        "home.name as home_name",
        "home.level as home_level",
      ])
      .where("s.id", "=", sessionId)
      .executeTakeFirstOrThrow();
    const maxAge = await settings.get(SECURITY.passwordMaxAgeDays);
    return {
      user: { id: s.id, username: s.username, displayName: s.display_name, role: s.role },
      permissions: [...(ROLE_PERMISSIONS[s.role as Role] ?? [])],
      scope: { regionId: s.cur_id, name: s.cur_name, level: s.cur_level, path: s.cur_path },
      home: { regionId: s.home_id, name: s.home_name, level: s.home_level },
      csrfToken: s.csrf_token,
      passwordExpired: maxAge > 0 && clock.now().getTime() - new Date(s.password_changed_at).getTime() > maxAge * 86_400_000,
    };
  }

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure: deps.config.secureCookie });

  /** Ends sessions by id, each with an audit entry saying why. */
  async function end(
    trx: Kysely<DB>,
    rows: Array<{ id: string; user_id: string; username: string }>,
    reason: string,
    by: { id: string | null; name: string | null; ip: string | null },
  ) {
    if (rows.length === 0) return;
    await trx
      .deleteFrom("sessions")
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of rows)
      await audit.append(trx, {
        actorId: by.id,
        actorName: by.name,
        action: "auth.session_end",
        entity: "user",
        entityId: r.user_id,
        after: { username: r.username },
        reason,
        ip: by.ip,
      });
  }

  return {
    me,
    end,

    /**
     * A failed sign-in step (wrong password, wrong code): the account's failure count goes up, and at
     * `security.lock_threshold` it is locked for `security.lock_minutes`, audited as auth.lock.
     */
    async fail(user: { id: string; username: string; failed_logins: number }, reason: string, ip: string | null) {
      const threshold = await settings.get(SECURITY.lockThreshold);
      const now = clock.now();
      const failed = user.failed_logins + 1;
      const lock = failed >= threshold;
      const lockedUntil = lock ? new Date(now.getTime() + (await settings.get(SECURITY.lockMinutes)) * 60_000).toISOString() : null;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ failed_logins: lock ? 0 : failed, locked_until: lockedUntil })
          .where("id", "=", user.id)
          .execute();
        // A locked account's challenges end with it.
        if (lock) await trx.deleteFrom("login_challenges").where("user_id", "=", user.id).execute();
        await audit.append(trx, {
          actorId: user.id,
          actorName: user.username,
          action: lock ? "auth.lock" : reason.startsWith("wrong password") ? "auth.login" : "auth.2fa_verify",
          entity: "user",
          entityId: user.id,
          success: false,
          reason: lock ? `locked after ${failed} failed logins (last: ${reason})` : reason,
          ip,
        });
      });
      return { lock, failed };
    },

    /**
     * A completed sign-in: a new session with a new random id. The session the request came with (if
     * any) is ended, so an id planted before the login is worth nothing after it; sessions past the
     * account's limit end, the oldest first. `how` is noted in the audit entry (password, totp, recovery).
     */
    async open(req: FastifyRequest, reply: FastifyReply, user: UserRow, how: string): Promise<string> {
      const token = randomBytes(32).toString("base64url");
      const sid = sha(token);
      const now = clock.now();
      const idle = await settings.get(SECURITY.idleMinutes);
      const max = await settings.get(SECURITY.maxSessions);
      const brought = req.cookies?.[SESSION_COOKIE];
      await db.transaction().execute(async (trx) => {
        // Sessions idle past the timeout are dead; sweep them here rather than in a timer.
        // A day's grace, so a user whose session just timed out still hears "timed out", not "log in".
        const stale = new Date(now.getTime() - Math.max(idle * 60_000, 86_400_000)).toISOString();
        await trx.deleteFrom("sessions").where("last_seen_at", "<", stale).execute();
        await trx.deleteFrom("login_challenges").where("expires_at", "<", now.toISOString()).execute();
        if (brought) await trx.deleteFrom("sessions").where("id", "=", sha(brought)).execute();
        const live = await trx
          .selectFrom("sessions")
          .select(["id", "user_id"])
          .where("user_id", "=", user.id)
          .where("last_seen_at", ">=", new Date(now.getTime() - idle * 60_000).toISOString())
          .orderBy("created_at", "desc")
          .orderBy("id")
          .execute();
        const over = live.slice(max - 1).map((r) => ({ ...r, username: user.username }));
        await end(trx, over, `session limit ${max}`, { id: user.id, name: user.username, ip: req.ip });
        await trx.updateTable("users").set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() }).where("id", "=", user.id).execute();
        await trx
          .insertInto("sessions")
          .values({
            id: sid,
            user_id: user.id,
            csrf_token: randomBytes(24).toString("base64url"),
            current_region_id: user.scope_region_id,
            created_at: now.toISOString(),
            last_seen_at: now.toISOString(),
            ip: req.ip,
            user_agent: (req.headers["user-agent"] ?? "").slice(0, 200),
          })
          .execute();
        await audit.append(trx, {
          actorId: user.id,
          actorName: user.username,
          action: "auth.login",
          entity: "user",
          entityId: user.id,
          reason: how === "password" ? null : `two-factor: ${how}`,
          ip: req.ip,
        });
      });
      setCookie(reply, token);
      reply.clearCookie(CHALLENGE_COOKIE, { path: "/api/auth/" });
      return sid;
    },

    /** The same session under a new id and CSRF token, now in `regionId` (a change of scope). */
    async renew(reply: FastifyReply, sessionId: string, regionId: string): Promise<string> {
      const token = randomBytes(32).toString("base64url");
      const sid = sha(token);
      await db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom("sessions").selectAll().where("id", "=", sessionId).executeTakeFirstOrThrow();
        await trx.deleteFrom("sessions").where("id", "=", sessionId).execute();
        await trx
          .insertInto("sessions")
          .values({
            ...old,
            id: sid,
            csrf_token: randomBytes(24).toString("base64url"),
            current_region_id: regionId,
            last_seen_at: clock.now().toISOString(),
          })
          .execute();
      });
      setCookie(reply, token);
      return sid;
    },

    /** A login challenge after a right password: its cookie is the only handle, HttpOnly and SameSite=Strict. */
    async challenge(req: FastifyRequest, reply: FastifyReply, user: UserRow, purpose: "verify" | "enrol") {
      const token = randomBytes(32).toString("base64url");
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("login_challenges").where("expires_at", "<", now.toISOString()).execute();
        await trx
          .insertInto("login_challenges")
          .values({
            id: sha(token),
            user_id: user.id,
            purpose,
            attempts: 0,
            ip: req.ip,
            created_at: now.toISOString(),
            expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
          })
          .execute();
        await audit.append(trx, {
          actorId: user.id,
          actorName: user.username,
          action: "auth.2fa_challenge",
          entity: "user",
          entityId: user.id,
          reason: purpose === "verify" ? "password right, code asked" : "password right, enrolment required",
          ip: req.ip,
        });
      });
      reply.setCookie(CHALLENGE_COOKIE, token, {
        path: "/api/auth/",
        httpOnly: true,
        sameSite: "strict",
        secure: deps.config.secureCookie,
        maxAge: CHALLENGE_MINUTES * 60,
      });
    },

    /** The live challenge of this request, with its account, or null. */
    async pending(req: FastifyRequest) {
      const token = req.cookies?.[CHALLENGE_COOKIE];
      if (!token) return null;
      return (
        (await db
          .selectFrom("login_challenges as c")
          .innerJoin("users as u", "u.id", "c.user_id")
          .select([
            "c.id as challenge_id",
            "c.purpose",
            "c.attempts",
            "u.id",
            "u.username",
            "u.role",
            "u.scope_region_id",
            "u.disabled",
            "u.locked_until",
            "u.failed_logins",
          ])
          .where("c.id", "=", sha(token))
          .where("c.expires_at", ">", clock.now().toISOString())
          .executeTakeFirst()) ?? null
      );
    },
  };
}
