import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";

// Patrol plans from XLSX on an empty community: by the plans service's rules, all or nothing, the
// same file twice changes nothing; a plan begun in the past gets its past rounds once, so the missed
// visits of a past month are right; the export reads back in.

let env: TestEnv;
let leader: Agent;
const codes: string[] = [];
type R = Record<string, string>;
async function book(rows: R[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("巡查计划");
  const h = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (rows: R[] | Buffer, q = "", lang = "zh") => {
  const m = multipartFile("plans.xlsx", Buffer.isBuffer(rows) ? rows : await book(rows));
  const url = `/api/patrol/plans/import?communityId=${env.world.communityId}${q}`;
  return (await leader.req("POST", url, m.payload, { headers: { ...m.headers, "accept-language": lang } })).json();
};
const ok = (created: number, unchanged = 0, dryRun = false) => ({ created, unchanged, errors: [], dryRun });
const missed = async (from: string, to: string) =>
  (await leader.get(`/api/figures/patrol.missed_visits?region=${env.world.communityId}&from=${from}&to=${to}`)).json().value as number;

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-03-10T02:00:00Z"), people: 2 });
  leader = await env.login("leader");
  for (const [i, [lng, lat]] of [
    [114.0555, 22.6762],
    [114.0585, 22.6745],
  ].entries()) {
    const res = await leader.post("/api/patrol/points", {
      communityId: env.world.communityId,
      name: `导入点${i + 1}`,
      kind: "公园",
      lng,
      lat,
      force: "community",
    });
    expect(res.statusCode, res.body).toBe(201);
    codes.push(res.json().code);
  }
});
afterAll(() => env?.close());

describe("patrol plans import", () => {
  const january: R = {
    计划名称: "一月夜巡",
    巡查力量: "社区",
    巡查点编码: "",
    频次: "每N天",
    间隔天数: "3",
    时段: "20:00-23:00",
    开始日期: "2026-01-01",
    结束日期: "2026-01-31",
  };
  const rows = (): R[] => [
    { ...january, 巡查点编码: codes.join("、") },
    { 计划名称: "日常巡查", 巡查点编码: codes[0], 频次: "每天", 时段: "08:00-12:00", 开始日期: "2026-04-01" },
  ];

  it("offers a template", async () => {
    const t = await leader.get("/api/patrol/plans/import/template");
    expect(t.statusCode).toBe(200);
    expect(Object.keys((await readXlsx(t.rawPayload))[0])).toContain("巡查点编码");
  });

  it("refuses the whole file row by row", async () => {
    const r = await upload([
      ...rows(),
      { ...january, 计划名称: "坏点位", 巡查点编码: "NOPE-1" },
      { ...january, 计划名称: "坏时段", 巡查点编码: codes[0], 时段: "25:00-26:00" },
      { ...january, 计划名称: "缺间隔", 巡查点编码: codes[0], 间隔天数: "" },
    ]);
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6]);
    expect(r.errors.map((e: { message: string }) => e.message).join("|")).toMatch(/NOPE-1.*时段：时间格式应为 HH:mm.*间隔天数/);
    expect((await leader.get("/api/patrol/plans")).json()).toEqual([]);
    expect(await missed("2026-01-01", "2026-01-31")).toBe(0);
    expect((await upload([{ Name: "x", Frequency: "hourly" }], "", "en")).errors).toEqual([
      { row: 2, message: expect.stringMatching(/^Frequency must be one of/) },
    ]);
  });

  it("creates the plans with the rounds of their past days, once", async () => {
    expect(await upload(rows(), "&dryRun=1")).toEqual(ok(2, 0, true));
    expect((await leader.get("/api/patrol/plans")).json()).toEqual([]);
    expect(await upload(rows())).toEqual(ok(2));
    // 1, 4, … 31 January: 11 evenings, 2 points each, none visited.
    expect(await missed("2026-01-01", "2026-01-31")).toBe(22);
    expect(await upload(rows())).toEqual(ok(0, 2));
    expect(await missed("2026-01-01", "2026-01-31")).toBe(22);
    expect(await missed("2026-02-01", "2026-02-28")).toBe(0);
    const rounds = (await leader.get("/api/patrol/rounds?date=2026-01-04")).json();
    expect(rounds).toEqual([expect.objectContaining({ planName: "一月夜巡", expected: 2, visited: 0 })]);
  });

  it("exports plans that read back in unchanged", async () => {
    const exp = await leader.get("/api/patrol/plans/export");
    expect(exp.statusCode).toBe(200);
    const back = await readXlsx(exp.rawPayload);
    expect(back.find((r) => r.计划名称 === "一月夜巡")).toMatchObject({ 频次: "每N天", 间隔天数: "3", 时段: "20:00-23:00", 巡查点编码: codes.join("、") });
    expect(await upload(exp.rawPayload)).toEqual(ok(0, 2));
  });
});
