import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";
import { fixedClock } from "./clock.js";
import { severityOf, sortTodos, timeLeft } from "./todos.js";

// 待办与预警 through the registry: each role gets the items of the providers its permissions cover,
// in its scope, most pressing first; each item opens its record. Own data on an empty database.
const TODAY = "2026-03-10";
let env: TestEnv;
let staff: Agent;
let hazardId = "";
let hazardOther = "";
let appealId = "";

type Todos = {
  items: Array<{ provider: string; id: string; severity: string; link: string; detail: string | null }>;
  count: number;
  overdue: number;
  groups: Array<{ key: string; count: number }>;
};

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock(`${TODAY}T02:00:00Z`) });
  staff = await env.login("staff");
  const hazard = async (grid: number, foundOn: string) => {
    const c = await staff.post("/api/safety/hazards", {
      gridId: env.world.grids[grid].id,
      source: "patrol",
      kind: "消防",
      place: "狮径 3 栋",
      description: `消防通道堵塞 ${foundOn}`,
      risk: "low",
      foundOn,
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    expect((await staff.post(`/api/safety/hazards/${id}/assign`, { assigneeName: "网格员" })).statusCode).toBe(200);
    return id;
  };
  hazardId = await hazard(0, "2026-01-05"); // due 2026-01-20: overdue
  hazardOther = await hazard(1, "2026-03-09"); // due 2026-03-24, in grid 2
  const a = await staff.post("/api/appeals", {
    communityId: env.world.communityId,
    channel: "12345",
    kind: "appeal",
    appealType: "complaint",
    categoryCode: "JM03",
    urgency: "normal",
    title: "广场舞噪音扰民",
    content: "每晚九点后广场舞音响声音很大",
    gridId: env.world.grids[0].id,
    appellantName: "陈女士",
    appellantPhone: "13812345678",
  });
  expect(a.statusCode, a.body).toBe(201);
  appealId = a.json().id;
});
afterAll(() => env?.close());

describe("GET /api/todos", () => {
  it("answers the staff member's hazards and cases, overdue first, each with the link to its record", async () => {
    const r = await staff.get("/api/todos");
    expect(r.statusCode, r.body).toBe(200);
    const t = r.json() as Todos;
    const at = (id: string) => t.items.findIndex((i) => i.id === id);
    expect(at(hazardId)).toBe(0);
    expect(at(hazardOther)).toBeGreaterThan(0);
    const h = t.items.find((i) => i.id === hazardId);
    expect(h).toMatchObject({ provider: "safety.hazards.rectify", severity: "overdue", link: `/safety/hazards/${hazardId}` });
    expect(h?.detail).toMatch(/已逾期 49 天|49 days overdue/);
    expect(t.items[0].severity).toBe("overdue");
    expect(t.items.find((i) => i.id === appealId)).toMatchObject({ provider: "appeals.mine", link: `/appeals/${appealId}` });
    expect(t.count).toBe(t.items.length);
    expect(t.overdue).toBe(1);
    expect(t.groups.find((g) => g.key === "safety.hazards.rectify")?.count).toBe(2);
  });

  it("a grid worker sees their own grid's items only; a role without a provider's permission gets none of its items", async () => {
    const grid01 = await env.login("grid01");
    const g = (await grid01.get("/api/todos")).json() as Todos;
    expect(g.items.map((i) => i.id)).toContain(hazardId);
    expect(g.items.map((i) => i.id)).not.toContain(hazardOther);
    const mediator = await env.login("mediator");
    const m = (await mediator.get("/api/todos")).json() as Todos;
    expect(m.items.some((i) => i.provider.startsWith("safety.hazards"))).toBe(false);
    // the patrol officer and the volunteer have a workbench too: their to-dos, never a 403
    for (const u of ["patrol01", "volunteer01"]) {
      const res = await (await env.login(u)).get("/api/todos");
      expect(res.statusCode, res.body).toBe(200);
      if (u === "volunteer01")
        expect((res.json() as Todos).items.some((i) => i.provider.startsWith("safety.") || i.provider.startsWith("appeals."))).toBe(false);
    }
    expect((await (await env.login("auditor")).get("/api/todos")).statusCode).toBe(403);
  });

  it("modules register their providers once, each under a permission of its own module", () => {
    const all = env.app.deps.todos.all();
    expect(all.map((p) => p.key).sort()).toEqual([
      "appeals.mine",
      "party.meetings.missing",
      "party.pipeline.due",
      "patrol.checkins.review",
      "patrol.rounds.today",
      "pipl.requests.due",
      "safety.disputes.deadline",
      "safety.hazards.rectify",
      "safety.hazards.verify",
    ]);
    for (const p of all) expect(p.permission.split(".")[0]).toBe(p.module);
    expect(() => env.app.deps.todos.register(all[0])).toThrow(/registered twice/);
    expect(env.app.deps.todos.forRole("auditor")).toEqual([]);
  });

  it("severity and order: overdue, urgent, due, info; the earliest deadline first", () => {
    const now = new Date("2026-03-10T02:00:00Z");
    expect(severityOf(new Date("2026-03-09T00:00:00Z"), now)).toBe("overdue");
    expect(severityOf(new Date("2026-03-11T00:00:00Z"), now)).toBe("urgent");
    expect(severityOf(new Date("2026-03-20T00:00:00Z"), now)).toBe("due");
    expect(severityOf(null, now)).toBe("info");
    expect(timeLeft(new Date("2026-03-12T02:00:00Z"), now)).toEqual({ zh: "剩余 2 天", en: "2 days left" });
    const s = sortTodos([
      { severity: "info" as const, due: null },
      { severity: "due" as const, due: "2026-03-20" },
      { severity: "overdue" as const, due: "2026-03-01" },
      { severity: "due" as const, due: "2026-03-15" },
    ]);
    expect(s.map((x) => x.due)).toEqual(["2026-03-01", "2026-03-15", "2026-03-20", null]);
  });
});
