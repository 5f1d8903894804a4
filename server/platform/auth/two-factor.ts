// Two-factor sign-in (TOTP): enrolment, codes, recovery codes, and whether an account needs it.
// Secrets are sealed under the key of trust/files.ts twoFactorKey; codes are RFC 6238 (totp.ts).
import type { Kysely } from "kysely";
import type { Role } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import { qrSvg } from "../../io/qr.js";
import type { Audit } from "../audit.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { uuidv7 } from "../ids.js";
import { SECURITY, type Settings } from "../settings.js";
import { twoFactorKey } from "../trust/files.js";
import "./auth.tables.js";
import type { createSessions } from "./sessions.js";
import { hashRecoveryCode, matchStep, newRecoveryCodes, newSecret, normaliseRecoveryCode, openSecret, otpauthUri, sealSecret } from "./totp.js";

export const ISSUER = "Shequ 社区";

/**
 * A wrong code. 401 at sign-in (no session yet); 400 on a signed-in route (enrolment, new recovery
 * codes): there a 401 would mean "signed out" and the web app would end the user's page.
 */
export const WRONG_CODE = (status: 400 | 401 = 401) =>
  new AppError(status, "BAD_CODE", {
    zh: "验证码错误或已使用，请输入身份验证器上当前的 6 位数字",
    en: "Wrong or already used code; enter the 6 digits your authenticator shows now",
  });

export type TwoFactor = ReturnType<typeof createTwoFactor>;

export function createTwoFactor(deps: { db: Kysely<DB>; clock: Clock; settings: Settings; audit: Audit; config: { dataDir: string; totpKey?: string } }) {
  const { db, clock, settings } = deps;
  let key: Buffer | null = null;
  const sealKey = () => {
    key ??= twoFactorKey(deps.config.dataDir, deps.config.totpKey);
    return key;
  };

  async function required(role: string, exec: Kysely<DB> = db): Promise<boolean> {
    if (!(await settings.get(SECURITY.twoFactorEnforced, undefined, exec))) return false;
    return (await settings.get(SECURITY.twoFactorRoles, undefined, exec)).includes(role as Role);
  }

  const confirmedRow = (userId: string, exec: Kysely<DB>) =>
    exec.selectFrom("user_totp").selectAll().where("user_id", "=", userId).where("confirmed_at", "is not", null).executeTakeFirst();

  return {
    required,
    async enrolled(userId: string, exec: Kysely<DB> = db) {
      return !!(await confirmedRow(userId, exec));
    },

    async status(userId: string, role: string) {
      const row = await confirmedRow(userId, db);
      const left = row
        ? Number(
            (
              await db
                .selectFrom("user_recovery_codes")
                .select((eb) => eb.fn.countAll().as("n"))
                .where("user_id", "=", userId)
                .where("used_at", "is", null)
                .executeTakeFirst()
            )?.n ?? 0,
          )
        : 0;
      return { enrolled: !!row, enrolledAt: row?.confirmed_at ?? null, required: await required(role), recoveryCodesLeft: left };
    },

    /**
     * A new secret for an account not enrolled yet, kept sealed and unconfirmed until a code proves the
     * authenticator has it; each call replaces the one offered before. Answers the secret, its
     * otpauth:// URI and the URI as a QR code (SVG).
     */
    async begin(user: { id: string; username: string }) {
      if (await confirmedRow(user.id, db)) throw new AppError(409, "TWO_FACTOR_ENROLLED", { zh: "已启用两步验证", en: "Two-factor sign-in is already on" });
      const secret = newSecret();
      const now = clock.now().toISOString();
      const sealed = sealSecret(sealKey(), secret);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("user_totp").where("user_id", "=", user.id).execute();
        await trx.insertInto("user_totp").values({ user_id: user.id, secret_enc: sealed, confirmed_at: null, last_step: null, created_at: now }).execute();
      });
      const uri = otpauthUri(ISSUER, user.username, secret);
      return { secret, uri, qrSvg: qrSvg(uri, 4), issuer: ISSUER, account: user.username };
    },

    /** Confirms the secret offered with a code from the authenticator; answers 10 new recovery codes, shown once. */
    async confirm(trx: Kysely<DB>, user: { id: string; username: string }, code: string, ip: string | null) {
      const row = await trx.selectFrom("user_totp").selectAll().where("user_id", "=", user.id).executeTakeFirst();
      if (!row || row.confirmed_at)
        throw new AppError(409, "NO_ENROLMENT", { zh: "请先生成二维码再输入验证码", en: "Start the enrolment (QR code) before entering a code" });
      const step = matchStep(openSecret(sealKey(), row.secret_enc), code.trim(), clock.now().getTime(), null);
      if (step === null) return null;
      const now = clock.now().toISOString();
      await trx.updateTable("user_totp").set({ confirmed_at: now, last_step: step }).where("user_id", "=", user.id).execute();
      const codes = await replaceRecoveryCodes(trx, user.id, now);
      await deps.audit.append(trx, { actorId: user.id, actorName: user.username, action: "auth.2fa_enrol", entity: "user", entityId: user.id, ip });
      return codes;
    },

    /**
     * A code at sign-in: the authenticator's 6 digits (once each) or one of the recovery codes (each once).
     * Answers how it was proven, or null when it was not.
     */
    async check(trx: Kysely<DB>, userId: string, code: string): Promise<"totp" | "recovery" | null> {
      const row = await confirmedRow(userId, trx);
      if (!row) return null;
      const typed = code.trim();
      if (/^\d{6}$/.test(typed)) {
        const step = matchStep(openSecret(sealKey(), row.secret_enc), typed, clock.now().getTime(), row.last_step);
        if (step === null) return null;
        // Only a step after the last one: two requests with the same code cannot both pass.
        const res = await trx
          .updateTable("user_totp")
          .set({ last_step: step })
          .where("user_id", "=", userId)
          .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
          .executeTakeFirst();
        return Number(res.numUpdatedRows) === 1 ? "totp" : null;
      }
      if (normaliseRecoveryCode(typed).length !== 8) return null;
      const res = await trx
        .updateTable("user_recovery_codes")
        .set({ used_at: clock.now().toISOString() })
        .where("user_id", "=", userId)
        .where("code_hash", "=", hashRecoveryCode(userId, typed))
        .where("used_at", "is", null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1 ? "recovery" : null;
    },

    /** Removes an account's second factor (its own choice where not required, or the security administrator's reset). */
    async remove(trx: Kysely<DB>, userId: string) {
      await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
      const res = await trx.deleteFrom("user_totp").where("user_id", "=", userId).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },

    async newRecoveryCodes(trx: Kysely<DB>, userId: string) {
      return replaceRecoveryCodes(trx, userId, clock.now().toISOString());
    },
  };
}

/**
 * The reset of a lost second factor (the security administrator's page, or `shequ reset-2fa` when
 * no other security administrator is left to do it): the factor and its recovery codes go, the
 * account's sessions end (they were opened with the factor withdrawn), audited as auth.2fa_reset.
 * The account enrols again at its next sign-in where its role requires a second factor.
 */
export async function resetSecondFactor(
  trx: Kysely<DB>,
  deps: { twoFactor: TwoFactor; sessions: { end: ReturnType<typeof createSessions>["end"] }; audit: Audit },
  user: { id: string; username: string },
  by: { id: string | null; name: string; ip: string | null },
) {
  if (!(await deps.twoFactor.remove(trx, user.id)))
    throw new AppError(409, "NOT_ENROLLED", { zh: "该账号未启用两步验证", en: "The account has no second factor" });
  const live = await trx.selectFrom("sessions").select(["id", "user_id"]).where("user_id", "=", user.id).execute();
  await deps.sessions.end(
    trx,
    live.map((s) => ({ ...s, username: user.username })),
    "second factor reset",
    by,
  );
  await deps.audit.append(trx, { actorId: by.id, actorName: by.name, action: "auth.2fa_reset", entity: "user", entityId: user.id, ip: by.ip });
}

async function replaceRecoveryCodes(trx: Kysely<DB>, userId: string, now: string) {
  const codes = newRecoveryCodes(10);
  await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("user_recovery_codes")
    .values(codes.map((c) => ({ id: uuidv7(), user_id: userId, code_hash: hashRecoveryCode(userId, c), created_at: now, used_at: null })))
    .execute();
  return codes;
}

/**
 * Turns the enforcement of two-factor sign-in on or off for the whole deployment, audited as the
 * settings page's change is. The demo turns it off (its passwords are published and its walkthroughs
 * sign in as every role); a real deployment keeps the default, on.
 */
export async function setTwoFactorEnforced(
  deps: { db: Kysely<DB>; settings: Settings; audit: Audit },
  on: boolean,
  actor: { id: string | null; name: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const change = await deps.settings.put(trx, SECURITY.twoFactorEnforced.key, "", on, actor.id ?? "system");
    await deps.audit.append(trx, {
      actorId: actor.id,
      actorName: actor.name,
      action: "setting.update",
      entity: "setting",
      entityId: `${SECURITY.twoFactorEnforced.key}@default`,
      before: change.before,
      after: change.after,
    });
  });
}
