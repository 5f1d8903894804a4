import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "./platform/clock.js";
import { monthEnd, zonedInstant } from "./platform/dates.js";
import type { Agent, TestEnv } from "./test/helpers.js";
import { testEnv } from "./test/helpers.js";
import { multipartFile } from "./test/http.js";

// Period boundaries (issue 15): records made at 00:00 and 23:59 local time on the first and last days
// of every month of a year — and on the days either side of it — count in the period of their local
// date in the deployment's zone: for Shanghai, and for a zone with daylight saving and a negative
// offset, where local midnight is another day in UTC. Cases come in by the XLSX import (times as the
// platform's export writes them, local) and, at the year's edges, by the API at those moments (a
// hazard found then takes that local day). The expected counts come from the moments listed here.
const MOMENTS: Array<{ date: string; time: string }> = [
  { date: "2022-12-31", time: "23:59" },
  { date: "2024-01-01", time: "00:00" },
];
for (let m = 1; m <= 12; m++) {
  const ym = `2023-${String(m).padStart(2, "0")}`;
  for (const date of [`${ym}-01`, monthEnd(ym)]) for (const time of ["00:00", "23:59"]) MOMENTS.push({ date, time });
}
const EDGES = [
  { date: "2022-12-31", time: "23:59" },
  { date: "2023-01-01", time: "00:00" },
  { date: "2023-12-31", time: "23:59" },
  { date: "2024-01-01", time: "00:00" },
];

async function book(rows: Array<Record<string, string>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导出");
  const h = Object.keys(rows[0]);
  ws.addRow(h);
  for (const r of rows) ws.addRow(h.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(["Asia/Shanghai", "America/Los_Angeles"])("period boundaries in %s", (timeZone) => {
  const clock = fixedClock("2025-01-10T04:00:00Z");
  let env: TestEnv;
  let leader: Agent;
  const hazardIds: string[] = [];
  const stock = { people: [] as string[], orgs: [] as string[], users: [] as string[] };
  beforeAll(async () => {
    env = await testEnv({ clock, timeZone });
    const staff = await env.login("staff");
    const rows = MOMENTS.map((m, i) => ({
      工单编号: `B${i}`,
      来源渠道: "12345热线/i深圳",
      小类: "噪音扰民",
      标题: `边界案件 ${m.date} ${m.time}`,
      网格: env.world.grids[i % 3].name,
      登记时间: `${m.date} ${m.time}`,
    }));
    const mp = multipartFile("cases.xlsx", await book(rows));
    const imp = await staff.req("POST", `/api/appeals/import?communityId=${env.world.communityId}`, mp.payload, { headers: mp.headers });
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json()).toMatchObject({ created: MOMENTS.length, errors: [] });
    for (const [i, m] of EDGES.entries()) {
      clock.set(zonedInstant(m.date, `${m.time}:00`, timeZone).toISOString());
      // Months pass between two moments: a session of the moment's own (from an address of its own:
      // logins are rate-limited per address).
      const grid = await env.login("grid01", undefined, `10.0.${i}.1`);
      const h = await grid.post("/api/safety/hazards", {
        gridId: env.world.grids[0].id,
        source: "patrol",
        kind: "消防",
        place: "狮径 3 栋",
        description: `边界隐患 ${m.date} ${m.time}`,
        risk: "low",
      });
      expect(h.statusCode, h.body).toBe(201);
      expect(h.json().foundOn).toBe(m.date);
      hazardIds.push(h.json().id);
      // The platform's stocks: a resident, an organisation and an account registered at the moment;
      // at the year's last and first moments, those of the year before archived (disabled).
      const f = env.factories;
      stock.people.push((await f.makePerson(env.world.communityId, env.world.grids[0])).id);
      stock.orgs.push((await f.makeOrg(env.world.communityId, { kind: "驾校", name: `边界驾校${i}`, foundedOn: m.date })).id);
      stock.users.push((await f.makeUser("staff", env.world.communityId, { username: `edge${i}` })).id);
      if (i >= 2) {
        const lead = await env.login("leader", undefined, `10.4.${i}.1`);
        const admin = await env.login("admin", undefined, `10.5.${i}.1`);
        expect((await lead.patch(`/api/people/${stock.people[i - 2]}`, { archived: true })).statusCode).toBe(200);
        expect((await lead.patch(`/api/organisations/${stock.orgs[i - 2]}`, { archived: true })).statusCode).toBe(200);
        expect((await admin.patch(`/api/users/${stock.users[i - 2]}`, { disabled: true })).statusCode).toBe(200);
      }
    }
    // 按期整改 at the deadline's edge: both hazards of the first two moments are due on 31 January
    // 2023; one is rectified at 23:59 that day (on time, in January), the other at 00:00 on 1 February
    // (late). Rectified through the API at those moments: the rectification takes the local day.
    for (const [k, id] of hazardIds.slice(0, 2).entries()) {
      clock.set(zonedInstant("2023-01-02", "09:00:00", timeZone).toISOString());
      const lead = await env.login("leader", undefined, `10.2.${k}.1`);
      const a = await lead.post(`/api/safety/hazards/${id}/assign`, { assigneeName: "物业", deadline: "2023-01-31" });
      expect(a.statusCode, a.body).toBe(200);
      const [date, time] = k === 0 ? ["2023-01-31", "23:59:00"] : ["2023-02-01", "00:00:00"];
      clock.set(zonedInstant(date, time, timeZone).toISOString());
      const grid = await env.login("grid01", undefined, `10.3.${k}.1`);
      const r = await grid.post(`/api/safety/hazards/${id}/rectify`, { note: "已清理" });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().rectifiedOn).toBe(date);
    }
    clock.set("2025-01-10T04:00:00Z");
    leader = await env.login("leader", undefined, "10.1.0.1");
  }, 300_000);
  afterAll(() => env?.close());

  const figure = async (key: string, from: string, to: string) => {
    const r = await leader.get(`/api/figures/${key}?region=${env.world.communityId}&from=${from}&to=${to}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().value as number;
  };
  const count = (list: typeof MOMENTS, from: string, to: string) => list.filter((m) => m.date >= from && m.date <= to).length;

  it("counts each record in the month and the year of its local date", async () => {
    for (let m = 1; m <= 12; m++) {
      const ym = `2023-${String(m).padStart(2, "0")}`;
      expect(await figure("appeals.all_cases", `${ym}-01`, monthEnd(ym)), ym).toBe(count(MOMENTS, `${ym}-01`, monthEnd(ym)));
    }
    for (const y of ["2022", "2023", "2024"]) {
      expect(await figure("appeals.all_cases", `${y}-01-01`, `${y}-12-31`), `cases ${y}`).toBe(count(MOMENTS, `${y}-01-01`, `${y}-12-31`));
      expect(await figure("safety.hazards_found", `${y}-01-01`, `${y}-12-31`), `hazards ${y}`).toBe(count(EDGES, `${y}-01-01`, `${y}-12-31`));
    }
    // Rectified at 23:59 on the deadline day is on time, in its month; at 00:00 the day after, late.
    expect(await figure("safety.hazards_rectified_on_time", "2023-01-01", "2023-01-31")).toBe(1);
    expect(await figure("safety.hazards_rectified_on_time", "2023-02-01", "2023-02-28")).toBe(0);
    expect(await figure("safety.hazards_rectified_on_time", "2023-01-01", "2023-12-31")).toBe(1);
    expect(await figure("safety.hazards_rectified_on_time", "2022-01-01", "2022-12-31")).toBe(0);
    // A single day: the first of March holds its 00:00 and its 23:59.
    expect(await figure("appeals.all_cases", "2023-03-01", "2023-03-01")).toBe(2);
    expect(await figure("safety.hazards_found", "2023-01-01", "2023-01-01")).toBe(1);
  });

  it("counts the platform's registers as they stood at the period's end, at local midnight", async () => {
    // Registered at 2022-12-31 23:59, 2023-01-01 00:00, 2023-12-31 23:59 and 2024-01-01 00:00; the
    // first archived (disabled) at 2023-12-31 23:59, the second at 2024-01-01 00:00. The test's world
    // was made on 2025-01-10, after every period asked here, so none of it counts (organisations count
    // by founding date, here the moment's: the world's own are of other kinds than these 驾校).
    const driving = async (from: string, to: string) => {
      const r = await leader.get(`/api/figures/platform.organisations/groups?region=${env.world.communityId}&from=${from}&to=${to}&by=kind`);
      return (r.json().items as Array<{ key: string; value: number }>).find((g) => g.key === "驾校")?.value ?? 0;
    };
    const at = async (key: string, from: string, to: string) => (key === "orgs" ? driving(from, to) : figure(key, from, to));
    for (const key of ["platform.people", "orgs", "platform.accounts"]) {
      expect(await at(key, "2022-01-01", "2022-12-31"), `${key} 2022`).toBe(1);
      expect(await at(key, "2023-01-01", "2023-01-31"), `${key} 2023-01`).toBe(2);
      expect(await at(key, "2023-01-01", "2023-12-31"), `${key} 2023`).toBe(2);
      expect(await at(key, "2024-01-01", "2024-01-31"), `${key} 2024-01`).toBe(2);
    }
  });

  it("keeps the local registration date and the instant on the record", async () => {
    const r = await leader.get(`/api/figures/appeals.all_cases/records?region=${env.world.communityId}&from=2023-12-31&to=2023-12-31`);
    expect(r.statusCode, r.body).toBe(200);
    const rows = r.json().rows as Array<{ date: string; title: string }>;
    expect(rows.map((x) => x.date)).toEqual(["2023-12-31", "2023-12-31"]);
    const stored = await env.database.db
      .selectFrom("appeals")
      .select(["registered_at", "reg_month"])
      .where("title", "=", "边界案件 2023-12-31 23:59")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ registered_at: zonedInstant("2023-12-31", "23:59:00", timeZone).toISOString(), reg_month: "2023-12" });
  });
});
