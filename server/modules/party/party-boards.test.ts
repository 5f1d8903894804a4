import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { NO_SUCH_ID } from "../../test/http.js";

// Company boards: a member ends (the chair too), and the 一肩挑 and 交叉任职 ratios count only the
// members serving at the period's end. A community without party demo data. Today is 2026-06-15.
let env: TestEnv;
let leader: Agent;
let grid: Agent;
const msg = (res: { json: () => any }) => res.json().error.message as string;
const people: Record<string, string> = {};
const board: Record<string, string> = {};
let companyA: string;
let companyB: string;

async function person(name: string) {
  const res = await leader.post("/api/people", { communityId: env.world.communityId, name, gender: "M", birthDate: "1970-01-01", kind: "registered" });
  expect(res.statusCode, res.body).toBe(201);
  people[name] = res.json().id;
  return people[name];
}
async function company(name: string) {
  const res = await leader.post("/api/organisations", { communityId: env.world.communityId, kind: "股份合作公司", name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function seat(companyId: string, name: string, post: string, termStart = "2024-03-01") {
  const res = await leader.post("/api/party/boards", { companyId, personId: people[name] ?? (await person(name)), post, termStart, termEnd: "2027-03-01" });
  expect(res.statusCode, res.body).toBe(201);
  board[name] = res.json().id;
  return res;
}
const end = (name: string, on: string, agent = leader) => agent.post(`/api/party/boards/${board[name]}/end`, { on });
const period = (to: string) => `region=${env.world.communityId}&from=2026-01-01&to=${to}`;
async function figure(key: string, to = "2026-12-31") {
  const body = (await leader.get(`/api/figures?${period(to)}&module=party`)).json();
  const items: any[] = Array.isArray(body) ? body : (body.items ?? body.figures);
  return items.find((f) => f.key === `party.${key}`)?.value as number;
}
const records = async (key: string, to = "2026-12-31") => (await leader.get(`/api/figures/party.${key}/records?${period(to)}`)).json().rows as any[];
async function auditCount(action: string) {
  const r = await env.database.db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("action", "=", action)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-06-15T02:00:00Z") });
  leader = await env.login("leader");
  grid = await env.login("grid01");
  companyA = await company("甲股份合作公司");
  companyB = await company("乙股份合作公司");
  const c = await leader.post("/api/party/orgs", { name: "中共董事会测试社区委员会", level: "党委", partyKind: "社区", foundedOn: "2005-03-01" });
  const branch = await leader.post("/api/party/orgs", {
    name: "甲公司党支部",
    parentId: c.json().id,
    level: "党支部",
    partyKind: "股份合作公司",
    hostOrgId: companyA,
    foundedOn: "2010-01-01",
  });
  expect(branch.statusCode, branch.body).toBe(201);
  for (const [name, post] of [
    ["甲书记", "书记"],
    ["甲委员", "组织委员"],
  ]) {
    const res = await leader.post("/api/party/posts", { orgId: branch.json().id, personId: await person(name), post, termStart: "2023-01-01" });
    expect(res.statusCode, res.body).toBe(201);
  }
  // 甲: the secretary chairs (一肩挑), a committee member sits on the board (交叉任职), two others do not hold party posts.
  await seat(companyA, "甲书记", "董事长");
  await seat(companyA, "甲委员", "董事");
  await seat(companyA, "甲董事", "董事");
  await seat(companyA, "甲监事", "监事");
  // 乙: no party organisation in the company.
  await seat(companyB, "乙董事长", "董事长");
  await seat(companyB, "乙董事", "董事");
}, 120_000);
afterAll(() => env?.close());

describe("ending a board member", () => {
  it("the ratios before anyone ends", async () => {
    expect(await figure("company_dual_role_ratio")).toBe(0.5);
    expect(await figure("company_cross_role_ratio")).toBe(Math.round((2 / 6) * 10000) / 10000);
  });

  it("is refused in the future, before the term starts, for an unknown id and without party.write", async () => {
    expect((await end("甲董事", "2026-07-01")).statusCode).toBe(400);
    const before = await end("甲董事", "2024-03-01");
    expect(before.statusCode).toBe(400);
    expect(msg(before)).toContain("须晚于任期开始");
    expect((await leader.post(`/api/party/boards/${NO_SUCH_ID}/end`, { on: "2026-06-01" })).statusCode).toBe(404);
    expect((await end("甲董事", "2026-6-1")).statusCode).toBe(400);
    expect((await end("甲董事", "2026-06-01", grid)).statusCode).toBe(403);
  });

  it("ends a director: off the board list and, from that day, out of the cross-role ratio", async () => {
    const audits = await auditCount("party.board.end");
    const res = await end("甲董事", "2026-06-01");
    expect(res.statusCode, res.body).toBe(200);
    expect(await auditCount("party.board.end")).toBe(audits + 1);
    const log = await env.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "party.board.end")
      .where("entity_id", "=", board.甲董事)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.after as string)).toMatchObject({ ended_on: "2026-06-01", person: "甲董事" });
    expect(JSON.parse(log.before as string)).toMatchObject({ ended_on: null, post: "董事" });

    const list = (await leader.get("/api/party/boards")).json();
    expect(list.map((b: any) => b.personName)).not.toContain("甲董事");
    expect(await figure("company_cross_role_ratio")).toBe(0.4);
    expect((await records("company_cross_role_ratio")).map((r) => r.name)).not.toContain("甲董事");
    // A period ending before the day still counts them.
    expect(await figure("company_cross_role_ratio", "2026-05-31")).toBe(Math.round((2 / 6) * 10000) / 10000);
    const again = await end("甲董事", "2026-06-02");
    expect(again.statusCode).toBe(409);
  });

  it("ends the chair: the company has no chair until one is set, and is not 一肩挑", async () => {
    expect((await end("甲书记", "2026-06-10")).statusCode).toBe(200);
    const list = (await leader.get("/api/party/boards")).json();
    expect(list.filter((b: any) => b.companyId === companyA && b.post === "董事长")).toEqual([]);
    expect(
      list
        .filter((b: any) => b.companyId === companyA)
        .map((b: any) => b.personName)
        .sort(),
    ).toEqual(["甲委员", "甲监事"].sort());
    expect(await figure("company_dual_role_ratio")).toBe(0);
    const dual = await records("company_dual_role_ratio");
    expect(dual.find((r) => r.company === "甲股份合作公司")).toMatchObject({ chair: "（空缺）", dual: "否" });
    expect(await figure("company_cross_role_ratio")).toBe(0.25);
    // Before the day the chair still held both posts.
    expect(await figure("company_dual_role_ratio", "2026-06-09")).toBe(0.5);

    // A new chair from the day the old one left, not before.
    const overlap = await leader.post("/api/party/boards", { companyId: companyA, personId: people.甲委员, post: "董事长", termStart: "2026-06-05" });
    expect(overlap.statusCode).toBe(400);
    expect(msg(overlap)).toContain("任期重叠");
    const secretary = await leader.post("/api/party/boards", { companyId: companyA, personId: people.甲书记, post: "董事长", termStart: "2026-06-12" });
    expect(secretary.statusCode, secretary.body).toBe(201);
    expect(await figure("company_dual_role_ratio")).toBe(0.5);
  });
});
