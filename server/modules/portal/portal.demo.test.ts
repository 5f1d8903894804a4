import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, demoEnv, type TestEnv } from "../../test/helpers.js";

// The demo community's 2024 disclosures (with the projects' and the party's demo records they are
// drafted from): what the public portal shows and the figures they give.
let env: TestEnv;
let leader: Agent;
beforeAll(async () => {
  env = await demoEnv({ modules: ["party", "projects", "portal"], people: 120 });
  leader = await env.login("leader");
}, 180_000);
afterAll(() => env?.close());

const q = () => `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;
const pub = (url: string) => env.app.inject({ method: "GET", url, headers: { "x-forwarded-for": "10.90.0.1" } });

describe("the demo community's 2024 disclosures", () => {
  it("give the figures: items published, on-time rate with one quarter missed", async () => {
    const res = await leader.get(`/api/figures?${q()}&module=portal`);
    expect(res.statusCode, res.body).toBe(200);
    const v = Object.fromEntries(res.json().items.map((f: any) => [f.key, f.value]));
    expect(v["portal.items_published"]).toBe(57);
    expect(v["portal.on_time_rate"]).toBe(0.9565);
    expect(v["portal.feedback"]).toBe(0);
    const overdue = (await leader.get("/api/portal/overdue?on=2024-12-31")).json();
    expect(overdue.map((o: any) => `${o.columnName} ${o.slotFrom}`)).toEqual(["低保、救助、慰问等民生保障 2024-07-01"]);
  });

  it("are on the public portal by column, two of them withdrawn with their reasons", async () => {
    const page = async (column: string) => (await pub(`/api/public/disclosure/items?community=440309008003&column=${column}&pageSize=50`)).json();
    const [party, residents, finance] = [await page("party"), await page("residents"), await page("finance")];
    expect(party.total + residents.total + finance.total).toBe(62);
    const withdrawn = [...residents.items, ...finance.items].filter((i: any) => i.status === "withdrawn");
    expect(withdrawn.map((i: any) => i.withdrawReason)).toEqual([
      "居民提出异议，经议事会复议选址调整，原决定撤回",
      "一笔支付的日期录入有误，核对凭证后更正重新公开",
    ]);
    const march = finance.items.find((i: any) => i.title === "福民社区2024年3月收支情况" && i.version === 2);
    expect(march.status).toBe("published");
    expect(residents.items.filter((i: any) => i.columnKey === "residents.projects").length).toBeGreaterThanOrEqual(11);
    const report = (await pub("/api/public/disclosure/items?community=440309008003&column=party.resolutions")).json();
    expect(report.items.some((i: any) => i.title.includes("2024年工作报告"))).toBe(true);
  });
});
