import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";
import { fixedClock } from "../clock.js";

// The people register from a sheet: template, all or nothing with a row-by-row report, dry run,
// re-import unchanged, figures from what was imported.
let env: TestEnv;
let staff: Agent;

async function book(rows: Array<Record<string, string>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("实有人口");
  const h = Object.keys(rows[0]);
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** A valid resident ID (GB 11643 check digit). */
function idFor(birth: string, n: number) {
  const body = `440309${birth.replaceAll("-", "")}${String(n).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + "10X98765432"[w.reduce((s, wi, i) => s + wi * Number(body[i]), 0) % 11];
}
const upload = (buf: Buffer, q = "") => {
  const m = multipartFile("people.xlsx", buf);
  return staff.req("POST", `/api/people/import?communityId=${env.world.communityId}${q}`, m.payload, { headers: m.headers });
};
const person = (i: number, over: Record<string, string> = {}) => ({
  姓名: `导入居民${i}`,
  性别: i % 2 ? "男" : "女",
  身份证号: i % 5 === 0 ? "" : idFor("1960-03-0" + ((i % 9) + 1), i),
  手机号: `1390000${String(i).padStart(4, "0")}`,
  网格: `第${(i % 3) + 1}网格`,
  人口类型: i % 4 === 0 ? "流动" : "户籍",
  标签: i % 3 === 0 ? "老年人、独居老人" : "",
  ...over,
});

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-03-02T02:00:00Z") });
  staff = await env.login("staff");
});
afterAll(() => env?.close());

describe("people import", () => {
  it("offers a template that imports as it is", async () => {
    const t = await staff.get("/api/people/import/template");
    expect(t.statusCode).toBe(200);
    const rows = await readXlsx(t.rawPayload);
    expect(Object.keys(rows[0])).toContain("身份证号");
    // 性别 and 人口类型 as drop-down lists of the values the import takes.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as never);
    const col = (h: string) => Object.keys(rows[0]).indexOf(h) + 1;
    expect(wb.worksheets[0].getCell(5, col("性别")).dataValidation?.formulae).toEqual(['"男,女"']);
    expect(wb.worksheets[0].getCell(5, col("人口类型")).dataValidation?.formulae).toEqual(['"户籍,流动,境外"']);
    const dry = await upload(t.rawPayload, "&dryRun=1");
    expect(dry.json(), dry.body).toEqual({ created: 1, unchanged: 0, errors: [], dryRun: true });
  });

  it("refuses the whole file with a line per bad row, writing nothing", async () => {
    const before = (await staff.get(`/api/people?communityId=${env.world.communityId}&pageSize=1`)).json().total;
    const rows = [
      person(101),
      person(102, { 性别: "未知" }),
      person(103, { 网格: "第99网格" }),
      person(104, { 身份证号: "440309196003011234" }),
      person(106, { 标签: "明星" }),
      person(101, { 姓名: "导入居民101" }),
    ];
    const res = await upload(await book(rows));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.created).toBe(1);
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(r.errors[0].message).toContain("性别");
    expect(r.errors[1].message).toContain("第99网格");
    expect(r.errors[2].message).toContain("身份证");
    expect(r.errors[3].message).toContain("明星");
    expect(r.errors[4].message).toContain("与第2行是同一人");
    expect((await staff.get(`/api/people?communityId=${env.world.communityId}&pageSize=1`)).json().total).toBe(before);
  });

  it("imports a register whose figures are its own, and importing it again changes nothing", async () => {
    const before = (await staff.get(`/api/figures/platform.people?region=${env.world.communityId}`)).json().value;
    const beforeMigrant = (await staff.get(`/api/figures/platform.people_migrant?region=${env.world.communityId}`)).json().value;
    const rows = Array.from({ length: 20 }, (_, i) => person(i + 1));
    const buf = await book(rows);
    const res = await upload(buf);
    expect(res.json(), res.body).toEqual({ created: 20, unchanged: 0, errors: [], dryRun: false });
    expect((await upload(buf)).json()).toEqual({ created: 0, unchanged: 20, errors: [], dryRun: false });
    expect((await staff.get(`/api/figures/platform.people?region=${env.world.communityId}`)).json().value).toBe(before + 20);
    expect((await staff.get(`/api/figures/platform.people_migrant?region=${env.world.communityId}`)).json().value).toBe(
      beforeMigrant + rows.filter((r) => r.人口类型 === "流动").length,
    );
    const list = (await staff.get(`/api/people?communityId=${env.world.communityId}&q=导入居民3&pageSize=5`)).json().items;
    const p3 = list.find((p: { name: string }) => p.name === "导入居民3");
    expect(p3.tags).toEqual(["老年人", "独居老人"]);
    expect(p3.idNumber).toMatch(/\*/);
    expect(p3.gridName).toBe("第1网格");
  });
});
