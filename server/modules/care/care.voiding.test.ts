import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";

// 作废 of a care visit entered by mistake (issue 15), on the test's own records: two households, a
// visit to each and a 慰问活动 to both entered twice by mistake; the duplicate is voided with a
// reason — out of the figures and the list, on the households' timelines marked, in the audit log,
// their latest visit dates back to the last live visit — and restored.

const clock = fixedClock("2025-03-10T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let community: string;
let staffId: string;
const hh: string[] = [];
const visitIds: string[] = [];

const fig = async (key: string) => (await leader.get(`/api/figures/${key}?region=${community}&from=2025-01-01&to=2025-12-31`)).json().value as number;
const visit = async (on: string, households: string[], yuan: number) => {
  const r = await leader.post("/api/care/visits", {
    communityId: community,
    visitedOn: on,
    title: `走访 ${on}`,
    visitorUserIds: [staffId],
    households: households.map((householdId) => ({ householdId, moneyFen: yuan * 100, followUp: "协助申请临时救助" })),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};

beforeAll(async () => {
  env = await testEnv({ clock, people: 0 });
  community = env.world.communityId;
  leader = await env.login("leader");
  staffId = (await env.app.deps.db.selectFrom("users").select("id").where("username", "=", "staff").executeTakeFirstOrThrow()).id;
  for (const [i, g] of [env.world.grids[0], env.world.grids[1]].entries()) {
    const p = await env.factories.makePerson(community, g, { name: `陈${i}家长` });
    const r = await leader.post("/api/care/households", { headPersonId: p.id, kinds: ["低保"], enrolledOn: "2024-06-01" });
    expect(r.statusCode, r.body).toBe(201);
    hh.push(r.json().household.id);
  }
  visitIds.push(await visit("2025-01-05", [hh[0]], 100));
  visitIds.push(await visit("2025-02-01", hh, 200));
  visitIds.push(await visit("2025-03-01", hh, 200)); // the 2 February one entered again, by mistake
});
afterAll(() => env?.close());

describe("voiding a care visit", () => {
  it("counts every visit before, and refuses a void without a reason", async () => {
    expect(await fig("care.visits")).toBe(3);
    expect(await fig("care.households")).toBe(5);
    expect(await fig("care.money_given")).toBe(900);
    const bare = await leader.post(`/api/care/visits/${visitIds[2]}/void`, { reason: "" });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toMatch(/作废原因/);
  });

  it("a voided visit leaves the figures and the list, stays on the households' pages marked, and is audited", async () => {
    const v = await leader.post(`/api/care/visits/${visitIds[2]}/void`, { reason: "重复登记" });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().voided).toMatchObject({ reason: "重复登记" });
    expect(await fig("care.visits")).toBe(2);
    expect(await fig("care.households")).toBe(3);
    expect(await fig("care.money_given")).toBe(500);
    // Coverage over March alone: nobody visited in March once the duplicate is gone.
    expect((await leader.get(`/api/figures/care.coverage?region=${community}&from=2025-03-01&to=2025-03-31`)).json().value).toBe(0);
    const list = (await leader.get("/api/care/visits?pageSize=50")).json();
    expect(list.items.map((x: any) => x.id).sort()).toEqual(visitIds.slice(0, 2).sort());
    expect((await leader.get("/api/care/visits?voided=1")).json().items.map((x: any) => x.id)).toEqual([visitIds[2]]);
    expect((await leader.get("/api/care/visits?voided=all")).json().total).toBe(3);
    const d = (await leader.get(`/api/care/households/${hh[1]}`)).json();
    expect(d.visits.map((x: any) => [x.visitedOn, !!x.voided])).toEqual([
      ["2025-03-01", true],
      ["2025-02-01", false],
    ]);
    expect(d.received).toMatchObject({ visits: 1, moneyFen: 20_000 });
    expect(d.openNeeds.filter((n: any) => n.source === "follow_up")).toHaveLength(1);
    expect(d.household.lastVisitedOn).toBe("2025-02-01");
    // A voided visit takes no further step, and is voided once.
    const line = d.visits[0].lineId;
    expect((await leader.post(`/api/care/follow-ups/${line}/close`, { on: "2025-03-05" })).statusCode).toBe(409);
    expect((await leader.post(`/api/care/visits/${visitIds[2]}/void`, { reason: "再次作废" })).statusCode).toBe(409);
    const auditor = await env.login("auditor");
    const log = (await auditor.get("/api/audit?action=care.visit.void")).json().items;
    expect(log.map((e: any) => e.entityId)).toEqual([visitIds[2]]);
  });

  it("is voided only by who records visits, and restored back into the figures", async () => {
    const supervisor = await env.login("supervisor");
    expect((await supervisor.post(`/api/care/visits/${visitIds[1]}/void`, { reason: "误录" })).statusCode).toBe(403);
    const r = await leader.post(`/api/care/visits/${visitIds[2]}/restore`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().voided ?? null).toBeNull();
    expect(await fig("care.visits")).toBe(3);
    expect(await fig("care.money_given")).toBe(900);
    expect((await leader.get(`/api/care/households/${hh[1]}`)).json().household.lastVisitedOn).toBe("2025-03-01");
    expect((await leader.post(`/api/care/visits/${visitIds[2]}/restore`)).statusCode).toBe(409);
  });
});
