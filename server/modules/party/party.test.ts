import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STEPS } from "../../../contracts/party.js";
import { toXlsx } from "../../io/xlsx.js";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, NO_SUCH_ID, readXlsx } from "../../test/http.js";

// The party rules (DOMAIN.md §5) as a user meets them, on the demo community, at a fixed "today".
let env: TestEnv;
let leader: Agent;
let staff: Agent;
let supervisor: Agent;
const docs = (n: number) => STEPS[n - 1].docs.map((name) => ({ name, paper: true }));
const msg = (res: { json: () => any }) => res.json().error.message as string;

let branchId: string;
let fullIds: string[];
let probationaryId: string;

async function newPerson(name: string, birthDate: string) {
  const res = await leader.post("/api/people", {
    communityId: env.world.communityId,
    gridId: env.world.grids[5].id,
    name,
    gender: "M",
    birthDate,
    kind: "registered",
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

// The party demo goes through the services: seconds on SQLite, longer on a busy PostgreSQL.
beforeAll(async () => {
  env = await testEnv({ modules: ["party"], clock: fixedClock("2026-06-15T02:00:00Z") });
  leader = await env.login("leader");
  staff = await env.login("staff");
  supervisor = await env.login("supervisor");
  const orgs = (await leader.get("/api/party/orgs")).json();
  branchId = orgs.find((o: any) => o.name === "中共福民社区鸿发党支部").id;
  const members = (await leader.get(`/api/party/members?orgId=${branchId}&status=full&pageSize=50`)).json().items;
  fullIds = members.map((m: any) => m.id);
  const prob = (await leader.get("/api/party/members?status=probationary&pageSize=5")).json().items;
  probationaryId = prob[0].id;
}, 300_000);
afterAll(() => env?.close());

describe("organisations", () => {
  it("shows the tree with terms, committees and the branch-setup warnings", async () => {
    const orgs = (await leader.get("/api/party/orgs")).json();
    const committee = orgs.find((o: any) => o.level === "党委");
    expect(committee.posts.length).toBe(7);
    expect(committee.termEnd).toBe("2026-12-10");
    // Today is 2026-06-15: the committee's term runs more than three months yet.
    expect(committee.termFlag).toBe("ok");
    const yangji = orgs.find((o: any) => o.name.includes("阳基御龙山"));
    expect(yangji.posts.map((p: any) => p.post).sort()).toEqual(["书记", "宣传委员", "组织委员"].sort());
    // 凤凰岭 has 4 full members: a secretary only, no warning; a branch with one member would warn.
    const created = await leader.post("/api/party/orgs", {
      name: "中共福民社区测试党支部",
      parentId: committee.id,
      level: "党支部",
      partyKind: "两新组织",
      foundedOn: "2021-08-01",
      termStart: "2021-08-01",
    });
    expect(created.statusCode).toBe(201);
    const after = (await leader.get("/api/party/orgs")).json().find((o: any) => o.id === created.json().id);
    expect(after.warnings.map((w: any) => w.code)).toContain("min_members");
    expect(after.warnings[0].zh).toContain("3人以上");
    // A five-year term [A] from 2021-08-01 ends within three months of today.
    expect(after).toMatchObject({ termEnd: "2026-08-01", termFlag: "expiring" });
  });

  it("refuses a group directly under the committee's level order and overlapping terms for one post", async () => {
    const orgs = (await leader.get("/api/party/orgs")).json();
    const group = orgs.find((o: any) => o.level === "党小组");
    const bad = await leader.post("/api/party/orgs", { name: "错层党支部", parentId: group.id, level: "党支部", partyKind: "社区" });
    expect(bad.statusCode).toBe(400);
    expect(msg(bad)).toContain("党委 > 党总支 > 党支部 > 党小组");
    const hongfa = orgs.find((o: any) => o.id === branchId);
    const secretary = hongfa.posts.find((p: any) => p.post === "书记");
    const someone = (await leader.get(`/api/party/members?orgId=${branchId}&pageSize=50`)).json().items.at(-1);
    const res = await leader.post("/api/party/posts", { orgId: branchId, personId: someone.personId, post: "书记", termStart: "2026-01-01" });
    expect(res.statusCode).toBe(400);
    expect(msg(res)).toContain("任期不能重叠");
    expect(msg(res)).toContain(secretary.personName);
  });
});

describe("members", () => {
  it("are masked in the list and the export, and the roster prints as DOCX", async () => {
    const list = (await leader.get("/api/party/members?pageSize=5")).json();
    expect(list.total).toBeGreaterThan(100);
    expect(list.items[0].idNumber).toMatch(/^\d{3}\*+[\dX]{4}$/);
    const x = await staff.get("/api/party/members/export");
    expect(x.statusCode).toBe(200);
    const rows = await readXlsx(x.rawPayload);
    expect(rows.length).toBe(list.total);
    expect(rows[0]["身份证号"]).toContain("*");
    const doc = await leader.get(`/api/party/members/roster?orgId=${branchId}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("imports a register all or nothing, with a row report", async () => {
    const p1 = await newPerson("导入甲", "1980-03-03");
    const p2 = await newPerson("导入乙", "1982-04-04");
    const idOf = async (id: string) => {
      const r = await env.database.db.selectFrom("people").select("id_number").where("id", "=", id).executeTakeFirst();
      return r?.id_number;
    };
    // People made without an ID number cannot be matched: give them one through the database for the test.
    await env.database.db.updateTable("people").set({ id_number: "440309198003030011" }).where("id", "=", p1).execute();
    await env.database.db.updateTable("people").set({ id_number: "440309198204040027" }).where("id", "=", p2).execute();
    expect(await idOf(p1)).toBe("440309198003030011");
    const cols = ["姓名", "身份证号", "党支部", "党员类别", "入党日期", "转正日期", "学历"].map((h) => ({ header: h, key: h }));
    const before = (await leader.get("/api/party/members?pageSize=1")).json().total;
    const bad = await toXlsx("党员", cols, [
      {
        姓名: "导入甲",
        身份证号: "440309198003030011",
        党支部: "鸿发党支部",
        党员类别: "正式党员",
        入党日期: "2001-07-01",
        转正日期: "2002-07-01",
        学历: "大学本科",
      },
      { 姓名: "导入乙", 身份证号: "440309198204040027", 党支部: "不存在党支部", 党员类别: "正式党员", 入党日期: "2003-07-01", 转正日期: "", 学历: "" },
    ]);
    const mp = multipartFile("members.xlsx", bad);
    const r1 = await leader.req("POST", "/api/party/members/import", mp.payload, { headers: mp.headers });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().rows.find((r: any) => r.row === 3).zh).toContain("不存在党支部");
    expect((await leader.get("/api/party/members?pageSize=1")).json().total).toBe(before);
    const good = await toXlsx("党员", cols, [
      {
        姓名: "导入甲",
        身份证号: "440309198003030011",
        党支部: "鸿发党支部",
        党员类别: "正式党员",
        入党日期: "2001-07-01",
        转正日期: "2002-07-01",
        学历: "大学本科",
      },
      { 姓名: "导入乙", 身份证号: "440309198204040027", 党支部: "富康党支部", 党员类别: "预备党员", 入党日期: "2026-03-01", 转正日期: "", 学历: "" },
    ]);
    const mp2 = multipartFile("members.xlsx", good);
    const r2 = await leader.req("POST", "/api/party/members/import", mp2.payload, { headers: mp2.headers });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json().imported).toBe(2);
    expect((await leader.get("/api/party/members?pageSize=1")).json().total).toBe(before + 2);
  });
});

describe("meetings", () => {
  it("refuse an attendee who is not in the organisation, writing nothing", async () => {
    const other = (await leader.get("/api/party/members?pageSize=200")).json().items.find((m: any) => m.orgId !== branchId && !m.groupId);
    const before = (await leader.get("/api/party/meetings?pageSize=1")).json().total;
    const res = await leader.post("/api/party/meetings", {
      orgId: branchId,
      type: "主题党日",
      heldOn: "2026-06-10",
      topic: "测试",
      attendance: [
        { memberId: fullIds[0], status: "present" },
        { memberId: other.id, status: "present" },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(msg(res)).toContain(`${other.name}不是中共福民社区鸿发党支部的党员`);
    expect((await leader.get("/api/party/meetings?pageSize=1")).json().total).toBe(before);
  });

  it("take attendance against the members due and flag a committee meeting short of quorum", async () => {
    const due = (await leader.get(`/api/party/members-due?orgId=${branchId}&type=支委会&on=2026-06-12`)).json();
    expect(due.length).toBeGreaterThanOrEqual(3);
    const res = await leader.post("/api/party/meetings", {
      orgId: branchId,
      type: "支委会",
      heldOn: "2026-06-12",
      topic: "研究发展党员",
      attendance: [{ memberId: due[0].memberId, status: "present" }],
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ due: due.length, present: 1, absent: due.length - 1, quorumRequired: true, quorumMet: false });
    const rec = await leader.get(`/api/party/meetings/${m.id}/record`);
    expect(rec.statusCode).toBe(200);
    expect(rec.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("the compliance view lists missing monthly meetings and reminds before a period ends", async () => {
    const c = (await leader.get("/api/party/compliance?year=2026")).json();
    const dankeng = c.rows.find((r: any) => r.orgName.includes("丹坑"));
    // Today is 2026-06-15: last month's 主题党日 was skipped by 丹坑.
    expect(dankeng.missing).toContainEqual(expect.objectContaining({ type: "主题党日", period: "2026-05", status: "missing" }));
    expect(c.rows.find((r: any) => r.orgName.includes("鸿发")).missing).toEqual([]);
  });
});

describe("elections", () => {
  it("a by-election that misses the majority is refused with the rule; a term election on schedule updates the term", async () => {
    const someone = (await leader.get(`/api/party/members?orgId=${branchId}&pageSize=50`)).json().items.at(-2);
    const bad = await leader.post("/api/party/elections", {
      orgId: branchId,
      kind: "补选",
      heldOn: "2026-06-01",
      post: "委员",
      personId: someone.personId,
      approvingBody: "中共福民社区委员会",
      votesDue: 28,
      votesCast: 20,
      votesFor: 9,
    });
    expect(bad.statusCode).toBe(400);
    expect(msg(bad)).toContain("过半数");
    const early = await leader.post("/api/party/elections", {
      orgId: branchId,
      kind: "换届",
      heldOn: "2025-06-01",
      termStart: "2025-06-01",
      termEnd: "2030-06-01",
      approvingBody: "中共福民社区委员会",
    });
    expect(early.statusCode).toBe(400);
    expect(msg(early)).toContain("不超过一年");
    const onTime = await leader.post("/api/party/elections", {
      orgId: branchId,
      kind: "换届",
      heldOn: "2026-06-01",
      termStart: "2026-06-01",
      termEnd: "2031-06-01",
      approvingBody: "中共福民社区委员会",
    });
    expect(onTime.statusCode).toBe(201);
    const org = (await leader.get("/api/party/orgs")).json().find((o: any) => o.id === branchId);
    expect(org).toMatchObject({ termStart: "2026-06-01", termEnd: "2031-06-01", termFlag: "ok" });
  });
});

describe("the development pipeline", () => {
  let id: string;
  const step = (n: number, doneOn: string, extra: Record<string, unknown> = {}) =>
    leader.post(`/api/party/applicants/${id}/steps`, { step: n, doneOn, documents: docs(n), ...extra });

  it("refuses an applicant under 18 with the rule", async () => {
    const young = await newPerson("少年", "2009-09-01");
    const res = await leader.post("/api/party/applicants", { personId: young, orgId: branchId, appliedOn: "2026-06-01", documents: docs(1) });
    expect(res.statusCode).toBe(400);
    expect(msg(res)).toContain("年满18周岁");
  });

  it("takes an applicant step by step, refusing out of order and too early, and records a failed vote", async () => {
    const p = await newPerson("申请人", "1995-05-05");
    const created = await leader.post("/api/party/applicants", { personId: p, orgId: branchId, appliedOn: "2025-01-10", documents: docs(1) });
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    expect(created.json().next).toMatchObject({ step: 2, due: "2025-02-10" });

    const skip = await step(3, "2025-02-01");
    expect(skip.statusCode).toBe(400);
    expect(msg(skip)).toContain("须按顺序办理");
    const noDoc = await leader.post(`/api/party/applicants/${id}/steps`, { step: 2, doneOn: "2025-01-20", documents: [] });
    expect(msg(noDoc)).toContain("谈话记录");
    expect((await step(2, "2025-01-20")).statusCode).toBe(200);
    expect((await step(3, "2025-02-20")).statusCode).toBe(200);
    expect((await step(4, "2025-03-01")).statusCode).toBe(200);
    const contact = await step(5, "2025-03-05", { memberIds: [probationaryId] });
    expect(msg(contact)).toContain("须为正式党员");
    expect((await step(5, "2025-03-05", { memberIds: [fullIds[4]] })).statusCode).toBe(200);
    expect((await step(6, "2025-09-01")).statusCode).toBe(200);

    const tooEarly = await step(7, "2025-12-01");
    expect(tooEarly.statusCode).toBe(400);
    expect(msg(tooEarly)).toContain("一年以上");
    expect(msg(tooEarly)).toContain("2026-02-20");
    const en = await leader.req(
      "POST",
      `/api/party/applicants/${id}/steps`,
      { step: 7, doneOn: "2025-12-01", documents: docs(7) },
      { headers: { "accept-language": "en" } },
    );
    expect(en.json().error.message).toContain("at least one year");
    expect((await step(7, "2026-02-21")).statusCode).toBe(200);
    expect((await step(8, "2026-02-25")).statusCode).toBe(200);
    expect(msg(await step(9, "2026-02-26", { memberIds: [fullIds[1]] }))).toContain("2名正式党员");
    expect(msg(await step(9, "2026-02-26", { memberIds: [fullIds[1], probationaryId] }))).toContain("须为正式党员");
    expect((await step(9, "2026-02-26", { memberIds: [fullIds[1], fullIds[2]] })).statusCode).toBe(200);
    expect(msg(await step(10, "2026-02-27"))).toContain("结论");
    expect((await step(10, "2026-02-27", { conclusion: "合格" })).statusCode).toBe(200);
    expect(msg(await step(11, "2026-02-28", { trainingHours: 20 }))).toContain("24学时");
    expect((await step(11, "2026-02-28", { trainingHours: 24 })).statusCode).toBe(200);
    expect((await step(12, "2026-03-01")).statusCode).toBe(200);
    expect((await step(13, "2026-03-02")).statusCode).toBe(200);
    expect((await step(14, "2026-03-03")).statusCode).toBe(200);
    const pub = await step(15, "2026-03-04", { vote: { due: 28, present: 20, yes: 20, no: 0, abstain: 0 } });
    expect(msg(pub)).toContain("公示5个工作日");
    expect(msg(pub)).toContain("2026-03-09");

    const failed = await step(15, "2026-03-10", { vote: { due: 28, present: 20, yes: 12, no: 6, abstain: 2, writtenYes: 1 } });
    expect(failed.statusCode).toBe(200);
    expect(failed.json().result.passed).toBe(false);
    expect(failed.json().lastStep).toBe(14);
    expect(failed.json().steps.at(-1)).toMatchObject({ step: 15, passed: false });
    const passed = await step(15, "2026-03-12", { vote: { due: 28, present: 20, yes: 14, no: 4, abstain: 2, writtenYes: 1 } });
    expect(passed.json().result.passed).toBe(true);
    expect((await step(16, "2026-03-20")).statusCode).toBe(200);
    expect(passed.json().next).toMatchObject({ step: 16 });
  });

  it("approval is the subdistrict's: refused through steps and by the community, done by the supervisor", async () => {
    expect(msg(await step(17, "2026-04-01"))).toContain("街道党工委");
    const byLeader = await leader.post(`/api/party/applicants/${id}/approve`, { step: 17, doneOn: "2026-04-01", documents: docs(17) });
    expect(byLeader.statusCode).toBe(403);
    expect(msg(byLeader)).toContain("社区党委无权审批");
    const late = await supervisor.post(`/api/party/applicants/${id}/approve`, { step: 17, doneOn: "2026-06-13", documents: docs(17) });
    expect(msg(late)).toContain("3个月内");
    const ok = await supervisor.post(`/api/party/applicants/${id}/approve`, { step: 17, doneOn: "2026-04-01", documents: docs(17) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "probationary", probationStart: "2026-03-12", probationEnd: "2027-03-12" });
    const member = (await leader.get("/api/party/members?q=申请人")).json().items[0];
    expect(member).toMatchObject({ status: "probationary", joinedOn: "2026-03-12" });
  });

  it("probation: steps in order, the full-membership vote not before it ends, extendable once", async () => {
    for (const [n, d] of [
      [18, "2026-04-10"],
      [19, "2026-04-11"],
      [20, "2026-04-20"],
      [21, "2026-05-20"],
      [22, "2026-06-01"],
    ] as const)
      expect((await step(n, d)).statusCode).toBe(200);
    const early = await step(23, "2026-06-10", { vote: { due: 28, present: 25, yes: 25, no: 0, abstain: 0 } });
    expect(msg(early)).toContain("预备期满");
    const ext = { months: 6, decidedOn: "2026-06-10", reason: "需继续考察" };
    // Extension is refused after step 22? No: until the vote; once only.
    const e1 = await leader.post(`/api/party/applicants/${id}/extend`, ext);
    expect(e1.statusCode).toBe(200);
    expect(e1.json().probationEnd).toBe("2027-09-12");
    expect(msg(await leader.post(`/api/party/applicants/${id}/extend`, ext))).toContain("只能延长一次");
  });

  it("unknown ids are 404, the board lists every stage", async () => {
    expect((await leader.get(`/api/party/applicants/${NO_SUCH_ID}`)).statusCode).toBe(404);
    const all = (await leader.get("/api/party/applicants?pageSize=200")).json().items;
    const stages = new Set(all.map((a: any) => a.stage));
    expect([...stages].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("meeting log import", () => {
  it("imports a log with attendance by name, all or nothing", async () => {
    const due = (await leader.get(`/api/party/members-due?orgId=${branchId}&type=主题党日&on=2026-06-05`)).json();
    const cols = ["日期", "党组织", "类型", "主题", "出席人员", "请假人员"].map((h) => ({ header: h, key: h }));
    const before = (await leader.get("/api/party/meetings?pageSize=1")).json().total;
    const okRow = {
      日期: "2026-06-05",
      党组织: "鸿发党支部",
      类型: "主题党日",
      主题: "导入的主题党日",
      出席人员: due
        .slice(0, 5)
        .map((d: any) => d.name)
        .join("、"),
      请假人员: due[5].name,
    };
    const bad = await toXlsx("会议", cols, [okRow, { ...okRow, 出席人员: "查无此人" }]);
    const mp = multipartFile("meetings.xlsx", bad);
    const r1 = await leader.req("POST", "/api/party/meetings/import", mp.payload, { headers: mp.headers });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().rows.find((r: any) => !r.ok)).toMatchObject({ row: 3 });
    expect(r1.json().rows.find((r: any) => !r.ok).zh).toContain("查无此人");
    expect((await leader.get("/api/party/meetings?pageSize=1")).json().total).toBe(before);
    const mp2 = multipartFile("meetings.xlsx", await toXlsx("会议", cols, [okRow]));
    const r2 = await leader.req("POST", "/api/party/meetings/import", mp2.payload, { headers: mp2.headers });
    expect(r2.statusCode, r2.body).toBe(200);
    const m = (await leader.get(`/api/party/meetings?orgId=${branchId}&from=2026-06-05&to=2026-06-05`)).json().items[0];
    expect(m).toMatchObject({ topic: "导入的主题党日", present: 5, onLeave: 1, due: due.length });
  });
});
