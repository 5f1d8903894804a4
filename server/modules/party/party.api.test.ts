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
const clock = fixedClock("2026-06-15T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let api: PartyApi;
let who: Who;
let candidate: string;
let activist: string;
const people: Record<string, string> = {};
let branch: string;
const full: string[] = [];

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
  api = createPartyModule(env.app.deps).api;
  const scope = await scopeOf(env.database.db, env.world.communityId);
  if (!scope) throw new Error("no community");
  who = { user: null, scope };
  const committee = await makePartyOrg(env, leader, { name: "中共接口测试社区委员会", level: "党委", partyKind: "社区" });
  branch = await makePartyOrg(env, leader, { name: "接口测试党支部", level: "党支部", partyKind: "小区", parentId: committee, foundedOn: "2010-01-01" });
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
        expect(await api.recordCentralTraining(who, candidate, training, trx)).toEqual({ passed: true, step: 11, stepId: expect.any(String) });
        throw new Error("roll back");
      })
      .catch((e) => expect(e.message).toBe("roll back"));
    expect((await leader.get(`/api/party/applicants/${candidate}`)).json().lastStep).toBe(10);

    expect(await api.recordCentralTraining(who, candidate, { ...training, hours: 32, note: "区委党校集中培训" })).toMatchObject({ passed: true, step: 11 });
    const after = (await leader.get(`/api/party/applicants/${candidate}`)).json();
    expect(after).toMatchObject({ lastStep: 11, next: { step: 12 } });
    expect(after.steps.at(-1)).toMatchObject({ step: 11, trainingHours: 32, note: "区委党校集中培训", recordedBy: "system" });
    expect((await api.applicantsAmong(communityScope({ id: env.world.communityId, path: who.scope.path }), [people[candidate]]))[0].needsCentralTraining).toBe(
      false,
    );
  });
});

// A central training (集中培训, activity type T02) attended by a candidate is step 11: the activities
// module records it through this API, in the attendance's transaction, dated the day of the training,
// with its study hours. An ordinary training does not; a central one too short is answered with the
// step's refusal while the attendance stands.
const local = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
let shortOne: { id: string; personId: string };
const newCandidate = async (name: string) => {
  const id = await makeApplicant(env, leader, { name, orgId: branch, appliedOn: "2024-09-01", lastStep: 10, full });
  return { id, personId: (await leader.get(`/api/party/applicants/${id}`)).json().personId as string };
};
const applicantOf = async (id: string) => (await leader.get(`/api/party/applicants/${id}`)).json();
const trainingOn = async (typeCode: string, date: string, trainingHours?: number) => {
  const r = await leader.post("/api/activities", {
    communityId: env.world.communityId,
    typeCode,
    title: typeCode === "T02" ? "发展对象集中培训班" : "志愿服务技能培训",
    startsAt: local(date, "09:00"),
    endsAt: local(date, "17:00"),
    ...(trainingHours ? { trainingHours } : {}),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};

describe("central training → party pipeline step 11", () => {
  it("a candidate ticked on a central training's list has step 11 done on the training's day, with its hours", async () => {
    const c = await newCandidate("集训发展对象");
    const activistPerson = people[activist];
    const t = await trainingOn("T02", "2026-06-12", 24);
    const r = await leader.post(`/api/activities/${t}/attendance`, {
      entries: [
        { personId: c.personId, category: "applicant" },
        { personId: activistPerson, category: "applicant" },
        { name: "非党员学员", phone: "13900000001", category: "other" },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ added: 3, centralTraining: { recorded: 1, refused: [] } });
    const after = await applicantOf(c.id);
    expect(after).toMatchObject({ lastStep: 11, next: { step: 12 } });
    expect(after.steps.at(-1)).toMatchObject({ step: 11, doneOn: "2026-06-12", trainingHours: 24, passed: true });
    expect(after.steps.at(-1).note).toContain("发展对象集中培训班");
    // The activist (not yet a candidate) is left where they were; ticking the list again changes nothing.
    expect((await applicantOf(activist)).lastStep).toBe(3);
    const again = await leader.post(`/api/activities/${t}/attendance`, { entries: [{ personId: c.personId, category: "applicant" }] });
    expect(again.json()).toMatchObject({ added: 0, centralTraining: { recorded: 0 } });
    expect((await applicantOf(c.id)).steps.filter((s: { step: number }) => s.step === 11)).toHaveLength(1);
  });

  it("an ordinary training does not count; a central one under 24 hours is refused by party, the attendance stands", async () => {
    shortOne = await newCandidate("短训发展对象");
    const c = shortOne;
    const plain = await trainingOn("T01", "2026-06-13");
    const r1 = await leader.post(`/api/activities/${plain}/attendance`, { entries: [{ personId: c.personId, category: "applicant" }] });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().centralTraining).toBeUndefined();
    expect((await applicantOf(c.id)).lastStep).toBe(10);
    // No hours entered: its length (8 hours) is what it counts.
    const short = await trainingOn("T02", "2026-06-14");
    const r2 = await leader.post(`/api/activities/${short}/attendance`, { entries: [{ personId: c.personId, category: "applicant" }] });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({
      added: 1,
      centralTraining: { recorded: 0, refused: [{ personId: c.personId, message: { zh: expect.stringContaining("24学时") } }] },
    });
    expect((await applicantOf(c.id)).lastStep).toBe(10);
    expect((await leader.get(`/api/activities/${short}`)).json().attendance).toBe(1);
  });

  it("a candidate checking in by the QR code of a central training has it recorded too", async () => {
    // The candidate whose short training was refused: the central training it then attends counts.
    const c = shortOne;
    const t = await trainingOn("T02", "2026-06-15", 24);
    const s = await leader.post(`/api/activities/${t}/signups`, { personId: c.personId });
    expect(s.statusCode, s.body).toBe(201);
    clock.set(local("2026-06-15", "09:10"));
    const qr = (await leader.get(`/api/activities/${t}/qr`)).json().url as string;
    const k = new URL(qr).searchParams.get("k");
    const ci = await env.app.inject({ method: "POST", url: `/api/public/activities/${t}/checkin`, payload: { k, signupCode: s.json().code } });
    expect(ci.statusCode, ci.body).toBe(200);
    clock.set("2026-06-15T10:00:00Z");
    leader = await env.login("leader");
    expect((await applicantOf(c.id)).steps.at(-1)).toMatchObject({ step: 11, doneOn: "2026-06-15", trainingHours: 24 });
  });
});

// An attendance removed (ticked by mistake): the step 11 it recorded is withdrawn through party's api
// — that record only. A step 11 recorded otherwise (on the page, before the training) stays; once a
// later step is done, party refuses to withdraw it and so the removal is refused.
const attendanceOf = async (activityId: string, personId: string) =>
  ((await leader.get(`/api/activities/${activityId}/attendance`)).json().items as Array<{ id: string; personId: string | null }>).find(
    (x) => x.personId === personId,
  )?.id as string;
const removeAttendance = (activityId: string, attendanceId: string, reason = "误勾选") =>
  leader.post(`/api/activities/${activityId}/attendance/${attendanceId}/remove`, { reason });
const step11s = async (id: string) => ((await applicantOf(id)).steps as Array<{ step: number }>).filter((s) => s.step === 11);

describe("removing a central training's attendance withdraws the step 11 it recorded", () => {
  it("withdraws the credited step 11 with the attendance, audited; the candidate needs the training again", async () => {
    const c = await newCandidate("撤销签到发展对象");
    const other = await newCandidate("同班发展对象");
    const t = await trainingOn("T02", "2026-06-11", 24);
    const r = await leader.post(`/api/activities/${t}/attendance`, {
      entries: [
        { personId: c.personId, category: "applicant" },
        { personId: other.personId, category: "applicant" },
      ],
    });
    expect(r.json()).toMatchObject({ added: 2, centralTraining: { recorded: 2 } });
    expect((await applicantOf(c.id)).lastStep).toBe(11);

    const attended = await attendanceOf(t, c.personId);
    const del = await removeAttendance(t, attended);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toMatchObject({ removed: 1, persons: 1, centralTrainingWithdrawn: true });
    const back = await applicantOf(c.id);
    expect(back).toMatchObject({ lastStep: 10, stage: 3, next: { step: 11 } });
    expect(await step11s(c.id)).toHaveLength(0);
    expect((await api.applicantsAmong(who.scope, [c.personId]))[0].needsCentralTraining).toBe(true);
    // The classmate's record, made by the same training, stays; the activity counts one person.
    expect((await applicantOf(other.id)).lastStep).toBe(11);
    expect((await leader.get(`/api/activities/${t}`)).json().attendance).toBe(1);
    // Removed once: the second time there is nothing to remove.
    expect((await removeAttendance(t, attended)).statusCode).toBe(404);

    const auditor = await env.login("auditor");
    const acts = JSON.stringify((await auditor.get("/api/audit?action=activity.attendance.remove")).json());
    expect(acts).toContain("误勾选");
    const party = (await auditor.get(`/api/audit?action=party.step.11.withdraw`)).json();
    expect(JSON.stringify(party)).toContain(c.id);

    // Ticked again, the training is recorded again (the candidate needs it once more).
    const again = await leader.post(`/api/activities/${t}/attendance`, { entries: [{ personId: c.personId, category: "applicant" }] });
    expect(again.json()).toMatchObject({ added: 1, centralTraining: { recorded: 1 } });
    expect(await step11s(c.id)).toHaveLength(1);
  });

  it("never withdraws a step 11 recorded otherwise; refuses once a later step is done", async () => {
    // Recorded on the page before the training: the training's attendance records nothing, and its
    // removal leaves step 11 as it was.
    const paged = await newCandidate("页面记录发展对象");
    await api.recordCentralTraining(who, paged.id, { doneOn: "2026-06-09", hours: 24, documents: docs(11) });
    const t = await trainingOn("T02", "2026-06-10", 24);
    const c = await newCandidate("已入下一步发展对象");
    const r = await leader.post(`/api/activities/${t}/attendance`, {
      entries: [
        { personId: paged.personId, category: "applicant" },
        { personId: c.personId, category: "applicant" },
      ],
    });
    expect(r.json()).toMatchObject({ added: 2, centralTraining: { recorded: 1 } });
    const del = await removeAttendance(t, await attendanceOf(t, paged.personId));
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toMatchObject({ removed: 1, centralTrainingWithdrawn: false });
    expect(await step11s(paged.id)).toHaveLength(1);
    expect((await applicantOf(paged.id)).lastStep).toBe(11);

    // The credited candidate goes on to step 12: the training cannot be taken back from under it.
    const s12 = await leader.post(`/api/party/applicants/${c.id}/steps`, { step: 12, doneOn: "2026-06-13", documents: docs(12) });
    expect(s12.statusCode, s12.body).toBe(200);
    const refused = await removeAttendance(t, await attendanceOf(t, c.personId));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("第12步");
    const en = await leader.req(
      "POST",
      `/api/activities/${t}/attendance/${await attendanceOf(t, c.personId)}/remove`,
      { reason: "wrong" },
      {
        headers: { "accept-language": "en" },
      },
    );
    expect(en.json().error.message).toContain("step 12");
    // Refused as a whole: the attendance and both records stand.
    expect(await attendanceOf(t, c.personId)).toBeTruthy();
    expect((await applicantOf(c.id)).lastStep).toBe(12);
    expect((await leader.get(`/api/activities/${t}`)).json().attendance).toBe(1);

    // Party's api itself withdraws only a step 11 record.
    const step12 = (
      await env.database.db.selectFrom("party_steps").select("id").where("applicant_id", "=", c.id).where("step", "=", 12).executeTakeFirstOrThrow()
    ).id;
    await expect(api.withdrawCentralTraining(who, step12)).rejects.toMatchObject({ status: 409 });
    await expect(api.withdrawCentralTraining(who, "no-such-step")).rejects.toMatchObject({ status: 404 });
  });
});
