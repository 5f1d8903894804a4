import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { NO_SUCH_ID } from "../../test/http.js";

// 2025-06-10 10:00 in Shanghai.
const clock = fixedClock("2025-06-10T02:00:00Z");
let env: TestEnv;
let staff: Agent;
let grid1: Agent;
let grid2: Agent;
let leader: Agent;
let patrol: Agent;
let grid1Id: string;

/** Sessions time out when the clock jumps (idle timeout): log everyone in again. */
async function loginAll() {
  [staff, grid1, grid2, leader, patrol] = await Promise.all(["staff", "grid01", "grid02", "leader", "patrol01"].map((u) => env.login(u)));
}
beforeAll(async () => {
  env = await testEnv({ clock });
  await loginAll();
  grid1Id = env.world.grids[0].id;
}, 60_000);
afterAll(() => env.close());

const newHazard = (a: Agent, extra: Record<string, unknown> = {}) =>
  a.post("/api/safety/hazards", { gridId: grid1Id, source: "patrol", kind: "消防", place: "狮径 3 栋", description: "消防通道堵塞", risk: "low", ...extra });

describe("the hazard workflow (隐患联清)", () => {
  it("found → assigned with a deadline → rectified → verified by another person → closed", async () => {
    const c = await newHazard(patrol, { source: "night_patrol", sourceRef: "NP-1" });
    expect(c.statusCode).toBe(201);
    const h = c.json();
    expect(h.status).toBe("found");
    expect(h.foundOn).toBe("2025-06-10");
    const a = await staff.post(`/api/safety/hazards/${h.id}/assign`, { assigneeName: "第1网格网格员" });
    expect(a.statusCode).toBe(200);
    // Low risk: the default deadline is 15 days (a setting).
    expect(a.json().deadline).toBe("2025-06-25");
    expect(a.json().daysLeft).toBe(15);
    const r = await grid1.post(`/api/safety/hazards/${h.id}/rectify`, { note: "已清理通道", evidence: [] });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe("rectified");
    // The one who rectified may neither verify nor close.
    const self = await grid1.post(`/api/safety/hazards/${h.id}/verify`, { passed: true });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain("整改人不能核查");
    expect((await staff.post(`/api/safety/hazards/${h.id}/close`, {})).statusCode).toBe(409);
    const v = await staff.post(`/api/safety/hazards/${h.id}/verify`, { passed: true, note: "现场核查到位" });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ status: "verified", verifiedBy: "社区工作人员" });
    const cl = await leader.post(`/api/safety/hazards/${h.id}/close`, {});
    expect(cl.json()).toMatchObject({ status: "closed", closedOn: "2025-06-10", onTime: true });
    const audit = await env.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", h.id).orderBy("seq").execute();
    expect(audit.map((x) => x.action)).toEqual(["hazard.create", "hazard.assign", "hazard.rectify", "hazard.verify", "hazard.close"]);
  });

  it("a failed check sends the hazard back for rectification", async () => {
    const h = (await newHazard(staff)).json();
    await staff.post(`/api/safety/hazards/${h.id}/assign`, { assigneeName: "业主" });
    await grid1.post(`/api/safety/hazards/${h.id}/rectify`, { note: "已整改" });
    expect((await leader.post(`/api/safety/hazards/${h.id}/verify`, { passed: false })).statusCode).toBe(400);
    const back = await leader.post(`/api/safety/hazards/${h.id}/verify`, { passed: false, note: "仍有杂物" });
    expect(back.json()).toMatchObject({ status: "assigned", rectifiedOn: null });
  });

  it("past its deadline a hazard is overdue and escalated; a late rectification counts as overdue", async () => {
    const h = (await newHazard(staff, { risk: "high" })).json();
    const a = (await staff.post(`/api/safety/hazards/${h.id}/assign`, { assigneeName: "业主", deadline: "2025-06-12" })).json();
    expect(a.overdue).toBe(false);
    clock.set("2025-06-14T02:00:00Z");
    await loginAll();
    try {
      const got = (await staff.get(`/api/safety/hazards/${h.id}`)).json();
      expect(got).toMatchObject({ overdue: true, daysLeft: -2, escalated: false });
      const listed = (await staff.get("/api/safety/hazards?status=overdue")).json();
      expect(listed.items.map((x: any) => x.id)).toContain(h.id);
      const e = await staff.post("/api/safety/hazards/escalate-overdue", {});
      expect(e.json().escalated).toBeGreaterThanOrEqual(1);
      expect((await staff.get(`/api/safety/hazards/${h.id}`)).json().escalated).toBe(true);
      const r = await grid1.post(`/api/safety/hazards/${h.id}/rectify`, { note: "已整改" });
      expect(r.json()).toMatchObject({ overdue: true });
    } finally {
      clock.set("2025-06-10T02:00:00Z");
      await loginAll();
    }
  });

  it("refuses bad input with a clear message, and writes nothing", async () => {
    const before = await env.database.db
      .selectFrom("safety_hazards")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    const future = await newHazard(staff, { foundOn: "2025-06-11" });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain("不能晚于今天");
    expect((await newHazard(staff, { gridId: null })).statusCode).toBe(400);
    expect((await newHazard(staff, { kind: "地震" })).statusCode).toBe(400);
    // A grid worker reports in their own grid only.
    const other = await newHazard(grid2);
    expect(other.statusCode).toBe(400);
    const after = await env.database.db
      .selectFrom("safety_hazards")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
    expect((await staff.get(`/api/safety/hazards/${NO_SUCH_ID}`)).statusCode).toBe(404);
  });

  it("a point on the map finds its grid", async () => {
    const g = await env.database.db.selectFrom("regions").select(["lng", "lat"]).where("id", "=", grid1Id).executeTakeFirstOrThrow();
    const c = await newHazard(staff, { gridId: null, lng: g.lng, lat: g.lat });
    expect(c.statusCode).toBe(201);
    expect(c.json().gridId).toBe(grid1Id);
  });

  it("grid workers see only their grid's hazards", async () => {
    await newHazard(staff);
    const mine = (await grid2.get("/api/safety/hazards")).json();
    expect(mine.items.every((h: any) => h.gridId === env.world.grids[1].id)).toBe(true);
    expect((await grid1.get("/api/safety/hazards")).json().total).toBeGreaterThan(0);
  });
});

describe("safety inspections", () => {
  it("a failed item opens a hazard in one click, once; the place is then off today's plan", async () => {
    const p = await staff.post("/api/safety/places", { gridId: grid1Id, kind: "three_small", name: "测试理发店" });
    expect(p.statusCode).toBe(201);
    const place = p.json();
    expect(place.intervalDays).toBe(14);
    let plan = (await staff.get("/api/safety/inspection-plan")).json();
    expect(plan.items.find((i: any) => i.placeId === place.id)?.state).toBe("due");
    const lists = (await staff.get("/api/safety/checklists")).json();
    const items = lists.find((l: any) => l.placeKind === "three_small").items as string[];
    const noNote = await staff.post("/api/safety/inspections", {
      placeId: place.id,
      inspectedOn: "2025-06-10",
      inspectors: ["安全员"],
      items: items.map((item, k) => ({ item, passed: k !== 1 })),
    });
    expect(noNote.statusCode).toBe(400);
    const ins = await staff.post("/api/safety/inspections", {
      placeId: place.id,
      inspectedOn: "2025-06-10",
      inspectors: ["安全员", "网格员"],
      items: items.map((item, k) => ({ item, passed: k !== 1, note: k === 1 ? "灭火器缺失" : null })),
    });
    expect(ins.statusCode).toBe(201);
    expect(ins.json()).toMatchObject({ result: "failed", failedCount: 1 });
    const failed = ins.json().items.find((i: any) => !i.passed);
    const passed = ins.json().items.find((i: any) => i.passed);
    expect((await staff.post(`/api/safety/inspection-items/${passed.id}/hazard`, {})).statusCode).toBe(400);
    const h = await staff.post(`/api/safety/inspection-items/${failed.id}/hazard`, { kind: "消防", risk: "medium" });
    expect(h.statusCode).toBe(201);
    expect(h.json()).toMatchObject({ source: "inspection", sourceRef: ins.json().id, status: "found", gridId: grid1Id });
    expect(h.json().place).toContain("测试理发店");
    expect((await staff.post(`/api/safety/inspection-items/${failed.id}/hazard`, {})).statusCode).toBe(409);
    const again = (await staff.get(`/api/safety/inspections/${ins.json().id}`)).json();
    expect(again.items.find((i: any) => i.id === failed.id).hazardId).toBe(h.json().id);
    plan = (await staff.get("/api/safety/inspection-plan")).json();
    expect(plan.items.find((i: any) => i.placeId === place.id)?.state).toBe("done");
    expect((await staff.get("/api/safety/inspection-plan?date=2025-06-30")).json().items.find((i: any) => i.placeId === place.id)).toMatchObject({
      state: "missed",
      dueOn: "2025-06-24",
      daysMissed: 6,
    });
  });

  it("only an administrator edits a checklist", async () => {
    expect((await staff.put("/api/safety/checklists/shop", { items: ["a"] })).statusCode).toBe(403);
    const ok = await leader.put("/api/safety/checklists/shop", { items: ["消防通道畅通", "门前三包"] });
    expect(ok.statusCode).toBe(200);
    const lists = (await staff.get("/api/safety/checklists")).json();
    expect(lists.find((l: any) => l.placeKind === "shop").items).toEqual(["消防通道畅通", "门前三包"]);
  });

  it("an inspection dated in the future is refused", async () => {
    const place = (await staff.post("/api/safety/places", { gridId: grid1Id, kind: "shop", name: "未来商铺" })).json();
    const r = await staff.post("/api/safety/inspections", {
      placeId: place.id,
      inspectedOn: "2025-07-01",
      inspectors: ["x"],
      items: [{ item: "a", passed: true }],
    });
    expect(r.statusCode).toBe(400);
  });
});
