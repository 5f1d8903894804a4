import { describe, expect, it } from "vitest";
import { createScreenCache, MAX_AGE_MS, SLOW_MS, STALE_MS } from "./screen.cache.js";

// The screen's answer per data version: reused while nothing was written (and not too old), computed
// again after a write — at once when that is quick, in the background (the last answer meanwhile)
// when it is slow; concurrent refreshes share one computation.
function world() {
  let version = 1;
  let t = 0;
  let calls = 0;
  let cost = 10;
  const cache = createScreenCache<{ n: number }>(
    async () => version,
    () => t,
  );
  const compute = async () => {
    calls++;
    t += cost;
    return { n: calls };
  };
  return {
    cache,
    get: () => cache.get("k", compute),
    write: () => version++,
    wait: (ms: number) => (t += ms),
    slow: () => (cost = SLOW_MS + 50),
    calls: () => calls,
  };
}

describe("the screen's cache", () => {
  it("answers the same while the data version stays, anew after a write or when too old", async () => {
    const w = world();
    expect((await w.get()).n).toBe(1);
    w.wait(30_000);
    expect((await w.get()).n).toBe(1);
    w.write();
    expect((await w.get()).n).toBe(2);
    w.wait(MAX_AGE_MS);
    expect((await w.get()).n).toBe(3);
    expect(w.calls()).toBe(3);
  });

  it("when computing is slow, screens get the last answer while the next one is computed once", async () => {
    const w = world();
    w.slow();
    expect((await w.get()).n).toBe(1);
    w.write();
    const [a, b] = await Promise.all([w.get(), w.get()]);
    expect([a.n, b.n]).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 0));
    expect((await w.get()).n).toBe(2);
    expect(w.calls()).toBe(2);
    // Too old to stand in: the refresh waits for the new answer.
    w.write();
    w.wait(STALE_MS);
    expect((await w.get()).n).toBe(3);
  });
});
