import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";

// 群团 on the test's own records through the API: a women's federation and a grid federation under
// it (platform organisations), members joining and leaving around the year's end, a brand project
// applied for at district level, and nominations of a person and an organisation on both sides of
// New Year, with results.

const clock = fixedClock("2025-02-10T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let community: string;
const o: Record<string, string> = {};
const p: Record<string, string> = {};

const fig = async (key: string, from: string, to: string) => {
  const r = await leader.get(`/api/figures/${key}?region=${community}&from=${from}&to=${to}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().value as number;
};
const groups = async (key: string, by: string, from: string, to: string) =>
  Object.fromEntries(
    ((await leader.get(`/api/figures/${key}/groups?region=${community}&from=${from}&to=${to}&by=${by}`)).json().items as any[]).map((g) => [g.key, g.value]),
  );
const ok = async (res: Promise<{ statusCode: number; body: string; json: () => any }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
};

beforeAll(async () => {
  env = await testEnv({ clock, people: 12 });
  community = env.world.communityId;
  leader = await env.login("leader");
  const f = env.factories;
  const g0 = env.world.grids[0];
  o.fed = (await f.makeOrg(community, { name: "测试社区妇联", kind: "妇联", foundedOn: "2020-03-08" })).id;
  o.grid = (await f.makeOrg(community, { name: "测试第1网格妇联", kind: "网格妇联", parentId: o.fed, gridId: g0.id, foundedOn: "2024-03-08" })).id;
  o.league = (await f.makeOrg(community, { name: "测试驾校团支部", kind: "团委" })).id;
  o.school = (await f.makeOrg(community, { name: "测试学校", kind: "学校" })).id;
  for (const k of ["a", "b", "c", "d"]) p[k] = (await f.makePerson(community, g0, { name: `周${k}芳`, gender: "F" })).id;
});
afterAll(() => env?.close());

describe("members, brand projects and applications", () => {
  it("members and leaders at the period's end; a grid federation under its parent", async () => {
    await ok(leader.post(`/api/massorgs/orgs/${o.fed}/members`, { personId: p.a, role: "chair", joinedOn: "2020-03-08" }));
    await ok(leader.post(`/api/massorgs/orgs/${o.grid}/members`, { personId: p.b, role: "chair", joinedOn: "2024-03-08" }));
    const d = await ok(leader.post(`/api/massorgs/orgs/${o.grid}/members`, { personId: p.c, joinedOn: "2024-12-31" }));
    const leave = d.members.find((m: any) => m.personId === p.c).id;
    await ok(leader.post(`/api/massorgs/orgs/${o.grid}/members/${leave}/leave`, { on: "2025-01-01" }));
    await ok(leader.post(`/api/massorgs/orgs/${o.league}/members`, { personId: p.d, joinedOn: "2025-01-01" }));
    expect(await fig("massorgs.members", "2024-01-01", "2024-12-31")).toBe(3);
    expect(await fig("massorgs.members", "2024-01-01", "2024-12-30")).toBe(2);
    expect(await fig("massorgs.members", "2025-01-01", "2025-12-31")).toBe(3);
    expect(await groups("massorgs.members", "kind", "2024-01-01", "2024-12-31")).toEqual({ 网格妇联: 2, 妇联: 1 });
    const list = (await leader.get("/api/massorgs/orgs")).json().items as any[];
    expect(list.map((x) => x.name).sort()).toEqual(["测试社区妇联", "测试第1网格妇联", "测试驾校团支部"]);
    const fed = await ok(leader.get(`/api/massorgs/orgs/${o.fed}`));
    expect(fed.children.map((c: any) => c.name)).toEqual(["测试第1网格妇联"]);
    expect(fed.org.leaders).toEqual(["周**"]);
    expect(fed.members[0].name).toBe("周**");
  });

  it("a brand project applied for at district level, with its result; by year", async () => {
    const d = await ok(leader.post("/api/massorgs/brand-projects", { orgId: o.fed, name: "亲子自然教育", startedOn: "2024-03-01" }));
    const project = d.brandProjects[0].id;
    const a = await ok(
      leader.post(`/api/massorgs/brand-projects/${project}/applications`, { title: "区级妇女儿童特色项目", level: "district", appliedOn: "2024-12-31" }),
    );
    await ok(leader.post(`/api/massorgs/brand-projects/${project}/applications`, { title: "市级品牌", level: "city", appliedOn: "2025-01-01" }));
    expect(await fig("massorgs.brand_applications", "2024-01-01", "2024-12-31")).toBe(1);
    expect(await fig("massorgs.brand_applications", "2025-01-01", "2025-12-31")).toBe(1);
    const res = await ok(leader.post(`/api/massorgs/applications/${a.id}/result`, { result: "approved", on: "2025-01-20" }));
    expect(res.result).toBe("approved");
    expect((await leader.post(`/api/massorgs/applications/${a.id}/result`, { result: "rejected", on: "2025-01-21" })).statusCode).toBe(409);
    expect(await groups("massorgs.brand_applications", "result", "2024-01-01", "2024-12-31")).toEqual({ approved: 1 });
    expect((await leader.get("/api/massorgs/applications?year=2024")).json().items.map((x: any) => x.title)).toEqual(["区级妇女儿童特色项目"]);
    expect((await leader.post(`/api/massorgs/brand-projects/${project}/applications`, { title: "x", level: "city", appliedOn: "2024-02-01" })).statusCode).toBe(
      400,
    );
  });
});

describe("honours and nominations", () => {
  it("nominations by nomination date, honours by result date, a list per year", async () => {
    const n1 = await ok(
      leader.post("/api/massorgs/nominations", {
        communityId: community,
        nomineeKind: "person",
        personId: p.a,
        award: "两红两优",
        level: "district",
        nominatedOn: "2024-12-31",
        byOrgId: o.fed,
      }),
    );
    expect(n1.nomineeName).toBe("周**");
    const n2 = await ok(
      leader.post("/api/massorgs/nominations", {
        communityId: community,
        nomineeKind: "org",
        orgId: o.league,
        award: "两红两优",
        level: "city",
        nominatedOn: "2025-01-01",
      }),
    );
    expect(n2.nomineeName).toBe("测试驾校团支部");
    await ok(leader.post(`/api/massorgs/nominations/${n1.id}/result`, { result: "awarded", on: "2025-01-05" }));
    await ok(leader.post(`/api/massorgs/nominations/${n2.id}/result`, { result: "not_awarded", on: "2025-01-06" }));
    expect(await fig("massorgs.nominations", "2024-01-01", "2024-12-31")).toBe(1);
    expect(await fig("massorgs.nominations", "2025-01-01", "2025-12-31")).toBe(1);
    expect(await fig("massorgs.honours", "2024-01-01", "2024-12-31")).toBe(0);
    expect(await fig("massorgs.honours", "2025-01-01", "2025-01-31")).toBe(1);
    expect(await groups("massorgs.nominations", "nominee", "2024-01-01", "2025-12-31")).toEqual({ person: 1, org: 1 });
    const rec = await leader.get(`/api/figures/massorgs.nominations/records?region=${community}&from=2024-01-01&to=2025-12-31`);
    expect(rec.json().rows.map((r: any) => r.nominee)).toEqual(["周**", "测试驾校团支部"]);
    const y24 = (await leader.get("/api/massorgs/nominations?year=2024")).json().items;
    expect(y24.map((n: any) => [n.nomineeName, n.award, n.result])).toEqual([["周**", "两红两优", "awarded"]]);
  });

  it("refuses bad nominations and members, in Chinese and English", async () => {
    const bad = await leader.post("/api/massorgs/nominations", {
      communityId: community,
      nomineeKind: "person",
      personId: p.b,
      award: "最佳邻居",
      level: "city",
      nominatedOn: "2025-01-01",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("最佳邻居");
    expect(
      (
        await leader.post("/api/massorgs/nominations", {
          communityId: community,
          nomineeKind: "org",
          award: "两红两优",
          level: "city",
          nominatedOn: "2025-01-01",
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await leader.post("/api/massorgs/nominations", {
          communityId: community,
          nomineeKind: "person",
          personId: p.b,
          award: "两红两优",
          level: "city",
          nominatedOn: "2025-03-01",
        })
      ).statusCode,
    ).toBe(400);
    const school = await leader.req(
      "POST",
      `/api/massorgs/orgs/${o.school}/members`,
      { personId: p.b, joinedOn: "2024-01-01" },
      { headers: { "accept-language": "en" } },
    );
    expect(school.statusCode).toBe(400);
    expect(school.json().error.message).toContain("not a mass organisation");
    expect((await leader.post(`/api/massorgs/orgs/${o.grid}/members`, { personId: p.b, joinedOn: "2024-05-01" })).statusCode).toBe(409);
    expect((await leader.post(`/api/massorgs/orgs/${o.grid}/members`, { personId: p.d, joinedOn: "2024-03-01" })).json().error.message).toContain("成立日期");
    const mediator = await env.login("mediator");
    expect((await mediator.get("/api/massorgs/nominations")).statusCode).toBe(403);
  });
});
