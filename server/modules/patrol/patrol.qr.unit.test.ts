import jsqrModule from "jsqr";
import { describe, expect, it } from "vitest";
import { qrMatrix, qrSvg } from "../../io/qr.js";
import { checkinUrl } from "./patrol.routes.js";

// jsqr is CommonJS: under NodeNext its default import is typed as the module, at run time it is the function.
const jsQR: typeof jsqrModule.default = (jsqrModule as any).default ?? jsqrModule;

// The labels on the posts are drawn by our own encoder; an independent decoder (jsQR, as a phone's
// camera app would) must read back exactly what was encoded, at every version the encoder uses.

/** The module matrix as RGBA pixels: black on white, a 4-module quiet zone, `px` pixels per module. */
function render(m: boolean[][], px = 4) {
  const quiet = 4;
  const n = (m.length + quiet * 2) * px;
  const data = new Uint8ClampedArray(n * n * 4).fill(255);
  for (const [y, row] of m.entries())
    for (const [x, dark] of row.entries()) {
      if (!dark) continue;
      for (let dy = 0; dy < px; dy++)
        for (let dx = 0; dx < px; dx++) {
          const i = (((y + quiet) * px + dy) * n + (x + quiet) * px + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
    }
  return { data, width: n, height: n };
}

const decode = (text: string, px = 4) => {
  const m = qrMatrix(text);
  const img = render(m, px);
  return { version: (m.length - 17) / 4, read: jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" }) };
};

/** Byte capacities at level M (ISO/IEC 18004 table 7): the longest text each version holds. */
const URL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/?=&:.%~";
const CAPACITY_M = [0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

describe("QR encoder, read back by an independent decoder", () => {
  it("a real check-in URL with its token", () => {
    const url = checkinUrl("https://shequ.example.gov.cn", "0195a3b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b", "Ab-_9xYz0123456789AB");
    const { read, version } = decode(url);
    expect(read?.data).toBe(url);
    expect(version).toBeGreaterThan(1);
  });

  it("a check-in URL on a LAN address, as the demo prints it", () => {
    const url = checkinUrl("http://192.168.1.20:3000", "01900000-0000-7000-8000-000000000001", "q1w2e3r4t5y6u7i8");
    expect(decode(url).read?.data).toBe(url);
  });

  // At each version's full capacity and one byte into it, so every version 1–10 is drawn and read.
  const lengths = [1, ...CAPACITY_M.slice(1).flatMap((c, i) => [c, ...(i > 0 ? [CAPACITY_M[i] + 1] : [])])];
  it.each(lengths)("%i bytes", (len) => {
    const text = Array.from({ length: len }, (_, i) => URL_CHARS[(i * 7 + len) % URL_CHARS.length]).join("");
    expect(Buffer.byteLength(text)).toBe(len);
    const { read, version } = decode(text);
    expect(version).toBe(CAPACITY_M.findIndex((c) => c >= len));
    expect(read, `version ${version} not decoded`).not.toBeNull();
    expect(read?.data).toBe(text);
  });

  it("UTF-8 text (a point's Chinese name) reads back as bytes", () => {
    const text = "狮径消防通道1号 XC0001";
    const { read } = decode(text);
    expect(read).not.toBeNull();
    expect(Buffer.from(read?.binaryData ?? []).toString("utf8")).toBe(text);
  });

  it("reads at 2 and 8 pixels per module too", () => {
    const url = checkinUrl("http://localhost:3000", "01900000-0000-7000-8000-00000000abcd", "tok_tok_tok_tok1");
    expect(decode(url, 2).read?.data).toBe(url);
    expect(decode(url, 8).read?.data).toBe(url);
  });

  it("writes the standard format and version information (both copies)", () => {
    // ISO/IEC 18004 tables C.1 (level M, masks 0–7) and D.1 (versions 7–10).
    const FORMAT_M = [0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0];
    const VERSION = { 7: 0x07c94, 8: 0x085bc, 9: 0x09a99, 10: 0x0a4d3 } as Record<number, number>;
    for (const len of [10, 100, 115, 130, 160, 200]) {
      const m = qrMatrix("x".repeat(len));
      const size = m.length;
      const at = (x: number, y: number) => (m[y][x] ? 1 : 0);
      let a = 0;
      let b = 0;
      for (let i = 0; i <= 5; i++) a |= at(8, i) << i;
      a |= (at(8, 7) << 6) | (at(8, 8) << 7) | (at(7, 8) << 8);
      for (let i = 9; i < 15; i++) a |= at(14 - i, 8) << i;
      for (let i = 0; i < 8; i++) b |= at(size - 1 - i, 8) << i;
      for (let i = 8; i < 15; i++) b |= at(8, size - 15 + i) << i;
      expect(FORMAT_M).toContain(a);
      expect(b).toBe(a);
      expect(at(8, size - 8)).toBe(1); // the dark module
      const ver = (size - 17) / 4;
      if (ver >= 7) {
        let v1 = 0;
        let v2 = 0;
        for (let i = 0; i < 18; i++) {
          v1 |= at(size - 11 + (i % 3), Math.floor(i / 3)) << i;
          v2 |= at(Math.floor(i / 3), size - 11 + (i % 3)) << i;
        }
        expect(v1).toBe(VERSION[ver]);
        expect(v2).toBe(VERSION[ver]);
      }
    }
  });

  it("refuses text longer than version 10 holds", () => {
    expect(() => qrMatrix("x".repeat(214))).toThrow(/too long/);
  });

  it("the SVG draws the same modules as the matrix, with the quiet zone", () => {
    const text = "https://example.org/patrol/checkin/1?t=abc";
    const m = qrMatrix(text);
    const svg = qrSvg(text, 3);
    const n = m.length + 8;
    expect(svg).toContain(`viewBox="0 0 ${n} ${n}"`);
    expect(svg).toContain(`width="${n * 3}"`);
    const rects = svg.match(/M\d+ \d+h1v1h-1z/g) ?? [];
    expect(rects.length).toBe(m.flat().filter(Boolean).length);
    for (const r of rects.slice(0, 50)) {
      const [, x, y] = r.match(/M(\d+) (\d+)/) as RegExpMatchArray;
      expect(m[Number(y) - 4][Number(x) - 4]).toBe(true);
    }
  });
});
