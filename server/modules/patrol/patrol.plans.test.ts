import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { NO_SUCH_ID } from "../../test/http.js";

// Changing a patrol plan from the plans page: the whole plan checked by the rules of a new one;
// rounds already started keep the points they were made with, rounds not yet started follow the
// change; only a patrol administrator may change a plan.

const clock = fixedClock("2025-03-10T02:00:00Z"); // 10:00 in Shenzhen
let env: TestEnv;
let leader: Agent;
let teamId: string;
let planId: string;
const pointIds: string[] = [];

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
  const t = await leader.post("/api/patrol/teams", { communityId: env.world.communityId, name: "社区巡逻队", force: "community" });
  teamId = t.json().id;
  for (const [i, [lng, lat]] of [
    [114.0475, 22.6735],
    [114.0523, 22.6738],
    [114.0555, 22.6762],
    [114.0585, 22.6745],
  ].entries()) {
    const res = await leader.post("/api/patrol/points", {
      communityId: env.world.communityId,
      name: `计划点${i + 1}`,
      kind: "公园",
      lng,
      lat,
      force: "community",
    });
    expect(res.statusCode, res.body).toBe(201);
    pointIds.push(res.json().id);
  }
  const plan = await leader.post("/api/patrol/plans", {
    communityId: env.world.communityId,
    name: "白班巡查",
    force: "community",
    teamId,
    pointIds: pointIds.slice(0, 2),
    frequency: "shift",
    windows: [
      { start: "08:00", end: "12:00" },
      { start: "14:00", end: "18:00" },
    ],
    startsOn: "2025-03-01",
  });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().id;
}, 120_000);
afterAll(() => env.close());

const rounds = async () =>
  (
    (await leader.get(`/api/patrol/rounds?planId=${planId}&date=2025-03-10`)).json() as Array<{
      windowStart: string;
      expected: number;
      points: Array<{ id: string }>;
    }>
  ).sort((a, b) => a.windowStart.localeCompare(b.windowStart));

describe("changing a patrol plan", () => {
  it("a started round keeps its points; a round not yet started follows the change", async () => {
    const before = await rounds();
    expect(before.map((r) => r.expected)).toEqual([2, 2]);
    const res = await leader.patch(`/api/patrol/plans/${planId}`, { name: "白班巡查（扩大）", pointIds: pointIds.slice(0, 3), order: "fixed" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: planId,
      name: "白班巡查（扩大）",
      pointIds: pointIds.slice(0, 3),
      teamId,
      teamName: "社区巡逻队",
      frequency: "shift",
    });
    const after = await rounds();
    expect(after).toHaveLength(2);
    expect(after[0].points.map((p) => p.id)).toEqual(pointIds.slice(0, 2)); // 08:00–12:00, in progress at 10:00
    expect(after[1].points.map((p) => p.id)).toEqual(pointIds.slice(0, 3)); // 14:00–18:00, not yet started
    expect(after[1].expected).toBe(3);
    const plan = (await leader.get(`/api/patrol/plans/${planId}`)).json();
    expect(plan.name).toBe("白班巡查（扩大）");
  });

  it("fields left out stay as they are; the change is audited", async () => {
    const assignee = await env.database.db.selectFrom("users").select("id").where("username", "=", "patrol01").executeTakeFirstOrThrow();
    const set = await leader.patch(`/api/patrol/plans/${planId}`, { assigneeIds: [assignee.id], order: "random" });
    expect(set.statusCode, set.body).toBe(200);
    const res = await leader.patch(`/api/patrol/plans/${planId}`, { windows: [{ start: "07:30", end: "11:30" }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      assigneeIds: [assignee.id],
      order: "random",
      pointIds: pointIds.slice(0, 3),
      windows: [{ start: "07:30", end: "11:30" }],
    });
    const audit = await env.database.db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity_id", "=", planId)
      .where("action", "=", "patrol.plan.update")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after as string)).toMatchObject({ windows: JSON.stringify([{ start: "07:30", end: "11:30" }]) });
    expect(JSON.parse(audit.before as string).name).toBe("白班巡查（扩大）");
  });

  it("every N days needs N; from weekly to every 3 days; no team", async () => {
    const noN = await leader.patch(`/api/patrol/plans/${planId}`, { frequency: "every_n_days" });
    expect(noN.statusCode).toBe(400);
    expect(noN.json().error.message).toMatch(/间隔天数/);
    const ok = await leader.patch(`/api/patrol/plans/${planId}`, { frequency: "every_n_days", everyNDays: 3, teamId: null });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ frequency: "every_n_days", everyNDays: 3, teamId: null, teamName: null });
    const weekly = await leader.patch(`/api/patrol/plans/${planId}`, { frequency: "weekly" });
    expect(weekly.json()).toMatchObject({ frequency: "weekly", everyNDays: null });
  });

  it("refuses a plan that would not hold: bad dates, points, team, people, windows", async () => {
    const bad = async (body: unknown, re: RegExp) => {
      const res = await leader.patch(`/api/patrol/plans/${planId}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toMatch(re);
    };
    await bad({ endsOn: "2025-02-01" }, /结束日期/);
    await bad({ pointIds: [] }, /.+/);
    await bad({ pointIds: [NO_SUCH_ID] }, /启用中的巡查点/);
    await bad({ teamId: NO_SUCH_ID }, /巡查队伍/);
    await bad({ assigneeIds: [NO_SUCH_ID] }, /账号不存在/);
    await bad({ windows: [{ start: "8:00", end: "12:00" }] }, /.+/);
    const retired = await leader.post(`/api/patrol/points/${pointIds[3]}/retire`);
    expect(retired.statusCode).toBe(200);
    await bad({ pointIds: [pointIds[0], pointIds[3]] }, /启用中的巡查点/);
    // Nothing of the refused changes stuck.
    const plan = (await leader.get(`/api/patrol/plans/${planId}`)).json();
    expect(plan).toMatchObject({ pointIds: pointIds.slice(0, 3), endsOn: null });
  });

  it("a stopped plan can be changed and activated again; unknown plans and other roles are refused", async () => {
    expect((await leader.post(`/api/patrol/plans/${planId}/stop`)).json().active).toBe(false);
    const res = await leader.patch(`/api/patrol/plans/${planId}`, { endsOn: "2025-12-31" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, endsOn: "2025-12-31" });
    expect((await leader.post(`/api/patrol/plans/${planId}/activate`)).json().active).toBe(true);
    expect((await leader.patch(`/api/patrol/plans/${NO_SUCH_ID}`, { name: "x" })).statusCode).toBe(404);
    const patrol = await env.login("patrol01");
    expect((await patrol.patch(`/api/patrol/plans/${planId}`, { name: "x" })).statusCode).toBe(403);
    const supervisor = await env.login("supervisor");
    expect((await supervisor.patch(`/api/patrol/plans/${planId}`, { name: "x" })).statusCode).toBe(403);
  });
});

describe("who a plan can be assigned to", () => {
  it("lists the community's accounts that may check in, for a patrol administrator only", async () => {
    const res = await leader.get(`/api/patrol/officers?communityId=${env.world.communityId}`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().map((u: { name: string }) => u.name);
    expect(names).toEqual(expect.arrayContaining(["巡查员1", "巡查员2", "巡查员3", "志愿者1"]));
    expect(names).not.toContain("人民调解员");
    expect(names).not.toContain("社区工作人员");
    const patrol = await env.login("patrol02");
    expect((await patrol.get(`/api/patrol/officers?communityId=${env.world.communityId}`)).statusCode).toBe(403);
    expect((await leader.get(`/api/patrol/officers?communityId=${env.world.neighbourCommunityId}`)).statusCode).toBe(404);
  });
});
