import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toXlsx } from "../../io/xlsx.js";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";

// XLSX import of proposals (all or nothing, ZImportReport, dry run, re-import creates nothing) and
// the register's export (names of residents masked).

const clock = fixedClock("2024-06-03T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let community: string;

const sheet = (rows: Array<Record<string, unknown>>) =>
  toXlsx(
    "项目征集",
    ["项目名称", "类别", "地点", "理由", "估算金额（元）", "提议方", "提议人", "提议日期", "编号"].map((h) => ({ header: h, key: h })),
    rows,
  );
const upload = async (buf: Buffer, dryRun = false) => {
  const f = multipartFile("proposals.xlsx", buf);
  const res = await leader.req("POST", `/api/projects/import?communityId=${community}${dryRun ? "&dryRun=1" : ""}`, undefined, f);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const count = async () => (await leader.get(`/api/projects?communityId=${community}`)).json().total as number;

const GOOD = [
  {
    项目名称: "小区健身器材更新",
    类别: "货物类",
    地点: "狮径公园",
    理由: "器材老化",
    "估算金额（元）": "80,000",
    提议方: "居民",
    提议人: "张三",
    提议日期: "2024-03-01",
  },
  {
    项目名称: "长者助餐服务",
    类别: "服务类",
    地点: "党群服务中心",
    理由: "老人就餐难",
    "估算金额（元）": 50000,
    提议方: "社区工作人员",
    提议人: "社区工作人员",
    提议日期: "2024-03-02",
  },
];

beforeAll(async () => {
  env = await testEnv({ clock });
  community = env.world.communityId;
  leader = await env.login("leader");
}, 120_000);
afterAll(() => env?.close());

describe("projects import and export", () => {
  it("checks a dry run, imports all rows, and creates nothing when the same file comes again", async () => {
    const buf = await sheet(GOOD);
    expect(await upload(buf, true)).toEqual({ created: 2, unchanged: 0, errors: [], dryRun: true });
    expect(await count()).toBe(0);
    expect(await upload(buf)).toEqual({ created: 2, unchanged: 0, errors: [], dryRun: false });
    expect(await count()).toBe(2);
    expect(await upload(buf)).toEqual({ created: 0, unchanged: 2, errors: [], dryRun: false });
    expect(await count()).toBe(2);
  });

  it("writes nothing when any row is bad, reporting each bad row", async () => {
    const buf = await sheet([
      { ...GOOD[0], 项目名称: "新项目甲" },
      { ...GOOD[0], 项目名称: "新项目乙", 类别: "建设类" },
      { ...GOOD[0], 项目名称: "新项目丙", 提议日期: "2024-13-01" },
      { ...GOOD[0], 项目名称: "新项目丁", 提议日期: "2024-07-01" },
    ]);
    const rep = await upload(buf);
    expect(rep.created).toBe(0);
    expect(rep.errors.map((e: any) => e.row)).toEqual([3, 4, 5]);
    expect(rep.errors[0].message).toContain("服务类、货物类或工程类");
    expect(rep.errors[2].message).toContain("不能晚于今天");
    expect(await count()).toBe(2);
  });

  it("exports the register with residents' names masked, and the export imports as unchanged", async () => {
    const res = await leader.get(`/api/projects/export.xlsx?communityId=${community}`);
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows.map((r) => r.项目名称).sort()).toEqual(["小区健身器材更新", "长者助餐服务"]);
    expect(rows.find((r) => r.项目名称 === "小区健身器材更新")).toMatchObject({ 提议人: "张*", 类别: "货物类", 阶段: "征集", "估算金额（元）": "80000" });
    expect(await upload(res.rawPayload)).toEqual({ created: 0, unchanged: 2, errors: [], dryRun: false });
    const audit = await env.database.db.selectFrom("audit_log").select("action").where("action", "=", "projects.export").execute();
    expect(audit).toHaveLength(1);
  });
});
