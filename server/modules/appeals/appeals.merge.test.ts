import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { readXlsx } from "../../test/http.js";

// The rules of merging that nothing else holds: a merged duplicate leaves the default list and the
// export (it counts once, in the case it joined), and a case joins only a case of its own community.
const clock = fixedClock("2025-04-07T02:00:00Z");
let env: TestEnv;
let staff: Agent;
let supervisor: Agent;

beforeAll(async () => {
  env = await testEnv({ clock });
  staff = await env.login("staff");
  supervisor = await env.login("supervisor");
});
afterAll(() => env?.close());

const body = (title: string) => ({
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

async function register(title: string) {
  const res = await staff.post("/api/appeals", body(title));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; trackingNo: string };
}

describe("merging duplicates", () => {
  it("takes the merged case out of the default list and the export, but not out of the merged filter", async () => {
    const first = await register("合并测试广场舞噪音");
    const dup = await register("合并测试广场舞噪音（重复）");
    const m = await staff.post(`/api/appeals/${dup.id}/merge`, { intoId: first.id });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().status).toBe("merged");

    const list = (await staff.get("/api/appeals?pageSize=200&from=2025-04-07&to=2025-04-07")).json();
    const ids = list.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(dup.id);
    expect(list.total).toBe(ids.length);
    const merged = (await staff.get("/api/appeals?status=merged&pageSize=200")).json();
    expect(merged.items.map((c: { id: string }) => c.id)).toContain(dup.id);

    const rows = await readXlsx((await staff.get("/api/appeals/export?from=2025-04-07&to=2025-04-07")).rawPayload);
    const numbers = rows.map((r) => r.受理编号);
    expect(numbers).toContain(first.trackingNo);
    expect(numbers).not.toContain(dup.trackingNo);
  });

  it("refuses to merge into another community's case, even for a supervisor who sees both", async () => {
    const ours = await register("合并测试跨社区");
    // A resident of the neighbouring community submits the same kind of appeal there.
    const pub = await env.app.inject({
      method: "POST",
      url: "/api/public/appeals",
      payload: {
        communityId: env.world.neighbourCommunityId,
        appealType: "complaint",
        categoryCode: "JM03",
        title: "桔塘广场舞噪音",
        content: "每晚九点后广场舞音响声音很大",
        name: "李先生",
        phone: "13900001111",
      },
    });
    expect(pub.statusCode, pub.body).toBe(201);
    const found = (await supervisor.get(`/api/appeals?q=${pub.json().trackingNo}`)).json();
    expect(found.items).toHaveLength(1);
    const theirs = found.items[0] as { id: string; communityId: string };
    expect(theirs.communityId).toBe(env.world.neighbourCommunityId);

    for (const [id, intoId] of [
      [ours.id, theirs.id],
      [theirs.id, ours.id],
    ]) {
      const res = await supervisor.post(`/api/appeals/${id}/merge`, { intoId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain("同一社区");
    }
    // Nothing changed: both are still waiting for dispatch, neither merged.
    for (const id of [ours.id, theirs.id]) {
      const c = (await supervisor.get(`/api/appeals/${id}`)).json();
      expect(c.status).toBe("registered");
      expect(c.mergedIntoId).toBeNull();
      expect(c.merged).toEqual([]);
    }
  });
});
