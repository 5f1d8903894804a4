import zlib from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";

// Hostile spreadsheets, made in memory in milliseconds (server/io/xlsx-guard.test.ts and
// bench/import-bombs.ts): a zip bomb, a lying zip, a million empty rows, formulas and links to
// other workbooks, a file that is no XLSX under an .xlsx name.

type Part = { name: string; data: Buffer } | { name: string; deflated: Buffer; size: number; crc?: number };

/** A zip of these parts, written by hand so that sizes and data can be made to disagree. */
export function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const data = "data" in p ? zlib.deflateRawSync(p.data) : p.deflated;
    const size = "data" in p ? p.data.length : p.size;
    const crc = "data" in p ? zlib.crc32(p.data) : (p.crc ?? 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A deflate stream that inflates to `mb` megabytes of zeros, `mb` KB long: one block of a megabyte
 * of zeros after a full flush (so it refers to nothing before it), repeated, then a final empty block.
 */
export function zerosDeflated(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
}

/** The parts of a one-sheet workbook (as ExcelJS writes it), by name; sheet1 holds `rows`. */
export async function workbookParts(rows: unknown[][] = [["姓名", "电话"]]): Promise<Map<string, Buffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  for (const r of rows) ws.addRow(r);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const parts = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) parts.set(name, await f.async("nodebuffer"));
  return parts;
}

const SHEET = "xl/worksheets/sheet1.xml";
const sheetXml = (rows: string, dimension?: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dimension ? `<dimension ref="${dimension}"/>` : ""}<sheetData>${rows}</sheetData></worksheet>`;

/** A workbook whose sheet is a zip bomb: `mb` MB of zeros in its XML, from a file of about `mb` KB; the directory says so honestly. */
export async function zipBomb(mb: number): Promise<Buffer> {
  const parts = await workbookParts();
  parts.delete(SHEET);
  return zipOf([...[...parts].map(([name, data]) => ({ name, data })), { name: SHEET, deflated: zerosDeflated(mb), size: mb * 1024 * 1024 }]);
}

/** The same bomb under a directory that claims its sheet is 2 KB. */
export async function lyingZipBomb(mb: number): Promise<Buffer> {
  const parts = await workbookParts();
  parts.delete(SHEET);
  return zipOf([...[...parts].map(([name, data]) => ({ name, data })), { name: SHEET, deflated: zerosDeflated(mb), size: 2048 }]);
}

/**
 * A header row, then `n` empty rows, with or without a <dimension> saying how many. The rows are
 * numbered (`<row r="…"/>`, as Excel writes them) unless `numbered: false` (`<row/>`, which is
 * quicker to make for a million).
 */
export async function emptyRows(n: number, opts: { dimension?: boolean; numbered?: boolean } = {}): Promise<Buffer> {
  const parts = await workbookParts();
  const head = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>';
  let rows: string;
  if (opts.numbered === false) rows = head + "<row/>".repeat(n);
  else {
    const all = [head];
    for (let r = 2; r <= n + 1; r++) all.push(`<row r="${r}"/>`);
    rows = all.join("");
  }
  parts.set(SHEET, Buffer.from(sheetXml(rows, opts.dimension ? `A1:A${n + 1}` : undefined)));
  return zipOf([...parts].map(([name, data]) => ({ name, data })));
}

/** A header row and one row whose second cell is this formula, with or without a saved value. */
export async function withFormula(formula: string, cached?: string): Promise<Buffer> {
  const parts = await workbookParts();
  const esc = (x: string) => x.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const value = cached === undefined ? "" : `<v>${esc(cached)}</v>`;
  const rows =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>电话</t></is></c></row>' +
    `<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"${cached !== undefined && Number.isNaN(Number(cached)) ? ' t="str"' : ""}><f>${esc(formula)}</f>${value}</c></row>`;
  parts.set(SHEET, Buffer.from(sheetXml(rows)));
  return zipOf([...parts].map(([name, data]) => ({ name, data })));
}

/** A workbook with a link to another workbook (an xl/externalLinks/ part, as Excel saves one). */
export async function withExternalLink(): Promise<Buffer> {
  const parts = await workbookParts([["姓名"], ["张三"]]);
  parts.set(
    "xl/externalLinks/externalLink1.xml",
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>',
    ),
  );
  return zipOf([...parts].map(([name, data]) => ({ name, data })));
}
