import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

// The workbench's layouts (per account; a key no figure has any more is skipped and said so) and
// the subdistrict's comparison of its communities, over the test world (福民社区 with 12 grids and
// 240 residents, 桔塘社区 with 2 grids and 80).
let env: TestEnv;
let leader: Agent;
let staff: Agent;
let supervisor: Agent;

beforeAll(async () => {
  env = await testEnv();
  [leader, staff, supervisor] = await Promise.all(["leader", "staff", "supervisor"].map((u) => env.login(u)));
});
afterAll(() => env?.close());

describe("layouts", () => {
  it("start from the default: nothing pinned or hidden, the seed report's figures in its order", async () => {
    const res = await leader.get("/api/workbench/layout");
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l).toMatchObject({ pinned: [], order: [], hidden: [], skipped: [], savedAt: null });
    // Only registered figures, in the report's order: the party's come before the appeals' and safety's.
    expect(l.reportOrder.slice(0, 3)).toEqual(["party.committee_meetings", "party.planning_meetings", "party.theme_days"]);
    for (const k of l.reportOrder) expect(env.app.deps.figures.get(k), k).toBeTruthy();
    expect(l.reportOrder.indexOf("party.theme_days")).toBeLessThan(l.reportOrder.indexOf("safety.inspections"));
  });

  it("are each account's own: pin, order, hide, save; another account keeps the default", async () => {
    const body = { pinned: ["appeals.cases", "platform.people"], order: ["safety.inspections", "party.theme_days"], hidden: ["platform.accounts"] };
    const res = await leader.put("/api/workbench/layout", body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ...body, skipped: [] });
    expect(res.json().savedAt).toBeTruthy();
    expect((await leader.get("/api/workbench/layout")).json()).toMatchObject(body);
    expect((await staff.get("/api/workbench/layout")).json()).toMatchObject({ pinned: [], hidden: [] });
  });

  it("refuse unknown keys and a figure both pinned and hidden, in both languages", async () => {
    const bad = await leader.put("/api/workbench/layout", { pinned: ["no.such_figure"], order: [], hidden: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe("没有这些指标：no.such_figure");
    const en = await leader.req(
      "PUT",
      "/api/workbench/layout",
      { pinned: ["appeals.cases"], order: [], hidden: ["appeals.cases"] },
      { headers: { "accept-language": "en" } },
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(/both pinned and hidden: appeals\.cases/);
    expect((await leader.put("/api/workbench/layout", { pinned: "x" })).statusCode).toBe(400);
  });

  it("skip a saved key that no longer exists, and say which", async () => {
    // A module renamed a figure after the layout was saved.
    const id = (await env.database.db.selectFrom("users").select("id").where("username", "=", "leader").executeTakeFirstOrThrow()).id;
    await sql`update dashboard_layouts set layout = ${JSON.stringify({ pinned: ["appeals.cases", "appeals.old_name"], order: ["gone.too"], hidden: [] })} where user_id = ${id}`.execute(
      env.database.db,
    );
    const l = (await leader.get("/api/workbench/layout")).json();
    expect(l.pinned).toEqual(["appeals.cases"]);
    expect(l.order).toEqual([]);
    expect(l.skipped).toEqual(["appeals.old_name", "gone.too"]);
    // Back to the default.
    expect((await leader.req("DELETE", "/api/workbench/layout")).json()).toMatchObject({ pinned: [], skipped: [], savedAt: null });
  });
});

describe("the subdistrict's comparison", () => {
  it("puts its communities side by side, each value the figure's own for that community, and the total", async () => {
    const res = await supervisor.get("/api/workbench/compare?keys=platform.grids,platform.people");
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    const names = c.communities.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining(["福民社区", "桔塘社区"]));
    const grids = c.figures.find((f: { key: string }) => f.key === "platform.grids");
    const at = (name: string, f: { values: number[] }) => f.values[names.indexOf(name)];
    expect(at("福民社区", grids)).toBe(12);
    expect(at("桔塘社区", grids)).toBe(2);
    expect(grids.total).toBe(grids.values.reduce((a: number, b: number) => a + b, 0));
    const people = c.figures.find((f: { key: string }) => f.key === "platform.people");
    for (const [i, comm] of c.communities.entries()) {
      const own = (await supervisor.get(`/api/figures/platform.people?region=${comm.id}&from=${c.from}&to=${c.to}`)).json().value;
      expect(people.values[i], comm.name).toBe(own);
    }
    expect(at("福民社区", people)).toBe(240);
    expect(at("桔塘社区", people)).toBe(80);
  });

  it("defaults to the seed report's first figures; refuses a community's scope and unknown keys", async () => {
    const d = (await supervisor.get("/api/workbench/compare")).json();
    expect(d.figures.map((f: { key: string }) => f.key).slice(0, 2)).toEqual(["party.committee_meetings", "party.planning_meetings"]);
    const own = await leader.get("/api/workbench/compare");
    expect(own.statusCode).toBe(400);
    expect(own.json().error.message).toMatch(/街道或区的范围/);
    expect((await supervisor.get("/api/workbench/compare?keys=nope.x")).json().error.message).toBe("没有这些指标：nope.x");
    expect((await supervisor.get(`/api/workbench/compare?region=${env.world.communityId}`)).statusCode).toBe(400);
    expect((await supervisor.get("/api/workbench/compare?from=2025-02-01&to=2025-01-01")).statusCode).toBe(400);
  });
});
