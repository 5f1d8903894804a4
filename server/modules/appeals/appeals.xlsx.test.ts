import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";

// XLSX import (all or nothing, row errors, idempotent re-import, figures from the imported set) and export.
const clock = fixedClock("2025-06-02T02:00:00Z");
let env: TestEnv;
let staff: Agent;
let leader: Agent;

beforeAll(async () => {
  env = await testEnv({ clock });
  staff = await env.login("staff");
  leader = await env.login("leader");
});
afterAll(() => env?.close());

async function book(rows: Array<Record<string, string>>, headers?: string[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导出");
  const h = headers ?? Object.keys(rows[0]);
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const row = (i: number, over: Record<string, string> = {}) => ({
  工单编号: `MY2023${String(i).padStart(6, "0")}`,
  来源渠道: "民意速办平台",
  类型: i % 3 === 0 ? "事件" : "诉求",
  诉求类型: i % 3 === 0 ? "" : "投诉",
  小类: i % 2 ? "路灯" : "噪音扰民",
  紧急程度: "一般件",
  标题: `测试导入案件${i}`,
  诉求内容: "导入的历史案件",
  地址: "福民路1号",
  网格: "第2网格",
  诉求人: "王先生",
  联系电话: i % 3 === 0 ? "" : `1390000${String(i).padStart(4, "0")}`,
  登记时间: `2023-0${(i % 9) + 1}-1${i % 9} 09:30`,
  办结时间: `2023-0${(i % 9) + 1}-2${i % 9} 16:00`,
  是否解决: i % 10 === 0 ? "否" : "是",
  满意度: i % 3 === 0 ? "" : "满意",
  ...over,
});
const upload = (a: Agent, buf: Buffer, q = "") => {
  const m = multipartFile("cases.xlsx", buf);
  return a.req("POST", `/api/appeals/import?communityId=${env.world.communityId}${q}`, m.payload, { headers: m.headers });
};

describe("XLSX import and export", () => {
  it("offers a template that imports as it is", async () => {
    const t = await staff.get("/api/appeals/import/template");
    expect(t.statusCode).toBe(200);
    const rows = await readXlsx(t.rawPayload);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(["工单编号", "小类", "登记时间"]));
    const dry = await upload(staff, t.rawPayload, "&dryRun=1");
    // The template carries the whole handling history, so nothing is left unknown.
    expect(dry.json()).toEqual({ created: 1, unchanged: 0, errors: [], dryRun: true });
    // A dry run writes nothing.
    expect(await env.database.db.selectFrom("appeals").select("id").where("external_no", "=", "MY2024000001").executeTakeFirst()).toBeUndefined();
  });

  it("rejects the whole file with a row-by-row report when any row is wrong, writing nothing", async () => {
    const buf = await book([
      row(1),
      row(2, { 小类: "不存在的分类" }),
      row(3, { 网格: "桔塘第1网格" }),
      row(4, { 登记时间: "去年" }),
      row(5, { 联系电话: "12" }),
    ]);
    // The file was read, so the answer is its report (ZImportReport): the rows' errors, and what the
    // good rows would have done.
    const res = await upload(staff, buf);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, unchanged: 0, dryRun: false });
    const details = res.json().errors as Array<{ row: number; message: string }>;
    expect(details.map((d) => d.row)).toEqual([3, 4, 5, 6]);
    expect(details[0].message).toContain("未知分类");
    expect(details[1].message).toContain("网格");
    const n = await env.database.db
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("external_no", "like", "MY2023%")
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
    const notXlsx = await upload(staff, Buffer.from("not a workbook"));
    expect(notXlsx.statusCode).toBe(400);
    const noCols = await upload(staff, await book([{ 随便: "x" }]));
    expect(noCols.statusCode).toBe(400);
    expect(noCols.json().error.message).toContain("工单编号");
  });

  it("imports a data set whose figures are its own, and importing it again changes nothing", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i + 1));
    const buf = await book(rows);
    const res = await upload(staff, buf);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 30, unchanged: 0, errors: [], dryRun: false });
    // No handling times but the close: the report says which figures leave those cases out.
    const signedRows = rows.length; // every row is closed, so signed for at some unknown time
    expect(res.json().notes).toContain(
      `${signedRows} 件无派单或签收时间：不计入及时签收率 / ${signedRows} cases without a dispatch or sign-for time: left out of the signed-on-time rate`,
    );
    const again = await upload(staff, buf);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 30, errors: [], dryRun: false });

    const f = (await leader.get(`/api/figures?region=${env.world.communityId}&from=2023-01-01&to=2023-12-31&module=appeals`)).json().items as Array<{
      key: string;
      value: number;
    }>;
    const v = Object.fromEntries(f.map((x) => [x.key, x.value]));
    expect(v["appeals.cases"]).toBe(30);
    // 20 appeals (every third row is an event), of which rows 10 and 20 unresolved.
    expect(v["appeals.resident_resolved"]).toBe(18);
    expect(v["appeals.resident_resolution_rate"]).toBeCloseTo(18 / 20);
    expect(v["appeals.survey_cases"]).toBe(0);
    const one = await env.database.db.selectFrom("appeals").selectAll().where("external_no", "=", "MY2023000001").executeTakeFirstOrThrow();
    expect(one.registered_at).toBe("2023-02-11T01:30:00.000Z");
    expect(one.status).toBe("archived");
    expect(one.satisfaction).toBe("satisfied");
  });

  it("takes times around every month's and the year's boundary in the deployment's zone, each counted in its local month", async () => {
    // Local (Asia/Shanghai) times: midnight and 07:59 on the 1st are the previous day in UTC.
    const times: string[] = [];
    for (let mo = 1; mo <= 12; mo++) {
      const mm = String(mo).padStart(2, "0");
      times.push(`2022-${mm}-01 00:00`, `2022-${mm}-01 07:59`, `2022-${mm}-01 08:00`);
    }
    times.push("2022-01-31 23:59", "2022-02-28 23:59", "2022-12-31 23:59", "2022-12-31 23:59:59");
    const rows = times.map((t, i) => ({ ...row(i + 1), 工单编号: `MYB2022${String(i).padStart(4, "0")}`, 登记时间: t, 办结时间: "2023-01-05 10:00" }));
    const res = await upload(staff, await book(rows));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: times.length, errors: [] });
    // Each month of 2022 holds exactly the cases registered in it by the local calendar.
    for (let mo = 1; mo <= 12; mo++) {
      const mm = String(mo).padStart(2, "0");
      const to = new Date(Date.UTC(2022, mo, 0)).toISOString().slice(0, 10);
      const expected = times.filter((t) => t.startsWith(`2022-${mm}-`)).length;
      const f = (await leader.get(`/api/figures/appeals.cases?region=${env.world.communityId}&from=2022-${mm}-01&to=${to}`)).json();
      expect(f.value, `2022-${mm}`).toBe(expected);
    }
    const first = await env.database.db
      .selectFrom("appeals")
      .select(["registered_at", "reg_date"])
      .where("external_no", "=", "MYB20220000")
      .executeTakeFirstOrThrow();
    expect(first).toEqual({ registered_at: "2021-12-31T16:00:00.000Z", reg_date: "2022-01-01" });
    // A date that is not on the calendar is still refused, row by row.
    const bad = await upload(staff, await book([{ ...row(1), 工单编号: "MYB2022X", 登记时间: "2022-02-29 10:00" }]));
    expect(bad.json().errors[0].message).toContain("登记时间");
  });

  it("exports the filtered list, masked unless the exporter may reveal, and audits it", async () => {
    const masked = await staff.get("/api/appeals/export?from=2023-01-01&to=2023-12-31&kind=appeal");
    expect(masked.statusCode).toBe(200);
    const rows = await readXlsx(masked.rawPayload);
    expect(rows).toHaveLength(20);
    expect(rows[0].联系电话).toMatch(/^139\*{4}\d{4}$/);
    // staff may not reveal: reveal=1 is ignored; the leader gets full numbers.
    const staffReveal = await readXlsx((await staff.get("/api/appeals/export?from=2023-01-01&to=2023-12-31&kind=appeal&reveal=1")).rawPayload);
    expect(staffReveal[0].联系电话).toContain("****");
    const full = await readXlsx((await leader.get("/api/appeals/export?from=2023-01-01&to=2023-12-31&kind=appeal&reveal=1")).rawPayload);
    expect(full[0].联系电话).toMatch(/^139\d{8}$/);
    const audits = await env.database.db.selectFrom("audit_log").select(["action", "after"]).where("action", "=", "appeal.export").execute();
    expect(audits.length).toBeGreaterThanOrEqual(3);
    expect(audits.some((a) => JSON.parse(a.after ?? "{}").revealed === true)).toBe(true);
  });
});
