import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile } from "../../test/http.js";

// The dispute figures for a register brought in through the import, over three years: counted here
// from the rows, compared per year and for a month, including the success rate's breakdown by type.
let env: TestEnv;
let leader: Agent;
const HEAD = [
  "登记日期",
  "网格",
  "类型",
  "来源",
  "当事人",
  "纠纷概要",
  "用人单位",
  "涉及人数",
  "诉求金额（元）",
  "追回金额（元）",
  "调解结果",
  "办结日期",
  "协议内容",
];
type Row = { reg: string; type: string; outcome: string; closed: string; employer?: string; workers?: number; recovered?: number };
const rows: Row[] = [
  { reg: "2023-12-31", type: "邻里", outcome: "调解成功", closed: "2024-01-02" },
  { reg: "2024-01-01", type: "邻里", outcome: "调解不成", closed: "2024-01-20" },
  { reg: "2024-02-29", type: "物业", outcome: "调解成功", closed: "2024-03-01" },
  { reg: "2024-06-01", type: "劳资", outcome: "调解成功", closed: "2024-06-10", employer: "某电子厂", workers: 5, recovered: 12000 },
  { reg: "2024-12-31", type: "劳资", outcome: "调解成功", closed: "2025-01-03", employer: "某物流公司", workers: 2, recovered: 3000.5 },
  { reg: "2024-07-01", type: "劳资", outcome: "", closed: "", employer: "某餐馆", workers: 1 },
  { reg: "2025-03-01", type: "婚姻家庭", outcome: "调解成功", closed: "2025-03-05" },
];

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-01-10T02:00:00Z") });
  leader = await env.login("leader");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(HEAD);
  for (const [i, r] of rows.entries())
    ws.addRow([
      r.reg,
      `第${(i % 3) + 1}网格`,
      r.type,
      "网格员排查",
      `当事人${i}`,
      `纠纷${i}`,
      r.employer ?? "",
      r.workers ? String(r.workers) : "",
      r.recovered ? String(r.recovered + 1000) : "",
      r.recovered ? String(r.recovered) : "",
      r.outcome,
      r.closed,
      r.outcome === "调解成功" ? "双方达成协议" : r.outcome ? "双方分歧较大，引导诉讼" : "",
    ]);
  const mp = multipartFile("register.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
  const res = await leader.req("POST", "/api/safety/disputes/import", undefined, { payload: mp.payload, headers: mp.headers });
  expect(res.json(), res.body).toMatchObject({ created: rows.length, errors: [] });
});
afterAll(() => env?.close());

const fig = async (key: string, from: string, to: string) => (await leader.get(`/api/figures/${key}?from=${from}&to=${to}`)).json().value as number;

describe("dispute figures from an imported register", () => {
  it("registered, resolved, labor and money per period, from the register's own dates", async () => {
    for (const [from, to] of [
      ["2023-01-01", "2023-12-31"],
      ["2024-01-01", "2024-12-31"],
      ["2025-01-01", "2025-12-31"],
      ["2024-02-01", "2024-02-29"],
    ]) {
      const reg = rows.filter((r) => r.reg >= from && r.reg <= to);
      const closed = rows.filter((r) => r.closed && r.closed >= from && r.closed <= to);
      const ok = closed.filter((r) => r.outcome === "调解成功");
      const at = `${from}..${to}`;
      expect(await fig("safety.disputes_registered", from, to), at).toBe(reg.length);
      expect(await fig("safety.disputes_resolved", from, to), at).toBe(ok.length);
      expect(await fig("safety.disputes_success_rate", from, to), at).toBeCloseTo(closed.length ? ok.length / closed.length : 0);
      expect(await fig("safety.labor_disputes", from, to), at).toBe(reg.filter((r) => r.type === "劳资").length);
      expect(await fig("safety.labor_mediated", from, to), at).toBe(ok.filter((r) => r.type === "劳资").length);
      expect(await fig("safety.labor_recovered", from, to), at).toBeCloseTo(
        closed.filter((r) => r.type === "劳资").reduce((s, r) => s + (r.recovered ?? 0), 0),
      );
    }
  });

  it("the success rate's breakdown by type is a rate per type, with its numerator and denominator", async () => {
    const groups = (await leader.get("/api/figures/safety.disputes_success_rate/groups?by=type&from=2024-01-01&to=2024-12-31")).json().items as Array<{
      key: string;
      value: number;
      numerator: number;
      denominator: number;
    }>;
    const closed = rows.filter((r) => r.closed >= "2024-01-01" && r.closed <= "2024-12-31");
    for (const g of groups) {
      const of = closed.filter((r) => r.type === g.key);
      const ok = of.filter((r) => r.outcome === "调解成功").length;
      expect(g, g.key).toMatchObject({ numerator: ok, denominator: of.length });
      expect(g.value).toBeCloseTo(ok / of.length);
    }
    expect(groups.reduce((s, g) => s + g.denominator, 0)).toBe(closed.length);
  });
});
