import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { fromXlsx } from "./xlsx.js";

// A sheet filled in Excel holds real date cells, not text: they read as the day (and time) typed.
describe("fromXlsx", () => {
  it("reads date cells as the day and time typed, whatever the server's zone", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["日期", "时间", "文本", "公式"]);
    ws.addRow([
      new Date(Date.UTC(2025, 2, 1)),
      new Date(Date.UTC(2024, 11, 31, 23, 59)),
      "2025-03-01",
      { formula: "A2+1", result: new Date(Date.UTC(2025, 2, 2)) },
    ]);
    ws.addRow([new Date(Date.UTC(2025, 0, 1, 0, 0, 5)), "", "x", ""]);
    const rows = await fromXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { row: 2, values: { 日期: "2025-03-01", 时间: "2024-12-31 23:59", 文本: "2025-03-01", 公式: "2025-03-02" } },
      { row: 3, values: { 日期: "2025-01-01 00:00:05", 时间: "", 文本: "x", 公式: "" } },
    ]);
  });
});
