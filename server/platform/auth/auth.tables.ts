/** An account's TOTP secret (migration 030), sealed (platform/auth/totp.ts sealSecret). */
export interface UserTotpTable {
  user_id: string;
  secret_enc: string;
  /** Null until the user typed a first code: an unconfirmed secret does not guard the login. */
  confirmed_at: string | null;
  /** The last step accepted: a code is accepted once. */
  last_step: number | null;
  created_at: string;
}

export interface UserRecoveryCodeTable {
  id: string;
  user_id: string;
  /** sha256 of user id and the normalised code (totp.ts hashRecoveryCode). */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** Between a right password and a session: the code step ("verify") or a required enrolment ("enrol"). */
export interface LoginChallengeTable {
  /** sha256 of the challenge cookie's token. */
  id: string;
  user_id: string;
  purpose: "verify" | "enrol";
  attempts: number;
  ip: string | null;
  created_at: string;
  expires_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    user_totp: UserTotpTable;
    user_recovery_codes: UserRecoveryCodeTable;
    login_challenges: LoginChallengeTable;
  }
}
