import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { loginRequest, multipartFile, readXlsx } from "../../test/http.js";

// Accounts from a sheet, without passwords: all or nothing by the accounts service's rules, the same
// file twice changes nothing, and an imported account logs in only once the security administrator
// has set its first password, which it must change.

let env: TestEnv;
let admin: Agent;
type R = Record<string, string>;
async function book(rows: R[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("账号");
  const h = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (rows: R[] | Buffer, q = "", lang = "zh") => {
  const m = multipartFile("accounts.xlsx", Buffer.isBuffer(rows) ? rows : await book(rows));
  return (await admin.req("POST", `/api/users/import${q}`, m.payload, { headers: { ...m.headers, "accept-language": lang } })).json();
};
const users = async () => (await admin.get("/api/users?pageSize=200")).json().items as Array<{ id: string; username: string; mustReset: boolean }>;

beforeAll(async () => {
  env = await testEnv({ people: 2 });
  admin = await env.login("admin");
});
afterAll(() => env?.close());

describe("accounts import", () => {
  const good = (): R[] => [
    { 用户名: "grid13", 姓名: "新网格员", 角色: "网格员", 数据范围: env.world.grids[0].code },
    { 用户名: "staff2", 姓名: "社工二", 角色: "staff", 数据范围: "福民社区", 手机号: "13800001111" },
  ];

  it("offers a template without a password column", async () => {
    const t = await admin.get("/api/users/import/template");
    expect(t.statusCode).toBe(200);
    expect(Object.keys((await readXlsx(t.rawPayload))[0])).toEqual(["用户名", "姓名", "角色", "数据范围", "手机号"]);
  });

  it("refuses the whole file row by row, by the accounts' rules", async () => {
    const before = (await users()).length;
    const r = await upload([
      ...good(),
      { 用户名: "boss", 姓名: "管理员二", 角色: "系统管理员", 数据范围: "福民社区" },
      { 用户名: "grid14", 姓名: "网格员", 角色: "网格员", 数据范围: "第99网格" },
      { 用户名: "leader2", 姓名: "书记二", 角色: "leader", 数据范围: env.world.grids[0].code },
      { 用户名: "X", 姓名: "大写", 角色: "staff", 数据范围: "福民社区" },
    ]);
    expect(r.created).toBe(2);
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6, 7]);
    expect(r.errors.map((e: { message: string }) => e.message).join("|")).toMatch(/三员分立.*第99网格.*数据范围应为.*用户名 3–32 位/);
    expect((await users()).length).toBe(before);
    expect(await upload(good(), "?dryRun=1")).toEqual({ created: 2, unchanged: 0, errors: [], dryRun: true });
    expect((await users()).length).toBe(before);
    expect((await upload([{ Username: "x1", Name: "n", Role: "nobody", Scope: "福民社区" }], "", "en")).errors).toEqual([
      { row: 2, message: expect.stringMatching(/^Role must be one of/) },
    ]);
  });

  it("creates accounts without a working password; the security admin's reset gives the first one, changed at login", async () => {
    expect(await upload(good())).toEqual({ created: 2, unchanged: 0, errors: [], dryRun: false });
    expect(await upload(good())).toEqual({ created: 0, unchanged: 2, errors: [], dryRun: false });
    const u = (await users()).find((x) => x.username === "grid13");
    expect(u?.mustReset).toBe(true);
    expect((await loginRequest(env, "grid13", "Shequ@2024", { ip: "10.9.0.1" })).statusCode).toBe(401);
    const sec = await env.login("secadmin");
    expect((await sec.post(`/api/users/${u?.id}/reset-password`, { password: "Temp#Pass2026" })).statusCode).toBe(200);
    const res = await loginRequest(env, "grid13", "Temp#Pass2026", { ip: "10.9.0.2" });
    expect(res.statusCode).toBe(200);
    expect(res.json().passwordExpired).toBe(true);
  });

  it("exports without passwords, masked phones, and reads the export back unchanged", async () => {
    const exp = await admin.get("/api/users/export");
    expect(exp.statusCode).toBe(200);
    const rows = await readXlsx(exp.rawPayload);
    expect(rows.find((r) => r.用户名 === "staff2")).toMatchObject({ 角色: "社区工作人员", 手机号: "138****1111" });
    expect(JSON.stringify(rows)).not.toMatch(/scrypt|password/i);
    expect(await upload(exp.rawPayload)).toEqual({ created: 0, unchanged: rows.length, errors: [], dryRun: false });
  });
});
