import { randomBytes } from "node:crypto";

// Random bytes drawn 4 KiB at a time: one call into the system's generator per 256 ids.
const POOL = 4096;
let pool = Buffer.alloc(0);
let at = POOL;

/** UUIDv7 (RFC 9562): time-ordered, so ids sort by creation and index well. */
export function uuidv7(now = Date.now()): string {
  if (at + 16 > POOL) {
    pool = randomBytes(POOL);
    at = 0;
  }
  const b = Buffer.from(pool.subarray(at, at + 16));
  at += 16;
  // 48-bit milliseconds, big-endian (plain arithmetic: 2^48 is well within a double's 2^53).
  const hi = Math.floor(now / 0x1000000);
  const lo = now % 0x1000000;
  b[0] = (hi >>> 16) & 0xff;
  b[1] = (hi >>> 8) & 0xff;
  b[2] = hi & 0xff;
  b[3] = (lo >>> 16) & 0xff;
  b[4] = (lo >>> 8) & 0xff;
  b[5] = lo & 0xff;
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const ZID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
