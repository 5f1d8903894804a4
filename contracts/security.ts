// The security administrator's page (安全管理) and two-factor sign-in: shared by server and web.
import { z } from "zod";

export const ZSecuritySession = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type TSecuritySession = z.infer<typeof ZSecuritySession>;

export const ZLockedAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  lockedUntil: z.string(),
});
export type TLockedAccount = z.infer<typeof ZLockedAccount>;

/** A sign-in event: an audit entry of sign-in, failure, lock, unlock, two-factor or session end. */
export const ZSignInEvent = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  /** The account the event is about. */
  username: z.string().nullable(),
  success: z.boolean(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
});
export type TSignInEvent = z.infer<typeof ZSignInEvent>;

export const ZTwoFactorAccount = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), role: z.string(), enrolledAt: z.string() });

export const ZEnrolment = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string(), issuer: z.string(), account: z.string() });
export type TEnrolment = z.infer<typeof ZEnrolment>;

export const ZTwoFactorStatus = z.object({ enrolled: z.boolean(), enrolledAt: z.string().nullable(), required: z.boolean(), recoveryCodesLeft: z.number() });
export type TTwoFactorStatus = z.infer<typeof ZTwoFactorStatus>;

/** The audit actions shown as sign-in events. */
export const SIGN_IN_ACTIONS = [
  "auth.login",
  "auth.logout",
  "auth.lock",
  "user.unlock",
  "auth.2fa_challenge",
  "auth.2fa_verify",
  "auth.2fa_recovery",
  "auth.2fa_enrol",
  "auth.2fa_disable",
  "auth.2fa_reset",
  "auth.2fa_recovery_codes",
  "auth.session_end",
  "auth.password_change",
  "user.reset_password",
] as const;
