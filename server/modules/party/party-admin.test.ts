import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { readXlsx } from "../../test/http.js";

// Keeping the party registers by hand: editing organisations, the member actions, the age-band and
// kind breakdowns of party.members, and the elections export. A community with no party demo data,
// so every count below is known from the records made here. Today is 2026-06-15.
let env: TestEnv;
let leader: Agent;
let staff: Agent;
let grid: Agent;
let committeeId: string;
let branchId: string;
let otherBranchId: string;
const msg = (res: { json: () => any }) => res.json().error.message as string;

async function person(name: string, birthDate: string | null, gender: "M" | "F" = "M") {
  const res = await leader.post("/api/people", { communityId: env.world.communityId, name, gender, birthDate, kind: "registered" });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function member(personId: string, orgId: string, extra: Record<string, unknown> = {}) {
  const res = await leader.post("/api/party/members", { personId, orgId, status: "full", joinedOn: "2010-07-01", ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
}
async function auditCount(action: string) {
  const r = await env.database.db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("action", "=", action)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-06-15T02:00:00Z") });
  leader = await env.login("leader");
  staff = await env.login("staff");
  grid = await env.login("grid01");
  const c = await leader.post("/api/party/orgs", { name: "中共测试社区委员会", level: "党委", partyKind: "社区", foundedOn: "2005-03-01" });
  expect(c.statusCode, c.body).toBe(201);
  committeeId = c.json().id;
  const b = await leader.post("/api/party/orgs", {
    name: "测试第一党支部",
    parentId: committeeId,
    level: "党支部",
    partyKind: "小区",
    foundedOn: "2010-01-01",
    termStart: "2022-03-01",
  });
  branchId = b.json().id;
  const b2 = await leader.post("/api/party/orgs", {
    name: "测试村党支部",
    parentId: committeeId,
    level: "党支部",
    partyKind: "城中村",
    foundedOn: "2011-01-01",
  });
  otherBranchId = b2.json().id;
}, 120_000);
afterAll(() => env?.close());

describe("editing a party organisation", () => {
  it("changes its name, kind, host organisation and term, and the audit log keeps before and after", async () => {
    const company = await leader.post("/api/organisations", { communityId: env.world.communityId, kind: "股份合作公司", name: "测试股份合作公司" });
    expect(company.statusCode, company.body).toBe(201);
    const res = await leader.patch(`/api/party/orgs/${otherBranchId}`, {
      name: "测试股份公司党支部",
      partyKind: "股份合作公司",
      hostOrgId: company.json().id,
      termStart: "2024-05-01",
      termEnd: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    // No end given: a five-year term [A].
    expect(res.json()).toMatchObject({
      name: "测试股份公司党支部",
      partyKind: "股份合作公司",
      hostOrgName: "测试股份合作公司",
      termStart: "2024-05-01",
      termEnd: "2029-05-01",
      termFlag: "ok",
    });
    const entry = await env.database.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "party.org.update")
      .where("entity_id", "=", otherBranchId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before as string)).toMatchObject({ name: "测试村党支部", party_kind: "城中村" });
    expect(JSON.parse(entry.after as string)).toMatchObject({ name: "测试股份公司党支部", party_kind: "股份合作公司" });
  });

  it("refuses a broken tree or term with the rule, changing nothing", async () => {
    const group = await leader.post("/api/party/orgs", { name: "测试第一党小组", parentId: branchId, level: "党小组", partyKind: "小区" });
    expect(group.statusCode).toBe(201);
    const before = (await leader.get("/api/party/orgs")).json().find((o: any) => o.id === branchId);

    const self = await leader.patch(`/api/party/orgs/${branchId}`, { parentId: branchId });
    expect(self.statusCode).toBe(400);
    expect(msg(self)).toContain("不能是自己");
    const under = await leader.patch(`/api/party/orgs/${branchId}`, { parentId: group.json().id, name: "改名不应生效" });
    expect(under.statusCode).toBe(400);
    expect(msg(under)).toContain("党委 > 党总支 > 党支部 > 党小组");
    // A branch turned into a group would rank level with its own group.
    const demote = await leader.patch(`/api/party/orgs/${branchId}`, { level: "党小组" });
    expect(demote.statusCode).toBe(400);
    expect(msg(demote)).toContain("测试第一党小组");
    const orphan = await leader.patch(`/api/party/orgs/${branchId}`, { parentId: null });
    expect(msg(orphan)).toContain("须有上级党组织");
    const term = await leader.patch(`/api/party/orgs/${branchId}`, { termStart: "2022-03-01", termEnd: "2021-03-01" });
    expect(term.statusCode).toBe(400);
    expect(msg(term)).toContain("任期结束日期须晚于开始日期");
    const en = await leader.req(
      "PATCH",
      `/api/party/orgs/${branchId}`,
      { termStart: "2022-03-01", termEnd: "2021-03-01" },
      { headers: { "accept-language": "en" } },
    );
    expect(en.json().error.message).toContain("The term must end after it starts");
    const future = await leader.patch(`/api/party/orgs/${branchId}`, { foundedOn: "2027-01-01" });
    expect(msg(future)).toContain("不能晚于今天");
    const dup = await leader.patch(`/api/party/orgs/${branchId}`, { name: "中共测试社区委员会" });
    expect(dup.statusCode).toBe(409);

    const after = (await leader.get("/api/party/orgs")).json().find((o: any) => o.id === branchId);
    expect(after).toEqual(before);
    expect((await grid.patch(`/api/party/orgs/${branchId}`, { name: "网格员不能改" })).statusCode).toBe(403);
  });

  it("cannot be moved under itself or one of its own descendants, and nothing changes", async () => {
    // 党委 > 党总支 > 党支部: moving either of the upper two under the branch (lowered to a group, so
    // the levels alone would allow it) would make a loop.
    const mk = async (body: Record<string, unknown>) => {
      const res = await leader.post("/api/party/orgs", body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const top = await mk({ name: "中共环路测试委员会", level: "党委", partyKind: "社区" });
    const general = await mk({ name: "环路测试党总支", parentId: top, level: "党总支", partyKind: "社区" });
    const low = await mk({ name: "环路测试党支部", parentId: general, level: "党支部", partyKind: "社区" });
    const tree = async () => (await leader.get("/api/party/orgs")).json().filter((o: any) => [top, general, low].includes(o.id));
    const before = await tree();
    const updates = await auditCount("party.org.update");

    const self = await leader.patch(`/api/party/orgs/${general}`, { parentId: general });
    expect(self.statusCode).toBe(400);
    expect(msg(self)).toContain("上级党组织不能是自己");
    const selfEn = await leader.req("PATCH", `/api/party/orgs/${general}`, { parentId: general }, { headers: { "accept-language": "en" } });
    expect(selfEn.json().error.message).toContain("cannot be its own parent");

    const child = await leader.patch(`/api/party/orgs/${general}`, { parentId: low, level: "党小组", name: "改名不应生效" });
    expect(child.statusCode).toBe(400);
    expect(msg(child)).toContain("上级党组织不能是本组织的下级");
    const grandchild = await leader.patch(`/api/party/orgs/${top}`, { parentId: low, level: "党小组" });
    expect(grandchild.statusCode).toBe(400);
    expect(msg(grandchild)).toContain("上级党组织不能是本组织的下级");
    const en = await leader.req("PATCH", `/api/party/orgs/${top}`, { parentId: low, level: "党小组" }, { headers: { "accept-language": "en" } });
    expect(en.json().error.message).toContain("cannot be one of this organisation's own sub-organisations");

    expect(await tree()).toEqual(before);
    expect(await auditCount("party.org.update")).toBe(updates);
  });
});

describe("member actions", () => {
  let m: { id: string; name: string };
  it("transfer out: refused in the future, done once, then off the register", async () => {
    m = await member(await person("转出甲", "1980-02-02"), branchId);
    const future = await staff.post(`/api/party/members/${m.id}/transfer-out`, { on: "2026-07-01", to: "中共某街道某党支部" });
    expect(future.statusCode).toBe(400);
    expect(msg(future)).toContain("转出日期不能晚于今天");
    const ok = await staff.post(`/api/party/members/${m.id}/transfer-out`, { on: "2026-06-01", to: "中共某街道某党支部" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "transferred_out", transferOutOn: "2026-06-01", transferOutTo: "中共某街道某党支部" });
    expect((await staff.post(`/api/party/members/${m.id}/transfer-out`, { on: "2026-06-02", to: "别处" })).statusCode).toBe(409);
    const listed = (await staff.get(`/api/party/members?orgId=${branchId}&pageSize=100`)).json().items;
    expect(listed.map((x: any) => x.id)).not.toContain(m.id);
  });

  it("a transferred-in member, the flags and the appraisal", async () => {
    const t = await member(await person("转入乙", "1985-05-05", "F"), branchId, { transferInOn: "2025-03-01", transferInFrom: "中共外区某党支部" });
    const flags = await staff.patch(`/api/party/members/${t.id}`, { mobile: true, lostContact: true, education: "大学本科" });
    expect(flags.json()).toMatchObject({ transferInFrom: "中共外区某党支部", mobile: true, lostContact: true, education: "大学本科" });
    expect((await staff.get("/api/party/members?flag=lost")).json().items.map((x: any) => x.id)).toEqual([t.id]);
    const bad = await staff.post(`/api/party/members/${t.id}/appraisal`, { year: 2027, result: "优秀" });
    expect(msg(bad)).toContain("评议年度不能晚于今年");
    const ok = await staff.post(`/api/party/members/${t.id}/appraisal`, { year: 2025, result: "合格" });
    expect(ok.json()).toMatchObject({ appraisalYear: 2025, appraisalResult: "合格" });
  });

  it("extends probation once, only for a member admitted through the pipeline", async () => {
    const direct = await member(await person("预备丙", "1998-01-01"), branchId, { status: "probationary", joinedOn: "2026-01-10" });
    const ext = { months: 6, decidedOn: "2026-06-10", reason: "需继续考察" };
    const refused = await staff.post(`/api/party/members/${direct.id}/extend-probation`, ext);
    expect(refused.statusCode).toBe(400);
    expect(msg(refused)).toContain("没有预备期记录");
    // The pipeline record that admitted the member, as step 17 leaves it.
    const p = (await staff.get(`/api/party/members/${direct.id}`)).json();
    const now = "2026-01-20T00:00:00Z";
    await env.database.db
      .insertInto("party_applicants")
      .values({
        id: "01900000-0000-7000-8000-0000000000aa",
        community_id: env.world.communityId,
        person_id: p.personId,
        org_id: branchId,
        status: "probationary",
        last_step: 20,
        stage: 5,
        last_step_on: "2026-02-01",
        applied_on: "2023-01-01",
        admitted_on: "2026-01-20",
        probation_start: "2026-01-10",
        probation_end: "2027-01-10",
        extended_months: 0,
        member_id: direct.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    expect((await staff.get(`/api/party/members/${direct.id}`)).json()).toMatchObject({ probationEnd: "2027-01-10", probationExtendedMonths: 0 });
    const short = await staff.post(`/api/party/members/${direct.id}/extend-probation`, { ...ext, months: 3 });
    expect(short.statusCode).toBe(400);
    const once = await staff.post(`/api/party/members/${direct.id}/extend-probation`, ext);
    expect(once.statusCode, once.body).toBe(200);
    expect(once.json()).toMatchObject({ probationEnd: "2027-07-10", probationExtendedMonths: 6 });
    const twice = await staff.post(`/api/party/members/${direct.id}/extend-probation`, ext);
    expect(msg(twice)).toContain("只能延长一次");
    const full = await staff.post(`/api/party/members/${m.id}/extend-probation`, ext);
    expect(full.statusCode).toBe(409);
  });
});

describe("party.members by age band, education and kind", () => {
  // Ages on 2024-12-31, the end of the period: each band's edges on both sides.
  const births: Array<[string, string | null, string]> = [
    ["龄甲", "1989-12-31", "le35"], // 35
    ["龄乙", "1989-06-30", "le35"], // 35 (36 by 2025-06-30)
    ["龄丙", "1988-12-31", "36_45"], // 36
    ["龄丁", "1979-01-01", "36_45"], // 45
    ["龄戊", "1978-12-31", "46_55"], // 46
    ["龄己", "1969-01-01", "46_55"], // 55
    ["龄庚", "1968-12-31", "56_65"], // 56
    ["龄辛", "1959-01-01", "56_65"], // 65
    ["龄壬", "1958-12-31", "gt65"], // 66
    ["龄癸", null, ""], // no birth date
  ];
  const period = (to: string) => `region=${env.world.communityId}&from=2024-01-01&to=${to}`;
  const groups = async (by: string, to = "2024-12-31") => {
    const res = await leader.get(`/api/figures/party.members/groups?${period(to)}&by=${by}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(res.json().items.map((g: any) => [g.key, g.value])) as Record<string, number>;
  };

  beforeAll(async () => {
    for (const [i, [name, birth]] of births.entries())
      await member(await person(name, birth), i % 2 ? otherBranchId : branchId, { education: i < 4 ? "大学本科" : "高中", joinedOn: "2001-07-01" });
  });

  it("counts each member in the band of their age at the period's end", async () => {
    const want: Record<string, number> = {};
    for (const [, , band] of births) want[band] = (want[band] ?? 0) + 1;
    // Members made in the tests above joined in 2010/2026 and were born 1980–1998; only those on the register at the end of 2024 count.
    const byBand = await groups("ageBand");
    expect(byBand).toEqual({ ...want, "36_45": want["36_45"] + 2 });
    const labels = (await leader.get(`/api/figures/party.members/groups?${period("2024-12-31")}&by=ageBand`)).json().items;
    expect(labels.find((g: any) => g.key === "le35").label).toBe("35岁及以下");
    expect(labels.find((g: any) => g.key === "gt65").label).toBe("65岁以上");
  });

  it("moves a member to the next band when the period ends after their birthday", async () => {
    const before = await groups("ageBand", "2025-06-29");
    const after = await groups("ageBand", "2025-06-30");
    // 龄乙 turns 36 on 2025-06-30; 龄甲 is still 35.
    expect(after.le35).toBe(before.le35 - 1);
    expect(after["36_45"]).toBe(before["36_45"] + 1);
  });

  it("drills down to the members of one band, and combines with the other breakdowns", async () => {
    const recs = (await leader.get(`/api/figures/party.members/records?${period("2024-12-31")}&f.ageBand=56_65`)).json();
    expect(recs.rows.map((r: any) => r.name).sort()).toEqual(["龄庚", "龄辛"].sort());
    expect(recs.rows[0].ageBand).toBe("56至65岁");
    expect(recs.total).toBe(2);
    const noBirth = (await leader.get(`/api/figures/party.members/records?${period("2024-12-31")}&f.ageBand=`)).json();
    expect(noBirth.rows.map((r: any) => r.name)).toEqual(["龄癸"]);
    // 龄庚 (index 6) is in the first branch, 龄辛 (index 7) in the other.
    const both = (await leader.get(`/api/figures/party.members/records?${period("2024-12-31")}&f.ageBand=56_65&f.branch=${branchId}`)).json();
    expect(both.rows.map((r: any) => r.name)).toEqual(["龄庚"]);
    const kinds = await groups("kind");
    expect(kinds.股份合作公司).toBe(5);
    expect(kinds.小区).toBe(5 + 2);
    const edu = await groups("education");
    expect(edu.大学本科).toBe(4 + 1);
    expect(edu.高中).toBe(6);
    const en = await leader.req("GET", `/api/figures/party.members/groups?${period("2024-12-31")}&by=education`, undefined, {
      headers: { "accept-language": "en" },
    });
    expect(en.json().items.find((g: any) => g.key === "大学本科").label).toBe("Bachelor's degree");
    const value = (await leader.get(`/api/figures?${period("2024-12-31")}&module=party`)).json();
    const items: any[] = Array.isArray(value) ? value : (value.items ?? value.figures);
    expect(items.find((f) => f.key === "party.members").value).toBe(births.length + 2);
  });
});

describe("the elections export", () => {
  it("exports the filtered list as XLSX, audited, for party.export only", async () => {
    const people = (await leader.get(`/api/party/members?orgId=${branchId}&status=full&pageSize=100`)).json().items;
    const by = await leader.post("/api/party/elections", {
      orgId: branchId,
      kind: "补选",
      heldOn: "2026-05-20",
      post: "组织委员",
      personId: people[0].personId,
      approvingBody: "中共测试社区委员会",
      documentNo: "测党〔2026〕3号",
      votesDue: 9,
      votesCast: 8,
      votesFor: 7,
    });
    expect(by.statusCode, by.body).toBe(201);
    const term = await leader.post("/api/party/elections", {
      orgId: branchId,
      kind: "换届",
      heldOn: "2026-05-01",
      termStart: "2026-05-01",
      termEnd: "2031-05-01",
      approvingBody: "中共测试社区委员会",
    });
    expect(term.statusCode, term.body).toBe(201);

    const audits = await auditCount("party.election.export");
    const x = await staff.get("/api/party/elections/export?kind=补选");
    expect(x.statusCode).toBe(200);
    expect(x.headers["content-type"]).toContain("spreadsheetml");
    const rows = await readXlsx(x.rawPayload);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      日期: "2026-05-20",
      组织: "测试第一党支部",
      类别: "补选",
      职务: "组织委员",
    });
    expect(rows[0]["当选/任职"]).toBe(people[0].name);
    expect(rows[0]).toMatchObject({ 应到: "9", 实到: "8", 赞成: "7", 过半数: "是", 批准文号: "测党〔2026〕3号" });
    expect(await auditCount("party.election.export")).toBe(audits + 1);

    const all = await readXlsx((await staff.get("/api/party/elections/export")).rawPayload);
    expect(all.map((r) => r.类别).sort()).toEqual(["换届", "补选"].sort());
    expect(all.find((r) => r.类别 === "换届")).toMatchObject({ 任期开始: "2026-05-01", 任期结束: "2031-05-01" });
    const en = await staff.req("GET", "/api/party/elections/export?kind=换届", undefined, { headers: { "accept-language": "en" } });
    expect((await readXlsx(en.rawPayload))[0]).toMatchObject({ Kind: "Term election", Organisation: "测试第一党支部" });
    const ranged = await readXlsx((await staff.get("/api/party/elections/export?from=2026-05-10&to=2026-05-31")).rawPayload);
    expect(ranged).toHaveLength(1);

    expect((await grid.get("/api/party/elections/export")).statusCode).toBe(403);
  });
});
