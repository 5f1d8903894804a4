import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STEPS } from "../../../contracts/party.js";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";
import { makeMember, makePerson } from "./party.test-factories.js";

// The party's history brought in from XLSX on an empty community: organisations, committee posts,
// elections and applicants with the date of each step. Each: a template, a good file creates what
// it says, the same file again changes nothing, a bad row refuses the whole file naming the row,
// and a dry run writes nothing.

let env: TestEnv;
let leader: Agent;
type R = Record<string, string>;
async function book(rows: R[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导入");
  const h = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (register: string, rows: R[] | Buffer, q = "") => {
  const m = multipartFile("x.xlsx", Buffer.isBuffer(rows) ? rows : await book(rows));
  return (await leader.req("POST", `/api/party/${register}/import${q}`, m.payload, { headers: m.headers })).json();
};
const orgs = async () =>
  (await leader.get("/api/party/orgs")).json() as Array<{ id: string; name: string; posts: Array<{ personName: string; post: string }> }>;
const ok = (created: number, unchanged = 0, dryRun = false) => ({ created, unchanged, errors: [], dryRun });

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-03-10T02:00:00Z"), people: 4 });
  leader = await env.login("leader");
});
afterAll(() => env?.close());

describe("party history import", () => {
  it("offers a template for each register, and the organisations' one imports as it is", async () => {
    for (const reg of ["orgs", "posts", "elections", "applicants"]) {
      const t = await leader.get(`/api/party/${reg}/import/template`);
      expect(t.statusCode, reg).toBe(200);
      expect(Object.keys((await readXlsx(t.rawPayload))[0] ?? {}).length, reg).toBeGreaterThan(3);
    }
    const t = await leader.get("/api/party/orgs/import/template");
    expect(await upload("orgs", t.rawPayload, "?dryRun=1")).toEqual(ok(1, 0, true));
    expect(await orgs()).toEqual([]);
  });

  const tree: R[] = [
    { 组织名称: "福民社区党委", 层级: "党委", 类型: "社区", 成立日期: "2010-07-01" },
    { 组织名称: "第一党支部", 简称: "一支部", 上级党组织: "福民社区党委", 层级: "党支部", 类型: "社区", 成立日期: "2012-01-01" },
  ];
  it("imports an organisation tree, all or nothing, and reads it twice without change", async () => {
    const refused = await upload("orgs", [...tree, { 组织名称: "第二党支部", 上级党组织: "没有的党委", 层级: "党支部", 类型: "社区" }]);
    expect(refused.created).toBe(2);
    expect(refused.errors).toEqual([{ row: 4, message: expect.stringContaining("没有的党委") }]);
    expect(await orgs()).toEqual([]);
    expect(await upload("orgs", tree)).toEqual(ok(2));
    expect(await upload("orgs", tree)).toEqual(ok(0, 2));
    const back = await leader.get("/api/party/orgs/export");
    expect(await readXlsx(back.rawPayload)).toEqual([
      expect.objectContaining({ 组织名称: "福民社区党委", 层级: "党委" }),
      expect.objectContaining({ 组织名称: "第一党支部", 简称: "一支部", 上级党组织: "福民社区党委" }),
    ]);
    expect(await upload("orgs", back.rawPayload)).toEqual(ok(0, 2));
  });

  it("imports committee posts, past and present, by the services' rules", async () => {
    await makePerson(env, leader, "王书记", "1970-02-02");
    await makePerson(env, leader, "陈委员", "1972-03-03");
    const posts: R[] = [
      { 党组织: "福民社区党委", 姓名: "王书记", 职务: "书记", 任职日期: "2021-06-15" },
      { 党组织: "福民社区党委", 姓名: "陈委员", 职务: "副书记", 任职日期: "2018-06-15", 免职日期: "2021-06-15" },
    ];
    const clash = await upload("posts", [...posts, { 党组织: "福民社区党委", 姓名: "陈委员", 职务: "书记", 任职日期: "2022-01-01" }], "?dryRun=1");
    expect(clash.errors).toEqual([{ row: 4, message: expect.stringContaining("任期不能重叠") }]);
    expect(await upload("posts", posts, "?dryRun=1")).toEqual(ok(2, 0, true));
    expect((await orgs())[0].posts).toEqual([]);
    expect(await upload("posts", posts)).toEqual(ok(2));
    expect(await upload("posts", posts)).toEqual(ok(0, 2));
    expect((await orgs())[0].posts).toEqual([expect.objectContaining({ personName: "王书记", post: "书记" })]);
    const back = await leader.get("/api/party/posts/export");
    expect((await readXlsx(back.rawPayload)).map((r) => r.身份证号)).toEqual([expect.stringContaining("*"), expect.stringContaining("*")]);
    expect(await upload("posts", back.rawPayload)).toEqual(ok(0, 2));
  });

  it("imports elections with their results; a by-election without a majority present is its row's error", async () => {
    const els: R[] = [
      {
        日期: "2021-06-15",
        组织: "福民社区党委",
        类别: "换届",
        任期开始: "2021-06-15",
        任期结束: "2026-06-14",
        应到: "45",
        实到: "42",
        赞成: "40",
        批准机关: "福城街道党工委",
      },
    ];
    const bad = await upload("elections", [
      ...els,
      { 日期: "2023-03-01", 组织: "一支部", 类别: "补选", 职务: "组织委员", "当选/任职": "王书记", 应到: "20", 实到: "8", 赞成: "8", 批准机关: "福民社区党委" },
    ]);
    expect(bad.errors).toEqual([{ row: 3, message: expect.stringContaining("超过半数") }]);
    expect((await leader.get("/api/party/elections")).json().total).toBe(0);
    expect(await upload("elections", els)).toEqual(ok(1));
    expect(await upload("elections", els)).toEqual(ok(0, 1));
    expect((await orgs())[0]).toMatchObject({ termStart: "2021-06-15", termEnd: "2026-06-14" });
  });

  it("imports applicants with each step's date, through the pipeline's rules, row by row", async () => {
    const branch = (await orgs()).find((o) => o.name === "第一党支部")?.id as string;
    for (const n of ["党员甲", "党员乙"]) await makeMember(leader, await makePerson(env, leader, n, "1960-01-01"), branch);
    await makePerson(env, leader, "申请人一", "1995-05-05");
    await makePerson(env, leader, "申请人二", "1996-06-06");
    await makePerson(env, leader, "申请人三", "1997-07-07");
    const col = (n: number) => `${n} ${STEPS[n - 1].zh}`;
    const dates = ["2023-03-01", "2023-03-20", "2023-04-10", "2023-04-20", "2023-04-25", "2023-10-25", "2024-04-15", "2024-04-20", "2024-04-25"];
    dates.push("2024-05-10", "2024-05-20", "2024-05-25", "2024-06-01", "2024-06-05", "2024-06-20", "2024-06-25", "2024-07-10");
    const steps = (k: number) => Object.fromEntries(dates.slice(0, k).map((d, i) => [col(i + 1), d]));
    const admitted: R = {
      姓名: "申请人一",
      党支部: "一支部",
      ...steps(17),
      培养联系人: "党员甲",
      入党介绍人: "党员甲、党员乙",
      政审结论: "政治合格",
      培训学时: "24",
      "支部大会表决（应到/实到/赞成/反对/弃权）": "2/2/2/0/0",
    };
    const early: R = { 姓名: "申请人二", 党支部: "一支部", 培养联系人: "党员乙", ...steps(6), [col(7)]: "2023-12-01" };
    const activist: R = { 姓名: "申请人三", 党支部: "一支部", ...steps(4) };
    const refused = await upload("applicants", [admitted, early, activist]);
    expect(refused.created).toBe(2);
    expect(refused.errors).toEqual([{ row: 3, message: expect.stringMatching(/确定发展对象.*一年以上/) }]);
    expect((await leader.get("/api/party/applicants")).json().total).toBe(0);
    expect(await upload("applicants", [admitted, activist], "?dryRun=1")).toEqual(ok(2, 0, true));
    expect(await upload("applicants", [admitted, activist])).toEqual(ok(2));
    expect(await upload("applicants", [admitted, activist])).toEqual(ok(0, 2));
    const list = (await leader.get("/api/party/applicants")).json().items as Array<{ name: string; lastStep: number; status: string; probationStart: string }>;
    expect(list.find((a) => a.name === "申请人一")).toMatchObject({ lastStep: 17, status: "probationary", probationStart: "2024-06-20" });
    expect(list.find((a) => a.name === "申请人三")).toMatchObject({ lastStep: 4, status: "active" });
    // A later export of the same applicant with more steps done records only those.
    expect(await upload("applicants", [{ ...activist, [col(5)]: "2023-05-01", 培养联系人: "党员乙" }])).toEqual(ok(1));
  });

  it("names the row in English too", async () => {
    const en = await env.login("leader");
    const m = multipartFile("x.xlsx", await book([{ Name: "Nobody", Level: "branch", Kind: "社区" }]));
    const r = await en.req("POST", "/api/party/orgs/import", m.payload, { headers: { ...m.headers, "accept-language": "en" } });
    expect(r.json().errors).toEqual([{ row: 2, message: expect.stringMatching(/Level must be one of/) }]);
  });
});
