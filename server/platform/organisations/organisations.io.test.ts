import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";

// Organisations from a sheet: parents named (a row above counts), all or nothing, re-import unchanged.
let env: TestEnv;
let leader: Agent;

async function book(rows: Array<Record<string, string>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("组织");
  const h = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (buf: Buffer, q = "") => {
  const m = multipartFile("orgs.xlsx", buf);
  return leader.req("POST", `/api/organisations/import?communityId=${env.world.communityId}${q}`, m.payload, { headers: m.headers });
};

beforeAll(async () => {
  env = await testEnv();
  leader = await env.login("leader");
});
afterAll(() => env?.close());

describe("organisations import", () => {
  it("offers a template that imports as it is (dry run)", async () => {
    const t = await leader.get("/api/organisations/import/template");
    expect(Object.keys((await readXlsx(t.rawPayload))[0])).toContain("上级组织");
    expect((await upload(t.rawPayload, "&dryRun=1")).json()).toEqual({ created: 1, unchanged: 0, errors: [], dryRun: true });
  });

  it("refuses the whole file with a line per bad row", async () => {
    const res = await upload(
      await book([
        { 名称: "导入测试妇联", 类型: "妇联" },
        { 名称: "导入测试网格妇联", 类型: "网格妇联", 上级组织: "不存在的妇联" },
        { 名称: "导入测试团委", 类型: "青联" },
        { 名称: "导入测试学校", 类型: "学校", 成立日期: "2024-13-01" },
        { 名称: "导入测试妇联", 类型: "妇联" },
      ]),
    );
    const r = res.json();
    expect(r.created).toBe(1);
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6]);
    expect(r.errors[0].message).toContain("不存在的妇联");
    expect(r.errors[1].message).toContain("类型");
    expect(r.errors[2].message).toContain("成立日期");
    expect(r.errors[3].message).toContain("与第2行同名");
    expect((await leader.get(`/api/organisations?q=导入测试&pageSize=50`)).json().total).toBe(0);
  });

  it("creates a tree whose parents are rows above, counted by the figures; read again, it changes nothing", async () => {
    const at = async (key: string, to: string) =>
      (await leader.get(`/api/figures/${key}?region=${env.world.communityId}&from=2020-01-01&to=${to}`)).json().value;
    const before = { g2024: await at("orgs.grid_women_federations", "2024-12-31"), g2025: await at("orgs.grid_women_federations", "2025-12-31") };
    const rows = [
      { 名称: "导入测试社区妇联", 类型: "妇联", 成立日期: "2012-03-08" },
      ...Array.from({ length: 4 }, (_, i) => ({
        名称: `导入测试第${i + 1}网格妇联`,
        类型: "网格妇联",
        上级组织: "导入测试社区妇联",
        网格: `第${i + 1}网格`,
        成立日期: i < 3 ? "2024-04-01" : "2025-04-01",
      })),
    ];
    const buf = await book(rows);
    expect((await upload(buf)).json()).toEqual({ created: 5, unchanged: 0, errors: [], dryRun: false });
    expect((await upload(buf)).json()).toEqual({ created: 0, unchanged: 5, errors: [], dryRun: false });
    expect(await at("orgs.grid_women_federations", "2024-12-31")).toBe(before.g2024 + 3);
    expect(await at("orgs.grid_women_federations", "2025-12-31")).toBe(before.g2025 + 4);
    const child = (await leader.get(`/api/organisations?q=导入测试第1网格妇联`)).json().items[0];
    const parent = (await leader.get(`/api/organisations?q=导入测试社区妇联`)).json().items[0];
    expect(child.parentId).toBe(parent.id);
    expect(child.gridName).toBe("第1网格");
  });
});
