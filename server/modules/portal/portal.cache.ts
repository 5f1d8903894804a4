// The public answers of the portal, kept in the process: a popular item or list is read from the
// database once, then served from here until something is published, withdrawn or corrected
// (which clears it) or its time to live runs out (another server process may have published).
import { createHash } from "node:crypto";

export type Cached = { body: string; etag: string; lastModified: string };

export function createPublicCache(opts: { max?: number; ttlMs?: number; now?: () => number } = {}) {
  const max = opts.max ?? 5000;
  const ttl = opts.ttlMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const map = new Map<string, Cached & { at: number }>();
  const stats = { hits: 0, misses: 0, clears: 0 };
  return {
    stats,
    get(key: string): Cached | undefined {
      const e = map.get(key);
      if (!e || now() - e.at > ttl) {
        if (e) map.delete(key);
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      return e;
    },
    /** Stores a JSON answer with its ETag (a hash of the body) and Last-Modified (HTTP date). */
    put(key: string, body: string, lastModifiedIso: string | null): Cached {
      const etag = `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
      const lastModified = new Date(lastModifiedIso ?? 0).toUTCString();
      const e = { body, etag, lastModified, at: now() };
      if (map.size >= max) map.delete(map.keys().next().value as string);
      map.set(key, e);
      return e;
    },
    clear() {
      map.clear();
      stats.clears++;
    },
    size: () => map.size,
  };
}
export type PublicCache = ReturnType<typeof createPublicCache>;
