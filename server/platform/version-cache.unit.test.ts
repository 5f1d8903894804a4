import { describe, expect, it } from "vitest";
import { createVersionCache, type VersionCacheOptions } from "./version-cache.js";

// Answers per data version: reused while nothing was written (and not too old), computed again after
// a write — at once, or (the screen's `stale`) in the background with the last answer meanwhile when
// computing is slow; concurrent callers share one computation; bounded.
const MAX_AGE = 60_000;
const STALE = { slowMs: 200, maxAgeMs: 30_000 };

function world(opts: Partial<VersionCacheOptions> = {}) {
  let version = 1;
  let t = 0;
  let calls = 0;
  let cost = 10;
  const cache = createVersionCache<{ n: number }>({ version: async () => version, now: () => t, maxAgeMs: MAX_AGE, maxEntries: 100, ...opts });
  const compute = async () => {
    calls++;
    t += cost;
    return { n: calls };
  };
  return {
    cache,
    get: (key = "k") => cache.get(key, compute),
    write: () => version++,
    wait: (ms: number) => (t += ms),
    slow: () => (cost = STALE.slowMs + 50),
    calls: () => calls,
  };
}

/** A computation that ends when the test says so. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const p = new Promise<T>((r) => (resolve = r));
  return { p, resolve };
}

describe("the version cache", () => {
  it("answers the same while the data version stays, anew after a write or when too old", async () => {
    const w = world();
    expect((await w.get()).n).toBe(1);
    w.wait(MAX_AGE / 2);
    expect((await w.get()).n).toBe(1);
    w.write();
    expect((await w.get()).n).toBe(2);
    w.wait(MAX_AGE);
    expect((await w.get()).n).toBe(3);
    expect(w.calls()).toBe(3);
    expect(w.cache.computed()).toBe(3);
  });

  it("keeps each key's answer apart", async () => {
    const w = world();
    expect((await w.get("a")).n).toBe(1);
    expect((await w.get("b")).n).toBe(2);
    expect((await w.get("a")).n).toBe(1);
    expect((await w.get("b")).n).toBe(2);
  });

  it("after a write, a slow answer is computed again before it is given (no stale answers by default)", async () => {
    const w = world();
    w.slow();
    expect((await w.get()).n).toBe(1);
    w.write();
    expect((await w.get()).n).toBe(2);
  });

  it("a clock set back does not make an old answer fresh", async () => {
    const w = world();
    w.wait(10_000);
    expect((await w.get()).n).toBe(1);
    w.wait(-5_000);
    expect((await w.get()).n).toBe(2);
  });

  it("concurrent callers of one key compute once", async () => {
    let calls = 0;
    const d = deferred<number>();
    const cache = createVersionCache<number>({ version: async () => 1, maxAgeMs: MAX_AGE, maxEntries: 10 });
    const compute = () => {
      calls++;
      return d.p;
    };
    const all = Promise.all([cache.get("k", compute), cache.get("k", compute), cache.get("k", compute)]);
    await new Promise((r) => setTimeout(r, 0));
    d.resolve(7);
    expect(await all).toEqual([7, 7, 7]);
    expect(calls).toBe(1);
  });

  it("a caller who saw a newer version does not wait for the computation of an older one", async () => {
    let version = 1;
    const cache = createVersionCache<string>({ version: async () => version, maxAgeMs: MAX_AGE, maxEntries: 10 });
    const old = deferred<string>();
    const first = cache.get("k", () => old.p);
    await new Promise((r) => setTimeout(r, 0));
    version = 2;
    const second = await cache.get("k", async () => "after the write");
    expect(second).toBe("after the write");
    old.resolve("before the write");
    expect(await first).toBe("before the write");
    // The older answer, ending last, does not replace the newer one.
    expect(await cache.get("k", async () => "again")).toBe("after the write");
  });

  it("a failed computation is not kept: the next caller tries again", async () => {
    const cache = createVersionCache<number>({ version: async () => 1, maxAgeMs: MAX_AGE, maxEntries: 10 });
    await expect(cache.get("k", async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("k", async () => 3)).toBe(3);
    expect(cache.computed()).toBe(1);
  });

  it("holds at most maxEntries answers, dropping the least recently used", async () => {
    const w = world({ maxEntries: 3 });
    for (const k of ["a", "b", "c"]) await w.get(k);
    await w.get("a"); // used: b is now the oldest
    await w.get("d");
    expect(w.cache.size()).toBe(3);
    const before = w.calls();
    await w.get("a");
    await w.get("c");
    await w.get("d");
    expect(w.calls()).toBe(before);
    await w.get("b");
    expect(w.calls()).toBe(before + 1);
  });

  it("stale (the screen): when computing is slow, callers get the last answer while the next one is computed once", async () => {
    const w = world({ stale: STALE });
    w.slow();
    expect((await w.get()).n).toBe(1);
    w.write();
    const [a, b] = await Promise.all([w.get(), w.get()]);
    expect([a.n, b.n]).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 0));
    expect((await w.get()).n).toBe(2);
    expect(w.calls()).toBe(2);
    // Too old to stand in: the caller waits for the new answer.
    w.write();
    w.wait(STALE.maxAgeMs);
    expect((await w.get()).n).toBe(3);
  });
});
