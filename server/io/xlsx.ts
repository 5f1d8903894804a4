import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "../platform/errors.js";
import { guardXlsx, inReadingOrder, notXlsx, tooManyRows, XLSX_LIMITS, type XlsxLimits } from "./xlsx-guard.js";

export type XlsxColumn<T> = { header: string; key: string; width?: number; value?: (row: T) => unknown };

/** Rows below the header that a template's drop-down lists cover (a community's register, typed in). */
export const CHOICE_ROWS = 2000;

/**
 * One sheet, a bold frozen header row, one row per record. Shared by every register's export.
 * `choices` (by column key): a drop-down list of the values a column takes, on the rows below the
 * header — for a template's enumerated columns; Excel then warns of a value off the list.
 */
export async function toXlsx<T extends Record<string, any>>(
  sheetName: string,
  columns: XlsxColumn<T>[],
  rows: T[],
  opts: { choices?: Record<string, readonly string[]> } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Shequ";
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  for (const r of rows) {
    const values: Record<string, unknown> = {};
    for (const c of columns) {
      const v = c.value ? c.value(r) : r[c.key];
      values[c.key] = Array.isArray(v) ? v.join("、") : typeof v === "boolean" ? (v ? "是" : "否") : (v ?? "");
    }
    ws.addRow(values);
  }
  for (const [key, list] of Object.entries(opts.choices ?? {})) {
    const col = columns.findIndex((c) => c.key === key) + 1;
    // A list in the formula itself: at most 255 characters, no commas inside a value.
    if (!col || !list.length || list.some((v) => v.includes(",")) || list.join(",").length > 250) continue;
    const letter = ws.getColumn(col).letter;
    // ExcelJS takes a range here (written as one sqref) though its types only name a cell's validation.
    (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations.add(
      `${letter}2:${letter}${CHOICE_ROWS + 1}`,
      {
        type: "list",
        allowBlank: true,
        formulae: [`"${list.join(",")}"`],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: "请从列表中选择 Choose from the list",
        error: list.join("、"),
      },
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Several sheets in one workbook (a resident's copy of their data: one sheet per register), each
 * like `toXlsx`'s; sheet names are cut to Excel's 31 characters and made unique.
 */
export async function toXlsxBook(
  sheets: Array<{ name: string; columns: Array<{ header: string; key: string; width?: number }>; rows: Record<string, unknown>[] }>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Shequ";
  const used = new Set<string>();
  for (const sh of sheets) {
    let name = sh.name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31);
    for (let k = 2; used.has(name); k++) name = `${sh.name.slice(0, 28)}-${k}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.columns = sh.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    for (const r of sh.rows) {
      const values: Record<string, unknown> = {};
      for (const c of sh.columns) values[c.key] = r[c.key] ?? "";
      ws.addRow(values);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A date cell as the imports read dates: Excel keeps a date with no time zone (exceljs hands it over
 * as that wall time in UTC), so its UTC parts are the day and time typed — "2025-03-01", or
 * "2025-03-01 08:30" (with seconds when there are any). Any other cell: its text.
 */
export function cellText(cell: { value: unknown; text?: string }): string {
  const v = cell.value;
  const d =
    v instanceof Date ? v : v && typeof v === "object" && (v as { result?: unknown }).result instanceof Date ? ((v as { result: Date }).result as Date) : null;
  if (d && !Number.isNaN(d.getTime())) {
    const iso = d.toISOString();
    const time = iso.slice(11, 19);
    return time === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time.endsWith(":00") ? time.slice(0, 5) : time}`;
  }
  return String(cell.text ?? "").trim();
}

/**
 * Reads the first sheet into header-keyed rows (row numbers kept for row-by-row error reports).
 * Streamed: the workbook is never held as a model of every cell (100,000 rows took ~200 MB that way),
 * only the rows read so far. The file is checked first (server/io/xlsx-guard.ts: no zip bomb, no
 * external links, a sane number of rows); every refusal is an AppError in both languages.
 */
export async function fromXlsx(buf: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<Array<{ row: number; values: Record<string, string> }>> {
  const reader = await xlsxReader(buf, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" }, limits);
  try {
    return await readRows(reader, limits);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notXlsx();
  }
}

/**
 * ExcelJS's streaming reader over an upload that passed the guard (server/io/xlsx-guard.ts), its
 * parts in the order the reader needs them (inReadingOrder). Every reader of uploads starts here.
 */
export async function xlsxReader(
  buf: Buffer,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
  limits: XlsxLimits = XLSX_LIMITS,
): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  const zip = await guardXlsx(buf, limits);
  return new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([inReadingOrder(buf, zip)]), options);
}

async function readRows(reader: ExcelJS.stream.xlsx.WorkbookReader, limits: XlsxLimits): Promise<Array<{ row: number; values: Record<string, string> }>> {
  const out: Array<{ row: number; values: Record<string, string> }> = [];
  for await (const ws of reader) {
    const headers: string[] = [];
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      if (row.number > limits.maxRows) throw tooManyRows(row.number, limits.maxRows);
      if (row.number === 1) {
        row.eachCell((cell, col) => {
          headers[col] = String(cell.text ?? "").trim();
        });
        continue;
      }
      if (!headers.length) continue;
      // Every column of the header is there, "" when the row leaves it empty.
      const values: Record<string, string> = Object.fromEntries(headers.filter(Boolean).map((h) => [h, ""]));
      let any = false;
      row.eachCell((cell, col) => {
        const h = headers[col];
        if (!h) return;
        const t = cellText(formulaDate(checkFormula(cell, row.number, col)));
        if (t) any = true;
        values[h] = t;
      });
      if (any) out.push({ row: row.number, values });
    }
    break; // the first sheet only
  }
  return out;
}

/** A1-style address of a cell (column 1 is A). */
const address = (row: number, col: number) => {
  let c = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) c = String.fromCharCode(65 + ((n - 1) % 26)) + c;
  return `${c}${row}`;
};

/**
 * A formula is read as the value Excel computed and saved with it (a date, a sum); one that links
 * to another workbook or program ([1]Sheet1!A1, a DDE cmd|'…'!A0), or that has no saved value (a
 * file written by a program that does not compute), is refused: the import would read a value the
 * file does not hold.
 */
function checkFormula(cell: ExcelJS.Cell, row: number, col: number): ExcelJS.Cell {
  checkFormulaValue(cell.value, row, col);
  return cell;
}

/** Refuses a cell value (as ExcelJS reads it) that is a formula linking outside the file or without its value; see checkFormula. */
export function checkFormulaValue(value: unknown, row: number, col: number): void {
  const v = value as { formula?: string; sharedFormula?: string; result?: unknown } | null;
  if (!v || typeof v !== "object" || !(v.formula || v.sharedFormula)) return;
  const f = String(v.formula ?? "");
  if (/\[[^\]]+\][^!]*!|^\s*[=@+-]?\s*'?[\w.]+'?\|/.test(f) || /\b(?:WEBSERVICE|RTD|CALL|REGISTER\.ID)\s*\(/i.test(f))
    throw new AppError(400, "XLSX_EXTERNAL_LINK", {
      zh: `单元格 ${address(row, col)} 的公式引用了其他工作簿或程序：请把它粘贴为数值后再导入`,
      en: `The formula in cell ${address(row, col)} links to another workbook or program: paste it as a value, then import the file`,
    });
  if (v.result === undefined || v.result === null)
    throw new AppError(400, "XLSX_FORMULA_NO_VALUE", {
      zh: `单元格 ${address(row, col)} 是没有计算结果的公式：请在 Excel 中打开并保存，或粘贴为数值后再导入`,
      en: `Cell ${address(row, col)} holds a formula with no computed value: open and save the file in Excel, or paste it as a value`,
    });
}

/** A date format code (d, m, y, h, s outside quoted text and [colour]/[locale] sections). */
const isDateFormat = (fmt: string | undefined) => !!fmt && fmt !== "General" && /[dmyhs]/i.test(fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ""));

/**
 * The streaming reader gives a formula's cached result as the serial number Excel stores; under a
 * date format it is a date (the whole workbook's reader converts it, the streaming one does not).
 */
function formulaDate(cell: ExcelJS.Cell): { value: unknown; text?: string } {
  const v = cell.value as { formula?: string; sharedFormula?: string; result?: unknown } | null;
  if (v && typeof v === "object" && (v.formula || v.sharedFormula) && typeof v.result === "number" && isDateFormat(cell.numFmt))
    return { value: new Date(Math.round((v.result - 25569) * 86_400_000)) };
  return cell;
}

export { guardXlsx, tooManyRows, XLSX_LIMITS };

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
