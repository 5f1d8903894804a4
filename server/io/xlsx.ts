import ExcelJS from "exceljs";

export type XlsxColumn<T> = { header: string; key: string; width?: number; value?: (row: T) => unknown };

/** One sheet, a bold frozen header row, one row per record. Shared by every register's export. */
export async function toXlsx<T extends Record<string, any>>(sheetName: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Buffer> {
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the first sheet into header-keyed rows (row numbers kept for row-by-row error reports). */
export async function fromXlsx(buf: Buffer): Promise<Array<{ row: number; values: Record<string, string> }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const headers: string[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    headers[col] = String(cell.text ?? "").trim();
  });
  const out: Array<{ row: number; values: Record<string, string> }> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    row.eachCell((cell, col) => {
      const h = headers[col];
      if (!h) return;
      const t = String(cell.text ?? "").trim();
      if (t) any = true;
      values[h] = t;
    });
    if (any) out.push({ row: n, values });
  });
  return out;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
