import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TAppealCreateInput } from "../../../contracts/appeals.js";
import { fixedClock } from "../../platform/clock.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import type { AppealsApi } from "./appeals.api.js";
import { createAppealsModule } from "./appeals.module.js";

// What other modules use of appeals (appeals.api.ts): a case registered with a source reference,
// inside the caller's transaction, and the cases of given source records with their state.
const clock = fixedClock("2025-05-12T02:00:00Z");
let env: TestEnv;
let api: AppealsApi;
let leader: Agent;
let leaderWho: Who;

async function whoOf(username: string): Promise<Who> {
  const u = await env.database.db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
  const scope = await scopeOf(env.database.db, u.scope_region_id);
  if (!scope) throw new Error(`no scope for ${username}`);
  return { user: { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scopeRegionId: u.scope_region_id }, scope };
}

beforeAll(async () => {
  env = await testEnv({ clock });
  api = createAppealsModule(env.app.deps).api;
  leader = await env.login("leader");
  leaderWho = await whoOf("leader");
});
afterAll(() => env?.close());

const input = (title: string): TAppealCreateInput => ({
  communityId: env.world.communityId,
  channel: "tea_talk",
  kind: "appeal",
  appealType: "suggestion",
  categoryCode: "QT02",
  title,
  content: "书记茶话会上居民建议在小区广场增设休闲座椅",
  gridId: env.world.grids[1].id,
});
const activity = (id: string) => ({ source: { module: "activities", kind: "activity", id } });

describe("tracking numbers", () => {
  it("go on from the day's last number of Shequ's own form, whatever else starts with the day", async () => {
    const a = await api.register(leaderWho, input("编号测试一"), activity("tno-1"));
    const n = Number(a.trackingNo.slice(8));
    // A number that starts with the day but is not of the form (a copied or foreign one) is passed over.
    await env.database.db
      .updateTable("appeals")
      .set({ tracking_no: `${a.trackingNo}~y4` })
      .where("id", "=", a.id)
      .execute();
    const b = await api.register(leaderWho, input("编号测试二"), activity("tno-1"));
    expect(b.trackingNo).toMatch(/^2025051200\d{3}$/);
    expect(Number(b.trackingNo.slice(8))).toBe(n);
    const c = await api.register(leaderWho, input("编号测试三"), activity("tno-1"));
    expect(Number(c.trackingNo.slice(8))).toBe(n + 1);
  });
});

describe("the appeals API for other modules", () => {
  it("registers a case with its source, shows the source on the case, and lists the cases of a source with their state", async () => {
    const a = await api.register(leaderWho, input("增设休闲座椅"), activity("tea-1"));
    const b = await api.register(leaderWho, input("增加路灯"), activity("tea-1"));
    const c = await api.register(leaderWho, input("清理楼道杂物"), activity("tea-2"));
    expect(a.trackingNo).toMatch(/^2025051200\d{3}$/);

    const detail = (await leader.get(`/api/appeals/${a.id}`)).json();
    expect(detail.source).toEqual({ module: "activities", kind: "activity", id: "tea-1" });
    expect(detail.channel).toBe("tea_talk");
    expect(detail.timeline[0].data.source).toEqual({ module: "activities", kind: "activity", id: "tea-1" });
    // A case registered on the page has none.
    const own = await leader.post("/api/appeals", { ...input("页面登记的诉求"), channel: "walkin" });
    expect(own.statusCode, own.body).toBe(201);
    expect((await leader.get(`/api/appeals/${own.json().id}`)).json().source).toBeNull();

    const one = await api.bySource(leaderWho.scope, "activities", "activity", ["tea-1"]);
    expect(one.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(one.find((x) => x.id === a.id)).toEqual({
      id: a.id,
      trackingNo: a.trackingNo,
      title: "增设休闲座椅",
      status: "registered",
      resolved: null,
      source: { module: "activities", kind: "activity", id: "tea-1" },
    });
    const both = await api.bySource(leaderWho.scope, "activities", "activity", ["tea-1", "tea-2", "tea-9"]);
    expect(both.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    // Another kind or module with the same id is another record.
    expect(await api.bySource(leaderWho.scope, "activities", "venue", ["tea-1"])).toEqual([]);
    expect(await api.bySource(leaderWho.scope, "volunteers", "activity", ["tea-1"])).toEqual([]);
    expect(await api.bySource(leaderWho.scope, "activities", "activity", [])).toEqual([]);

    // The state follows the case: dispatched, then closed as resolved.
    const staff = await env.login("staff");
    expect((await staff.post(`/api/appeals/${c.id}/dispatch`, { toCommunity: true })).statusCode).toBe(200);
    expect((await staff.post(`/api/appeals/${c.id}/sign`, {})).statusCode).toBe(200);
    expect((await staff.post(`/api/appeals/${c.id}/close`, { answer: "已清理", resolved: true })).statusCode).toBe(200);
    const [closed] = await api.bySource(leaderWho.scope, "activities", "activity", ["tea-2"]);
    expect(closed.status).toBe("archived");
    expect(closed.resolved).toBe(true);

    // Only the caller's scope: grid 1's worker does not see grid 2's cases.
    const grid01 = await whoOf("grid01");
    expect(await api.bySource(grid01.scope, "activities", "activity", ["tea-1", "tea-2"])).toEqual([]);
  });

  it("joins the caller's transaction: when the caller's own write fails, the case is not registered either", async () => {
    const count = async () => (await env.database.db.selectFrom("appeals").select("id").where("source_id", "=", "tea-rollback").execute()).length;
    await expect(
      env.database.db.transaction().execute(async (trx) => {
        await api.register(leaderWho, input("回滚测试"), activity("tea-rollback"), trx);
        expect((await trx.selectFrom("appeals").select("id").where("source_id", "=", "tea-rollback").execute()).length).toBe(1);
        throw new Error("the caller's own write failed");
      }),
    ).rejects.toThrow("the caller's own write failed");
    expect(await count()).toBe(0);
    await env.database.db.transaction().execute((trx) => api.register(leaderWho, input("提交测试"), activity("tea-rollback"), trx));
    expect(await count()).toBe(1);
  });

  it("checks what the page checks, and the source, with errors in both languages", async () => {
    const bad = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: any) => ({ status: e.status, zh: e.msg?.zh as string, en: e.msg?.en as string }),
      );
    const noSource = await bad(api.register(leaderWho, input("缺少来源"), { source: { module: "", kind: "activity", id: "x" } }));
    expect(noSource?.status).toBe(400);
    expect(noSource?.zh).toContain("来源");
    expect(noSource?.en).toContain("source");
    const noTitle = await bad(api.register(leaderWho, { ...input("x"), title: "" }, activity("tea-3")));
    expect(noTitle?.status).toBe(400);
    const unknownCategory = await bad(api.register(leaderWho, { ...input("未知分类"), categoryCode: "ZZ99" }, activity("tea-3")));
    expect(unknownCategory?.status).toBe(400);
    expect(unknownCategory?.zh).toContain("未知的分类");
    // Another community is outside the leader's scope: not found.
    const elsewhere = await bad(
      api.register(leaderWho, { ...input("别的社区"), communityId: env.world.neighbourCommunityId, gridId: null }, activity("tea-3")),
    );
    expect(elsewhere?.status).toBe(404);
    expect(await api.bySource(leaderWho.scope, "activities", "activity", ["tea-3"])).toEqual([]);
  });
});
