import { describe, expect, it } from "vitest";
import { hashing, hashPassword, setHashCostForTests, verifyPassword } from "./password.js";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const h = await hashPassword("Shequ@2024");
    expect(await verifyPassword("Shequ@2024", h)).toBe(true);
    expect(await verifyPassword("Shequ@2025", h)).toBe(false);
  });

  it("hashes with scrypt N=2^15, r=8, p=1 unless the test suite lowers it, and verifies by the hash's own cost", async () => {
    // The suite's files may share one module registry: set the server's cost here, put back what was.
    const was = setHashCostForTests(1 << 15);
    try {
      expect(await hashPassword("Shequ@2024")).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(() => setHashCostForTests(1000)).toThrow();
      expect(() => setHashCostForTests(1 << 16)).toThrow();
      const full = await hashPassword("Shequ@2024");
      setHashCostForTests(1 << 10);
      const cheap = await hashPassword("Shequ@2024");
      expect(cheap).toMatch(/^scrypt\$1024\$/);
      expect(await verifyPassword("Shequ@2024", cheap)).toBe(true);
      // A hash made at the full cost still verifies while the cost is lowered.
      expect(await verifyPassword("Shequ@2024", full)).toBe(true);
    } finally {
      setHashCostForTests(was);
    }
  });

  it("runs at most two hashes at once however many logins arrive together (32 MiB each)", async () => {
    const h = await hashPassword("Shequ@2024");
    hashing.peak = 0;
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => verifyPassword(i % 2 ? "Shequ@2024" : "wrong", h)));
    expect(results).toEqual([false, true, false, true, false, true, false]);
    expect(hashing.peak).toBe(2);
  });
});
