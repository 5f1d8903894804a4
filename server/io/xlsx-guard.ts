import zlib from "node:zlib";
import { AppError } from "../platform/errors.js";

// An uploaded .xlsx is a zip of XML files, and a zip can lie: a few MB that inflate to gigabytes
// (a zip bomb), sizes in its directory that are not what its data inflates to, entries hidden
// between the listed ones, a million empty rows, links to other workbooks. Before the streaming
// reader (ExcelJS, server/io/xlsx.ts) sees a file, `guardXlsx` reads the zip's own structure from
// the buffer and refuses, in both languages, whatever is not a plain workbook of a sane size:
// - no zip, or a zip that is no workbook (a renamed .xls, an encrypted file, a CSV, a PDF);
// - a directory that does not match the entries (each entry's data starts where the previous ends);
// - more than `maxInflatedBytes` in all when inflated, by the sizes it declares — checked by
//   inflating every entry with a counter that stops at the declared size, so a lying entry is
//   found after at most its declared size and no more is ever inflated; the output is not kept;
// - links to other workbooks (xl/externalLinks/);
// - a first sheet whose declared range (<dimension>) has more than `maxRows` rows.
// Rows past `maxRows` in a sheet without a true <dimension>, and formulas, are refused by the reader.

export const XLSX_LIMITS = {
  /** Everything in the file, inflated (a 100,000-row register is about 100 MB). */
  maxInflatedBytes: 400 * 1024 * 1024,
  /** Rows of a sheet, empty ones included. */
  maxRows: 200_000,
  maxEntries: 10_000,
};
export type XlsxLimits = typeof XLSX_LIMITS;

const refuse = (code: string, zh: string, en: string) => new AppError(400, code, { zh, en });
export const notXlsx = (hint?: { zh: string; en: string }) =>
  refuse("NOT_XLSX", `文件不是有效的 XLSX${hint ? `：${hint.zh}` : ""}`, `Not a valid XLSX file${hint ? `: ${hint.en}` : ""}`);
export const tooManyRows = (rows: number, max: number) =>
  refuse(
    "XLSX_TOO_MANY_ROWS",
    `表格行数超过上限（${rows >= 1_000_000 ? `${Math.floor(rows / 10_000)} 万余` : rows} 行，上限 ${max} 行）：请删除末尾的空行，或分成几个文件导入`,
    `The sheet has more rows than allowed (${rows}, at most ${max}): delete the empty rows at its end, or split it into several files`,
  );

type Entry = { name: string; flags: number; method: number; compSize: number; size: number; offset: number; dataStart: number };

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** A zip entry's bytes in the file: its local header, data and data descriptor. */
export type ZipPart = { name: string; start: number; end: number };

/**
 * Refuses (AppError 400) an upload that is no plain workbook of a sane size (see above); answers
 * where each of its parts lies, and where the central directory begins.
 */
export async function guardXlsx(buf: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<{ parts: ZipPart[]; directory: number }> {
  const { entries, cdOffset } = zipEntries(buf, limits);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml"))
    throw notXlsx({ zh: "这是一个 zip 压缩包，但不是 Excel 工作簿", en: "it is a zip archive, but no Excel workbook" });
  if (entries.some((e) => e.name.startsWith("xl/externalLinks/")))
    throw refuse(
      "XLSX_EXTERNAL_LINK",
      "文件引用了其他工作簿（外部链接）：请在 Excel 中“断开链接”或把公式粘贴为数值后再导入",
      "The file links to other workbooks (external links): break the links in Excel or paste the formulas as values, then import it",
    );
  if (entries.some((e) => e.flags & 1))
    throw notXlsx({ zh: "文件中有加密的部分，请去掉密码后再导入", en: "parts of it are encrypted; remove the password and import it again" });
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limits.maxInflatedBytes) throw inflatesTooMuch(declared, limits);
  for (const e of entries) await checkInflation(buf, e);
  const sheet = entries.find((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name));
  if (sheet) {
    const rows = await declaredRows(buf, sheet);
    if (rows > limits.maxRows) throw tooManyRows(rows, limits.maxRows);
  }
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  return {
    parts: byOffset.map((e, i) => ({ name: e.name, start: e.offset, end: i + 1 < byOffset.length ? byOffset[i + 1].offset : cdOffset })),
    directory: cdOffset,
  };
}

/**
 * The same zip with the workbook's own parts first (its relationships, workbook.xml, the shared
 * strings and styles) and its worksheets last. ExcelJS's streaming reader takes the entries in the
 * order stored, and Excel (and ExcelJS itself) store workbook.xml after the sheets: the reader then
 * keeps each sheet in a temporary file and, now and then (a race, exceljs issue #3064), reads it
 * before the workbook and fails ("Cannot read properties of undefined (reading 'sheets')"; 1 read
 * in 300 here). In this order every sheet is read as it comes, after what it refers to. The bytes of
 * each part are copied as they are; the central directory stays last.
 */
export function inReadingOrder(buf: Buffer, zip: { parts: ZipPart[]; directory: number }): Buffer {
  const rank = (name: string) =>
    name === "xl/_rels/workbook.xml.rels"
      ? 0
      : name === "xl/workbook.xml"
        ? 1
        : name === "xl/sharedStrings.xml"
          ? 2
          : name === "xl/styles.xml"
            ? 3
            : /^xl\/worksheets\/sheet\d+\.xml$/.test(name)
              ? 5
              : 4;
  const ordered = zip.parts.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p.name) - rank(b.p.name) || a.i - b.i);
  return Buffer.concat([...ordered.map(({ p }) => buf.subarray(p.start, p.end)), buf.subarray(zip.directory)]);
}

const inflatesTooMuch = (bytes: number, limits: XlsxLimits) =>
  refuse(
    "XLSX_TOO_LARGE",
    `文件解压后过大（${MB(bytes)}，上限 ${MB(limits.maxInflatedBytes)}），可能是压缩炸弹或含有大量无用内容：请只保留要导入的表格后另存`,
    `The file is too large once unpacked (${MB(bytes)}, at most ${MB(limits.maxInflatedBytes)}); it may be a zip bomb or carry much else: keep only the sheet to import and save it again`,
  );

/** The zip's entries, from its central directory, each checked against its local header. */
function zipEntries(buf: Buffer, limits: XlsxLimits): { entries: Entry[]; cdOffset: number } {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0)
    throw notXlsx({
      zh: "这是旧版 Excel（.xls）或加密的文件：请在 Excel 中另存为不加密的 .xlsx",
      en: "it is an old Excel (.xls) or an encrypted file: save it from Excel as an unencrypted .xlsx",
    });
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx(textHint(buf));
  // The end-of-central-directory record: the last 22 bytes, or before a comment of up to 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw notXlsx({ zh: "压缩包不完整（可能上传中断）", en: "the archive is incomplete (an interrupted upload?)" });
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64: the real count and offset are in the ZIP64 end record, found through its locator.
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z = Number(buf.readBigUInt64LE(eocd - 12));
    if (z + 56 > buf.length || buf.readUInt32LE(z) !== 0x06064b50) throw irregular();
    count = Number(buf.readBigUInt64LE(z + 32));
    cdOffset = Number(buf.readBigUInt64LE(z + 48));
  }
  if (count > limits.maxEntries) throw refuse("XLSX_TOO_LARGE", `文件包含的部件过多（${count} 个）`, `The file has too many parts (${count})`);
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw irregular();
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let offset = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    // ZIP64 sizes and offset, in the order of the fields that overflowed.
    if (size === 0xffffffff || compSize === 0xffffffff || offset === 0xffffffff) {
      let x = p + 46 + nameLen;
      const end = x + extraLen;
      while (x + 4 <= end) {
        const id = buf.readUInt16LE(x);
        const len = buf.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let f = x + 4;
          if (size === 0xffffffff) {
            size = Number(buf.readBigUInt64LE(f));
            f += 8;
          }
          if (compSize === 0xffffffff) {
            compSize = Number(buf.readBigUInt64LE(f));
            f += 8;
          }
          if (offset === 0xffffffff) offset = Number(buf.readBigUInt64LE(f));
        }
        x += 4 + len;
      }
    }
    if (method !== 0 && method !== 8) throw notXlsx({ zh: `压缩方式不受支持（${method}）`, en: `unsupported compression method ${method}` });
    if (offset + 30 > buf.length || buf.readUInt32LE(offset) !== 0x04034b50) throw irregular();
    const dataStart = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    if (dataStart + compSize > buf.length) throw irregular();
    entries.push({ name, flags, method, compSize, size, offset, dataStart });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // The reader walks the local entries one after another: each must start where the previous
  // ended (after its data descriptor, if any), so no entry hides between the listed ones.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  let at = 0;
  for (const e of byOffset) {
    if (e.offset < at || e.offset - at > 24) throw irregular();
    at = e.dataStart + e.compSize;
  }
  if (cdOffset < at || cdOffset - at > 24) throw irregular();
  return { entries, cdOffset };
}

const irregular = () => notXlsx({ zh: "压缩包结构有误或被篡改", en: "the archive's structure is broken or tampered with" });

/** A hint for a file that is no zip at all: what it looks like instead. */
function textHint(buf: Buffer): { zh: string; en: string } | undefined {
  if (buf.length === 0) return { zh: "文件是空的", en: "the file is empty" };
  if (buf.subarray(0, 5).toString("latin1") === "%PDF-") return { zh: "这是 PDF 文件", en: "it is a PDF file" };
  const head = buf.subarray(0, 512);
  const binary = head.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
  if (!binary && !head.toString("utf8").includes("\ufffd"))
    return { zh: "这是文本（CSV 等）文件：请在 Excel 中另存为 .xlsx", en: "it is a text (CSV or other) file: save it from Excel as .xlsx" };
  return undefined;
}

/** Inflates an entry, counting and dropping the output, and refuses it if it inflates past its declared size. */
async function checkInflation(buf: Buffer, e: Entry): Promise<void> {
  const data = buf.subarray(e.dataStart, e.dataStart + e.compSize);
  if (e.method === 0) {
    if (e.compSize !== e.size) throw irregular();
    checkXmlComplete(e.name, data.subarray(0, 1024), data.subarray(Math.max(0, data.length - 256)));
    return;
  }
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  const actual = await new Promise<number>((resolve, reject) => {
    let n = 0;
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    inflate.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (head.length < 1024) head = Buffer.concat([head, chunk.subarray(0, 1024 - head.length)]);
      tail = Buffer.concat([tail, chunk]).subarray(-256);
      if (n > e.size) {
        inflate.destroy();
        resolve(n);
      }
    });
    inflate.on("end", () => resolve(n));
    inflate.on("error", () => reject(notXlsx({ zh: `文件中的“${e.name}”已损坏`, en: `its part “${e.name}” is damaged` })));
    inflate.end(data);
  });
  if (actual > e.size)
    throw refuse(
      "XLSX_TOO_LARGE",
      "文件解压后比它声明的大小更大（可能是压缩炸弹），已拒绝",
      "The file unpacks to more than it declares (it may be a zip bomb); refused",
    );
  if (actual !== e.size) throw irregular();
  checkXmlComplete(e.name, head, tail);
}

/**
 * An XML part must end with its root element's end tag. The streaming reader stops without a word
 * at the end of a cut-off sheet (a file saved half-way, a download broken off) and hands over the
 * rows before the cut as if they were all: an import would take half a register for the whole.
 */
function checkXmlComplete(name: string, head: Buffer, tail: Buffer) {
  if (!/\.(xml|rels)$/i.test(name) || head.length === 0) return;
  const start = head.toString("utf8").replace(/^\uFEFF/, "");
  // The root element: the first tag that is no declaration, processing instruction or comment.
  const root = /<(?![?!])([A-Za-z_][\w.:-]*)/.exec(start.replace(/<!--[\s\S]*?-->/g, ""))?.[1];
  if (!root) return;
  // (Comments and processing instructions may follow the root element.)
  const end = tail.toString("latin1").replace(/(?:<!--[\s\S]*?-->|<\?[\s\S]*?\?>|\s)+$/, "");
  const selfClosed = new RegExp(`<${root.replace(/[.]/g, "\\.")}\\b[^<]*/>$`).test(start.trimEnd());
  if (end.endsWith(`</${root}>`) || selfClosed) return;
  throw refuse(
    "XLSX_TRUNCATED",
    `文件不完整：其中的“${name}”在中途被截断（可能保存或下载未完成）。请在 Excel 中重新保存后再导入`,
    `The file is incomplete: its part “${name}” is cut off (a save or download that did not finish). Save it again from Excel and import it`,
  );
}

/** The number of rows a worksheet's <dimension ref="A1:C1048576"/> declares (0 when it has none), from its first bytes. */
async function declaredRows(buf: Buffer, e: Entry): Promise<number> {
  const data = buf.subarray(e.dataStart, e.dataStart + e.compSize);
  let head: string;
  if (e.method === 0) head = data.subarray(0, 8192).toString("utf8");
  else
    head = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      let n = 0;
      const inflate = zlib.createInflateRaw();
      const done = () => resolve(Buffer.concat(chunks).toString("utf8"));
      inflate.on("data", (c: Buffer) => {
        chunks.push(c);
        n += c.length;
        if (n >= 8192) {
          inflate.destroy();
          done();
        }
      });
      inflate.on("end", done);
      inflate.on("error", done);
      inflate.end(data);
    });
  const m = head.match(/<(?:\w+:)?dimension\s+ref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"/);
  return m ? Number(m[2] ?? m[1]) : 0;
}
