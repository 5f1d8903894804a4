import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { loginFrom, multipartFile, TINY_PNG } from "../../test/http.js";

// A project's life through the API, step by step, with every refusal a user can meet: a step out
// of order (409 with the rule), a vote with more votes than members present, approval during the
// publicity period or with an objection open, a budget over its kind's cap or over the year's
// budget, a payment over the budget, acceptance before 100%, an evaluation without answers — each
// writing nothing. The public side: a resident proposes, follows the stages, answers the survey.

const clock = fixedClock("2024-09-02T02:00:00Z"); // 10:00 in Shenzhen, a Monday
let env: TestEnv;
let leader: Agent;
let admin: Agent;
let ip = 0;
let community: string;

async function at(date: string) {
  clock.set(`${date}T02:00:00Z`);
  leader = await loginFrom(env, "leader", `10.12.${++ip}.1`);
  admin = await loginFrom(env, "admin", `10.12.${++ip}.1`);
}
const pub = (method: "GET" | "POST", url: string, payload?: unknown) =>
  env.app.inject({ method, url, payload: payload as any, headers: { "accept-language": "zh", "x-forwarded-for": `10.99.${++ip}.1` } });
const propose = async (title: string, kind = "works", estimatedFen = 30_000_000) => {
  const res = await leader.post("/api/projects", {
    communityId: community,
    title,
    kind,
    place: "狮径公园",
    reason: "居民反映",
    estimatedFen,
    proposerKind: "staff",
    proposerName: "社区工作人员",
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

beforeAll(async () => {
  env = await testEnv({ clock });
  community = env.world.communityId;
  leader = await env.login("leader");
  admin = await env.login("admin");
}, 120_000);
afterAll(() => env?.close());

describe("a micro-project from proposal to evaluation", () => {
  let id: string;
  let other: string;

  it("is proposed and reviewed; a step out of order is refused with the rule", async () => {
    id = await propose("狮径公园停车棚");
    other = await propose("广场顶棚");
    const early = await leader.post(`/api/projects/${id}/approve`, { budgetFen: 1, contractor: "x", plannedStart: "2024-10-01", plannedEnd: "2024-12-01" });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("公示期满");
    expect(early.json().error.message).toContain("当前阶段：征集");
    const vote = await leader.post("/api/projects/meetings", {
      communityId: community,
      title: "议事会",
      heldOn: "2024-09-02",
      membersPresent: 10,
      votes: [{ projectId: id, votesFor: 8 }],
    });
    expect(vote.statusCode).toBe(409);
    expect(vote.json().error.message).toContain("初审");
    const noReason = await leader.post(`/api/projects/${other}/review`, { passed: false });
    expect(noReason.statusCode).toBe(400);
    for (const p of [id, other]) expect((await leader.post(`/api/projects/${p}/review`, { passed: true, note: "符合条件" })).statusCode).toBe(200);
  });

  it("refuses a vote with more votes than members present, writing nothing; passes with more than half", async () => {
    await at("2024-09-06");
    const bad = await leader.post("/api/projects/meetings", {
      communityId: community,
      title: "第一次居民议事会",
      heldOn: "2024-09-06",
      membersPresent: 10,
      votes: [
        { projectId: id, votesFor: 7, votesAgainst: 1 },
        { projectId: other, votesFor: 6, votesAgainst: 4, abstentions: 1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("多于到会成员10人");
    expect((await leader.get(`/api/projects/${id}`)).json().stage).toBe("reviewed");
    expect(await env.database.db.selectFrom("project_meetings").selectAll().execute()).toHaveLength(0);
    const ok = await leader.post("/api/projects/meetings", {
      communityId: community,
      title: "第一次居民议事会",
      heldOn: "2024-09-06",
      membersPresent: 10,
      votes: [
        { projectId: id, votesFor: 6, votesAgainst: 3, abstentions: 1 },
        { projectId: other, votesFor: 5, votesAgainst: 5 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().results).toEqual([
      { projectId: id, passed: true },
      { projectId: other, passed: false },
    ]);
    const d = (await leader.get(`/api/projects/${other}`)).json();
    expect(d.stage).toBe("rejected");
    expect(d.next).toEqual([]);
  });

  it("is publicised for 5 working days across 中秋, takes objections, and is approved only after", async () => {
    await at("2024-09-13");
    const p = await leader.post(`/api/projects/${id}/publicise`, {});
    expect(p.statusCode, p.body).toBe(200);
    // Sat 14 is 调休 (worked), 15–17 off: 14, 18, 19, 20, 23.
    expect(p.json().publicityEndsOn).toBe("2024-09-23");
    await at("2024-09-19");
    expect((await leader.post(`/api/projects/${id}/objections`, { byName: "居民张某", content: "担心占用绿地" })).statusCode).toBe(200);
    const during = await leader.post(`/api/projects/${id}/approve`, {
      budgetFen: 20_000_000,
      contractor: "施工单位",
      plannedStart: "2024-10-01",
      plannedEnd: "2024-12-20",
    });
    expect(during.statusCode).toBe(409);
    expect(during.json().error.message).toContain("公示期至2024-09-23");
    await at("2024-09-24");
    const late = await leader.post(`/api/projects/${id}/objections`, { byName: "居民李某", content: "太晚了" });
    expect(late.statusCode).toBe(409);
    const open = await leader.post(`/api/projects/${id}/approve`, {
      budgetFen: 20_000_000,
      contractor: "施工单位",
      plannedStart: "2024-10-01",
      plannedEnd: "2024-12-20",
    });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.message).toContain("1条异议未处理");
    const obj = (await leader.get(`/api/projects/${id}`)).json().objections[0];
    expect((await leader.post(`/api/projects/${id}/objections/${obj.id}/resolve`, { resolution: "不占用绿地，已调整位置" })).statusCode).toBe(200);
  });

  it("refuses a budget over its kind's cap or the year's budget with the figures", async () => {
    const overCap = await leader.post(`/api/projects/${id}/approve`, {
      budgetFen: 100_000_001,
      contractor: "施工单位",
      plannedStart: "2024-10-01",
      plannedEnd: "2024-12-20",
    });
    expect(overCap.statusCode).toBe(409);
    expect(overCap.json().error.message).toBe("项目预算1,000,000.01元超过工程类项目上限1,000,000.00元");
    const set = await admin.put("/api/settings/projects.annual_budget_fen", { value: 15_000_000, regionId: community });
    expect(set.statusCode, set.body).toBe(200);
    const overYear = await leader.post(`/api/projects/${id}/approve`, {
      budgetFen: 20_000_000,
      contractor: "施工单位",
      plannedStart: "2024-10-01",
      plannedEnd: "2024-12-20",
    });
    expect(overYear.statusCode).toBe(409);
    expect(overYear.json().error.message).toContain("2024年度社区预算150,000.00元已立项0.00元，剩余150,000.00元，不足本项目预算200,000.00元");
    expect((await admin.put("/api/settings/projects.annual_budget_fen", { value: 200_000_000, regionId: community })).statusCode).toBe(200);
    const ok = await leader.post(`/api/projects/${id}/approve`, {
      budgetFen: 20_000_000,
      contractor: "施工单位",
      plannedStart: "2024-10-01",
      plannedEnd: "2024-12-20",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ stage: "approved", budgetFen: 20_000_000, year: 2024 });
    const budget = (await leader.get(`/api/projects/budget?communityId=${community}&year=2024`)).json();
    expect(budget).toMatchObject({ annualFen: 200_000_000, committedFen: 20_000_000, leftFen: 180_000_000, paidFen: 0 });
  });

  it("reports monthly progress with photos and takes payments up to the budget", async () => {
    await at("2024-10-25");
    const upload = await leader.req("POST", "/api/files", undefined, multipartFile("site.png", TINY_PNG, "image/png"));
    expect(upload.statusCode, upload.body).toBe(201);
    const photo = upload.json().id;
    const badPhoto = await leader.post(`/api/projects/${id}/progress`, { month: "2024-10", percent: 40, photos: ["01900000-0000-7000-8000-000000000000"] });
    expect(badPhoto.statusCode).toBe(400);
    const p1 = await leader.post(`/api/projects/${id}/progress`, { month: "2024-10", percent: 40, note: "基础完工", photos: [photo] });
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json()).toMatchObject({ stage: "implementing", progressPct: 40 });
    expect((await leader.post(`/api/projects/${id}/progress`, { month: "2024-10", percent: 50 })).statusCode).toBe(400);
    const pay1 = await leader.post(`/api/projects/${id}/payments`, { paidOn: "2024-10-20", amountFen: 12_000_000, voucher: "V-001" });
    expect(pay1.statusCode, pay1.body).toBe(200);
    const again = await leader.post(`/api/projects/${id}/payments`, { paidOn: "2024-10-20", amountFen: 12_000_000, voucher: "V-001" });
    expect(again.json().spentFen).toBe(12_000_000);
    expect((await leader.post(`/api/projects/${id}/payments`, { paidOn: "2024-10-21", amountFen: 1, voucher: "V-001" })).statusCode).toBe(409);
    const over = await leader.post(`/api/projects/${id}/payments`, { paidOn: "2024-10-25", amountFen: 8_000_001, voucher: "V-002" });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toBe("支付80,000.01元后累计支出将超过项目预算200,000.00元（已支付120,000.00元）");
    const early = await leader.post(`/api/projects/${id}/accept`, { acceptors: ["王书记"], passed: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("当前进度40%");
    // The public sees the progress photo, and only the photos of progress reports.
    expect((await pub("GET", `/api/public/projects/${id}/photos/${photo}`)).statusCode).toBe(200);
    expect((await pub("GET", `/api/public/projects/${other}/photos/${photo}`)).statusCode).toBe(404);
  });

  it("is accepted by named people, surveyed by residents and evaluated", async () => {
    await at("2024-11-28");
    expect((await leader.post(`/api/projects/${id}/progress`, { month: "2024-11", percent: 100, note: "完工" })).statusCode).toBe(200);
    expect((await leader.post(`/api/projects/${id}/payments`, { paidOn: "2024-11-28", amountFen: 7_500_000, voucher: "V-002" })).statusCode).toBe(200);
    const failed = await leader.post(`/api/projects/${id}/accept`, { acceptors: ["王书记", "居民代表"], passed: false, note: "顶棚漏水，限期整改" });
    expect(failed.json().stage).toBe("implementing");
    const surveyEarly = await pub("POST", `/api/public/projects/${id}/survey`, { answer: "satisfied" });
    expect(surveyEarly.statusCode).toBe(409);
    await at("2024-12-02");
    const ok = await leader.post(`/api/projects/${id}/accept`, { acceptors: ["王书记", "居民代表"], passed: true, note: "合格" });
    expect(ok.json()).toMatchObject({ stage: "accepted", acceptedOn: "2024-12-02", acceptors: ["王书记", "居民代表"] });
    expect((await leader.post(`/api/projects/${id}/payments`, { paidOn: "2024-12-02", amountFen: 1, voucher: "V-003" })).statusCode).toBe(409);
    const noAnswers = await leader.post(`/api/projects/${id}/evaluate`, {});
    expect(noAnswers.statusCode).toBe(409);
    expect(noAnswers.json().error.message).toContain("已收到0份答卷，至少需要5份");
    for (const answer of ["satisfied", "satisfied", "fair", "unsatisfied", "satisfied"])
      expect((await pub("POST", `/api/public/projects/${id}/survey`, { answer })).statusCode).toBe(201);
    const ev = await leader.post(`/api/projects/${id}/evaluate`, {});
    expect(ev.statusCode, ev.body).toBe(200);
    expect(ev.json()).toMatchObject({ stage: "evaluated", satisfaction: 0.8, surveyCount: 5, spentFen: 19_500_000, next: [] });
    expect((await pub("POST", `/api/public/projects/${id}/survey`, { answer: "satisfied" })).statusCode).toBe(409);
    const steps = ev.json().timeline.map((e: any) => e.step);
    expect(steps).toEqual([
      "propose",
      "review",
      "vote",
      "publicise",
      "objection",
      "objection_resolved",
      "approve",
      "progress",
      "payment",
      "progress",
      "payment",
      "accept",
      "accept",
      "evaluate",
    ]);
    const audits = await env.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
    expect(audits.map((a) => a.action)).toContain("projects.approve");
    expect(audits.length).toBe(steps.length);
  });
});

describe("the public side", () => {
  it("lets a resident propose on a phone and follow the stages, with nothing personal back", async () => {
    const opts = await pub("GET", "/api/public/projects/options");
    expect(opts.json().communities.map((c: any) => c.id)).toContain(community);
    const bad = await pub("POST", "/api/public/projects", {
      communityId: community,
      title: "座椅",
      kind: "goods",
      place: "村口",
      reason: "老人",
      estimatedYuan: 5000,
      name: "陈阿姨",
      phone: "123",
    });
    expect(bad.statusCode).toBe(400);
    const made = await pub("POST", "/api/public/projects", {
      communityId: community,
      title: "村口增设座椅",
      kind: "goods",
      place: "村口公交站",
      reason: "老人等车无处休息",
      estimatedYuan: 12000,
      name: "陈阿姨",
      phone: "13800138000",
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().code).toMatch(/^MS-2024-\d{3}$/);
    const twice = await pub("POST", "/api/public/projects", {
      communityId: community,
      title: "村口增设座椅",
      kind: "goods",
      place: "村口公交站",
      reason: "老人等车无处休息",
      estimatedYuan: 12000,
      name: "陈阿姨",
      phone: "13800138000",
    });
    expect(twice.statusCode).toBe(200);
    expect(twice.json().id).toBe(made.json().id);
    const detail = await pub("GET", `/api/public/projects/${made.json().id}`);
    expect(detail.json()).toMatchObject({ stage: "proposed", steps: [{ step: "propose" }] });
    expect(detail.body).not.toContain("陈阿姨");
    expect(detail.body).not.toContain("13800138000");
    const staffView = (await leader.get(`/api/projects/${made.json().id}`)).json();
    expect(staffView).toMatchObject({ proposerName: "陈**", proposerPhone: "138****8000", proposerKind: "resident" });
    const list = await pub("GET", `/api/public/projects?communityId=${community}`);
    expect(list.json().map((p: any) => p.title)).toContain("狮径公园停车棚");
  });
});
