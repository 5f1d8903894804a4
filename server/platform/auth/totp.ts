// RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) with node:crypto, and the pieces of two-factor
// sign-in that need no database: Base32 secrets, the otpauth:// URI, recovery codes, and the
// encryption of secrets at rest (AES-256-GCM). Checked against the RFC's own test vectors.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const STEP_SECONDS = 30;
export const DIGITS = 6;
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/[\s=-]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = B32.indexOf(ch);
    if (i < 0) throw new Error(`not Base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226) of a counter, `digits` long; the key is raw bytes. */
export function hotp(key: Buffer, counter: number, digits = DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 10 ** digits).padStart(digits, "0");
}

export const stepOf = (ms: number) => Math.floor(ms / 1000 / STEP_SECONDS);

/** The code of a Base32 secret at a moment (ms since the epoch). */
export function totp(secret: string, ms: number): string {
  return hotp(base32Decode(secret), stepOf(ms));
}

/**
 * The step whose code `code` is, within ±`window` steps of `ms` and after `lastStep` (a code once
 * accepted is never accepted again, RFC 6238 §5.2), or null.
 */
export function matchStep(secret: string, code: string, ms: number, lastStep: number | null, window = 1): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secret);
  const now = stepOf(ms);
  for (let s = now - window; s <= now + window; s++) {
    if (lastStep !== null && s <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, s)), Buffer.from(code))) return s;
  }
  return null;
}

/** A new secret: 20 random bytes (160 bits, as RFC 4226 recommends), Base32. */
export const newSecret = () => base32Encode(randomBytes(20));

/**
 * otpauth://totp/Issuer:account?secret=…&issuer=… (Google Authenticator's Key Uri Format). SHA1, 6
 * digits and 30 s are the format's defaults and left out, so the QR code stays small.
 */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
}

// Recovery codes: 10 groups of 4+4 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
const RC = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function newRecoveryCodes(n = 10): string[] {
  return Array.from({ length: n }, () => {
    const b = randomBytes(8);
    const s = [...b].map((x) => RC[x % RC.length]).join("");
    return `${s.slice(0, 4)}-${s.slice(4)}`;
  });
}
/** A recovery code as typed (any case, with or without the dash or spaces), normalised. */
export const normaliseRecoveryCode = (s: string) => s.replace(/[\s-]/g, "").toUpperCase();
/** Codes are random (40 bits each, single use, attempts rate-limited and locking), so a salted sha256 is enough. */
export const hashRecoveryCode = (userId: string, code: string) =>
  createHash("sha256")
    .update(`${userId}|${normaliseRecoveryCode(code)}`)
    .digest("hex");

/** AES-256-GCM of a secret: base64url(iv | tag | ciphertext). */
export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64url");
}
export function openSecret(key: Buffer, sealed: string): string {
  const buf = Buffer.from(sealed, "base64url");
  const d = createDecipheriv("aes-256-gcm", key, buf.subarray(0, 12));
  d.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString("utf8");
}
