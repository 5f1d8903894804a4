import { expect } from "vitest";
import { STEPS } from "../../../contracts/party.js";
import { addDays, addMonths } from "../../platform/dates.js";
import type { Agent, TestEnv } from "../../test/helpers.js";

// Small factories for the party tests: each makes one record through the API, as a user would, and
// fails the test with the response body when it is refused. Nothing here depends on demo data.

let seq = 0;
/** A valid 18-digit resident ID (GB 11643 check digit) for a birth date, different at each call. */
export function idNumberFor(birthDate: string | null) {
  const body = `440309${(birthDate ?? "1980-01-01").replaceAll("-", "")}${String(++seq % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(body[i]), 0);
  return body + "10X98765432"[sum % 11];
}

/** A resident of the test community (with an ID number unless `idNumber: false`). */
export async function makePerson(
  env: TestEnv,
  agent: Agent,
  name: string,
  birthDate: string | null = "1975-05-05",
  opts: { gender?: "M" | "F"; idNumber?: boolean; grid?: number } = {},
) {
  const res = await agent.post("/api/people", {
    communityId: env.world.communityId,
    gridId: opts.grid !== undefined ? env.world.grids[opts.grid].id : null,
    name,
    gender: opts.gender ?? "M",
    birthDate,
    idNumber: opts.idNumber === false ? null : idNumberFor(birthDate),
    kind: "registered",
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A party organisation: a platform organisation of kind 党组织 (with its short name), registered as one. */
export async function makePartyOrg(
  env: TestEnv,
  agent: Agent,
  o: { name: string; shortName?: string; level: string; partyKind: string; parentId?: string; foundedOn?: string; termStart?: string; hostOrgId?: string },
) {
  const org = await agent.post("/api/organisations", {
    communityId: env.world.communityId,
    kind: "党组织",
    name: o.name,
    shortName: o.shortName ?? null,
    parentId: o.parentId ?? null,
    foundedOn: o.foundedOn ?? null,
  });
  expect(org.statusCode, org.body).toBe(201);
  const { name: _n, shortName: _s, ...party } = o;
  const res = await agent.post("/api/party/orgs", { orgId: org.json().id, ...party });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A member on the register of a branch. */
export async function makeMember(agent: Agent, personId: string, orgId: string, extra: Record<string, unknown> = {}) {
  const res = await agent.post("/api/party/members", { personId, orgId, status: "full", joinedOn: "2005-07-01", ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; personId: string };
}

export async function makePost(agent: Agent, orgId: string, personId: string, post: string, termStart: string) {
  const res = await agent.post("/api/party/posts", { orgId, personId, post, termStart });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A meeting with every member due present. */
export async function makeMeeting(agent: Agent, orgId: string, type: string, heldOn: string) {
  const due = (await agent.get(`/api/party/members-due?orgId=${orgId}&type=${encodeURIComponent(type)}&on=${heldOn}`)).json();
  const res = await agent.post("/api/party/meetings", {
    orgId,
    type,
    heldOn,
    topic: `${type} ${heldOn}`,
    attendance: due.map((d: { memberId: string }) => ({ memberId: d.memberId, status: "present" })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export const docs = (n: number) => STEPS[n - 1].docs.map((name) => ({ name, paper: true }));

/**
 * An applicant taken through steps 1…`lastStep` (at most 14: no vote, no approval), applying on
 * `appliedOn`, each step on a day its rules allow; `full` are full members of the branch (at
 * least three: one contact person, two sponsors).
 */
export async function makeApplicant(env: TestEnv, agent: Agent, o: { name: string; orgId: string; appliedOn: string; lastStep: number; full: string[] }) {
  const personId = await makePerson(env, agent, o.name, "1995-05-05", { idNumber: false });
  const created = await agent.post("/api/party/applicants", { personId, orgId: o.orgId, appliedOn: o.appliedOn, documents: docs(1) });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const on: Record<number, string> = { 2: addDays(o.appliedOn, 10), 3: addDays(o.appliedOn, 20) };
  for (let n = 4; n <= 14; n++) on[n] = n === 7 ? addDays(addMonths(on[3], 12), 1) : addDays(on[n - 1], 3);
  for (let n = 2; n <= o.lastStep; n++) {
    const extra: Record<string, unknown> = {};
    if (n === 5) extra.memberIds = [o.full[0]];
    if (n === 9) extra.memberIds = [o.full[1], o.full[2]];
    if (n === 10) extra.conclusion = "合格";
    if (n === 11) extra.trainingHours = 24;
    const res = await agent.post(`/api/party/applicants/${id}/steps`, { step: n, doneOn: on[n], documents: docs(n), ...extra });
    expect(res.statusCode, `${n}: ${res.body}`).toBe(200);
  }
  return id;
}
