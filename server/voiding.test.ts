import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMeeting, makeMember, makePartyOrg, makePerson } from "./modules/party/party.test-factories.js";
import { fixedClock } from "./platform/clock.js";
import type { Agent, TestEnv } from "./test/helpers.js";
import { testEnv } from "./test/helpers.js";

// 作废 (issue 15): a case, a party meeting and a dispute entered by mistake are voided with a reason by
// a permitted role; they leave the figures and the lists (the list's voided filter shows them), refuse
// further steps, stay on their timeline and in the audit log, and come back when restored.
let env: TestEnv;
let leader: Agent;
let staff: Agent;
const ids = { appeal: "", meeting: "", dispute: "" };
const REGION = () => `region=${env.world.communityId}&from=2025-01-01&to=2025-12-31`;

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2025-06-10T02:00:00Z") });
  leader = await env.login("leader");
  staff = await env.login("staff");
  const a = await staff.post("/api/appeals", {
    communityId: env.world.communityId,
    channel: "12345",
    kind: "appeal",
    appealType: "help",
    categoryCode: "JM03",
    urgency: "normal",
    title: "误录的案件",
    content: "登记错了，应作废",
    gridId: env.world.grids[0].id,
  });
  expect(a.statusCode, a.body).toBe(201);
  ids.appeal = a.json().id;
  const committee = await makePartyOrg(env, leader, { name: "中共作废测试社区委员会", level: "党委", partyKind: "社区", foundedOn: "2005-01-01" });
  const org = await makePartyOrg(env, leader, { name: "中共作废测试党支部", level: "党支部", partyKind: "小区", parentId: committee, foundedOn: "2010-01-01" });
  for (const i of [1, 2, 3]) await makeMember(leader, await makePerson(env, leader, `作废测试党员${i}`), org);
  ids.meeting = await makeMeeting(leader, org, "主题党日", "2025-05-20");
  const d = await leader.post("/api/safety/disputes", {
    gridId: env.world.grids[0].id,
    type: "邻里",
    source: "grid_check",
    summary: "重复登记的纠纷",
    registeredOn: "2025-06-01",
    parties: [{ name: "张伟", role: "applicant" }],
  });
  expect(d.statusCode, d.body).toBe(201);
  ids.dispute = d.json().id;
}, 120_000);
afterAll(() => env?.close());

const RECORDS = [
  { kind: "appeal", path: "/api/appeals", figure: "appeals.all_cases", list: "/api/appeals?pageSize=200" },
  { kind: "meeting", path: "/api/party/meetings", figure: "party.theme_days", list: "/api/party/meetings?pageSize=200" },
  { kind: "dispute", path: "/api/safety/disputes", figure: "safety.disputes_registered", list: "/api/safety/disputes?pageSize=200" },
] as const;

describe.each(RECORDS)("voiding a $kind", ({ kind, path, figure, list }) => {
  const id = () => ids[kind];
  const value = async () => (await leader.get(`/api/figures/${figure}?${REGION()}`)).json().value as number;
  const listed = async (q = "") => ((await leader.get(`${list}${q}`)).json().items as Array<{ id: string }>).some((x) => x.id === id());

  it("leaves the figures and the list with a reason, and comes back when restored", async () => {
    const before = await value();
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await listed()).toBe(true);

    // Only a role that administers the register may void; a reason is required.
    expect((await staff.post(`${path}/${id()}/void`, { reason: "重复登记" })).statusCode).toBe(403);
    const noReason = await leader.post(`${path}/${id()}/void`, { reason: " " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain("作废原因");

    const v = await leader.post(`${path}/${id()}/void`, { reason: "重复登记，已另行录入" });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().voided).toMatchObject({ reason: "重复登记，已另行录入" });
    expect(await value()).toBe(before - 1);
    expect(await listed()).toBe(false);
    expect(await listed("&voided=1")).toBe(true);
    expect(await listed("&voided=all")).toBe(true);
    // Its own page still opens, saying it is voided.
    const page = await leader.get(`${path}/${id()}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().voided?.reason).toBe("重复登记，已另行录入");
    expect((await leader.post(`${path}/${id()}/void`, { reason: "再次作废" })).statusCode).toBe(409);

    const r = await leader.post(`${path}/${id()}/restore`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().voided).toBeNull();
    expect(await value()).toBe(before);
    expect(await listed()).toBe(true);
    expect((await leader.post(`${path}/${id()}/restore`, {})).statusCode).toBe(409);

    const audit = await env.database.db.selectFrom("audit_log").select(["action"]).where("entity_id", "=", id()).execute();
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a.endsWith(".void"))).toHaveLength(1);
    expect(actions.filter((a) => a.endsWith(".restore"))).toHaveLength(1);
  });
});

describe("a voided record takes no further step", () => {
  it("refuses to handle a voided case or mediate a voided dispute until restored", async () => {
    await leader.post(`/api/appeals/${ids.appeal}/void`, { reason: "误录" });
    const dispatch = await leader.post(`/api/appeals/${ids.appeal}/dispatch`, { toCommunity: true });
    expect(dispatch.statusCode).toBe(409);
    expect(dispatch.json().error.message).toContain("已作废");
    const timeline = (await leader.get(`/api/appeals/${ids.appeal}`)).json().timeline as Array<{ action: string; note: string | null }>;
    expect(timeline.filter((e) => e.action === "void").map((e) => e.note)).toEqual(["重复登记，已另行录入", "误录"]);
    await leader.post(`/api/appeals/${ids.appeal}/restore`, {});
    expect((await leader.post(`/api/appeals/${ids.appeal}/dispatch`, { toCommunity: true })).statusCode).toBe(200);

    await leader.post(`/api/safety/disputes/${ids.dispute}/void`, { reason: "误录" });
    const esc = await leader.post(`/api/safety/disputes/${ids.dispute}/escalate`, { toLevel: "community", reason: "网格调解不成" });
    expect(esc.statusCode).toBe(409);
    const d = (await leader.get(`/api/safety/disputes/${ids.dispute}`)).json();
    expect(d.events.map((e: { kind: string }) => e.kind)).toContain("voided");
    await leader.post(`/api/safety/disputes/${ids.dispute}/restore`, {});
  });
});
