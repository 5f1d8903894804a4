import type { Kysely } from "kysely";
import type { TImportReport } from "../../contracts/platform.js";
import type { DB } from "../db/types.js";
import { AppError, errors, type Lang } from "../platform/errors.js";
import { inTx } from "../platform/tx.js";
import { fromXlsx, toXlsx, type XlsxColumn } from "./xlsx.js";

// What every register's XLSX import shares: reading the sheet, one transaction for the whole file
// (all or nothing), a line of the report for each refused row, dry runs, and the template a user
// downloads to fill in. A register says how one row becomes a record ("created"), or is found to be
// there already ("unchanged": the same file read twice changes nothing).

export type Sheet = Awaited<ReturnType<typeof fromXlsx>>;
export type SheetRow = Sheet[number];
export type ImportOpts = { lang: Lang; dryRun: boolean };
/** Rolls the import's transaction back: a bad row, or a dry run. */
class Rollback extends Error {}

/**
 * The rows of the file's first sheet; a file that is no XLSX, that would unpack to too much, has
 * too many rows, links to other workbooks or holds no rows, is refused whole (400, saying which).
 */
export async function readSheet(buf: Buffer): Promise<Sheet> {
  const rows = await fromXlsx(buf);
  if (rows.length === 0) throw errors.badRequest("文件中没有数据行", "The file has no data rows");
  return rows;
}

/** A row's refusal, in both languages: becomes its line of the report. */
export const bad = (zh: string, en: string) => new AppError(400, "BAD_REQUEST", { zh, en });

/** The first non-empty cell of a row under any of the headers given (Chinese and English headers both read). */
export const cell =
  (v: Record<string, string>) =>
  (...keys: string[]) =>
    keys.map((k) => v[k]).find((x) => x !== undefined && x !== "") ?? "";

export const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
/**
 * A calendar date as a sheet writes it — "2021-05-10", "2021/5/10", "2021.5.10", with or without a
 * time after it — as YYYY-MM-DD; null when it is not a date on the calendar (2021-02-30).
 */
export function sheetDate(s: string): string | null {
  const m = s.trim().match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/);
  const d = m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : "";
  return isDate(d) ? d : null;
}
export const yes = (s: string) => ["是", "yes", "y", "1", "true"].includes(s.trim().toLowerCase());

/**
 * Runs every row in one transaction: a row answers "created" or "unchanged", or throws an
 * AppError that becomes its line of the report. Anything else is not the file's fault and fails the
 * request. With any refused row, or on a dry run, nothing is written.
 */
export async function importRows(
  db: Kysely<DB>,
  sheet: Sheet,
  opts: ImportOpts,
  row: (trx: Kysely<DB>, r: SheetRow) => Promise<"created" | "unchanged">,
): Promise<TImportReport> {
  const report: TImportReport = { created: 0, unchanged: 0, errors: [], dryRun: opts.dryRun };
  try {
    await inTx(db, null, async (trx) => {
      for (const r of sheet) {
        try {
          report[await row(trx, r)]++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          report.errors.push({ row: r.row, message: e.msg[opts.lang] });
        }
      }
      if (report.errors.length || opts.dryRun) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return report;
}

/**
 * A template to fill in: the register's headers, one example row that imports as it is, and a
 * drop-down list on each enumerated column (`choices`: the values its import takes).
 */
export function templateXlsx(sheetName: string, columns: Array<{ header: string; example: string; width?: number; choices?: readonly string[] }>) {
  const cols: XlsxColumn<Record<string, string>>[] = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  const choices = Object.fromEntries(columns.flatMap((c, i) => (c.choices?.length ? [[`c${i}`, c.choices] as const] : [])));
  return toXlsx(sheetName, cols, [Object.fromEntries(columns.map((c, i) => [`c${i}`, c.example]))], { choices });
}
