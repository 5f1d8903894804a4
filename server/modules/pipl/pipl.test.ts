import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, TEST_DB, type TestEnv, testEnv } from "../../test/helpers.js";

// Residents' PIPL requests on the test's own records: 欧阳明华 with an appeal, an activity sign-up,
// a household in care (with 司马秀英 as a member) and its visit, a volunteer registration and
// record, and a dispute with 司马秀英 as the other party; 司马秀英's own appeal and sign-up must stay
// out of 欧阳明华's copy and untouched by 欧阳明华's deletion. A party member's deletion is refused.

const clock = fixedClock("2025-03-03T02:00:00Z"); // Monday 10:00 in Shenzhen
let env: TestEnv;
let leader: Agent;
let staff: Agent;
let grid: Agent;
let community: string;
const A = { name: "欧阳明华", phone: "13811112222", address: "龙华区福城街道狮径社区3栋502", id: "", idNumber: "" };
const B = { name: "司马秀英", phone: "13933334444", id: "" };
let appealA = "";
let householdA = "";
let volunteerA = "";
let disputeA = "";
let activityId = "";

const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const request = async (kind: string, personId = A.id, extra: Record<string, unknown> = {}) => {
  const r = await staff.post("/api/pipl/requests", { personId, kind, requester: "本人", channel: "counter", ...extra });
  ok(r, 201);
  return r.json();
};

beforeAll(async () => {
  env = await testEnv({ clock, people: 12 });
  community = env.world.communityId;
  leader = await env.login("leader");
  staff = await env.login("staff");
  grid = await env.login("grid01");
  const g0 = env.world.grids[0];
  const f = env.factories;
  A.id = (await f.makePerson(community, g0, { name: A.name, phone: A.phone, address: A.address, gender: "M" })).id;
  B.id = (await f.makePerson(community, g0, { name: B.name, phone: B.phone, gender: "F" })).id;
  A.idNumber = (await env.app.deps.db.selectFrom("people").select("id_number").where("id", "=", A.id).executeTakeFirstOrThrow()).id_number ?? "";
  expect(A.idNumber).toMatch(/^\d{17}[\dX]$/);

  const appeal = (who: typeof A | typeof B, title: string) =>
    staff.post("/api/appeals", {
      communityId: community,
      channel: "12345",
      kind: "appeal",
      appealType: "complaint",
      categoryCode: "JM03",
      urgency: "normal",
      title,
      content: `${who.name}反映：${title}，联系电话${who.phone}`,
      address: "龙华区福城街道狮径3栋",
      gridId: g0.id,
      appellantName: who.name,
      appellantPhone: who.phone,
      appellantPersonId: who.id,
    });
  let r = await appeal(A, "楼道灯坏了");
  ok(r, 201);
  appealA = r.json().id;
  ok(await appeal(B, "垃圾清运不及时"), 201);

  r = await leader.post("/api/activities", {
    communityId: community,
    typeCode: "F02",
    title: "中医护老义诊",
    startsAt: "2025-03-12T01:00:00.000Z",
    endsAt: "2025-03-12T03:00:00.000Z",
  });
  ok(r, 201);
  activityId = r.json().id;
  ok(await leader.post(`/api/public/activities/${activityId}/signup`, { name: A.name, phone: A.phone }), 201);
  ok(await leader.post(`/api/public/activities/${activityId}/signup`, { name: B.name, phone: B.phone }), 201);

  r = await leader.post("/api/care/households", {
    headPersonId: A.id,
    kinds: ["低保"],
    enrolledOn: "2024-06-01",
    memberIds: [B.id],
    note: `${A.name}家，需上门助餐`,
  });
  ok(r, 201);
  householdA = r.json().household.id;
  const staffId = (await env.app.deps.db.selectFrom("users").select("id").where("username", "=", "staff").executeTakeFirstOrThrow()).id;
  ok(
    await leader.post("/api/care/visits", {
      communityId: community,
      visitedOn: "2025-02-10",
      title: "春节慰问",
      visitorUserIds: [staffId],
      households: [{ householdId: householdA, moneyFen: 50_000, goods: "米、油" }],
    }),
    201,
  );

  r = await staff.post("/api/volunteers", { personId: A.id, joinedOn: "2024-01-01", skills: ["急救"] });
  ok(r, 201);
  volunteerA = r.json().id;
  ok(
    await staff.post("/api/volunteers/records", {
      volunteerId: volunteerA,
      title: "义诊引导",
      signInAt: "2025-02-20T01:00:00.000Z",
      signOutAt: "2025-02-20T03:00:00.000Z",
      note: `${A.name}负责引导`,
    }),
    201,
  );

  r = await leader.post("/api/safety/disputes", {
    gridId: g0.id,
    type: "邻里",
    source: "grid_check",
    summary: `${A.name}与${B.name}因漏水维修费用争执`,
    registeredOn: "2025-03-01",
    parties: [
      { name: A.name, role: "applicant", phone: A.phone, idNumber: A.idNumber },
      { name: B.name, role: "respondent", phone: B.phone },
    ],
  });
  ok(r, 201);
  disputeA = r.json().id;
}, 60_000);
afterAll(() => env?.close());

async function sheets(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    out[ws.name] = rows;
  });
  return out;
}

describe("a request and its deadline", () => {
  it("is recorded with its deadline in working days (setting, 15 by default) and listed with the time left", async () => {
    const q = await request("access");
    expect(q).toMatchObject({
      kind: "access",
      status: "open",
      receivedOn: "2025-03-03",
      dueOn: "2025-03-24",
      workdaysLeft: 15,
      overdue: false,
      personName: A.name,
    });
    const list = (await staff.get("/api/pipl/requests?status=open")).json();
    expect(list.items.map((x: any) => x.id)).toContain(q.id);
    // Bad input is refused in both languages; a person outside the scope is not found.
    const future = await staff.post("/api/pipl/requests", { personId: A.id, kind: "copy", requester: "本人", channel: "phone", receivedOn: "2025-03-04" });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain("不能晚于今天");
    const en = await env.app.inject({
      method: "POST",
      url: "/api/pipl/requests",
      headers: { cookie: staff.cookie, "x-csrf-token": staff.csrf, "accept-language": "en" },
      payload: { personId: A.id, kind: "copy", requester: "self", channel: "phone", receivedOn: "2025-03-04" },
    });
    expect(en.json().error.message).toContain("cannot be in the future");
    expect((await staff.post("/api/pipl/requests", { personId: "nobody", kind: "copy", requester: "本人", channel: "phone" })).statusCode).toBe(404);
    expect((await grid.post("/api/pipl/requests", { personId: A.id, kind: "copy", requester: "本人", channel: "phone" })).statusCode).toBe(403);
    // Answered: out of the open list, with its result, date and who.
    const a = await staff.post(`/api/pipl/requests/${q.id}/answer`, { status: "done", result: "已当面提供查阅" });
    ok(a);
    expect(a.json()).toMatchObject({ status: "done", answeredOn: "2025-03-03", answeredBy: "staff", workdaysLeft: null });
    expect((await staff.post(`/api/pipl/requests/${q.id}/answer`, { status: "done", result: "again" })).statusCode).toBe(409);
  });

  it("is a to-do of the staff member responsible when the deadline nears, and overdue after it", async () => {
    const fresh = await request("copy");
    // Received 13 February: due 6 March, 3 working days left today (the setting's reminder: 3).
    const near = await request("copy", A.id, { receivedOn: "2025-02-13" });
    // Received 5 February: 8 February (a Saturday) was a working day after the Spring Festival, so due 25 February.
    const late = await request("access", A.id, { receivedOn: "2025-02-05" });
    expect(near).toMatchObject({ dueOn: "2025-03-06", workdaysLeft: 3, overdue: false });
    expect(late).toMatchObject({ dueOn: "2025-02-25", workdaysLeft: -4, overdue: true });
    const todos = async () => ((await staff.get("/api/todos?module=pipl")).json().items as any[]).filter((i) => [fresh.id, near.id, late.id].includes(i.id));
    const items = await todos();
    expect(items.map((i) => i.id)).toEqual([late.id, near.id]);
    expect(items[0]).toMatchObject({ severity: "overdue", due: "2025-02-25", link: `/people/pipl?open=${late.id}` });
    expect(items[0].detail).toContain("已逾期 4 个工作日");
    expect(items[1]).toMatchObject({ severity: "due", due: "2025-03-06" });
    expect(items[1].detail).toContain("剩余 3 个工作日");
    // Another staff member's request is not this one's to-do; an answered one leaves the list.
    const leaderId = (await env.app.deps.db.selectFrom("users").select("id").where("username", "=", "leader").executeTakeFirstOrThrow()).id;
    const theirs = await request("copy", A.id, { receivedOn: "2025-02-13", responsibleUserId: leaderId });
    expect((await todos()).map((i) => i.id)).not.toContain(theirs.id);
    expect(((await leader.get("/api/todos?module=pipl")).json().items as any[]).map((i) => i.id)).toContain(theirs.id);
    for (const q of [fresh, near, late, theirs]) ok(await staff.post(`/api/pipl/requests/${q.id}/answer`, { status: "done", result: "已提供" }));
    expect(await todos()).toEqual([]);
  });
});

describe("查阅/复制: everything held about the person, as XLSX", () => {
  it("holds each module's records of the person, others masked, the second person's own records absent; audited", async () => {
    const q = await request("copy");
    const res = await staff.get(`/api/pipl/requests/${q.id}/export`);
    ok(res);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = await sheets(res.rawPayload);
    const all = JSON.stringify(book);
    const names = Object.keys(book);
    expect(names[0]).toBe("说明");
    for (const part of [
      "实有人口-登记信息",
      "诉求-提出的诉求",
      "活动报名与签到-活动报名",
      "关爱帮扶-帮扶家庭",
      "关爱帮扶-走访慰问",
      "志愿服务-志愿者登记",
      "志愿服务-服务记录",
      "矛盾纠纷-矛盾纠纷",
    ])
      expect(names, part).toContain(part);
    // The person's own data in full.
    expect(book["实有人口-登记信息"][1]).toEqual(expect.arrayContaining([A.name, A.phone, A.idNumber, A.address]));
    expect(book["诉求-提出的诉求"].length).toBe(2);
    expect(all).toContain("楼道灯坏了");
    expect(all).toContain("春节慰问");
    expect(all).toContain("义诊引导");
    expect(all).toContain("欧阳明华与司***因漏水维修费用争执");
    // The other person: masked where they share a record, absent where they do not.
    expect(all).not.toContain(B.name);
    expect(all).not.toContain(B.phone);
    expect(all).not.toContain("垃圾清运不及时");
    expect(book["关爱帮扶-帮扶家庭"][1].join(" ")).toContain("司***（家庭成员）");
    expect(book["矛盾纠纷-矛盾纠纷"][1].join(" ")).toContain("司***（respondent）139****4444");
    expect(book["活动报名与签到-活动报名"].length).toBe(2);
    const audit = await env.app.deps.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("action", "=", "pipl.export")
      .where("entity_id", "=", q.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).not.toContain(A.phone);
    // A correction request has no copy to give.
    const c = await request("correct");
    expect((await staff.get(`/api/pipl/requests/${c.id}/export`)).statusCode).toBe(400);
    ok(await staff.post(`/api/pipl/requests/${c.id}/answer`, { status: "refused", result: "test" }));
  });
});

describe("a person without a phone", () => {
  it("has a copy and a deletion check like anyone (no module matches their records on a phone they do not have)", async () => {
    const p = await env.factories.makePerson(community, env.world.grids[1], { name: "上官无号", phone: null });
    const copy = await request("copy", p.id);
    const res = await staff.get(`/api/pipl/requests/${copy.id}/export`);
    ok(res);
    expect(Object.keys(await sheets(res.rawPayload))).toContain("实有人口-登记信息");
    const del = await request("delete", p.id);
    const check = await staff.get(`/api/pipl/requests/${del.id}/check`);
    ok(check);
    expect(check.json().erasable).toBe(true);
    expect(check.json().holds).toEqual([]);
  });
});

describe("更正: through the registry's own update", () => {
  it("changes the record, audits it masked, and answers the request", async () => {
    const q = await request("correct", A.id, { detail: "住址门牌号有误" });
    expect((await staff.post(`/api/pipl/requests/${q.id}/correct`, {})).statusCode).toBe(400);
    const bad = await staff.post(`/api/pipl/requests/${q.id}/correct`, { phone: "12345" });
    expect(bad.statusCode).toBe(400);
    A.address = "龙华区福城街道狮径社区3栋602";
    const r = await staff.post(`/api/pipl/requests/${q.id}/correct`, { address: A.address });
    ok(r);
    expect(r.json()).toMatchObject({ status: "done", result: "已更正：住址" });
    const row = await env.app.deps.db.selectFrom("people").select("address").where("id", "=", A.id).executeTakeFirstOrThrow();
    expect(row.address).toBe(A.address);
    const [e] = await env.app.deps.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "person.update")
      .where("entity_id", "=", A.id)
      .orderBy("seq", "desc")
      .limit(1)
      .execute();
    expect(e.after).toContain("狮径社区3栋***");
    expect(e.after).not.toContain("602");
    expect(e.after).not.toContain(A.phone);
  });
});

async function tracesOf(values: string[]) {
  const db = env.app.deps.db;
  const tables =
    TEST_DB === "sqlite"
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map(
          (r) => r.name,
        );
  expect(tables.length).toBeGreaterThan(30);
  const found: string[] = [];
  for (const t of tables) {
    if (t === "audit_log") continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows;
    for (const row of rows) {
      const text = JSON.stringify(row);
      for (const v of values) if (text.includes(v)) found.push(`${t}: ${v}`);
    }
  }
  return [...new Set(found)];
}

describe("删除 as anonymisation", () => {
  it("is refused while records must be kept, saying which and why; goes ahead when none is; irreversible, audited, figures still count", async () => {
    const q = await request("delete");
    let check = (await staff.get(`/api/pipl/requests/${q.id}/check`)).json();
    expect(check.erasable).toBe(false);
    expect(check.holds.map((h: any) => h.key).sort()).toEqual(["appeals.open-case", "care.active-household", "safety.open-dispute", "volunteers.in-service"]);
    expect(check.sections.find((s: any) => s.key === "cases").rows).toBe(1);
    // Only a role with pipl.erase; the name typed again; refused with the rules and reasons.
    expect((await staff.post(`/api/pipl/requests/${q.id}/anonymise`, { confirmName: A.name })).statusCode).toBe(403);
    const wrong = await leader.post(`/api/pipl/requests/${q.id}/anonymise`, { confirmName: "欧阳" });
    expect(wrong.statusCode).toBe(400);
    const refused = await leader.post(`/api/pipl/requests/${q.id}/anonymise`, { confirmName: A.name });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("RETAINED");
    expect(refused.json().error.message).toContain("办理中的诉求");
    expect(refused.json().error.message).toContain("帮扶中的家庭");
    expect(refused.json().error.message).toContain("救助帮扶档案");
    expect((await env.app.deps.db.selectFrom("people").select("name").where("id", "=", A.id).executeTakeFirstOrThrow()).name).toBe(A.name);

    // The records are finished: the appeal was a mistake, the household leaves care, the volunteer leaves, the dispute closes.
    ok(await leader.post(`/api/appeals/${appealA}/void`, { reason: "重复登记" }));
    ok(await leader.post(`/api/care/households/${householdA}/archive`, { on: "2025-03-03", reason: "搬离" }));
    ok(await staff.patch(`/api/volunteers/${volunteerA}`, { state: "left" }));
    ok(await leader.post(`/api/safety/disputes/${disputeA}/close`, { outcome: "terminated", reason: "一方拒绝调解" }));
    check = (await staff.get(`/api/pipl/requests/${q.id}/check`)).json();
    expect(check.holds).toEqual([]);
    expect(check.erasable).toBe(true);

    const people = async () => (await leader.get(`/api/figures/platform.people?region=${community}`)).json().value;
    const before = await people();
    const signupsBefore = (await leader.get(`/api/activities/${activityId}/signups`)).json().items.length;

    const done = await leader.post(`/api/pipl/requests/${q.id}/anonymise`, { confirmName: A.name });
    ok(done);
    expect(done.json().request.status).toBe("done");
    expect(done.json().parts).toEqual(
      expect.arrayContaining([
        { provider: "appeals.cases", table: "appeals", rows: 1 },
        { provider: "platform.people", table: "people", rows: 1 },
      ]),
    );

    // No trace of the name, ID number or phone in any table but the audit log's masked entries.
    expect(await tracesOf([A.name, A.idNumber, A.phone])).toEqual([]);
    const audit = await env.app.deps.db.selectFrom("audit_log").select(["action", "before", "after"]).execute();
    for (const e of audit) {
      expect(`${e.before}${e.after}`, e.action).not.toContain(A.idNumber);
      expect(`${e.before}${e.after}`, e.action).not.toContain(A.phone);
    }
    expect(audit.some((e) => e.action === "pipl.anonymise")).toBe(true);
    // The second person is untouched.
    expect((await tracesOf([B.name, B.phone])).sort()).toEqual(
      expect.arrayContaining(["appeals: 司马秀英", "people: 司马秀英", "act_signups: 13933334444", "safety_dispute_parties: 司马秀英"]),
    );
    // The records stay and are counted.
    expect(await people()).toBe(before);
    expect((await leader.get(`/api/activities/${activityId}/signups`)).json().items.length).toBe(signupsBefore);
    const alias = await env.app.deps.db.selectFrom("people").select(["name", "anonymised_at"]).where("id", "=", A.id).executeTakeFirstOrThrow();
    expect(alias.name).toMatch(/^匿名居民[0-9A-F]{6}$/);
    expect(alias.anonymised_at).toBeTruthy();
    // Irreversible: no second time, no personal data written back, no new request but to see.
    const again = await request("delete").catch(() => null);
    expect(again).toBeNull();
    expect((await staff.patch(`/api/people/${A.id}`, { name: A.name })).statusCode).toBe(409);
    ok(await staff.post("/api/pipl/requests", { personId: A.id, kind: "access", requester: "本人", channel: "counter" }), 201);
  });

  it("is refused for a party member: the member record is kept under the Party's archive rules", async () => {
    const p = await env.factories.makePerson(community, env.world.grids[1], { name: "东方红梅" });
    // A party organisation is a platform organisation of kind 党组织, registered with party (a branch under a committee).
    const partyOrg = async (name: string, level: string, parentId: string | null) => {
      const o = await leader.post("/api/organisations", { communityId: community, kind: "党组织", name, parentId });
      ok(o, 201);
      ok(
        await leader.post("/api/party/orgs", { orgId: o.json().id, level, partyKind: "社区", parentId, foundedOn: "2008-07-01", termStart: "2021-12-20" }),
        201,
      );
      return o.json().id as string;
    };
    const org = await partyOrg("中共测试党支部", "党支部", await partyOrg("中共测试社区委员会", "党委", null));
    ok(await leader.post("/api/party/members", { personId: p.id, orgId: org, status: "full", joinedOn: "2005-07-01" }), 201);
    const q = await request("delete", p.id);
    const r = await leader.post(`/api/pipl/requests/${q.id}/anonymise`, { confirmName: "东方红梅" });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain("党员档案");
    expect(r.json().error.details.holds[0]).toMatchObject({ key: "party.member-record", records: [{ label: "中共测试党支部" }] });
    const rules = (await staff.get("/api/pipl/rules")).json();
    expect(rules.map((x: any) => x.key)).toEqual(expect.arrayContaining(["party.member-record", "appeals.open-case", "platform.active-account"]));
    expect(rules.every((x: any) => x.reason.length > 10)).toBe(true);
  });
});
