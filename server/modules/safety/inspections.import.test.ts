import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";

// Past inspections with their items from XLSX on an empty community: one row per item, places
// added when the row says their kind and grid, each failed item opening its hazard found on the
// inspection's day; all or nothing, the same file twice changes nothing, the export reads back in.

let env: TestEnv;
let leader: Agent;
type R = Record<string, string>;
async function book(rows: R[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("安全检查");
  const h = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (rows: R[] | Buffer, q = "", lang = "zh") => {
  const m = multipartFile("inspections.xlsx", Buffer.isBuffer(rows) ? rows : await book(rows));
  return (await leader.req("POST", `/api/safety/inspections/import${q}`, m.payload, { headers: { ...m.headers, "accept-language": lang } })).json();
};
const total = async (path: string) => (await leader.get(`${path}?pageSize=50`)).json().total as number;
const ok = (created: number, unchanged = 0, dryRun = false) => ({ created, unchanged, errors: [], dryRun });

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-03-10T02:00:00Z"), people: 2 });
  leader = await env.login("leader");
});
afterAll(() => env?.close());

const shop = { 场所: "狮径便利店", 场所类型: "商铺", 网格: "第1网格" };
const rows: R[] = [
  { 检查日期: "2024-11-05", ...shop, 检查人: "张三、李四", 检查项: "消防通道畅通", 结果: "合格" },
  {
    检查日期: "2024-11-05",
    ...shop,
    检查人: "张三、李四",
    检查项: "灭火器在有效期内",
    结果: "不合格",
    情况说明: "灭火器过期",
    隐患类型: "消防",
    风险等级: "较大",
  },
  { 检查日期: "2025-02-10", ...shop, 检查人: "张三", 检查项: "消防通道畅通", 结果: "合格" },
];

describe("inspections import", () => {
  it("offers a template that imports as it is", async () => {
    const t = await leader.get("/api/safety/inspections/import/template");
    expect(t.statusCode).toBe(200);
    expect(await upload(t.rawPayload, "?dryRun=1")).toEqual(ok(1, 0, true));
    expect(await total("/api/safety/places")).toBe(0);
  });

  it("refuses the whole file row by row", async () => {
    const r = await upload([
      ...rows,
      { 检查日期: "2024-12-01", 场所: "没有的场所", 检查人: "张三", 检查项: "消防通道畅通", 结果: "合格" },
      { 检查日期: "2024-12-02", ...shop, 检查人: "张三", 检查项: "烟感", 结果: "不合格" },
      { 检查日期: "2024-12-03", ...shop, 检查人: "张三", 检查项: "烟感", 结果: "还行" },
    ]);
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([5, 6, 7]);
    expect(r.errors.map((e: { message: string }) => e.message).join("|")).toMatch(/没有的场所.*须填写情况说明.*合格/);
    expect(await total("/api/safety/inspections")).toBe(0);
    expect(await total("/api/safety/places")).toBe(0);
    expect((await upload([{ Date: "2024-12-03", Place: "x", Inspectors: "a", Item: "b", Result: "so so" }], "", "en")).errors).toEqual([
      { row: 2, message: "Result must be Passed or Failed" },
    ]);
  });

  it("records the inspections and their items; a failed item opens its hazard on the inspection's day; twice changes nothing", async () => {
    expect(await upload(rows, "?dryRun=1")).toEqual(ok(3, 0, true));
    expect(await total("/api/safety/inspections")).toBe(0);
    expect(await upload(rows)).toEqual(ok(3));
    expect(await upload(rows)).toEqual(ok(0, 3));
    const list = (await leader.get("/api/safety/inspections")).json().items as Array<{ id: string; inspectedOn: string; result: string; failedCount: number }>;
    expect(list.map((i) => [i.inspectedOn, i.result, i.failedCount])).toEqual([
      ["2025-02-10", "passed", 0],
      ["2024-11-05", "failed", 1],
    ]);
    const hazards = (await leader.get("/api/safety/hazards")).json().items;
    expect(hazards).toEqual([expect.objectContaining({ source: "inspection", kind: "消防", risk: "medium", foundOn: "2024-11-05" })]);
    expect(await total("/api/safety/places")).toBe(1);
  });

  it("exports one row per item that reads back in unchanged", async () => {
    const exp = await leader.get("/api/safety/inspections/export");
    expect(exp.statusCode).toBe(200);
    const back = await readXlsx(exp.rawPayload);
    expect(back).toHaveLength(3);
    expect(back.find((r) => r.结果 === "不合格")).toMatchObject({ 检查项: "灭火器在有效期内", 隐患类型: "消防", 风险等级: "较大", 检查人: "张三、李四" });
    expect(await upload(exp.rawPayload)).toEqual(ok(0, 3));
  });
});
