import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { ZEnrolment, ZTwoFactorStatus } from "../../../contracts/security.js";
import { AppError } from "../errors.js";
import { authed, type Deps, withZod, ZOk } from "../http.js";
import { verifyPassword } from "../password.js";
import { CHALLENGE_ATTEMPTS, type createSessions, ZMe } from "./sessions.js";
import { type TwoFactor, WRONG_CODE } from "./two-factor.js";

/** The answer of a right password when a second step follows: the code, or the enrolment a required account must make. */
export const ZChallenge = z.object({ twoFactor: z.enum(["verify", "enrol"]) });
const ZCode = z.object({ code: z.string().trim().min(1).max(20) });
const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

const NO_CHALLENGE = () =>
  new AppError(401, "NO_CHALLENGE", { zh: "登录验证已过期，请重新输入用户名和密码", en: "The sign-in step expired; enter your username and password again" });
const LOCKED = (n: number) => new AppError(423, "LOCKED", { zh: `连续 ${n} 次登录失败，账户已锁定`, en: `Account locked after ${n} failed sign-in attempts` });

export function registerTwoFactorRoutes(app: FastifyInstance, deps: Deps, sessions: ReturnType<typeof createSessions>, twoFactor: TwoFactor) {
  const { db, clock, audit } = deps;
  const r = withZod(app);
  const tags = ["auth"];
  // Codes are tried per client address no faster than logins, and every wrong one counts toward the lock.
  const limit = { rateLimit: { max: 20, timeWindow: "1 minute" } };

  /** The request's live challenge of `purpose`, of an account still allowed to sign in. */
  async function challengeOf(req: FastifyRequest, purpose: "verify" | "enrol") {
    const c = await sessions.pending(req);
    if (!c || c.purpose !== purpose || c.disabled || (c.locked_until && new Date(c.locked_until) > clock.now())) throw NO_CHALLENGE();
    return c;
  }

  /** A wrong code: counted on the challenge (at most 5) and on the account (the lock), audited. */
  async function wrong(req: FastifyRequest, c: NonNullable<Awaited<ReturnType<typeof sessions.pending>>>, what: string): Promise<never> {
    const attempts = c.attempts + 1;
    if (attempts >= CHALLENGE_ATTEMPTS) await db.deleteFrom("login_challenges").where("id", "=", c.challenge_id).execute();
    else await db.updateTable("login_challenges").set({ attempts }).where("id", "=", c.challenge_id).execute();
    const { lock, failed } = await sessions.fail(c, what, req.ip);
    if (lock) throw LOCKED(failed);
    if (attempts >= CHALLENGE_ATTEMPTS) throw NO_CHALLENGE();
    throw WRONG_CODE();
  }

  r.post(
    "/api/auth/login/code",
    {
      config: { public: true, ...limit },
      schema: {
        operationId: "loginCode",
        tags,
        summary: "登录第二步：身份验证器的 6 位验证码或一个恢复码 Sign-in step two: the authenticator's code or a recovery code",
        body: ZCode,
        response: { 200: ZMe },
      },
    },
    async (req, reply) => {
      const c = await challengeOf(req, "verify");
      const how = await db.transaction().execute((trx) => twoFactor.check(trx, c.id, req.body.code));
      if (!how) return wrong(req, c, "wrong two-factor code");
      await db.deleteFrom("login_challenges").where("id", "=", c.challenge_id).execute();
      if (how === "recovery")
        await audit.append(db, {
          actorId: c.id,
          actorName: c.username,
          action: "auth.2fa_recovery",
          entity: "user",
          entityId: c.id,
          reason: "recovery code used",
          ip: req.ip,
        });
      else await audit.append(db, { actorId: c.id, actorName: c.username, action: "auth.2fa_verify", entity: "user", entityId: c.id, ip: req.ip });
      return sessions.me(await sessions.open(req, reply, c, how === "totp" ? "totp" : "recovery code"));
    },
  );

  r.post(
    "/api/auth/login/enrolment",
    {
      config: { public: true, ...limit },
      schema: {
        operationId: "loginEnrolment",
        tags,
        summary: "登录时须先启用两步验证：生成密钥和二维码 A required enrolment at sign-in: the secret and its QR code",
        response: { 200: ZEnrolment },
      },
    },
    async (req) => {
      const c = await challengeOf(req, "enrol");
      return twoFactor.begin(c);
    },
  );

  r.post(
    "/api/auth/login/enrolment/confirm",
    {
      config: { public: true, ...limit },
      schema: {
        operationId: "loginEnrolmentConfirm",
        tags,
        summary: "确认启用两步验证并登录，返回一次性显示的 10 个恢复码 Confirm the enrolment with a code and sign in; answers 10 recovery codes, shown once",
        body: ZCode,
        response: { 200: ZMe.extend(ZRecoveryCodes.shape) },
      },
    },
    async (req, reply) => {
      const c = await challengeOf(req, "enrol");
      const codes = await db.transaction().execute((trx) => twoFactor.confirm(trx, c, req.body.code, req.ip));
      if (!codes) return wrong(req, c, "wrong two-factor code at enrolment");
      await db.deleteFrom("login_challenges").where("id", "=", c.challenge_id).execute();
      const sid = await sessions.open(req, reply, c, "totp (enrolled)");
      return { ...(await sessions.me(sid)), recoveryCodes: codes };
    },
  );

  // One's own second factor, signed in.
  r.get(
    "/api/auth/2fa",
    {
      config: { anyRole: true },
      schema: {
        operationId: "twoFactorStatus",
        tags,
        summary: "本人两步验证状态 Own two-factor status",
        response: { 200: ZTwoFactorStatus },
      },
    },
    async (req) => {
      const { user } = authed(req);
      return twoFactor.status(user.id, user.role);
    },
  );
  r.post(
    "/api/auth/2fa/setup",
    {
      config: { anyRole: true, ...limit },
      schema: {
        operationId: "twoFactorSetup",
        tags,
        summary: "启用两步验证：生成密钥和二维码 Start enrolment: secret and QR code",
        response: { 200: ZEnrolment },
      },
    },
    async (req) => twoFactor.begin(authed(req).user),
  );
  r.post(
    "/api/auth/2fa/confirm",
    {
      config: { anyRole: true, ...limit },
      schema: {
        operationId: "twoFactorConfirm",
        tags,
        summary: "以验证码确认启用两步验证，返回一次性显示的恢复码 Confirm enrolment with a code; answers the recovery codes, shown once",
        body: ZCode,
        response: { 200: ZRecoveryCodes },
      },
    },
    async (req) => {
      const { user } = authed(req);
      const codes = await db.transaction().execute((trx) => twoFactor.confirm(trx, user, req.body.code, req.ip));
      if (!codes) {
        await audit.append(db, {
          actorId: user.id,
          actorName: user.username,
          action: "auth.2fa_enrol",
          entity: "user",
          entityId: user.id,
          success: false,
          reason: "wrong code",
          ip: req.ip,
        });
        throw WRONG_CODE(400);
      }
      return { recoveryCodes: codes };
    },
  );
  r.post(
    "/api/auth/2fa/recovery-codes",
    {
      config: { anyRole: true, ...limit },
      schema: {
        operationId: "twoFactorRecoveryCodes",
        tags,
        summary: "以当前验证码换一组新的恢复码（旧的作废）New recovery codes for a current code (the old ones stop working)",
        body: ZCode,
        response: { 200: ZRecoveryCodes },
      },
    },
    async (req) => {
      const { user } = authed(req);
      const codes = await db.transaction().execute(async (trx) => {
        if ((await twoFactor.check(trx, user.id, req.body.code)) !== "totp") return null;
        await audit.append(trx, {
          actorId: user.id,
          actorName: user.username,
          action: "auth.2fa_recovery_codes",
          entity: "user",
          entityId: user.id,
          ip: req.ip,
        });
        return twoFactor.newRecoveryCodes(trx, user.id);
      });
      if (!codes) throw WRONG_CODE(400);
      return { recoveryCodes: codes };
    },
  );
  r.post(
    "/api/auth/2fa/disable",
    {
      config: { anyRole: true, ...limit },
      schema: {
        operationId: "twoFactorDisable",
        tags,
        summary: "关闭本人两步验证（角色不要求时）Turn own two-factor off (where the role does not require it)",
        body: z.object({ password: z.string().min(1).max(128) }),
        response: { 200: ZOk },
      },
    },
    async (req) => {
      const { user } = authed(req);
      if (await twoFactor.required(user.role))
        throw new AppError(409, "TWO_FACTOR_REQUIRED", {
          zh: "您的角色必须使用两步验证，不能关闭",
          en: "Your role requires two-factor sign-in; it cannot be turned off",
        });
      const row = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(req.body.password, row.password_hash)))
        throw new AppError(400, "BAD_CREDENTIALS", { zh: "当前密码不正确", en: "Current password is wrong" });
      await db.transaction().execute(async (trx) => {
        await twoFactor.remove(trx, user.id);
        await audit.append(trx, { actorId: user.id, actorName: user.username, action: "auth.2fa_disable", entity: "user", entityId: user.id, ip: req.ip });
      });
      return { ok: true as const };
    },
  );
}
