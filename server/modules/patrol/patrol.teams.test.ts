import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/world.js";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { loginFrom, NO_SUCH_ID } from "../../test/http.js";

// Patrol teams (巡查队伍) administered from the teams page: a name unique in the community, members
// who are patrol officers of that community, changes and archiving audited; and the rounds a new
// or re-activated plan makes: none for a window that had ended before the plan came into force.

const clock = fixedClock("2025-03-10T01:00:00Z"); // 09:00 in Shenzhen
let env: TestEnv;
let leader: Agent;
let ip = 0;
const ids: Record<string, string> = {};
const pointIds: string[] = [];

/** Moves the clock; sessions idle out on the same clock, so the leader signs in again. */
async function at(iso: string) {
  clock.set(iso);
  leader = await loginFrom(env, "leader", `10.8.${++ip}.1`);
}
const audits = (entityId: string) =>
  env.database.db.selectFrom("audit_log").select(["action", "before", "after"]).where("entity_id", "=", entityId).orderBy("seq").execute();

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
  const users = await env.database.db.selectFrom("users").select(["id", "username"]).execute();
  for (const u of users) ids[u.username] = u.id;
  // A patrol officer of the neighbouring community: a patrol role, but not in 福民社区's scope.
  const admin = await env.login("admin");
  const other = await admin.post("/api/users", {
    username: "jtpatrol",
    displayName: "桔塘巡查员",
    role: "patrol",
    scopeRegionId: env.world.neighbourCommunityId,
    password: DEMO_PASSWORD,
  });
  expect(other.statusCode, other.body).toBe(201);
  ids.jtpatrol = other.json().id;
  for (const [i, [lng, lat]] of [
    [114.0475, 22.6735],
    [114.0523, 22.6738],
  ].entries()) {
    const res = await leader.post("/api/patrol/points", {
      communityId: env.world.communityId,
      name: `队伍测试点${i + 1}`,
      kind: "公园",
      lng,
      lat,
      force: "community",
    });
    expect(res.statusCode, res.body).toBe(201);
    pointIds.push(res.json().id);
  }
}, 120_000);
afterAll(() => env?.close());

describe("patrol teams", () => {
  let teamId: string;

  it("creates a team of two patrol officers; the name is unique in the community", async () => {
    const res = await leader.post("/api/patrol/teams", {
      communityId: env.world.communityId,
      name: "夜巡小队",
      force: "community",
      memberIds: [ids.patrol02, ids.grid01],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: "夜巡小队", force: "community", memberIds: [ids.patrol02, ids.grid01], archived: false, orgId: null });
    teamId = res.json().id;
    const again = await leader.post("/api/patrol/teams", { communityId: env.world.communityId, name: " 夜巡小队 ", force: "police" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("夜巡小队");
    const list = (await leader.get("/api/patrol/teams")).json() as Array<{ id: string }>;
    expect(list.map((t) => t.id)).toContain(teamId);
  });

  it("takes as members only active accounts with a patrol role in the team's community", async () => {
    const base = { communityId: env.world.communityId, force: "community" as const };
    const mediator = await leader.post("/api/patrol/teams", { ...base, name: "调解队", memberIds: [ids.mediator] });
    expect(mediator.statusCode).toBe(400);
    expect(mediator.json().error.message).toContain("不能巡查打卡");
    const outside = await leader.post("/api/patrol/teams", { ...base, name: "跨社区队", memberIds: [ids.patrol01, ids.jtpatrol] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain("不在该社区内");
    const unknown = await leader.post("/api/patrol/teams", { ...base, name: "无名队", memberIds: [NO_SUCH_ID] });
    expect(unknown.statusCode).toBe(400);
    const patch = await leader.patch(`/api/patrol/teams/${teamId}`, { memberIds: [ids.patrol02, ids.mediator] });
    expect(patch.statusCode).toBe(400);
    // Nothing of the refused requests was stored.
    const names = ((await leader.get("/api/patrol/teams")).json() as Array<{ name: string }>).map((t) => t.name);
    expect(names).not.toContain("调解队");
    expect(names).not.toContain("跨社区队");
  });

  it("changes name, organisation and members; fields left out stay; the change is audited", async () => {
    const orgId = env.world.orgs.福城派出所福民警务室;
    const res = await leader.patch(`/api/patrol/teams/${teamId}`, { name: "夜间巡逻队", orgId, memberIds: [ids.patrol02, ids.patrol03, ids.grid01] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: teamId, name: "夜间巡逻队", force: "community", orgId, memberIds: [ids.patrol02, ids.patrol03, ids.grid01] });
    const same = await leader.patch(`/api/patrol/teams/${teamId}`, {});
    expect(same.json()).toMatchObject({ name: "夜间巡逻队", orgId, memberIds: [ids.patrol02, ids.patrol03, ids.grid01] });
    const a = (await audits(teamId)).filter((x) => x.action === "patrol.team.update");
    expect(a.length).toBe(2);
    expect(JSON.parse(a[0].before as string)).toMatchObject({ name: "夜巡小队", member_ids: JSON.stringify([ids.patrol02, ids.grid01]) });
    expect(JSON.parse(a[0].after as string)).toMatchObject({ name: "夜间巡逻队", org_id: orgId });
    // The other team's name is taken; an organisation of another community is refused.
    const other = await leader.post("/api/patrol/teams", { communityId: env.world.communityId, name: "白班队", force: "community" });
    expect(other.statusCode).toBe(201);
    expect((await leader.patch(`/api/patrol/teams/${other.json().id}`, { name: "夜间巡逻队" })).statusCode).toBe(409);
    expect((await leader.patch(`/api/patrol/teams/${other.json().id}`, { name: "白班队" })).statusCode).toBe(200);
    expect((await leader.patch(`/api/patrol/teams/${teamId}`, { orgId: NO_SUCH_ID })).statusCode).toBe(400);
  });

  it("archives a team only once no active plan runs with it, and brings it back", async () => {
    const plan = await leader.post("/api/patrol/plans", {
      communityId: env.world.communityId,
      name: "夜间巡逻",
      force: "community",
      teamId,
      pointIds,
      frequency: "daily",
      windows: [{ start: "20:00", end: "22:00" }],
      startsOn: "2025-03-10",
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const force = await leader.patch(`/api/patrol/teams/${teamId}`, { force: "police" });
    expect(force.statusCode).toBe(409);
    const refused = await leader.post(`/api/patrol/teams/${teamId}/archive`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("夜间巡逻");
    expect((await leader.post(`/api/patrol/plans/${plan.json().id}/stop`)).statusCode).toBe(200);
    const archived = await leader.post(`/api/patrol/teams/${teamId}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ id: teamId, archived: true });
    const listed = ((await leader.get("/api/patrol/teams")).json() as Array<{ id: string; archived: boolean }>).find((t) => t.id === teamId);
    expect(listed?.archived).toBe(true);
    const back = await leader.post(`/api/patrol/teams/${teamId}/unarchive`);
    expect(back.json()).toMatchObject({ archived: false });
    expect((await audits(teamId)).map((x) => x.action)).toEqual([
      "patrol.team.create",
      "patrol.team.update",
      "patrol.team.update",
      "patrol.team.archive",
      "patrol.team.unarchive",
    ]);
  });

  it("is for patrol administrators, within their scope", async () => {
    const patrol = await env.login("patrol01");
    expect((await patrol.patch(`/api/patrol/teams/${teamId}`, { name: "改名" })).statusCode).toBe(403);
    expect((await patrol.post(`/api/patrol/teams/${teamId}/archive`)).statusCode).toBe(403);
    expect((await leader.patch(`/api/patrol/teams/${NO_SUCH_ID}`, { name: "改名" })).statusCode).toBe(404);
    expect((await leader.post(`/api/patrol/teams/${NO_SUCH_ID}/archive`)).statusCode).toBe(404);
    const bad = await leader.patch(`/api/patrol/teams/${teamId}`, { name: "", force: "army" });
    expect(bad.statusCode).toBe(400);
  });
});

describe("rounds of a plan created or activated during the day", () => {
  const windows = [
    { start: "08:00", end: "12:00" },
    { start: "18:00", end: "22:00" },
  ];
  const plan = (name: string, startsOn = "2025-03-10") =>
    leader.post("/api/patrol/plans", { communityId: env.world.communityId, name, force: "community", pointIds, frequency: "shift", windows, startsOn });
  const roundsOf = async (planId: string, date = "2025-03-10") =>
    ((await leader.get(`/api/patrol/rounds?planId=${planId}&date=${date}`)).json() as Array<{ windowStart: string; status: string; missed: number }>).sort(
      (a, b) => a.windowStart.localeCompare(b.windowStart),
    );
  const missed = async () => {
    const res = await leader.get(`/api/figures?region=${env.world.communityId}&from=2025-03-10&to=2025-03-10&module=patrol`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Array<{ key: string; value: number }>).find((f) => f.key === "patrol.missed_visits")?.value ?? 0;
  };

  let stopped: string;
  it("(08:30) a plan made and stopped in the morning", async () => {
    await at("2025-03-10T00:30:00Z"); // 08:30
    const res = await plan("停了又开的计划");
    stopped = res.json().id;
    expect((await leader.post(`/api/patrol/plans/${stopped}/stop`)).statusCode).toBe(200);
  });

  it("(11:30) a window still open when the plan is created makes its round", async () => {
    await at("2025-03-10T03:30:00Z"); // 11:30, in the morning window
    const res = await plan("上午新建的计划");
    expect((await roundsOf(res.json().id)).map((r) => r.status)).toEqual(["in_progress", "pending"]);
  });

  it("(15:00) a plan created at 15:00 has no expired morning round, and still has its evening round", async () => {
    await at("2025-03-10T07:00:00Z"); // 15:00
    const before = await missed();
    const res = await plan("下午新建的计划");
    expect(res.statusCode, res.body).toBe(201);
    const rounds = await roundsOf(res.json().id);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ windowStart: "2025-03-10T10:00:00.000Z", status: "pending", missed: 0 });
    // The missed visits of the day are what they were (the 11:30 plan's morning round counts).
    expect(await missed()).toBe(before);
    expect(before).toBe(pointIds.length);
    // The next day it has both.
    expect(await roundsOf(res.json().id, "2025-03-11")).toHaveLength(2);
  });

  it("(15:00) the plan stopped in the morning and activated at 15:00 has no morning round", async () => {
    expect((await leader.post(`/api/patrol/plans/${stopped}/activate`)).statusCode).toBe(200);
    expect((await roundsOf(stopped)).map((r) => r.windowStart)).toEqual(["2025-03-10T10:00:00.000Z"]);
  });

  it("a plan entered as already in force (started before the day it was entered) keeps its rounds from its start date", async () => {
    await at("2025-03-10T07:00:00Z");
    const res = await plan("补录的计划", "2025-03-09");
    const rounds = await roundsOf(res.json().id);
    expect(rounds.map((r) => r.status)).toEqual(["expired", "pending"]);
  });
});
