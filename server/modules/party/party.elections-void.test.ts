import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { makeMember, makePartyOrg, makePerson, makePost } from "./party.test-factories.js";

// 作废 of an election (issue 15 "Mistakes"): a 任免 entered by mistake is voided with a reason by the
// party's administrator: out of the figures and the list (a filter shows it), and what it did to the
// committee undone — the post it made is not held, the one it ended is held again — kept in the
// audit log, and restored with both.
let env: TestEnv;
let leader: Agent;
let staff: Agent;
let branch: string;
let id: string;
const REGION = () => `region=${env.world.communityId}&from=2025-01-01&to=2025-12-31`;
const figure = async (key: string) => (await leader.get(`/api/figures/${key}?${REGION()}`)).json().value as number;
const secretaries = async () =>
  ((await leader.get("/api/party/orgs")).json() as Array<{ id: string; posts: Array<{ personName: string; post: string }> }>)
    .find((o) => o.id === branch)
    ?.posts.filter((p) => p.post === "书记")
    .map((p) => p.personName);

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2025-06-02T02:00:00Z"), people: 2 });
  leader = await env.login("leader");
  staff = await env.login("staff");
  const committee = await makePartyOrg(env, leader, { name: "作废测试党委", level: "党委", partyKind: "社区", foundedOn: "2005-01-01" });
  branch = await makePartyOrg(env, leader, { name: "作废测试党支部", level: "党支部", partyKind: "社区", parentId: committee, foundedOn: "2010-01-01" });
  const old = await makePerson(env, leader, "原书记", "1970-01-01");
  const next = await makePerson(env, leader, "新书记", "1980-01-01");
  await makeMember(leader, old, branch);
  await makeMember(leader, next, branch);
  await makePost(leader, branch, old, "书记", "2020-01-01");
  const e = await leader.post("/api/party/elections", {
    orgId: branch,
    kind: "任免",
    heldOn: "2025-03-01",
    post: "书记",
    personId: next,
    removedPersonId: old,
    approvingBody: "社区党委",
  });
  expect(e.statusCode, e.body).toBe(201);
  id = e.json().id;
});
afterAll(() => env?.close());

describe("voiding an election", () => {
  it("takes it out of the figures and the list, gives the ended post back, and restores both", async () => {
    expect(await figure("party.secretary_changes")).toBe(1);
    expect(await secretaries()).toEqual(["新书记"]);

    expect((await staff.post(`/api/party/elections/${id}/void`, { reason: "误录" })).statusCode).toBe(403);
    expect((await leader.post(`/api/party/elections/${id}/void`, { reason: " " })).statusCode).toBe(400);
    const v = await leader.post(`/api/party/elections/${id}/void`, { reason: "任免未经批准，误录" });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().voided).toMatchObject({ reason: "任免未经批准，误录" });
    expect(await figure("party.secretary_changes")).toBe(0);
    expect((await leader.get("/api/party/elections")).json().total).toBe(0);
    expect((await leader.get("/api/party/elections?voided=1")).json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    // The committee as it was before the mistake: the old secretary holds the post, the new one does not.
    expect(await secretaries()).toEqual(["原书记"]);
    expect((await leader.post(`/api/party/elections/${id}/void`, { reason: "再次" })).statusCode).toBe(409);

    const r = await leader.post(`/api/party/elections/${id}/restore`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().voided).toBeNull();
    expect(await figure("party.secretary_changes")).toBe(1);
    expect(await secretaries()).toEqual(["新书记"]);
    expect((await leader.post(`/api/party/elections/${id}/restore`, {})).statusCode).toBe(409);

    const actions = (await env.database.db.selectFrom("audit_log").select(["action"]).where("entity_id", "=", id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["party.election.void", "party.election.restore"]));
  });
});

describe("voiding a 换届", () => {
  it("gives the organisation back the term it had before, and refuses while a later 换届 stands on it", async () => {
    const org = await makePartyOrg(env, leader, {
      name: "换届作废测试党委",
      level: "党委",
      partyKind: "社区",
      foundedOn: "2010-01-01",
      termStart: "2015-01-01",
    });
    const term = async () => {
      const o = (await leader.get("/api/party/orgs")).json().find((x: { id: string }) => x.id === org);
      return [o.termStart, o.termEnd];
    };
    const first = await term();
    const elect = async (heldOn: string, termEnd: string) => {
      const r = await leader.post("/api/party/elections", { orgId: org, kind: "换届", heldOn, termStart: heldOn, termEnd, approvingBody: "社区党委" });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const a = await elect(first[1], "2025-01-01");
    const b = await elect("2025-01-01", "2030-01-01");
    expect(await term()).toEqual(["2025-01-01", "2030-01-01"]);

    // The earlier one cannot go while the later one, held on its term, stands.
    const refused = await leader.post(`/api/party/elections/${a}/void`, { reason: "误录" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("请先作废该次换届");
    expect(await term()).toEqual(["2025-01-01", "2030-01-01"]);

    expect((await leader.post(`/api/party/elections/${b}/void`, { reason: "误录" })).statusCode).toBe(200);
    expect(await term()).toEqual([first[1], "2025-01-01"]);
    expect((await leader.post(`/api/party/elections/${a}/void`, { reason: "误录" })).statusCode).toBe(200);
    expect(await term()).toEqual(first);
    // Restored in order, each sets its term again; the later one cannot come back before the earlier.
    expect((await leader.post(`/api/party/elections/${a}/restore`, {})).statusCode).toBe(200);
    expect(await term()).toEqual([first[1], "2025-01-01"]);
    expect((await leader.post(`/api/party/elections/${b}/restore`, {})).statusCode).toBe(200);
    expect(await term()).toEqual(["2025-01-01", "2030-01-01"]);
  });
});
