import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// scrypt is memory-hard and ships with Node: N=2^15, r=8 uses 32 MiB per hash.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

// Each hash holds 32 MiB while it runs, and Node runs four at once: a morning's rush of logins would
// add 128 MiB to the server. Two at a time keep it to 64 MiB; the others wait their turn (each
// takes well under a tenth of a second).
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: Array<() => void> = [];
/** The most hashes ever running at once (for the test). */
export const hashing = { peak: 0 };

// The cost new hashes are made with. Only the test suite lowers it (server/test/helpers.ts): its
// worlds make a few dozen accounts each and every test signs in, and at N=2^15 hashing was a
// quarter of the suite's time. A stored hash carries its own cost, so verifying follows the hash.
// Nothing in the server or its configuration can lower it.
let costN = N;
/** For the test suite only: the scrypt cost N of new hashes (a power of two, at least 2^10); answers the cost before. */
export function setHashCostForTests(n: number): number {
  if (!Number.isInteger(Math.log2(n)) || n < 1 << 10 || n > N) throw new Error(`scrypt N must be a power of two in [2^10, 2^15], not ${n}`);
  const before = costN;
  costN = n;
  return before;
}

async function derive(password: string, salt: Buffer, n = costN, r = R, p = P): Promise<Buffer> {
  if (running < MAX_CONCURRENT) running++;
  else await new Promise<void>((go) => waiting.push(go)); // the slot is handed over, not counted again
  hashing.peak = Math.max(hashing.peak, running);
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize("NFKC"), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return `scrypt$${costN}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/**
 * A well-formed hash that no password matches (its key is random, not derived): an account made
 * without a password (an import) can log in only after the security administrator sets one.
 * Checking a password against it takes as long as against any other hash.
 */
export function unusablePasswordHash(): string {
  return `scrypt$${costN}$${R}$${P}$${randomBytes(16).toString("base64")}$${randomBytes(KEYLEN).toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split("$");
  if (alg !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** 等保 2.0: at least 8 characters with 3 of the 4 classes. Returns the problem, or null. */
export function passwordProblem(password: string, minLength = 8): { zh: string; en: string } | null {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < minLength || classes < 3)
    return {
      zh: `密码至少 ${minLength} 位，且包含大写字母、小写字母、数字、符号中的至少三类`,
      en: `Password needs at least ${minLength} characters and 3 of: upper case, lower case, digits, symbols`,
    };
  if (password.length > 128) return { zh: "密码过长（最多 128 位）", en: "Password too long (max 128)" };
  return null;
}
