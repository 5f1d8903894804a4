import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { loginFrom, NO_SUCH_ID } from "../../test/http.js";
import { deadlineAfter, deadlineState } from "./appeals.rules.js";

// Monday 2025-03-03 10:00 in Shenzhen.
const clock = fixedClock("2025-03-03T02:00:00Z");
let env: TestEnv;
let staff: Agent;
let leader: Agent;
let grid01: Agent;
let grid02: Agent;
let patrol: Agent;
let supervisor: Agent;
let mediator: Agent;

let logins = 0;
/** Moves the clock; sessions idle longer than the timeout end, so everyone signs in again (from fresh addresses, under the login rate limit). */
async function at(iso: string) {
  clock.set(iso);
  logins++;
  [staff, leader, grid01, grid02, patrol, supervisor, mediator] = await Promise.all(
    ["staff", "leader", "grid01", "grid02", "patrol01", "supervisor", "mediator"].map((u, i) => loginFrom(env, u, `10.9.${logins}.${i + 1}`)),
  );
}
beforeAll(async () => {
  env = await testEnv({ clock });
  await at("2025-03-03T02:00:00Z");
});
afterAll(() => env?.close());

const base = () => ({
  communityId: env.world.communityId,
  channel: "12345",
  kind: "appeal",
  appealType: "complaint",
  categoryCode: "JM03",
  urgency: "normal",
  title: "广场舞噪音扰民",
  content: "每晚九点后广场舞音响声音很大",
  address: "龙华区福城街道狮径3栋",
  gridId: env.world.grids[0].id,
  appellantName: "陈女士",
  appellantPhone: "13812345678",
});

async function register(a: Agent, over: Record<string, unknown> = {}) {
  const res = await a.post("/api/appeals", { ...base(), ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; trackingNo: string };
}

describe("deadlines", () => {
  it("whole days end at local midnight in the deployment's time zone; hours are exact", () => {
    const from = new Date("2025-03-03T02:00:00Z"); // 10:00 in Shanghai
    expect(deadlineAfter(from, 168, "Asia/Shanghai").toISOString()).toBe("2025-03-09T16:00:00.000Z");
    expect(deadlineAfter(from, 2, "Asia/Shanghai").toISOString()).toBe("2025-03-03T04:00:00.000Z");
    // 23:30 on the 3rd in Shanghai is still the 3rd there, though already the 3rd in UTC too; 01:30 on the 4th
    // in Shanghai is the 3rd in UTC: the local date decides.
    expect(deadlineAfter(new Date("2025-03-03T17:30:00Z"), 24, "Asia/Shanghai").toISOString()).toBe("2025-03-04T16:00:00.000Z");
    expect(deadlineAfter(new Date("2025-03-03T17:30:00Z"), 24, "UTC").toISOString()).toBe("2025-03-04T00:00:00.000Z");
  });

  it("将到期 and 已超期 follow the time left", () => {
    const s = { dueSoonHours: 24, dueSoonShare: 0.25 };
    const row = { status: "handling", registered_at: "2025-03-01T00:00:00Z", due_at: "2025-03-08T00:00:00Z" };
    expect(deadlineState(row, new Date("2025-03-02T00:00:00Z"), s).state).toBe("ok");
    expect(deadlineState(row, new Date("2025-03-07T06:00:00Z"), s).state).toBe("due_soon");
    expect(deadlineState(row, new Date("2025-03-08T00:00:01Z"), s).state).toBe("overdue");
    expect(deadlineState({ ...row, status: "archived" }, new Date("2025-03-09T00:00:00Z"), s).state).toBe("done");
  });
});

describe("the flow: register → dispatch → sign → contact → close → visit", () => {
  it("goes through every step, each on the timeline; 不满意 reopens, and again puts it under supervision", async () => {
    await at("2025-03-03T02:00:00Z");
    const { id, trackingNo } = await register(staff);
    expect(trackingNo).toMatch(/^2025030300\d{3}$/);
    let c = (await staff.get(`/api/appeals/${id}`)).json();
    expect(c.status).toBe("registered");
    expect(c.appellantPhone).toBe("138****5678");
    expect(c.dueAt).toBe("2025-03-05T16:00:00.000Z"); // JM03: 72 h = 3 calendar days
    expect(c.actions).toContain("dispatch");

    // Signing before dispatch is refused by the state machine, with a clear message.
    const early = await grid01.post(`/api/appeals/${id}/sign`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("INVALID_TRANSITION");
    expect(early.json().error.message).toContain("待派单");

    const gridUser = await env.database.db.selectFrom("users").select("id").where("username", "=", "grid01").executeTakeFirstOrThrow();
    await at("2025-03-03T02:30:00Z");
    c = (await staff.post(`/api/appeals/${id}/dispatch`, { userId: gridUser.id, note: "请网格员核实" })).json();
    expect(c.status).toBe("dispatched");
    expect(c.assigneeUserName).toBe("第1网格网格员");

    // Only the assignee (or a leader) signs for it.
    const other = await staff.post(`/api/appeals/${id}/sign`, {});
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe("NOT_ASSIGNEE");
    await at("2025-03-03T03:00:00Z");
    c = (await grid01.post(`/api/appeals/${id}/sign`, {})).json();
    expect(c.status).toBe("handling");

    // Closing before contacting the appellant is refused.
    const noContact = await grid01.post(`/api/appeals/${id}/close`, { answer: "已处理", resolved: true });
    expect(noContact.statusCode).toBe(409);
    await at("2025-03-03T05:00:00Z");
    await grid01.post(`/api/appeals/${id}/contact`, { note: "已电话联系" });
    await at("2025-03-04T05:00:00Z");
    c = (await grid01.post(`/api/appeals/${id}/close`, { answer: "已约谈广场舞队，调低音量并提前结束", resolved: true })).json();
    expect(c.status).toBe("closed");
    expect(c.resolved).toBe(true);

    // The handler may not do the return visit (appeals.dispatch); staff does. 不满意 → 重办.
    expect((await grid01.post(`/api/appeals/${id}/visit`, { reached: true, contacted: true, resolved: false, satisfaction: "unsatisfied" })).statusCode).toBe(
      403,
    );
    await at("2025-03-05T02:00:00Z");
    c = (
      await staff.post(`/api/appeals/${id}/visit`, { reached: true, contacted: true, resolved: false, satisfaction: "unsatisfied", note: "仍有噪音" })
    ).json();
    expect(c.status).toBe("dispatched");
    expect(c.reopenCount).toBe(1);
    expect(c.resolved).toBeNull();
    expect(c.urgency).toBe("normal");
    expect(c.assigneeUserName).toBe("第1网格网格员");

    // Second round, unsatisfied again → 督办件.
    await grid01.post(`/api/appeals/${id}/sign`, {});
    await grid01.post(`/api/appeals/${id}/contact`, {});
    await grid01.post(`/api/appeals/${id}/close`, { answer: "再次协调", resolved: true });
    c = (await staff.post(`/api/appeals/${id}/visit`, { reached: true, contacted: true, resolved: false, satisfaction: "unsatisfied" })).json();
    expect(c.reopenCount).toBe(2);
    expect(c.urgency).toBe("supervised");
    const actions = c.timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      "register",
      "dispatch",
      "sign",
      "contact",
      "close",
      "visit",
      "reopen",
      "sign",
      "contact",
      "close",
      "visit",
      "reopen",
      "supervise",
    ]);
    expect(c.timeline[1].actorName).toBe("社区工作人员");
    expect(c.timeline[2].actorName).toBe("第1网格网格员");

    // Third round satisfied → archived, resolved.
    await grid01.post(`/api/appeals/${id}/sign`, {});
    await grid01.post(`/api/appeals/${id}/contact`, {});
    await grid01.post(`/api/appeals/${id}/close`, { answer: "已彻底解决", resolved: true });
    c = (await staff.post(`/api/appeals/${id}/visit`, { reached: true, contacted: true, resolved: true, satisfaction: "satisfied" })).json();
    expect(c.status).toBe("archived");
    expect(c.resolved).toBe(true);
    expect(c.actions).toEqual([]);
    // Each step is in the audit log too.
    const audit = await env.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toContain("appeal.visit");
  });

  it("an event skips the return visit; returned cases go back to dispatch; extensions need a reason and approval", async () => {
    await at("2025-03-06T02:00:00Z");
    const { id } = await register(grid01, {
      kind: "event",
      appealType: null,
      channel: "grid",
      appellantName: null,
      appellantPhone: null,
      categoryCode: "SR01",
    });
    const org = env.world.orgs.福悦物业服务有限公司;
    let c = (await staff.post(`/api/appeals/${id}/dispatch`, { orgId: org, assistOrgIds: [env.world.orgs.中共福民社区委员会] })).json();
    expect(c.assignments).toHaveLength(2);
    expect(c.assignments[0]).toMatchObject({ lead: true, orgName: "福悦物业服务有限公司" });
    // Return with a reason: back to 待派单.
    expect((await staff.post(`/api/appeals/${id}/return`, {})).statusCode).toBe(400);
    c = (await staff.post(`/api/appeals/${id}/return`, { reason: "不属于物业管理范围" })).json();
    expect(c.status).toBe("registered");
    expect(c.assignments).toHaveLength(0);
    c = (await staff.post(`/api/appeals/${id}/dispatch`, { toCommunity: true })).json();
    c = (await staff.post(`/api/appeals/${id}/sign`, {})).json();
    // An event has no appellant: there is nobody to contact, and the page offers no such step.
    expect(c.actions).not.toContain("contact");
    const contact = await staff.post(`/api/appeals/${id}/contact`, {});
    expect(contact.statusCode).toBe(409);
    expect(contact.json().error.message).toContain("没有诉求人");
    const due = c.dueAt;
    const noReason = await staff.post(`/api/appeals/${id}/extension`, { hours: 24 });
    expect(noReason.statusCode).toBe(400);
    expect((await staff.post(`/api/appeals/${id}/extension`, { hours: 24, reason: "需等待环卫车辆" })).statusCode).toBe(200);
    expect((await staff.post(`/api/appeals/${id}/extension`, { hours: 24, reason: "again" })).statusCode).toBe(409);
    c = (await leader.post(`/api/appeals/${id}/extension/decide`, { approve: true })).json();
    expect(new Date(c.dueAt).getTime() - new Date(due).getTime()).toBe(24 * 3600_000);
    c = (await staff.post(`/api/appeals/${id}/close`, { answer: "已清运", resolved: true })).json();
    expect(c.status).toBe("archived");
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual([
      "register",
      "dispatch",
      "return",
      "dispatch",
      "sign",
      "extension_request",
      "extension_decide",
      "close",
    ]);
  });
});

describe("registration rules and bad input", () => {
  it("works out the grid from the point, and refuses unknown categories and grids outside scope", async () => {
    await at("2025-03-07T02:00:00Z");
    const g = await env.database.db.selectFrom("regions").select(["id", "lat", "lng"]).where("id", "=", env.world.grids[5].id).executeTakeFirstOrThrow();
    const { id } = await register(staff, { gridId: null, lat: g.lat, lng: g.lng });
    expect((await staff.get(`/api/appeals/${id}`)).json().gridId).toBe(g.id);

    const unknown = await staff.post("/api/appeals", { ...base(), categoryCode: "ZZ99" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain("未知的分类");
    const top = await staff.post("/api/appeals", { ...base(), categoryCode: "JM" });
    expect(top.statusCode).toBe(400);
    // A grid worker cannot register into another grid.
    const out = await grid01.post("/api/appeals", { ...base(), gridId: env.world.grids[3].id });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.message).toContain("数据范围");
    // An appeal needs its type.
    expect((await staff.post("/api/appeals", { ...base(), appealType: null })).statusCode).toBe(400);
    // The neighbour community is outside staff's scope.
    expect((await staff.post("/api/appeals", { ...base(), communityId: env.world.neighbourCommunityId, gridId: null })).statusCode).toBe(404);
    // Nothing of these was written.
    const n = await env.database.db
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("category_code", "=", "ZZ99")
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });

  it("patrol registers but cannot read the list; grid workers see their own grid only", async () => {
    await at("2025-03-08T02:00:00Z");
    const r = await patrol.post("/api/appeals", { ...base(), kind: "event", appealType: null, channel: "inspection", gridId: env.world.grids[1].id });
    expect(r.statusCode).toBe(201);
    expect((await patrol.get("/api/appeals")).statusCode).toBe(403);
    expect((await grid02.get(`/api/appeals/${r.json().id}`)).statusCode).toBe(200);
    expect((await grid01.get(`/api/appeals/${r.json().id}`)).statusCode).toBe(404);
    const list = (await grid01.get("/api/appeals?pageSize=200")).json();
    expect(list.items.every((c: { gridId: string }) => c.gridId === env.world.grids[0].id)).toBe(true);
    expect((await supervisor.get(`/api/appeals/${NO_SUCH_ID}`)).statusCode).toBe(404);
  });

  it("shows possible duplicates and merges one into the other, keeping both histories", async () => {
    await at("2025-03-09T02:00:00Z");
    const first = await register(staff, { appellantPhone: "13900001111" });
    const second = await register(staff, { appellantPhone: "13900001111", title: "广场舞又来了" });
    const dups = (await staff.get(`/api/appeals/duplicates?communityId=${env.world.communityId}&phone=13900001111&excludeId=${second.id}`)).json();
    expect(dups.items.map((d: { id: string }) => d.id)).toContain(first.id);
    const m = await staff.post(`/api/appeals/${second.id}/merge`, { intoId: first.id });
    expect(m.json().status).toBe("merged");
    const main = (await staff.get(`/api/appeals/${first.id}`)).json();
    expect(main.merged.map((x: { id: string }) => x.id)).toEqual([second.id]);
    expect(main.timeline.some((e: { fromTrackingNo: string | null }) => e.fromTrackingNo === second.trackingNo)).toBe(true);
    expect(main.timeline.map((e: { action: string }) => e.action)).toContain("merged_in");
    // A repeat within the window is marked for the 重复诉求率.
    const row = await env.database.db.selectFrom("appeals").select("is_repeat").where("id", "=", second.id).executeTakeFirstOrThrow();
    expect(row.is_repeat).toBe(1);
  });

  it("lists the worker's inbox by urgency and time left, and overdue cases for supervisors", async () => {
    await at("2025-03-10T02:00:00Z");
    const gridUser = await env.database.db.selectFrom("users").select("id").where("username", "=", "grid01").executeTakeFirstOrThrow();
    const a = await register(staff, { categoryCode: "QT02", appellantPhone: "13900002222" });
    const b = await register(staff, { categoryCode: "GY01", urgency: "urgent", appellantPhone: "13900003333" });
    for (const x of [a, b]) await staff.post(`/api/appeals/${x.id}/dispatch`, { userId: gridUser.id });
    const inbox = (await grid01.get("/api/appeals/inbox")).json();
    const ids = inbox.items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(inbox.items.find((c: { id: string }) => c.id === b.id).urgency).toBe("urgent");
    // Three hours later the urgent one (GY01: 2 h) is overdue.
    await at("2025-03-10T05:00:00Z");
    const overdue = (await supervisor.get("/api/appeals?deadline=overdue")).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(b.id);
    expect(overdue.items.find((c: { id: string }) => c.id === b.id).deadlineState).toBe("overdue");
    expect(overdue.items.map((c: { id: string }) => c.id)).not.toContain(a.id);
  });

  it("reveals the appellant's phone to a handler with a reason, audited; mediator may not dispatch", async () => {
    const { id } = await register(staff, { appellantPhone: "13900004444" });
    expect((await grid01.post(`/api/appeals/${id}/reveal`, { reason: "联系诉求人" })).json().value).toBe("13900004444");
    const a = await env.database.db
      .selectFrom("audit_log")
      .select(["action", "reason"])
      .where("entity_id", "=", id)
      .where("action", "=", "appeal.reveal")
      .execute();
    expect(a[0].reason).toBe("联系诉求人");
    expect((await mediator.post(`/api/appeals/${id}/dispatch`, { toCommunity: true })).statusCode).toBe(403);
  });

  it("lets an administrator edit the catalogue and its deadlines, which new cases then use", async () => {
    expect((await staff.patch("/api/appeals/categories/JM03", { deadlineHours: 48 })).statusCode).toBe(403);
    const up = await leader.patch("/api/appeals/categories/JM03", { deadlineHours: 48 });
    expect(up.json().deadlineHours).toBe(48);
    await at("2025-03-11T02:00:00Z");
    const { id } = await register(staff);
    expect((await staff.get(`/api/appeals/${id}`)).json().dueAt).toBe("2025-03-12T16:00:00.000Z");
    const created = await leader.post("/api/appeals/categories", { code: "JM04", parentCode: "JM", name: "高空抛物", deadlineHours: 24, urgentHours: 2 });
    expect(created.statusCode).toBe(201);
    const cats = (await mediator.get("/api/appeals/categories")).json().items;
    expect(cats.map((c: { code: string }) => c.code)).toContain("JM04");
  });
});
