import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";
import { PROJECT_SHEET } from "./projects.io.js";

// The proposals' template as a community moving in fills it: the register's headers the import
// reads, and an example row that imports as it is — checked, imported, and unchanged when read again.

let env: TestEnv;
let leader: Agent;
const upload = async (buf: Buffer, q = "") => {
  const f = multipartFile("template.xlsx", buf);
  const res = await leader.req("POST", `/api/projects/import?communityId=${env.world.communityId}${q}`, f.payload, { headers: f.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ok = (created: number, unchanged = 0, dryRun = false) => ({ created, unchanged, errors: [], dryRun });

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2024-06-03T02:00:00Z"), people: 4 });
  leader = await env.login("leader");
});
afterAll(() => env?.close());

describe("projects template", () => {
  it("has the register's headers and imports as it is: checked, created, then unchanged", async () => {
    const t = await leader.get("/api/projects/import/template");
    expect(t.statusCode, t.body).toBe(200);
    const rows = await readXlsx(t.rawPayload);
    expect(rows).toHaveLength(1);
    const zh = new Set<string>(PROJECT_SHEET.map((c) => c.zh));
    expect(Object.keys(rows[0]).every((h) => zh.has(h))).toBe(true);
    // 类别 and 提议方 as drop-down lists of what the import takes.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as never);
    const head: string[] = [];
    wb.worksheets[0].getRow(1).eachCell((c, i) => {
      head[i] = c.text;
    });
    const list = (h: string) => wb.worksheets[0].getCell(2, head.indexOf(h)).dataValidation?.formulae?.[0];
    expect(list("类别")).toBe('"服务类,货物类,工程类"');
    expect(list("提议方")).toBe('"居民,社区工作人员"');
    const count = async () => (await leader.get(`/api/projects?communityId=${env.world.communityId}`)).json().total as number;
    const before = await count();
    expect(await upload(t.rawPayload, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect(await count()).toBe(before);
    expect(await upload(t.rawPayload)).toEqual(ok(1));
    expect(await upload(t.rawPayload)).toEqual(ok(0, 1));
    expect(await count()).toBe(before + 1);
  });
});
