import { describe, expect, it } from "vitest";
import { hashing, hashPassword, verifyPassword } from "./password.js";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const h = await hashPassword("Shequ@2024");
    expect(await verifyPassword("Shequ@2024", h)).toBe(true);
    expect(await verifyPassword("Shequ@2025", h)).toBe(false);
  });

  it("runs at most two hashes at once however many logins arrive together (32 MiB each)", async () => {
    const h = await hashPassword("Shequ@2024");
    hashing.peak = 0;
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => verifyPassword(i % 2 ? "Shequ@2024" : "wrong", h)));
    expect(results).toEqual([false, true, false, true, false, true, false]);
    expect(hashing.peak).toBe(2);
  });
});
