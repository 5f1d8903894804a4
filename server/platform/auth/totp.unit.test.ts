import { randomBytes } from "node:crypto";
import jsqrModule from "jsqr";
import { describe, expect, it } from "vitest";
import { qrMatrix } from "../../io/qr.js";
import {
  base32Decode,
  base32Encode,
  hashRecoveryCode,
  hotp,
  matchStep,
  newRecoveryCodes,
  newSecret,
  openSecret,
  otpauthUri,
  sealSecret,
  stepOf,
  totp,
} from "./totp.js";

// jsqr is CommonJS: under NodeNext its default import is typed as the module, at run time it is the function.
const jsQR: typeof jsqrModule.default = (jsqrModule as any).default ?? jsqrModule;

// RFC 6238 Appendix B: the seed "12345678901234567890" (SHA1), 8 digits.
const SEED = Buffer.from("12345678901234567890");
const VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("gives the RFC's test vectors (SHA1, 8 digits)", () => {
    for (const [t, code] of VECTORS) expect(hotp(SEED, Math.floor(t / 30), 8), String(t)).toBe(code);
  });
  it("gives RFC 4226's HOTP values for 6 digits", () => {
    expect([0, 1, 2, 9].map((c) => hotp(SEED, c))).toEqual(["755224", "287082", "359152", "520489"]);
  });
  it("Base32 round-trips and matches RFC 4648", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    for (let i = 0; i < 20; i++) {
      const b = randomBytes(i + 1);
      expect(base32Decode(base32Encode(b)).equals(b)).toBe(true);
    }
    expect(base32Decode(newSecret())).toHaveLength(20);
  });
  it("accepts a code one step either side, not two, and never a step already used", () => {
    const secret = base32Encode(SEED);
    const t = 1111111111_000;
    const s = stepOf(t);
    expect(matchStep(secret, totp(secret, t), t, null)).toBe(s);
    expect(matchStep(secret, totp(secret, t - 30_000), t, null)).toBe(s - 1);
    expect(matchStep(secret, totp(secret, t + 30_000), t, null)).toBe(s + 1);
    expect(matchStep(secret, totp(secret, t + 60_000), t, null)).toBeNull();
    expect(matchStep(secret, totp(secret, t), t, s)).toBeNull();
    expect(matchStep(secret, totp(secret, t + 30_000), t, s)).toBe(s + 1);
    expect(matchStep(secret, "12345", t, null)).toBeNull();
    expect(matchStep(secret, "abcdef", t, null)).toBeNull();
  });
  it("writes the otpauth URI authenticator apps read", () => {
    expect(otpauthUri("Shequ 社区", "secadmin", "JBSWY3DPEHPK3PXP")).toBe(
      "otpauth://totp/Shequ%20%E7%A4%BE%E5%8C%BA%3Asecadmin?secret=JBSWY3DPEHPK3PXP&issuer=Shequ%20%E7%A4%BE%E5%8C%BA",
    );
  });
  it("the QR code of the longest account's URI reads back with an independent decoder", () => {
    const uri = otpauthUri("Shequ 社区", "u".repeat(64), newSecret());
    const m = qrMatrix(uri);
    const px = 3;
    const n = (m.length + 8) * px;
    const data = new Uint8ClampedArray(n * n * 4).fill(255);
    for (const [y, row] of m.entries())
      for (const [x, dark] of row.entries())
        if (dark)
          for (let dy = 0; dy < px; dy++)
            for (let dx = 0; dx < px; dx++)
              data.fill(0, (((y + 4) * px + dy) * n + (x + 4) * px + dx) * 4, (((y + 4) * px + dy) * n + (x + 4) * px + dx) * 4 + 3);
    expect(jsQR(data, n, n)?.data).toBe(uri);
  });
  it("makes 10 distinct recovery codes, hashed whatever the case or dashes typed", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(hashRecoveryCode("u", codes[0])).toBe(hashRecoveryCode("u", codes[0].toLowerCase().replace("-", " ")));
    expect(hashRecoveryCode("u", codes[0])).not.toBe(hashRecoveryCode("v", codes[0]));
  });
  it("seals secrets so that another key or a changed byte does not open them", () => {
    const key = randomBytes(32);
    const sealed = sealSecret(key, "JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DP");
    expect(openSecret(key, sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(() => openSecret(randomBytes(32), sealed)).toThrow();
  });
});
