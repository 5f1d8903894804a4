import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataVersion } from "../../platform/audit.js";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { loginFrom, multipartFile } from "../../test/http.js";
import { CACHE_TTL_MS } from "./reports.life.service.js";

// 存在问题 drafted from the test's own records (made through the services' APIs): a category of
// appeals whose return visits are not satisfied enough, a patrol team whose rounds were missed —
// and no finding for the category and the team whose records are fine. Then the cache of generated
// reports: answered again while no record changes, generated anew after any write, after its time
// to live, or when asked to.

const clock = fixedClock("2025-02-10T02:00:00Z"); // 10:00 in Shenzhen
let env: TestEnv;
let leader: Agent;
let ip = 0;
const q = () => `?region=${env.world.communityId}`;
const report = async (year: number, extra = "") => {
  const res = await leader.get(`/api/reports/annual/${year}${q()}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
async function at(iso: string) {
  clock.set(iso);
  leader = await loginFrom(env, "leader", `10.13.${++ip}.1`);
}

async function book(rows: Array<Record<string, string>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导出");
  const h = Object.keys(rows[0]);
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** A closed 2024 case of a sub-category with its return visit. */
const closedCase = (no: string, category: string, day: number, satisfaction: string) => {
  const d = String(day).padStart(2, "0");
  return {
    工单编号: no,
    来源渠道: "民意速办平台",
    类型: "诉求",
    诉求类型: "求助",
    小类: category,
    紧急程度: "一般件",
    标题: `${category}报修`,
    诉求内容: `${category}报修`,
    地址: "福民路1号",
    网格: "第2网格",
    诉求人: "王先生",
    联系电话: "13900001111",
    登记时间: `2024-05-${d} 09:00`,
    派单时间: `2024-05-${d} 09:30`,
    签收时间: `2024-05-${d} 10:00`,
    首次联系时间: `2024-05-${d} 11:00`,
    办结时间: `2024-05-${d} 18:00`,
    是否解决: "是",
    回访时间: `2024-06-${d} 10:00`,
    回访是否联系: "是",
    回访是否解决: "是",
    满意度: satisfaction,
  };
};

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
}, 120_000);
afterAll(() => env?.close());

describe("存在问题 from the records", () => {
  it("finds the category of appeals with low satisfaction (公用设施: 路灯, 3 of 6 satisfied), not the one that is fine (市容环境: 垃圾清运)", async () => {
    const rows = [
      ...Array.from({ length: 6 }, (_, i) => closedCase(`BGLD${i}`, "路灯", i + 1, i < 3 ? "满意" : "不满意")),
      ...Array.from({ length: 6 }, (_, i) => closedCase(`BGLJ${i}`, "垃圾清运", i + 10, "满意")),
    ];
    const m = multipartFile("cases.xlsx", await book(rows));
    const up = await leader.req("POST", `/api/appeals/import?communityId=${env.world.communityId}`, m.payload, { headers: m.headers });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ created: 12, errors: [] });

    const r = await report(2024);
    const sat = r.findings.filter((f: any) => f.key === "appeals.satisfaction_rate");
    expect(sat).toHaveLength(1);
    expect(sat[0]).toMatchObject({ filterLabels: { category: "公用设施" }, status: "proposed" });
    // Its evidence: the category's return visits; the finding's rate is theirs, below 90%.
    const recs = (
      await leader.get(
        `/api/figures/appeals.satisfaction_rate/records${q()}&from=2024-01-01&to=2024-12-31&f.category=${encodeURIComponent(sat[0].filters.category)}`,
      )
    ).json();
    expect(recs.total).toBeGreaterThanOrEqual(5);
    const rate = recs.rows.reduce((n: number, x: any) => n + x.counted, 0) / recs.total;
    expect(rate).toBeLessThan(0.9);
    expect(sat[0].value).toBeCloseTo(rate, 6);
    expect(sat[0].proposed).toBe(`“公用设施”类诉求满意率为${Math.round(rate * 100)}%，低于90%，办理质量有待提升。`);
    // A year whose appeals are all satisfied (none: no return visits) proposes nothing.
    expect((await report(2023)).findings.filter((f: any) => f.key === "appeals.satisfaction_rate")).toEqual([]);
  });

  it("finds the patrol team whose rounds were missed, not the team that did its round", async () => {
    const users = await env.database.db.selectFrom("users").select(["id", "username"]).where("username", "in", ["patrol01", "patrol02"]).execute();
    const id = (u: string) => users.find((x) => x.username === u)?.id as string;
    const team = async (name: string, member: string) => {
      const t = await leader.post("/api/patrol/teams", { communityId: env.world.communityId, name, force: "community", memberIds: [id(member)] });
      expect(t.statusCode, t.body).toBe(201);
      return t.json().id as string;
    };
    const point = await leader.post("/api/patrol/points", {
      communityId: env.world.communityId,
      name: "报告巡查点",
      kind: "公园",
      lng: 114.0475,
      lat: 22.6735,
      force: "community",
    });
    expect(point.statusCode, point.body).toBe(201);
    const pointId = point.json().id as string;
    const token = new URL((await leader.get(`/api/patrol/points/labels?ids=${pointId}`)).json()[0].url).searchParams.get("t");
    const plan = (name: string, teamId: string, start: string, end: string, startsOn: string) =>
      leader.post("/api/patrol/plans", {
        communityId: env.world.communityId,
        name,
        force: "community",
        teamId,
        pointIds: [pointId],
        frequency: "daily",
        windows: [{ start, end }],
        startsOn,
        endsOn: "2025-02-10",
      });
    // 一队: mornings 08:00–09:00 from the 9th, never visited (2 rounds, both ended by 10:00 on the 10th).
    expect((await plan("一队晨巡", await team("报告一队", "patrol01"), "08:00", "09:00", "2025-02-09")).statusCode).toBe(201);
    // 二队: 10:00–11:00 on the 10th, visited by its member.
    expect((await plan("二队巡查", await team("报告二队", "patrol02"), "10:00", "11:00", "2025-02-10")).statusCode).toBe(201);
    for (const date of ["2025-02-09", "2025-02-10"]) expect((await leader.get(`/api/patrol/rounds?date=${date}`)).statusCode).toBe(200);
    await at("2025-02-10T02:20:00Z"); // 10:20
    const patrol = await loginFrom(env, "patrol02", `10.13.${++ip}.2`);
    const now = clock.now().toISOString();
    const c = await patrol.post("/api/patrol/checkins", {
      clientId: "report-findings-checkin-1",
      pointId,
      method: "qr",
      token,
      deviceTime: now,
      lat: 22.6735,
      lng: 114.0475,
      accuracyM: 10,
      result: "normal",
    });
    expect(c.statusCode, c.body).toBe(201);
    await at("2025-02-10T03:30:00Z"); // 11:30: both teams' windows have ended

    const r = await report(2025);
    const low = r.findings.filter((f: any) => f.key === "patrol.completion_rate");
    expect(low.map((f: any) => f.filterLabels.team)).toEqual(["报告一队"]);
    expect(low[0]).toMatchObject({ value: 0, proposed: "报告一队巡查计划完成率为0%，漏巡问题需加强整改。" });
    const groups = (await leader.get(`/api/figures/patrol.completion_rate/groups${q()}&from=2025-01-01&to=2025-12-31&by=team`)).json().items;
    expect(groups.find((g: any) => g.label === "报告二队")).toMatchObject({ value: 1 });
    expect(groups.find((g: any) => g.label === "报告一队")).toMatchObject({ value: 0 });
    // Its evidence: 一队's two ended rounds, neither visited.
    const recs = (await leader.get(`/api/figures/patrol.completion_rate/records${q()}&from=2025-01-01&to=2025-12-31&f.team=${low[0].filters.team}`)).json();
    expect(recs.rows.map((x: any) => [x.date, x.expected, x.visited])).toEqual([
      ["2025-02-09", 1, 0],
      ["2025-02-10", 1, 0],
    ]);
  });
});

describe("the cache of generated reports", () => {
  it("answers again while no record changes; any write, its time to live or fresh=1 generate it anew", async () => {
    const first = await report(2024);
    expect(first.cached).toBeUndefined();
    const v = await dataVersion(env.database.db);
    const again = await report(2024);
    expect(again).toMatchObject({ cached: true, generatedAt: first.generatedAt });
    // Reads (the two generations, an export) leave the data version as it was.
    expect((await leader.get("/api/people/export")).statusCode).toBe(200);
    // So do a session's own entries: a sign-in, a sign-out.
    const other = await env.login("staff");
    expect((await other.post("/api/auth/logout")).statusCode).toBeLessThan(300);
    for (const action of ["auth.session_end", "auth.2fa_verify", "screen.open"])
      await env.app.deps.audit.append(env.database.db, { actorId: null, actorName: "test", action, entity: "user", entityId: null });
    expect(await dataVersion(env.database.db)).toBe(v);
    expect((await report(2024)).cached).toBe(true);
    // A write anywhere (an appeal of 2024 imported): generated anew, with the new number.
    const before = first.figures.find((f: any) => f.key === "appeals.satisfaction_rate").value;
    const m = multipartFile("cases.xlsx", await book([closedCase("BGLD9", "路灯", 20, "不满意")]));
    expect((await leader.req("POST", `/api/appeals/import?communityId=${env.world.communityId}`, m.payload, { headers: m.headers })).statusCode).toBe(200);
    expect(await dataVersion(env.database.db)).toBeGreaterThan(v);
    const after = await report(2024);
    expect(after.cached).toBeUndefined();
    expect(after.figures.find((f: any) => f.key === "appeals.satisfaction_rate").value).toBeLessThan(before);
    expect((await report(2024)).cached).toBe(true);
    expect((await report(2024, "&fresh=1")).cached).toBeUndefined();
    // 2024 ended more than a month ago: kept 10 minutes; 2025 (the current year) 30 s.
    clock.advance(CACHE_TTL_MS.past + 1000);
    leader = await loginFrom(env, "leader", `10.13.${++ip}.1`);
    expect((await report(2024)).cached).toBeUndefined();
    await report(2025);
    expect((await report(2025)).cached).toBe(true);
    clock.advance(CACHE_TTL_MS.current + 1000);
    expect((await report(2025)).cached).toBeUndefined();
    // Every answer is audited, with whether it came from the cache.
    const gen = await env.database.db.selectFrom("audit_log").select("after").where("action", "=", "reports.generate").execute();
    expect(gen.filter((g) => JSON.parse(g.after ?? "{}").cached === true).length).toBeGreaterThanOrEqual(4);
  });
});
