import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

// 一张图 and 大屏 on own data: the map's layers in the caller's scope (a grid worker sees their grid;
// households in care only as counts), and the screen through a signed link — expiring, revocable,
// audited, masked — or a session.
const clock = fixedClock("2026-03-10T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let grid01: Agent;
let supervisor: Agent;
let g0 = "";
let g1 = "";
let community = "";

const appeal = (gridId: string, title: string, lat: number | null, lng: number | null, urgency = "normal") =>
  leader.post("/api/appeals", {
    communityId: community,
    channel: "12345",
    kind: "appeal",
    appealType: "complaint",
    categoryCode: "JM03",
    urgency,
    title,
    content: `${title}，请尽快处理`,
    gridId,
    lat,
    lng,
    appellantName: "陈女士",
    appellantPhone: "13812345678",
  });

beforeAll(async () => {
  env = await testEnv({ clock, people: 12 });
  community = env.world.communityId;
  [g0, g1] = env.world.grids.map((g) => g.id);
  leader = await env.login("leader");
  grid01 = await env.login("grid01");
  supervisor = await env.login("supervisor");
  const grids = await env.app.deps.db.selectFrom("regions").select(["id", "lat", "lng"]).where("id", "in", [g0, g1]).execute();
  const at = (id: string) => grids.find((g) => g.id === id) as { lat: number; lng: number };
  for (const [grid, title, loc] of [
    [g0, "路灯不亮", true],
    [g0, "井盖缺失", true],
    [g1, "噪音扰民", true],
    [g1, "电梯故障", false],
  ] as const) {
    const p = at(grid);
    const r = await appeal(grid, title, loc ? p.lat : null, loc ? p.lng : null);
    expect(r.statusCode, r.body).toBe(201);
  }
  const h = await leader.post("/api/safety/hazards", {
    gridId: g0,
    source: "patrol",
    kind: "消防",
    place: "狮径 3 栋",
    description: "消防通道堵塞",
    risk: "high",
    foundOn: "2026-03-09",
    lat: at(g0).lat,
    lng: at(g0).lng,
  });
  expect(h.statusCode, h.body).toBe(201);
  // Households in care: two in grid 1, one in grid 2.
  for (const [grid, name] of [
    [g0, "王一"],
    [g0, "王二"],
    [g1, "李三"],
  ] as const) {
    const person = await env.factories.makePerson(community, { id: grid } as never, { name, place: "狮径" });
    const r = await leader.post("/api/care/households", { headPersonId: person.id, kinds: ["低保"], enrolledOn: "2025-06-01" });
    expect(r.statusCode, r.body).toBe(201);
  }
}, 120_000);
afterAll(() => env?.close());

type Layer = {
  key: string;
  points: Array<{ id: string; state: string; label?: string; link?: string }>;
  counts: Array<{ areaId: string; value: number }>;
  total: number;
};

describe("一张图 the map", () => {
  it("lists the layers a role may see, and the community's grids with their boundaries", async () => {
    const layers = (await leader.get("/api/map/layers")).json() as Array<{ key: string; kind: string }>;
    expect(layers.map((l) => l.key)).toEqual(
      expect.arrayContaining(["patrol.points", "appeals.open", "safety.hazards", "safety.disputes", "care.households", "activities.venues"]),
    );
    const areas = (await leader.get("/api/map/areas")).json();
    expect(areas.region.id).toBe(community);
    expect(areas.areas.length).toBe(env.world.grids.length);
    expect(areas.areas.every((a: { boundary: { type: string } | null }) => a.boundary?.type === "Polygon")).toBe(true);
  });

  it("answers open appeals by location with their state, counted per grid (those without a location too)", async () => {
    const l = (await leader.get("/api/map/layers/appeals.open")).json() as Layer;
    expect(l.points).toHaveLength(3);
    expect(l.points.every((p) => p.label && p.link?.startsWith("/appeals/"))).toBe(true);
    const count = Object.fromEntries(l.counts.map((c) => [c.areaId, c.value]));
    expect(count[g0]).toBe(2);
    expect(count[g1]).toBe(2);
    expect(l.total).toBe(4);
  });

  it("a grid worker's map is their grid: its own records only", async () => {
    const areas = (await grid01.get("/api/map/areas")).json();
    expect(areas.areas.map((a: { id: string }) => a.id)).toEqual([g0]);
    const l = (await grid01.get("/api/map/layers/appeals.open")).json() as Layer;
    expect(l.total).toBe(2);
    expect((await grid01.get(`/api/map/layers/appeals.open?region=${g1}`)).statusCode).toBe(404);
    expect((await grid01.get(`/api/map/areas/${g1}`)).statusCode).toBe(404);
  });

  it("households in care are counts per grid, never points, for every role", async () => {
    for (const a of [leader, grid01]) {
      const l = (await a.get("/api/map/layers/care.households")).json() as Layer;
      expect(l.points).toEqual([]);
      expect(Object.fromEntries(l.counts.map((c) => [c.areaId, c.value]))[g0]).toBe(2);
    }
    expect(((await leader.get("/api/map/layers/care.households")).json() as Layer).total).toBe(3);
  });

  it("a grid's panel names its grid worker and each layer's count", async () => {
    const p = (await leader.get(`/api/map/areas/${g0}`)).json();
    expect(p.area.id).toBe(g0);
    expect(p.workers.map((w: { name: string }) => w.name).length).toBeGreaterThan(0);
    const v = Object.fromEntries(p.layers.map((l: { key: string; value: number }) => [l.key, l.value]));
    expect(v["appeals.open"]).toBe(2);
    expect(v["safety.hazards"]).toBe(1);
    expect(v["care.households"]).toBe(2);
  });

  it("a subdistrict's map draws its communities, counts summed per community", async () => {
    const areas = (await supervisor.get("/api/map/areas")).json();
    expect(areas.areas.map((a: { id: string }) => a.id)).toContain(community);
    const l = (await supervisor.get("/api/map/layers/appeals.open")).json() as Layer;
    expect(Object.fromEntries(l.counts.map((c) => [c.areaId, c.value]))[community]).toBe(4);
  });

  it("a layer the role may not see is not found; a patrol officer gets no care layer's records either", async () => {
    const patrol = await env.login("patrol01");
    const keys = ((await patrol.get("/api/map/layers")).json() as Array<{ key: string }>).map((l) => l.key);
    expect(keys).not.toContain("appeals.open");
    expect((await patrol.get("/api/map/layers/appeals.open")).statusCode).toBe(404);
  });
});

describe("大屏 the screen and its links", () => {
  let token = "";
  let linkId = "";

  it("a leader makes a link; the screen opens with it, masked, with no login", async () => {
    const made = await leader.post("/api/screen/links", { name: "值班室大屏", days: 7 });
    expect(made.statusCode, made.body).toBe(201);
    token = made.json().token;
    linkId = made.json().id;
    expect(made.json().url).toBe(`/screen?t=${token}`);
    expect(made.json().state).toBe("active");
    const d = await env.app.inject({ method: "GET", url: `/api/screen/data?t=${token}` });
    expect(d.statusCode, d.body).toBe(200);
    const data = d.json();
    expect(data.via).toBe("link");
    expect(data.region.id).toBe(community);
    const open = data.layers.find((l: { key: string }) => l.key === "appeals.open");
    expect(open.data.points).toHaveLength(3);
    // On a link no point names its record or links to it; the ticker carries no title.
    expect(open.data.points.every((p: { label?: string; link?: string }) => p.label === undefined && p.link === undefined)).toBe(true);
    expect(data.ticker).toHaveLength(4);
    expect(JSON.stringify(data.ticker)).not.toContain("路灯不亮");
    expect(JSON.stringify(data)).not.toContain("陈女士");
    const cases = data.figures.find((f: { key: string }) => f.key === "appeals.all_cases");
    expect(cases.value).toBe(4);
    const trend = data.trends.find((t: { key: string }) => t.key === "appeals.all_cases");
    expect(trend.thisYear.slice(0, 4)).toEqual([0, 0, 4, null]);
    // The link's secret is never stored: only its hash.
    const row = await env.app.deps.db.selectFrom("screen_links").selectAll().where("id", "=", linkId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("is computed once per data version: refreshes without a write get the same answer, a write makes the next one new", async () => {
    const read = async () => (await env.app.inject({ method: "GET", url: `/api/screen/data?t=${token}` })).json();
    const a = await read();
    clock.advance(1000);
    const b = await read();
    expect(b.generatedAt).toBe(a.generatedAt);
    expect(b).toEqual(a);
    const r = await appeal(g1, "垃圾未清运", null, null);
    expect(r.statusCode, r.body).toBe(201);
    // At once when computing is quick; a slow computation (a loaded machine) answers the last one meanwhile.
    let c = await read();
    for (let i = 0; i < 50 && c.generatedAt === a.generatedAt; i++) {
      await new Promise((r) => setTimeout(r, 100));
      c = await read();
    }
    expect(c.generatedAt).not.toBe(a.generatedAt);
    expect(c.figures.find((f: { key: string }) => f.key === "appeals.all_cases").value).toBe(5);
    expect(c.ticker).toHaveLength(5);
  });

  it("a session of a role that reads the workbench opens the screen in its scope; none is 401", async () => {
    const d = (await grid01.get("/api/screen/data")).json();
    expect(d.via).toBe("session");
    expect(d.region.id).toBe(g0);
    expect(d.figures.find((f: { key: string }) => f.key === "appeals.all_cases").value).toBe(2);
    const none = await env.app.inject({ method: "GET", url: "/api/screen/data" });
    expect(none.statusCode).toBe(401);
    const bad = await env.app.inject({ method: "GET", url: "/api/screen/data?t=nonsense", headers: { "accept-language": "en" } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe("SCREEN_LINK_INVALID");
    expect(bad.json().error.message).toContain("not valid");
  });

  it("the live feed sends new appeals (ticker) to a linked screen, without personal data", async () => {
    await env.app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    const ctl = new AbortController();
    const feed = await fetch(`${base}/api/screen/live?t=${token}`, { signal: ctl.signal });
    expect(feed.status).toBe(200);
    const reader = (feed.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const first = await reader.read();
    text += new TextDecoder().decode(first.value);
    expect(text).toContain(": open");
    clock.advance(60_000);
    const r = await appeal(g0, "楼道堆物", null, null, "urgent");
    expect(r.statusCode, r.body).toBe(201);
    // The ticker polls; poll now rather than wait.
    const until = Date.now() + 10_000;
    while (!text.includes("event: appeal") && Date.now() < until) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((res) => setTimeout(() => res(null), 6000))]);
      if (chunk && !chunk.done) text += new TextDecoder().decode(chunk.value);
    }
    ctl.abort();
    expect(text).toContain("event: appeal");
    const data = JSON.parse(text.split("event: appeal\ndata: ")[1].split("\n")[0]);
    expect(data.urgent).toBe(true);
    expect(JSON.stringify(data)).not.toContain("楼道堆物");
  }, 20_000);

  it("opening, refusals, making and revoking are audited", async () => {
    const rows = await env.app.deps.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "success", "reason"])
      .where("entity", "=", "screen_link")
      .execute();
    expect(rows.some((r) => r.action === "screen.link_create" && r.entity_id === linkId)).toBe(true);
    expect(rows.some((r) => r.action === "screen.open" && r.entity_id === linkId && Number(r.success) === 1)).toBe(true);
    expect(rows.some((r) => r.action === "screen.open" && Number(r.success) === 0 && r.reason === "SCREEN_LINK_INVALID")).toBe(true);
  });

  it("a revoked link is 401 and says so in both languages; revoking twice is refused", async () => {
    const rv = await leader.post(`/api/screen/links/${linkId}/revoke`);
    expect(rv.statusCode, rv.body).toBe(200);
    expect(rv.json().state).toBe("revoked");
    const zh = await env.app.inject({ method: "GET", url: `/api/screen/data?t=${token}` });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: "SCREEN_LINK_REVOKED", message: "大屏链接已被撤销" });
    const en = await env.app.inject({ method: "GET", url: `/api/screen/live?t=${token}`, headers: { "accept-language": "en" } });
    expect(en.statusCode).toBe(401);
    expect(en.json().error.message).toBe("This screen link has been revoked");
    expect((await leader.post(`/api/screen/links/${linkId}/revoke`)).statusCode).toBe(409);
    const audit = await env.app.deps.db.selectFrom("audit_log").select(["action", "reason"]).where("entity_id", "=", linkId).execute();
    expect(audit.map((a) => a.action)).toContain("screen.link_revoke");
    expect(audit.some((a) => a.reason === "SCREEN_LINK_REVOKED")).toBe(true);
  });

  it("links are the leader's to make: a grid worker may not; another community's link is not found", async () => {
    expect((await grid01.post("/api/screen/links", { name: "x", days: 1 })).statusCode).toBe(403);
    expect((await leader.post("/api/screen/links", { name: "x", days: 1, regionId: env.world.neighbourCommunityId })).statusCode).toBe(404);
    const bad = await leader.post("/api/screen/links", { name: "", days: 0 });
    expect(bad.statusCode).toBe(400);
  });
  it("a link expires at its end: valid the moment before, 401 from then on", async () => {
    const made = (await leader.post("/api/screen/links", { name: "一天", days: 1 })).json();
    clock.advance(86_400_000 - 1000);
    expect((await env.app.inject({ method: "GET", url: `/api/screen/data?t=${made.token}` })).statusCode).toBe(200);
    clock.advance(1000);
    leader = await env.login("leader");
    const r = await env.app.inject({ method: "GET", url: `/api/screen/data?t=${made.token}` });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe("SCREEN_LINK_EXPIRED");
    const list = (await leader.get("/api/screen/links")).json() as Array<{ id: string; state: string }>;
    expect(Object.fromEntries(list.map((l) => [l.id, l.state]))).toMatchObject({ [made.id]: "expired", [linkId]: "revoked" });
  });
});
