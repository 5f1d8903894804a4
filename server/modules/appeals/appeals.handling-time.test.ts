import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { loginFrom } from "../../test/http.js";

// appeals.avg_handling_hours over the test's own cases: a case reopened after an unsatisfied return
// visit (不满意 → 重办) and still open is not a closed case; closed again, its handling time runs
// from registration to the new close.

const clock = fixedClock("2025-03-03T02:00:00Z");
let env: TestEnv;
let staff: Agent;
let grid01: Agent;
let logins = 0;
let gridUserId: string;

async function at(iso: string) {
  clock.set(iso);
  logins++;
  [staff, grid01] = await Promise.all(["staff", "grid01"].map((u, i) => loginFrom(env, u, `10.8.${logins}.${i + 1}`)));
}
const hours = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000;

async function handleAndClose(id: string, closeAt: string) {
  await at(closeAt);
  for (const [who, path, body] of [
    [grid01, "sign", {}],
    [grid01, "contact", { note: "已电话联系" }],
    [grid01, "close", { answer: "已处理", resolved: true }],
  ] as const) {
    const r = await who.post(`/api/appeals/${id}/${path}`, body);
    expect(r.statusCode, `${path}: ${r.body}`).toBe(200);
  }
}
const avg = async () => (await staff.get("/api/figures/appeals.avg_handling_hours?from=2025-01-01&to=2025-12-31")).json().value;
const closedRecords = async () => (await staff.get("/api/figures/appeals.avg_handling_hours/records?from=2025-01-01&to=2025-12-31")).json();

beforeAll(async () => {
  env = await testEnv({ clock });
  await at("2025-03-03T02:00:00Z");
  gridUserId = (await env.database.db.selectFrom("users").select("id").where("username", "=", "grid01").executeTakeFirstOrThrow()).id;
});
afterAll(() => env?.close());

async function registered(at0: string, title: string) {
  await at(at0);
  const res = await staff.post("/api/appeals", {
    communityId: env.world.communityId,
    channel: "12345",
    kind: "appeal",
    appealType: "complaint",
    categoryCode: "JM03",
    urgency: "normal",
    title,
    content: "每晚九点后广场舞音响声音很大",
    address: "龙华区福城街道狮径3栋",
    gridId: env.world.grids[0].id,
    appellantName: "陈女士",
    appellantPhone: "13812345678",
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const d = await staff.post(`/api/appeals/${id}/dispatch`, { userId: gridUserId });
  expect(d.statusCode, d.body).toBe(200);
  return id;
}

describe("appeals.avg_handling_hours", () => {
  it("leaves out a reopened case until it is closed again, then counts it to the new close", async () => {
    const a = await registered("2025-03-03T02:00:00Z", "广场舞噪音扰民甲");
    await handleAndClose(a, "2025-03-04T04:00:00Z"); // 26 h
    const b = await registered("2025-03-05T02:00:00Z", "广场舞噪音扰民乙");
    await handleAndClose(b, "2025-03-05T12:00:00Z"); // 10 h
    expect(await avg()).toBe((hours("2025-03-03T02:00:00Z", "2025-03-04T04:00:00Z") + 10) / 2);

    await at("2025-03-06T02:00:00Z");
    const v = await staff.post(`/api/appeals/${a}/visit`, { reached: true, contacted: true, resolved: false, satisfaction: "unsatisfied" });
    expect(v.json().status).toBe("dispatched");
    // Reopened and open: only the other case is a closed one.
    expect(await avg()).toBe(10);
    expect((await closedRecords()).total).toBe(1);

    await handleAndClose(a, "2025-03-07T02:00:00Z"); // 96 h from registration
    expect(await avg()).toBe((hours("2025-03-03T02:00:00Z", "2025-03-07T02:00:00Z") + 10) / 2);
    expect((await closedRecords()).total).toBe(2);
  });
});
