import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.js";
import { emptyRows, lyingZipBomb, withExternalLink, withFormula, workbookParts, zipBomb, zipOf } from "../test/xlsx-bombs.js";
import { fromXlsx } from "./xlsx.js";
import { guardXlsx, inReadingOrder, XLSX_LIMITS } from "./xlsx-guard.js";

// Hostile uploads named .xlsx (issue 17): each refused quickly, with a code and a message in both
// languages, before the reader inflates more than the file declares.

async function refusal(p: Promise<unknown>): Promise<{ code: string; zh: string; en: string; ms: number }> {
  const t = performance.now();
  try {
    await p;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.status).toBe(400);
    return { code: e.code, zh: e.msg.zh, en: e.msg.en, ms: performance.now() - t };
  }
  throw new Error("not refused");
}

describe("XLSX guard", () => {
  it("hands the reader the workbook's own parts before its sheets (ExcelJS stores workbook.xml last; the stream reader raced)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("名册").addRows([["姓名"], ["居民甲"], ["居民乙"]]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const names = (b: Buffer) => {
      const out: string[] = [];
      for (let p = 0; b.readUInt32LE(p) === 0x04034b50; ) {
        const nameLen = b.readUInt16LE(p + 26);
        out.push(b.toString("utf8", p + 30, p + 30 + nameLen));
        const next = b.indexOf(Buffer.from([0x50, 0x4b]), p + 30 + nameLen + b.readUInt32LE(p + 18));
        if (next < 0) break;
        p = next;
      }
      return out;
    };
    const before = names(buf);
    expect(before.indexOf("xl/workbook.xml")).toBeGreaterThan(before.indexOf("xl/worksheets/sheet1.xml"));
    const after = names(inReadingOrder(buf, await guardXlsx(buf)));
    expect(after.slice(0, 2)).toEqual(["xl/_rels/workbook.xml.rels", "xl/workbook.xml"]);
    expect(after.at(-1)).toBe("xl/worksheets/sheet1.xml");
    expect([...after].sort()).toEqual([...before].sort());
    expect((await fromXlsx(buf)).map((r) => r.values.姓名)).toEqual(["居民甲", "居民乙"]);
  });

  it("refuses a sheet cut off half-way (the reader would hand over the rows before the cut as all of them)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名册");
    ws.addRow(["姓名", "序号"]);
    for (let i = 0; i < 50; i++) ws.addRow([`居民${i}`, i]);
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await fromXlsx(whole)).toHaveLength(50);
    const zip = await JSZip.loadAsync(whole);
    const sheet = Object.keys(zip.files).find((n) => n.startsWith("xl/worksheets/sheet")) as string;
    const xml = await zip.file(sheet)?.async("string");
    zip.file(sheet, (xml as string).slice(0, Math.floor((xml as string).length / 2)));
    for (const compression of ["DEFLATE", "STORE"] as const) {
      const cut = Buffer.from(await zip.generateAsync({ type: "nodebuffer", compression }));
      const r = await refusal(fromXlsx(cut));
      expect(r.code).toBe("XLSX_TRUNCATED");
      expect(r.zh).toContain("截断");
      expect(r.en).toContain("cut off");
    }
    // Whitespace and a comment after the root element are well-formed XML: still read.
    zip.file(sheet, `${xml}\n<!-- saved -->\n`);
    expect(await fromXlsx(Buffer.from(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" })))).toHaveLength(50);
  });

  it("refuses a zip bomb (1 MB that inflates to 1 GB) from its declared sizes, at once", async () => {
    const bomb = await zipBomb(1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const r = await refusal(fromXlsx(bomb));
    expect(r.code).toBe("XLSX_TOO_LARGE");
    expect(r.zh).toContain("解压后过大");
    expect(r.en).toContain("zip bomb");
    expect(r.ms).toBeLessThan(1000);
  });

  it("refuses a bomb whose directory lies about its size after inflating no more than it declares", async () => {
    const r = await refusal(fromXlsx(await lyingZipBomb(1024)));
    expect(r.code).toBe("XLSX_TOO_LARGE");
    expect(r.en).toContain("more than it declares");
    expect(r.ms).toBeLessThan(1000);
  });

  it("refuses a file past the inflated limit even when it is no bomb", async () => {
    const r = await refusal(fromXlsx(await zipBomb(8), { ...XLSX_LIMITS, maxInflatedBytes: 4 * 1024 * 1024 }));
    expect(r.code).toBe("XLSX_TOO_LARGE");
  });

  it("refuses a sheet of a million empty rows from its <dimension>, and counts rows where it has none", async () => {
    const million = await emptyRows(1_000_000, { dimension: true, numbered: false });
    const r = await refusal(fromXlsx(million));
    expect(r).toMatchObject({ code: "XLSX_TOO_MANY_ROWS" });
    expect(r.zh).toContain("100 万余 行");
    expect(r.en).toContain("delete the empty rows");
    expect(r.ms).toBeLessThan(1500);
    const undeclared = await refusal(fromXlsx(await emptyRows(3000), { ...XLSX_LIMITS, maxRows: 1000 }));
    expect(undeclared.code).toBe("XLSX_TOO_MANY_ROWS");
    // Under the limit, empty rows are just skipped.
    expect(await fromXlsx(await emptyRows(500), { ...XLSX_LIMITS, maxRows: 1000 })).toEqual([]);
  });

  it("reads a formula's saved value, refuses one without a value or linking outside the file", async () => {
    expect(await fromXlsx(await withFormula("1+1", "2"))).toEqual([{ row: 2, values: { 姓名: "张三", 电话: "2" } }]);
    const none = await refusal(fromXlsx(await withFormula("A2&1")));
    expect(none.code).toBe("XLSX_FORMULA_NO_VALUE");
    expect(none.zh).toContain("单元格 B2");
    for (const f of ["[1]Sheet1!A1", "'C:\\\\x\\\\[book.xlsx]Sheet1'!A1", "cmd|' /C calc'!A0", 'WEBSERVICE("http://127.0.0.1/")']) {
      const r = await refusal(fromXlsx(await withFormula(f, "13800000000")));
      expect(r.code, f).toBe("XLSX_EXTERNAL_LINK");
      expect(r.zh).toContain("B2");
    }
    const linked = await refusal(fromXlsx(await withExternalLink()));
    expect(linked.code).toBe("XLSX_EXTERNAL_LINK");
    expect(linked.en).toContain("external links");
  });

  it("refuses what is no XLSX under an .xlsx name, saying what it looks like", async () => {
    const good = await new ExcelJS.Workbook().xlsx.writeBuffer().then((b) => Buffer.from(b));
    const docx = new JSZip();
    docx.file("[Content_Types].xml", "<Types/>");
    docx.file("word/document.xml", "<w:document/>");
    const cases: Array<[string, Buffer, string]> = [
      ["empty", Buffer.alloc(0), "the file is empty"],
      ["csv", Buffer.from("姓名,电话\n张三,13800000000\n"), "text (CSV"],
      ["pdf", Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "PDF"],
      ["xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), ".xls"],
      ["docx", await docx.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }), "no Excel workbook"],
      ["truncated", good.subarray(0, Math.floor(good.length / 2)), "incomplete"],
      ["random", Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256)), "Not a valid XLSX"],
    ];
    for (const [what, buf, en] of cases) {
      const r = await refusal(fromXlsx(buf));
      expect(r.code, what).toBe("NOT_XLSX");
      expect(r.en, what).toContain(en);
      expect(r.zh, what).toMatch(/^文件不是有效的 XLSX/);
    }
  });

  it("refuses an entry hidden between the ones the directory lists", async () => {
    const parts = [...(await workbookParts())].map(([name, data]) => ({ name, data }));
    const zip = zipOf(parts);
    const hidden = zipOf([{ name: "xl/hidden.xml", data: Buffer.from("x".repeat(100)) }]);
    const hiddenLocal = hidden.subarray(0, hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    // The hidden entry goes first: every listed offset moves, so rewrite none and the directory no longer matches.
    const r = await refusal(fromXlsx(Buffer.concat([hiddenLocal, zip])));
    expect(r.code).toBe("NOT_XLSX");
  });
});
