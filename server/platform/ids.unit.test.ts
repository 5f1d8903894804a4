import { describe, expect, it } from "vitest";
import { uuidv7, ZID_PATTERN } from "./ids.js";

describe("uuidv7", () => {
  it("carries the time in its first 48 bits, version 7, RFC variant", () => {
    for (const t of [0, 1, Date.UTC(2024, 5, 1, 12, 34, 56, 789), 2 ** 48 - 1]) {
      const id = uuidv7(t);
      expect(id).toMatch(ZID_PATTERN);
      expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(t);
      expect(id[14]).toBe("7");
      expect("89ab").toContain(id[19]);
    }
  });
  it("sorts by time and never repeats", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 20000 }, () => uuidv7())).size).toBe(20000);
  });
});
