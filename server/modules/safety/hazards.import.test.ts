import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";

// A hazard register with its history: every step's date kept, figures of past years from them,
// all or nothing, re-import unchanged, and the export reads back in as it is.
const TODAY = "2026-03-10";
let env: TestEnv;
let staff: Agent;

type R = Record<string, string>;
async function book(rows: R[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("隐患台账");
  const h = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (buf: Buffer, q = "") => {
  const m = multipartFile("hazards.xlsx", buf);
  return staff.req("POST", `/api/safety/hazards/import?communityId=${env.world.communityId}${q}`, m.payload, { headers: m.headers });
};
const base = (i: number, over: R = {}): R => ({
  编号: `YHIMP-${String(i).padStart(4, "0")}`,
  发现日期: "2024-05-01",
  来源: i % 3 === 0 ? "夜巡" : "巡查",
  类型: "消防",
  网格: `第${(i % 2) + 1}网格`,
  地点: `狮径${i}栋`,
  隐患描述: "消防通道堆放杂物",
  风险等级: "一般",
  ...over,
});
/** Closed: found, assigned (15 days), rectified `late` days after the deadline (or 5 before), verified and closed next days. */
const closed = (i: number, found: string, late: number, closedOn?: string): R => {
  const d = (s: string, n: number) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const deadline = d(found, 15);
  const rect = d(deadline, late > 0 ? late : -5);
  return base(i, {
    发现日期: found,
    责任人: "网格员",
    整改期限: deadline,
    整改日期: rect,
    整改人: "网格员",
    核查人: "安全员",
    核查日期: d(rect, 1),
    销号日期: closedOn ?? d(rect, 2),
  });
};
const rows: R[] = [
  closed(1, "2024-03-01", 0),
  closed(2, "2024-06-01", 3),
  closed(3, "2024-12-20", 0, "2025-01-10"), // night patrol, closed in 2025
  closed(6, "2024-08-01", 0), // night patrol, closed in 2024
  base(4, { 发现日期: "2025-02-01", 责任人: "网格员", 整改期限: "2025-02-16" }), // open past its deadline
  base(5, { 发现日期: "2025-07-01" }), // found only
];

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock(`${TODAY}T02:00:00Z`) });
  staff = await env.login("leader");
});
afterAll(() => env?.close());

const fig = async (key: string, from: string, to: string) =>
  (await staff.get(`/api/figures/${key}?region=${env.world.communityId}&from=${from}&to=${to}`)).json().value as number;

describe("hazards import with history", () => {
  it("offers a template that imports as it is", async () => {
    const t = await staff.get("/api/safety/hazards/import/template");
    expect(t.statusCode).toBe(200);
    expect((await upload(t.rawPayload, "&dryRun=1")).json()).toEqual({ created: 1, unchanged: 0, errors: [], dryRun: true });
  });

  it("refuses the whole file, row by row, for steps out of order or dates that contradict each other", async () => {
    const res = await upload(
      await book([
        closed(90, "2024-03-01", 0),
        base(91, { 整改日期: "2024-05-03" }),
        { ...closed(92, "2024-03-01", 0), 核查日期: "2024-03-02" },
        { ...closed(93, "2024-03-01", 0), 核查人: "网格员" },
        base(94, { 网格: "第99网格" }),
        base(95, { 发现日期: "2026-04-01" }),
        base(96, { 发现日期: "2024/13/01" }),
      ]),
    );
    const r = res.json();
    expect(r.created).toBe(1);
    expect(r.errors.map((e: { row: number; message: string }) => e.row)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(r.errors.map((e: { message: string }) => e.message).join("|")).toMatch(
      /须先交办.*核查日期不能早于整改日期.*整改人不能核查.*第99网格.*发现日期不能晚于今天.*YYYY-MM-DD/,
    );
    expect((await staff.get("/api/safety/hazards?pageSize=5")).json().total).toBe(0);
  });

  it("keeps every step's date, so past years' figures are right; read again it changes nothing", async () => {
    const buf = await book(rows);
    expect((await upload(buf)).json()).toEqual({ created: rows.length, unchanged: 0, errors: [], dryRun: false });
    expect((await upload(buf)).json()).toEqual({ created: 0, unchanged: rows.length, errors: [], dryRun: false });
    const in24 = rows.filter((r) => r.发现日期.startsWith("2024"));
    expect(await fig("safety.hazards_found", "2024-01-01", "2024-12-31")).toBe(in24.length);
    // 按期整改 counts in the period of the rectification (its definition).
    const onTime = (y: string) => rows.filter((r) => r.整改日期?.startsWith(y) && r.整改日期 <= r.整改期限).length;
    expect(await fig("safety.hazards_rectified_on_time", "2024-01-01", "2024-12-31")).toBe(onTime("2024"));
    expect(await fig("safety.hazards_rectified_on_time", "2025-01-01", "2025-12-31")).toBe(onTime("2025"));
    expect(await fig("safety.hazards_overdue", "2024-01-01", "2024-12-31")).toBe(1);
    expect(await fig("safety.hazards_overdue", "2025-01-01", "2025-12-31")).toBe(1);
    const nightClosed = (y: string) => rows.filter((r) => r.来源 === "夜巡" && r.销号日期?.startsWith(y)).length;
    expect(await fig("safety.night_patrol_hazards_resolved", "2024-01-01", "2024-12-31")).toBe(nightClosed("2024"));
    expect(await fig("safety.night_patrol_hazards_resolved", "2025-01-01", "2025-12-31")).toBe(nightClosed("2025"));
    const open = (await staff.get("/api/safety/hazards?pageSize=50")).json().items.find((h: { code: string }) => h.code === "YHIMP-0004");
    expect(open).toMatchObject({ status: "assigned", overdue: true, deadline: "2025-02-16" });
  });

  it("reads its own export back as it is", async () => {
    const exp = await staff.get("/api/safety/hazards/export");
    expect(exp.statusCode).toBe(200);
    const back = await readXlsx(exp.rawPayload);
    expect(back.find((r) => r.编号 === "YHIMP-0001")).toMatchObject({ 整改人: "网格员", 核查日期: "2024-03-12" });
    expect((await upload(exp.rawPayload)).json()).toMatchObject({ created: 0, errors: [] });
  });
});
