import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { communityScope, scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import type { PartyApi } from "./party.api.js";
import { createPartyModule } from "./party.module.js";
import { docs, makeApplicant, makeMember, makePartyOrg, makePerson } from "./party.test-factories.js";

// What the activities module uses of party (PartyApi): which people are in the pipeline, and a
// central training attended recorded as step 11 under the page's rules. Today is 2026-06-15.
let env: TestEnv;
let leader: Agent;
let api: PartyApi;
let who: Who;
let candidate: string;
let activist: string;
const people: Record<string, string> = {};

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-06-15T02:00:00Z") });
  leader = await env.login("leader");
  api = createPartyModule(env.app.deps).api;
  const scope = await scopeOf(env.database.db, env.world.communityId);
  if (!scope) throw new Error("no community");
  who = { user: null, scope };
  const committee = await makePartyOrg(env, leader, { name: "中共接口测试社区委员会", level: "党委", partyKind: "社区" });
  const branch = await makePartyOrg(env, leader, { name: "接口测试党支部", level: "党支部", partyKind: "小区", parentId: committee, foundedOn: "2010-01-01" });
  const full: string[] = [];
  for (const n of ["甲", "乙", "丙"]) full.push((await makeMember(leader, await makePerson(env, leader, `接口党员${n}`), branch)).id);
  // A candidate (发展对象) through the political review, awaiting central training; an activist before it.
  candidate = await makeApplicant(env, leader, { name: "接口发展对象", orgId: branch, appliedOn: "2024-09-01", lastStep: 10, full });
  activist = await makeApplicant(env, leader, { name: "接口积极分子", orgId: branch, appliedOn: "2025-11-01", lastStep: 3, full });
  for (const id of [candidate, activist]) people[id] = (await leader.get(`/api/party/applicants/${id}`)).json().personId;
  people.none = await makePerson(env, leader, "接口群众");
}, 120_000);
afterAll(() => env?.close());

describe("the party API", () => {
  it("tells which of some people are in the pipeline, at which stage, and who needs central training", async () => {
    const found = await api.applicantsAmong(who.scope, [people[candidate], people[activist], people.none]);
    expect(found).toHaveLength(2);
    expect(found.find((a) => a.applicantId === candidate)).toMatchObject({
      personId: people[candidate],
      stage: 3,
      lastStep: 10,
      needsCentralTraining: true,
      next: { step: 11 },
    });
    expect(found.find((a) => a.applicantId === activist)).toMatchObject({ stage: 2, lastStep: 3, needsCentralTraining: false });
    expect(await api.applicantsAmong(who.scope, [])).toEqual([]);
    // Out of scope: the neighbouring community sees none of them.
    const neighbour = await scopeOf(env.database.db, env.world.neighbourCommunityId);
    expect(neighbour && (await api.applicantsAmong(neighbour, [people[candidate]]))).toEqual([]);
  });

  it("records a central training as step 11 under the page's rules", async () => {
    const training = { doneOn: "2026-06-10", hours: 24, documents: docs(11) };
    await expect(api.recordCentralTraining(who, candidate, { ...training, hours: 20 })).rejects.toMatchObject({
      msg: { zh: expect.stringContaining("24学时") },
    });
    await expect(api.recordCentralTraining(who, candidate, { ...training, documents: [] })).rejects.toMatchObject({
      msg: { zh: expect.stringContaining("培训结业证书") },
    });
    await expect(api.recordCentralTraining(who, candidate, { ...training, doneOn: "2026-06-16" })).rejects.toMatchObject({
      msg: { zh: expect.stringContaining("不能晚于今天") },
    });
    await expect(api.recordCentralTraining(who, candidate, { ...training, doneOn: "10 June" })).rejects.toMatchObject({ status: 400 });
    // Before the political review, out of order.
    await expect(api.recordCentralTraining(who, activist, training)).rejects.toMatchObject({ msg: { zh: expect.stringContaining("须按顺序办理") } });
    // Another community's scope does not find the applicant.
    const neighbour = await scopeOf(env.database.db, env.world.neighbourCommunityId);
    if (!neighbour) throw new Error("no neighbour");
    await expect(api.recordCentralTraining({ user: null, scope: neighbour }, candidate, training)).rejects.toMatchObject({ status: 404 });

    // Inside a caller's transaction that rolls back, nothing stays.
    await env.database.db
      .transaction()
      .execute(async (trx) => {
        expect(await api.recordCentralTraining(who, candidate, training, trx)).toEqual({ passed: true, step: 11 });
        throw new Error("roll back");
      })
      .catch((e) => expect(e.message).toBe("roll back"));
    expect((await leader.get(`/api/party/applicants/${candidate}`)).json().lastStep).toBe(10);

    expect(await api.recordCentralTraining(who, candidate, { ...training, hours: 32, note: "区委党校集中培训" })).toEqual({ passed: true, step: 11 });
    const after = (await leader.get(`/api/party/applicants/${candidate}`)).json();
    expect(after).toMatchObject({ lastStep: 11, next: { step: 12 } });
    expect(after.steps.at(-1)).toMatchObject({ step: 11, trainingHours: 32, note: "区委党校集中培训", recordedBy: "system" });
    expect((await api.applicantsAmong(communityScope({ id: env.world.communityId, path: who.scope.path }), [people[candidate]]))[0].needsCentralTraining).toBe(
      false,
    );
  });
});
