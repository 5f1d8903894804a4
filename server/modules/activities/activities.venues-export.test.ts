import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";

// The venues XLSX export takes the list's own query: under the same filters (kind, state, q,
// community) the sheet holds exactly the venues the list shows, and the export is audited with
// its filter and row count.

const clock = fixedClock("2025-03-10T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let cid: string;

const VENUES = [
  { name: "福民社区党群服务中心", kind: "党群服务中心", state: "open", openedOn: "2019-05-20", address: "福民路1号" },
  { name: "观澜湖党群服务驿站", kind: "党群服务驿站", state: "planning", address: "观澜湖北门" },
  { name: "福民第二活动室", kind: "活动室", state: "open", openedOn: "2021-01-01", address: "福民路8号" },
  { name: "皇岗口岸共建基地", kind: "共建基地", state: "paused", openedOn: "2020-03-01", address: "皇岗路" },
];

async function sheetNames(query: string) {
  const res = await leader.get(`/api/activities/venues/export?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  const ws = wb.worksheets[0];
  const names: string[] = [];
  for (let i = 2; i <= ws.rowCount; i++) names.push(String(ws.getRow(i).getCell(1).value));
  return names.sort();
}
const listNames = async (query: string) => {
  const res = await leader.get(`/api/activities/venues?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Array<{ name: string }>).map((v) => v.name).sort();
};

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
  cid = env.world.communityId;
  for (const v of VENUES) {
    const res = await leader.post("/api/activities/venues", { communityId: cid, ...v });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);
afterAll(() => env.close());

describe("the venues export", () => {
  it("exports what the list shows under the same filters", async () => {
    const cases: Array<[string, string[]]> = [
      [`communityId=${cid}&kind=${encodeURIComponent("党群服务驿站")}`, ["观澜湖党群服务驿站"]],
      [`communityId=${cid}&state=open`, ["福民社区党群服务中心", "福民第二活动室"]],
      [`communityId=${cid}&q=${encodeURIComponent("福民路")}`, ["福民社区党群服务中心", "福民第二活动室"]],
      [`communityId=${cid}&q=${encodeURIComponent("服务")}&state=open`, ["福民社区党群服务中心"]],
      [`communityId=${cid}&kind=${encodeURIComponent("活动室")}&state=paused`, []],
    ];
    for (const [query, expected] of cases) {
      expect(await listNames(query), query).toEqual([...expected].sort());
      expect(await sheetNames(query), query).toEqual([...expected].sort());
    }
    // Unfiltered, all four; a wrong filter value is refused as on the list.
    expect(await sheetNames(`communityId=${cid}`)).toEqual(VENUES.map((v) => v.name).sort());
    expect((await leader.get(`/api/activities/venues/export?state=shut`)).statusCode).toBe(400);
    expect((await leader.get(`/api/activities/venues?state=shut`)).statusCode).toBe(400);
  });

  it("audits a filtered export with its filter and row count", async () => {
    await sheetNames(`communityId=${cid}&state=open&q=${encodeURIComponent("活动室")}`);
    const audit = await (await env.login("auditor")).get("/api/audit?action=venue.export");
    expect(audit.statusCode, audit.body).toBe(200);
    const entry = (audit.json().items as Array<{ after: { rows: number; filter: Record<string, string> } | string }>)
      .map((e) => (typeof e.after === "string" ? JSON.parse(e.after) : e.after))
      .find((a) => a?.filter?.q === "活动室");
    expect(entry).toMatchObject({ rows: 1, filter: { communityId: cid, state: "open", q: "活动室" } });
  });
});
