import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { multipartFile } from "../../test/http.js";

// The venues register's XLSX import and export, and the module's breakdowns on the test's own records:
// activities and person-times by audience, trainings by participant category, hours booked, and
// self-inspection issues overdue, each at a period's end on local midnight / the year's turn.

const clock = fixedClock("2025-03-10T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let cid: string;

const local = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const HEAD = ["阵地名称", "类型", "状态", "启用日期", "地址", "网格", "运营单位", "开放时间", "功能室（名称:容纳人数，以、分隔）"];
async function sheet(rows: string[][], header = HEAD) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("阵地台账");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (buf: Buffer, q = "") => {
  const mp = multipartFile("venues.xlsx", buf);
  return leader.req("POST", `/api/activities/venues/import?communityId=${cid}${q}`, mp.payload, { headers: mp.headers });
};
const fig = async (key: string, from: string, to: string) => (await leader.get(`/api/figures/${key}?region=${cid}&from=${from}&to=${to}`)).json().value;
const groups = async (key: string, by: string, from: string, to: string) =>
  Object.fromEntries(
    ((await leader.get(`/api/figures/${key}/groups?region=${cid}&from=${from}&to=${to}&by=${by}`)).json().items as Array<{ key: string; value: number }>).map(
      (g) => [g.key, g.value],
    ),
  );

beforeAll(async () => {
  env = await testEnv({ clock, people: 20 });
  leader = await env.login("leader");
  cid = env.world.communityId;
}, 120_000);
afterAll(() => env.close());

describe("the venues register", () => {
  it("imports venues with their rooms all or nothing, with a bilingual line per bad row; the same file again changes nothing", async () => {
    const grid = env.world.grids[0].name;
    const good = [
      ["福民社区党群服务中心", "党群服务中心", "开放", "2019-05-20", "福民路1号", grid, "中共福民社区委员会", "周一至周日 09:00-21:00", "多功能厅:80、书画室:20"],
      ["狮径公园党群服务驿站", "党群服务驿站", "", "", "狮径公园北门", "", "", "", ""],
    ];
    const bad = await upload(
      await sheet([
        ...good,
        ["某某阵地", "文化广场", "", "", "", "", "", "", ""],
        ["某某阵地二", "活动室", "", "", "", "", "不存在的组织", "", ""],
        ["某某阵地三", "活动室", "", "", "", "第99网格", "", "", ""],
        ["某某阵地四", "活动室", "", "", "", "", "", "", "会议室:很多"],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(200);
    const errs = bad.json().errors as Array<{ row: number; message: string }>;
    expect(errs.map((e) => e.row)).toEqual([4, 5, 6, 7]);
    expect(errs[0].message).toContain("未知的阵地类型「文化广场」");
    expect(errs[1].message).toContain("不存在的组织");
    expect(errs[2].message).toContain("第99网格");
    expect(errs[3].message).toContain("会议室:很多");
    // Nothing of the file was written.
    expect((await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items).toEqual([]);
    // In English, the same lines in English.
    const m = multipartFile("v.xlsx", await sheet([["某某阵地", "文化广场", "", "", "", "", "", "", ""]]));
    const en = await leader.req("POST", `/api/activities/venues/import?communityId=${cid}`, m.payload, { headers: { ...m.headers, "accept-language": "en" } });
    expect(en.json().errors[0].message).toContain('unknown venue kind "文化广场"');

    expect((await upload(await sheet(good), "&dryRun=1")).json()).toMatchObject({ created: 2, dryRun: true, errors: [] });
    expect((await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items).toEqual([]);
    expect((await upload(await sheet(good))).json()).toMatchObject({ created: 2, unchanged: 0, errors: [] });
    expect((await upload(await sheet(good))).json()).toMatchObject({ created: 0, unchanged: 2, errors: [] });

    const items = (await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items as Array<Record<string, unknown>>;
    const centre = items.find((v) => v.name === "福民社区党群服务中心");
    expect(centre).toMatchObject({ state: "open", openedOn: "2019-05-20", gridId: env.world.grids[0].id, orgName: "中共福民社区委员会", rooms: 2 });
    expect(centre?.hours).toBe("周一至周日 09:00-21:00");
    expect(items.find((v) => v.name === "狮径公园党群服务驿站")).toMatchObject({ state: "planning", openedOn: null, rooms: 0 });

    // The export is the same sheet (rooms in their cell), audited; imported back it changes nothing.
    const exp = await leader.get(`/api/activities/venues/export?communityId=${cid}`);
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3);
    const rows = [2, 3].map((i) => (ws.getRow(i).values as unknown[]).map(String));
    expect(rows.find((r) => r.includes("福民社区党群服务中心"))).toContain("书画室:20、多功能厅:80");
    const back = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await upload(back)).json()).toMatchObject({ created: 0, unchanged: 2, errors: [] });
    const audit = await (await env.login("auditor")).get("/api/audit?action=venue.export");
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain("venue.export");
  });

  it("offers the template to fill in, which imports as it is", async () => {
    const t = await leader.get("/api/activities/venues/import/template");
    expect(t.statusCode).toBe(200);
    const rep = (await upload(t.rawPayload as Buffer, "&dryRun=1")).json();
    // Its example row is 狮径公园党群服务驿站, imported above: there already, so unchanged.
    expect(rep).toMatchObject({ created: 0, unchanged: 1, errors: [] });
  });
});

describe("breakdowns on the test's own records", () => {
  it("activities and person-times by audience (an activity for two audiences in both), trainings by participant category", async () => {
    const people = await env.factories.makePeople(3, cid, env.world.grids[2].id);
    clock.set("2025-01-01T06:00:00Z");
    leader = await env.login("leader");
    const make = async (body: Record<string, unknown>) => {
      const r = await leader.post("/api/activities", { communityId: cid, typeCode: "F02", title: "活动", ...body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    // 23:30 on 31 Dec 2024 and 00:00 on 1 Jan 2025, local: either side of the year's turn.
    const a = await make({ audience: ["老年人", "儿童"], startsAt: local("2024-12-31", "23:30"), endsAt: local("2025-01-01", "00:10") });
    const b = await make({ audience: ["老年人"], startsAt: local("2025-01-01", "00:00"), endsAt: local("2025-01-01", "01:00") });
    const c = await make({ startsAt: local("2025-01-01", "01:00"), endsAt: local("2025-01-01", "02:00") });
    const t = await make({ typeCode: "T01", audience: ["发展对象"], startsAt: local("2025-01-01", "02:00"), endsAt: local("2025-01-01", "03:00") });
    for (const [id, n] of [
      [a, 10],
      [b, 4],
      [c, 7],
    ] as const)
      expect((await leader.post(`/api/activities/${id}/head-count`, { count: n })).statusCode).toBe(200);
    const att = await leader.post(`/api/activities/${t}/attendance`, {
      entries: [
        { personId: people[0].id, category: "applicant" },
        { personId: people[1].id, category: "applicant" },
        { personId: people[2].id, category: "staff" },
      ],
    });
    expect(att.statusCode, att.body).toBe(200);
    clock.set("2025-03-10T02:00:00Z");
    leader = await env.login("leader");

    expect(await fig("activities.held", "2024-01-01", "2024-12-31")).toBe(1);
    expect(await groups("activities.held", "audience", "2024-01-01", "2024-12-31")).toEqual({ 老年人: 1, 儿童: 1 });
    expect(await fig("activities.held", "2025-01-01", "2025-01-31")).toBe(3);
    expect(await groups("activities.held", "audience", "2025-01-01", "2025-01-31")).toEqual({ 老年人: 1, 发展对象: 1, "": 1 });
    expect(await fig("activities.held_attendance", "2025-01-01", "2025-01-31")).toBe(14);
    expect(await groups("activities.held_attendance", "audience", "2025-01-01", "2025-01-31")).toEqual({ 老年人: 4, 发展对象: 3, "": 7 });
    expect(await groups("activities.held_attendance", "audience", "2024-01-01", "2024-12-31")).toEqual({ 老年人: 10, 儿童: 10 });
    // The drill-down of a group keeps its records, once each.
    const recs = (await leader.get(`/api/figures/activities.held/records?region=${cid}&from=2024-12-01&to=2025-01-31&f.audience=${encodeURIComponent("老年人")}`)).json();
    expect(recs.total).toBe(2);
    expect(await fig("activities.count", "2024-12-01", "2025-01-31")).toBe(3);
    const en = await leader.req("GET", `/api/figures/activities.held/groups?region=${cid}&from=2024-01-01&to=2024-12-31&by=audience`, undefined, {
      headers: { "accept-language": "en" },
    });
    expect(en.json().items.map((g: { label: string }) => g.label).sort()).toEqual(["Children", "Elderly"]);

    expect(await fig("venue.trainings", "2025-01-01", "2025-01-31")).toBe(1);
    expect(await groups("venue.trainings", "category", "2025-01-01", "2025-01-31")).toEqual({ applicant: 1, staff: 1 });
    expect(await groups("venue.training_attendance", "category", "2025-01-01", "2025-01-31")).toEqual({ applicant: 2, staff: 1 });
  });

  it("hours booked sum the bookings that start in the period, at the year's turn", async () => {
    const v = (await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items.find((x: { name: string }) => x.name === "福民社区党群服务中心");
    const room = (await leader.get(`/api/activities/venues/${v.id}`)).json().rooms[0].id as string;
    clock.set("2024-12-30T02:00:00Z");
    leader = await env.login("leader");
    const book = async (s: string, e: string) => {
      const r = await leader.post("/api/activities/bookings", { roomId: room, title: `预约${s}`, startsAt: s, endsAt: e });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    await book(local("2024-12-31", "22:30"), local("2025-01-01", "00:00"));
    await book(local("2025-01-01", "00:00"), local("2025-01-01", "02:15"));
    const gone = await book(local("2025-01-02", "09:00"), local("2025-01-02", "11:00"));
    expect((await leader.post(`/api/activities/bookings/${gone}/cancel`, { reason: "改期" })).statusCode).toBe(200);
    clock.set("2025-03-10T02:00:00Z");
    leader = await env.login("leader");
    expect(await fig("venue.booked_hours", "2024-01-01", "2024-12-31")).toBe(1.5);
    expect(await fig("venue.booked_hours", "2025-01-01", "2025-12-31")).toBe(2.25);
    expect(await fig("venue.bookings", "2025-01-01", "2025-12-31")).toBe(1);
    expect(await groups("venue.booked_hours", "venue", "2024-01-01", "2025-12-31")).toEqual({ [v.id]: 3.75 });
  });

  it("self-inspection issues overdue by the period's end (or today): not rectified, or rectified late", async () => {
    const v = (await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items.find((x: { name: string }) => x.name === "福民社区党群服务中心");
    clock.set("2024-12-20T02:00:00Z");
    leader = await env.login("leader");
    const r = await leader.post(`/api/activities/venues/${v.id}/inspections`, {
      inspectedOn: "2024-12-20",
      inspector: "工作人员",
      items: [
        { item: "消防器材完好有效", passed: false, deadline: "2024-12-25" },
        { item: "环境卫生整洁", passed: false, deadline: "2024-12-25" },
        { item: "应急照明正常", passed: false, deadline: "2024-12-31" },
        { item: "台账资料齐全", passed: false, deadline: "2025-06-30" },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const issues = (await leader.get(`/api/activities/issues?venueId=${v.id}`)).json().items as Array<{ id: string; item: string }>;
    const id = (item: string) => issues.find((i) => i.item === item)?.id;
    clock.set("2024-12-24T02:00:00Z");
    leader = await env.login("leader");
    expect((await leader.post(`/api/activities/issues/${id("消防器材完好有效")}/rectify`, { on: "2024-12-24", note: "已更换" })).statusCode).toBe(200);
    clock.set("2025-01-05T02:00:00Z");
    leader = await env.login("leader");
    expect((await leader.post(`/api/activities/issues/${id("环境卫生整洁")}/rectify`, { on: "2025-01-05", note: "已清理" })).statusCode).toBe(200);
    clock.set("2025-03-10T02:00:00Z");
    leader = await env.login("leader");
    // By 31 Dec 2024: 环境卫生 (past its deadline, rectified only later); 应急照明's deadline is that day itself.
    expect(await fig("venue.self_check_issues_overdue", "2024-01-01", "2024-12-31")).toBe(1);
    // By 24 Dec nothing was past its deadline yet.
    expect(await fig("venue.self_check_issues_overdue", "2024-12-01", "2024-12-24")).toBe(0);
    // A period ending after today is read today (10 Mar 2025): 应急照明 is overdue too; 台账 not yet.
    expect(await fig("venue.self_check_issues_overdue", "2024-12-01", "2025-12-31")).toBe(2);
    expect(await fig("venue.self_check_issues", "2024-12-01", "2024-12-31")).toBe(4);
    expect(await groups("venue.self_check_issues", "status", "2024-12-01", "2024-12-31")).toEqual({ open: 2, rectified: 2 });
    const labels = (await leader.get(`/api/figures/venue.self_check_issues/groups?region=${cid}&from=2024-12-01&to=2024-12-31&by=status`)).json().items;
    expect(labels.map((g: { label: string }) => g.label).sort()).toEqual(["已整改待复核", "待整改"]);
  });
});
