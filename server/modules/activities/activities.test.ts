import ExcelJS from "exceljs";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { multipartFile } from "../../test/http.js";

// Venues, bookings, activities, sign-up, QR check-in, attendance, tea-talk appeals, self-inspections,
// import and the iCalendar feed, through the HTTP API on the factories' world.

const clock = fixedClock("2025-03-10T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let staff: Agent;
let cid: string;
let venueId: string;
let roomId: string;

/** Moves the clock and signs in again (a session idles out after 30 minutes of the clock). */
async function move(iso: string) {
  clock.set(iso);
  leader = await env.login("leader");
  staff = await env.login("staff");
}
const local = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const activity = async (body: Record<string, unknown>) => {
  const res = await leader.post("/api/activities", {
    communityId: cid,
    typeCode: "F02",
    title: "中医护老义诊",
    startsAt: local("2025-03-12", "09:00"),
    endsAt: local("2025-03-12", "11:00"),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; attendance: number };
};

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
  staff = await env.login("staff");
  cid = env.world.communityId;
  const v = await leader.post("/api/activities/venues", {
    communityId: cid,
    name: "福民社区党群服务中心",
    kind: "党群服务中心",
    gridId: env.world.grids[1].id,
    state: "open",
    openedOn: "2019-05-20",
  });
  expect(v.statusCode, v.body).toBe(201);
  venueId = v.json().id;
  const room = await leader.post(`/api/activities/venues/${venueId}/rooms`, { name: "会议室", capacity: 3 });
  expect(room.statusCode, room.body).toBe(201);
  roomId = room.json().id;
}, 120_000);
afterAll(() => env.close());

describe("venues and rooms", () => {
  it("refuses a double booking, naming the booking it clashes with", async () => {
    const first = await leader.post("/api/activities/bookings", {
      roomId,
      title: "党员大会",
      startsAt: local("2025-03-20", "14:00"),
      endsAt: local("2025-03-20", "16:00"),
    });
    expect(first.statusCode, first.body).toBe(201);
    const clash = await leader.post("/api/activities/bookings", {
      roomId,
      title: "读书会",
      startsAt: local("2025-03-20", "15:30"),
      endsAt: local("2025-03-20", "17:00"),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain("党员大会");
    expect(clash.body).toContain("14:00");
    const after = await leader.post("/api/activities/bookings", {
      roomId,
      title: "读书会",
      startsAt: local("2025-03-20", "16:00"),
      endsAt: local("2025-03-20", "17:00"),
    });
    expect(after.statusCode, after.body).toBe(201);
  });
  it("a venue opens from 筹建 with its opening date, and venue.opened counts it in that period only", async () => {
    const v = await leader.post("/api/activities/venues", {
      communityId: cid,
      name: "狮径公园党群服务驿站",
      kind: "党群服务驿站",
      gridId: env.world.grids[0].id,
    });
    expect(v.json().state).toBe("planning");
    const open = await leader.post(`/api/activities/venues/${v.json().id}/state`, { state: "open", on: "2024-12-31" });
    expect(open.statusCode, open.body).toBe(200);
    const fig = async (from: string, to: string) => (await leader.get(`/api/figures/venue.opened?region=${cid}&from=${from}&to=${to}`)).json().value;
    expect(await fig("2024-01-01", "2024-12-31")).toBe(1);
    expect(await fig("2025-01-01", "2025-12-31")).toBe(0);
    const back = await leader.post(`/api/activities/venues/${v.json().id}/state`, { state: "planning" });
    expect(back.statusCode).toBe(409);
  });
});

describe("activities, sign-up and check-in", () => {
  it("lists newest first, pages that share a start time neither repeat nor skip, the subdistrict's list as the community's", async () => {
    const title = "列表排序";
    const at = local("2025-04-02", "09:00");
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await activity({ title: `${title}${i}`, startsAt: i < 4 ? at : local("2025-04-03", "09:00"), endsAt: local("2025-04-03", "11:00") }));
    const supervisor = await env.login("supervisor");
    for (const who of [leader, supervisor]) {
      const page = async (n: number) => (await who.get(`/api/activities?q=${encodeURIComponent(title)}&page=${n}&pageSize=2`)).json();
      const pages = [await page(1), await page(2), await page(3)];
      expect(pages[0]).toMatchObject({ total: 5, totalCapped: false });
      const ids = pages.flatMap((p) => p.items.map((a: { id: string }) => a.id));
      expect(new Set(ids).size).toBe(5);
      expect(ids[0]).toBe(made[4].id);
      const starts = pages.flatMap((p) => p.items.map((a: { startsAt: string }) => a.startsAt));
      expect([...starts].sort().reverse()).toEqual(starts);
    }
  });
  it("refuses an activity that ends before it starts, and an unknown type", async () => {
    const bad = await leader.post("/api/activities", {
      communityId: cid,
      typeCode: "F02",
      title: "x",
      startsAt: local("2025-03-12", "11:00"),
      endsAt: local("2025-03-12", "09:00"),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("结束时间");
    const unknown = await leader.post("/api/activities", {
      communityId: cid,
      typeCode: "ZZ9",
      title: "x",
      startsAt: local("2025-03-12", "09:00"),
      endsAt: local("2025-03-12", "11:00"),
    });
    expect(unknown.statusCode).toBe(400);
  });
  it("books the room with the activity; a clash refuses the activity too", async () => {
    await activity({ roomId, title: "书法课", startsAt: local("2025-03-21", "09:00"), endsAt: local("2025-03-21", "10:00") });
    const clash = await leader.post("/api/activities", {
      communityId: cid,
      typeCode: "F02",
      roomId,
      title: "义诊",
      startsAt: local("2025-03-21", "09:30"),
      endsAt: local("2025-03-21", "10:30"),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain("书法课");
  });
  it("signs up past capacity onto the waiting list, and moves it up on a cancellation", async () => {
    const a = await activity({ capacity: 2, title: "亲子手工" });
    const s1 = await leader.post(`/api/public/activities/${a.id}/signup`, { name: "陈小明", phone: "13800000001", partySize: 2 });
    expect(s1.statusCode, s1.body).toBe(201);
    expect(s1.json().status).toBe("confirmed");
    const s2 = await leader.post(`/api/public/activities/${a.id}/signup`, { name: "李华", phone: "13800000002" });
    expect(s2.json().status).toBe("waitlist");
    expect(s2.json().message.zh).toContain("候补");
    const dup = await leader.post(`/api/public/activities/${a.id}/signup`, { name: "李华", phone: "13800000002" });
    expect(dup.statusCode).toBe(409);
    const list = (await leader.get(`/api/activities/${a.id}/signups`)).json().items;
    expect(list[0].phone).toBe("138****0001");
    const c = await leader.post(`/api/activities/signups/${list[0].id}/cancel`);
    expect(c.json().promoted).toBe(1);
    const after = (await leader.get(`/api/activities/${a.id}/signups`)).json().items;
    expect(after.find((s: any) => s.id === list[1].id).status).toBe("confirmed");
  });
  it("checks in by the QR code inside the window only, once per person; attendance counts person-times", async () => {
    const a = await activity({ title: "健康讲座", startsAt: local("2025-03-10", "12:00"), endsAt: local("2025-03-10", "13:00") });
    const qr = (await leader.get(`/api/activities/${a.id}/qr`)).json();
    expect(qr.svg).toContain("<svg");
    const k = new URL(qr.url).searchParams.get("k") as string;
    await move(local("2025-03-10", "09:00"));
    const early = await leader.post(`/api/public/activities/${a.id}/checkin`, { k, name: "王芳", phone: "13900000001" });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("签到尚未开始");
    await move(local("2025-03-10", "11:30"));
    const wrong = await leader.post(`/api/public/activities/${a.id}/checkin`, { k: "WRONGCODE", name: "王芳", phone: "13900000001" });
    expect(wrong.statusCode).toBe(400);
    const ok = await leader.post(`/api/public/activities/${a.id}/checkin`, { k, name: "王芳", phone: "13900000001" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().already).toBe(false);
    const again = await leader.post(`/api/public/activities/${a.id}/checkin`, { k, name: "王芳", phone: "13900000001" });
    expect(again.json().already).toBe(true);
    await leader.post(`/api/public/activities/${a.id}/checkin`, { k, name: "赵强", phone: "13900000002" });
    const neg = await leader.post(`/api/activities/${a.id}/head-count`, { count: -3 });
    expect(neg.statusCode).toBe(400);
    const hc = await leader.post(`/api/activities/${a.id}/head-count`, { count: 10, note: "门口清点" });
    expect(hc.json().attendance).toBe(12);
    const d = (await leader.get(`/api/activities/${a.id}`)).json();
    expect(d.status).toBe("held");
    expect(d.attendance).toBe(12);
    await move(local("2025-03-10", "18:00"));
    const late = await leader.post(`/api/public/activities/${a.id}/checkin`, { k, name: "孙丽", phone: "13900000003" });
    expect(late.statusCode).toBe(409);
    await move("2025-03-10T02:00:00Z");
  });
  it("check-ins arriving at once (one group commit) are each answered: a wrong code refused, a person twice counted once", async () => {
    const a = await activity({ title: "开场签到", startsAt: local("2025-03-10", "10:30"), endsAt: local("2025-03-10", "12:00") });
    const k = new URL((await leader.get(`/api/activities/${a.id}/qr`)).json().url).searchParams.get("k") as string;
    const send = (body: Record<string, unknown>, i: number) =>
      env.app.inject({ method: "POST", url: `/api/public/activities/${a.id}/checkin`, remoteAddress: `10.0.0.${i + 1}`, payload: body });
    const bodies = [
      ...Array.from({ length: 12 }, (_, i) => ({ k, name: `居民${i}`, phone: `1380000${String(i).padStart(4, "0")}` })),
      { k: "WRONGCODE", name: "错码", phone: "13811112222" },
      { k, name: "居民0", phone: "13800000000" },
    ];
    const res = await Promise.all(bodies.map(send));
    expect(res.slice(0, 12).map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    expect(res[12].statusCode).toBe(400);
    expect(res[12].body).toContain("签到码无效");
    expect(res[13].statusCode).toBe(200);
    // Whichever of the two check-ins of 居民0 came second is answered "already checked in".
    expect([res[0].json().already, res[13].json().already].sort()).toEqual([false, true]);
    const d = (await leader.get(`/api/activities/${a.id}`)).json();
    expect(d.attendance).toBe(12);
    expect(d.status).toBe("held");
    expect((await leader.get(`/api/activities/${a.id}/attendance`)).json().items).toHaveLength(12);
    const audited = await env.database.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "=", "activity.checkin")
      .where("entity_id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(12);
  });
});

describe("figures on the test's own activities", () => {
  it("count by local start date at the year's ends, by class, and break trainings down by category", async () => {
    // Held at 00:30 on 1 Jan 2025 (local) — 16:30 UTC on 31 Dec 2024 — and at 23:30 on 31 Dec 2024.
    const people = await env.factories.makePeople(3, env.world.communityId, env.world.grids[2].id);
    await move("2025-01-01T06:00:00Z");
    const t1 = await activity({ typeCode: "T01", title: "发展对象培训", startsAt: local("2025-01-01", "00:30"), endsAt: local("2025-01-01", "02:00") });
    const t0 = await activity({ typeCode: "T01", title: "社区工作人员培训", startsAt: local("2024-12-31", "23:30"), endsAt: local("2025-01-01", "00:20") });
    const cats = ["applicant", "staff", "volunteer"];
    for (const [a, n] of [
      [t1, 3],
      [t0, 2],
    ] as const) {
      const r = await staff.post(`/api/activities/${a.id}/attendance`, {
        entries: people.slice(0, n).map((p: { id: string }, i: number) => ({ personId: p.id, category: cats[i] })),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const dup = await staff.post(`/api/activities/${t1.id}/attendance`, { entries: [{ personId: people[0].id, category: "applicant" }] });
    expect(dup.json().added).toBe(0);
    const drill = await activity({ typeCode: "S01", title: "消防演练", startsAt: local("2024-12-31", "10:00"), endsAt: local("2024-12-31", "11:00") });
    await staff.post(`/api/activities/${drill.id}/head-count`, { count: 40 });
    await move("2025-03-10T02:00:00Z");
    const v = async (key: string, from: string, to: string) => (await leader.get(`/api/figures/${key}?region=${cid}&from=${from}&to=${to}`)).json().value;
    expect(await v("venue.trainings", "2024-01-01", "2024-12-31")).toBe(1);
    expect(await v("venue.training_attendance", "2024-01-01", "2024-12-31")).toBe(2);
    expect(await v("venue.trainings", "2025-01-01", "2025-01-31")).toBe(1);
    expect(await v("venue.training_attendance", "2025-01-01", "2025-01-31")).toBe(3);
    expect(await v("safety.drills", "2024-12-01", "2024-12-31")).toBe(1);
    expect(await v("activities.count", "2024-12-01", "2024-12-31")).toBe(0);
    const g = (await leader.get(`/api/figures/venue.training_attendance/groups?region=${cid}&from=2025-01-01&to=2025-01-31&by=category`)).json().items;
    expect(Object.fromEntries(g.map((x: any) => [x.key, x.value]))).toEqual({ applicant: 1, staff: 1, volunteer: 1 });
    const recs = (await leader.get(`/api/figures/venue.trainings/records?region=${cid}&from=2024-01-01&to=2024-12-31`)).json();
    expect(recs.rows.map((r: any) => r.title)).toEqual(["社区工作人员培训"]);
  });
  it("a series' edition is the count of years it was held, from its first year", async () => {
    const s = await leader.post("/api/activities/series", { communityId: cid, name: "为爱益行", kind: "walkathon", typeCode: "B01", firstYear: 2021 });
    expect(s.statusCode, s.body).toBe(201);
    for (const y of [2021, 2022, 2024]) {
      const a = await activity({
        typeCode: "B01",
        seriesId: s.json().id,
        title: `${y} 徒步`,
        startsAt: local(`${y}-11-10`, "08:00"),
        endsAt: local(`${y}-11-10`, "11:00"),
      });
      await staff.post(`/api/activities/${a.id}/head-count`, { count: 100 });
    }
    const v = (await leader.get(`/api/figures/activities.walkathon_edition?region=${cid}&from=2024-01-01&to=2024-12-31`)).json().value;
    expect(v).toBe(3);
    const v22 = (await leader.get(`/api/figures/activities.walkathon_edition?region=${cid}&from=2022-01-01&to=2022-12-31`)).json().value;
    expect(v22).toBe(2);
  });
  it("women's outreach counts outreach activities organised by a women's organisation only", async () => {
    const fl = await env.factories.makeOrg(env.world.communityId, { name: "福民社区妇女联合会", kind: "妇联", gridId: null } as never);
    const a = await activity({
      typeCode: "O01",
      organiserId: fl.id,
      title: "家长学堂",
      startsAt: local("2024-06-01", "14:00"),
      endsAt: local("2024-06-01", "16:00"),
    });
    const b = await activity({ typeCode: "O01", title: "家长学堂（社区）", startsAt: local("2024-06-02", "14:00"), endsAt: local("2024-06-02", "16:00") });
    await staff.post(`/api/activities/${a.id}/head-count`, { count: 9 });
    await staff.post(`/api/activities/${b.id}/head-count`, { count: 5 });
    const v = (await leader.get(`/api/figures/activities.women_outreach_attendance?region=${cid}&from=2024-01-01&to=2024-12-31`)).json().value;
    expect(v).toBe(9);
  });
});

describe("tea talks, self-inspections, import, calendar", () => {
  it("registers an appeal from a tea talk into appeals, shown on the activity", async () => {
    const a = await activity({ typeCode: "C01", title: "书记茶话会", startsAt: local("2025-03-08", "19:00"), endsAt: local("2025-03-08", "21:00") });
    const r = await leader.post(`/api/activities/${a.id}/appeals`, {
      categoryCode: "QT02",
      title: "建议增设休闲座椅",
      content: "广场缺少座椅",
      gridId: env.world.grids[0].id,
      appellantName: "陈先生",
      appellantPhone: "13800001111",
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = (await leader.get(`/api/activities/${a.id}`)).json();
    expect(d.appeals.length).toBe(1);
    expect(d.appeals[0].source).toEqual({ module: "activities", kind: "activity", id: a.id });
    const notTea = await activity({ title: "义诊" });
    const refused = await leader.post(`/api/activities/${notTea.id}/appeals`, {
      categoryCode: "QT02",
      title: "x",
      content: "y",
      gridId: env.world.grids[0].id,
    });
    expect(refused.statusCode).toBe(400);
  });
  it("self-inspection: failed items are issues; a hazard goes to safety; the check is by another person", async () => {
    const r = await staff.post(`/api/activities/venues/${venueId}/inspections`, {
      inspectedOn: "2025-03-09",
      inspector: "工作人员",
      items: [
        { item: "消防器材完好有效", passed: false, hazard: { kind: "消防", risk: "medium" } },
        { item: "环境卫生整洁", passed: false },
        { item: "标识标牌规范清晰", passed: true },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().failed).toBe(2);
    const issues = (await leader.get(`/api/activities/issues?venueId=${venueId}`)).json().items;
    const fire = issues.find((i: any) => i.item === "消防器材完好有效");
    const hz = await leader.get(`/api/safety/hazards/${fire.hazardId}`);
    expect(hz.statusCode).toBe(200);
    expect(hz.json().sourceRef).toBe(`venue_issue:${fire.id}`);
    await staff.post(`/api/activities/issues/${fire.id}/rectify`, { on: "2025-03-10", note: "已更换灭火器" });
    const self = await staff.post(`/api/activities/issues/${fire.id}/verify`, { on: "2025-03-10", passed: true });
    expect(self.statusCode).toBe(409);
    const ok = await leader.post(`/api/activities/issues/${fire.id}/verify`, { on: "2025-03-10", passed: true });
    expect(ok.json().status).toBe("verified");
    const n = (await leader.get(`/api/figures/venue.self_check_issues?region=${cid}&from=2025-03-01&to=2025-03-31`)).json().value;
    expect(n).toBe(2);
  });
  it("imports all or nothing, with a row-by-row report; the same file again creates nothing", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("活动台账");
    ws.addRow(["活动名称", "类型", "开始时间", "结束时间", "阵地", "主办单位", "参与人次"]);
    ws.addRow(["便民集市", "便民服务集市", "2024-05-01 09:00", "2024-05-01 11:00", "福民社区党群服务中心", "", "120"]);
    ws.addRow(["观影", "亲邻影院", "2024-05-02 19:00", "2024-05-02 21:00", "", "", "60"]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    ws.addRow(["讲座", "亲邻影院", "2024-05-03 19:00", "2024-05-03 21:00", "不存在的阵地", "", "5"]);
    ws.addRow(["讲座", "未知类型", "2024-05-03 19:00", "2024-05-03 21:00", "", "", "5"]);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const up = (buf: Buffer, q = "") => {
      const mp = multipartFile("a.xlsx", buf);
      return leader.req("POST", `/api/activities/import?communityId=${cid}${q}`, mp.payload, { headers: mp.headers });
    };
    const b = await up(bad);
    expect(b.statusCode).toBe(200);
    expect(b.json().errors.map((e: any) => e.row)).toEqual([4, 5]);
    expect(b.json().errors[0].message).toContain("不存在的阵地");
    const dry = await up(good, "&dryRun=1");
    expect(dry.json()).toMatchObject({ created: 2, dryRun: true });
    const g = await up(good);
    expect(g.json()).toMatchObject({ created: 2, unchanged: 0, errors: [] });
    const again = await up(good);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 2 });
    const v = (await leader.get(`/api/figures/activities.attendance?region=${cid}&from=2024-05-01&to=2024-05-31`)).json().value;
    expect(v).toBe(120);
    const exp = await leader.get("/api/activities/export?from=2024-05-01&to=2024-05-31");
    expect(exp.statusCode).toBe(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(exp.rawPayload as never);
    expect(back.worksheets[0].rowCount).toBe(3);
  });
  it("serves an iCalendar feed of the upcoming public activities", async () => {
    await activity({
      title: "春季义诊；量血压, 测血糖",
      startsAt: local("2025-04-01", "09:00"),
      endsAt: local("2025-04-01", "11:00"),
      description: "请带医保卡\n免费",
    });
    const res = await leader.get(`/api/public/activities/calendar/${cid}.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/calendar");
    const text = res.body;
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toContain("SUMMARY:春季义诊\\；量血压\\, 测血糖".replace("\\；", "；"));
    expect(unfolded).toContain("DTSTART:20250401T010000Z");
    expect(unfolded).toContain("DESCRIPTION:请带医保卡\\n免费");
    expect((unfolded.match(/BEGIN:VEVENT/g) ?? []).length).toBe((unfolded.match(/END:VEVENT/g) ?? []).length);
    // A real iCalendar parser (ical.js, RFC 5545) reads it: the event with its text unescaped and its start.
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const spring = events.find((e) => e.summary.startsWith("春季义诊"));
    expect(spring?.summary).toBe("春季义诊；量血压, 测血糖");
    expect(spring?.description).toBe("请带医保卡\n免费");
    expect(spring?.startDate.toJSDate().toISOString()).toBe("2025-04-01T01:00:00.000Z");
    expect(events.length).toBeGreaterThanOrEqual(1);
  });
  it("serves an account's private iCalendar feed at a secret address: its scope's activities, public or not", async () => {
    await activity({ title: "内部业务培训", public: false, startsAt: local("2025-04-02", "14:00"), endsAt: local("2025-04-02", "16:00") });
    expect((await leader.get("/api/activities/calendar/feed")).json().createdAt).toBeNull();
    const made = await leader.post("/api/activities/calendar/feed");
    expect(made.statusCode, made.body).toBe(200);
    const path = new URL(made.json().url).pathname;
    expect(path).toMatch(/^\/api\/public\/activities\/calendar\/private\/[\w-]{20,}\.ics$/);
    expect((await leader.get("/api/activities/calendar/feed")).json().createdAt).toBe(made.json().createdAt);
    // No session: a calendar app subscribes with the address alone.
    const res = await env.app.inject({ method: "GET", url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/calendar");
    const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toContain("内部业务培训");
    // The public feed leaves the private activity out.
    expect((await leader.get(`/api/public/activities/calendar/${cid}.ics`)).body).not.toContain("内部业务培训");
    // A new address replaces the old one.
    const again = await leader.post("/api/activities/calendar/feed");
    expect((await env.app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    expect((await env.app.inject({ method: "GET", url: new URL(again.json().url).pathname })).statusCode).toBe(200);
    expect((await env.app.inject({ method: "GET", url: "/api/public/activities/calendar/private/not-a-real-token-at-all" })).statusCode).toBe(404);
  });
});

// The venues register's XLSX import and export, and the breakdowns on the test's own records:
// activities and person-times by audience, trainings by participant category, hours booked, and
// self-inspection issues overdue, at a period's end on local midnight / the year's turn (2022→2023,
// which the tests above leave empty).
const HEAD = ["阵地名称", "类型", "状态", "启用日期", "地址", "网格", "运营单位", "开放时间", "功能室（名称:容纳人数，以、分隔）"];
async function sheet(rows: string[][], header = HEAD) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("阵地台账");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const uploadVenues = (buf: Buffer, q = "") => {
  const mp = multipartFile("venues.xlsx", buf);
  return leader.req("POST", `/api/activities/venues/import?communityId=${cid}${q}`, mp.payload, { headers: mp.headers });
};
const figure = async (key: string, from: string, to: string) => (await leader.get(`/api/figures/${key}?region=${cid}&from=${from}&to=${to}`)).json().value;
const groupsOf = async (key: string, by: string, from: string, to: string) =>
  Object.fromEntries(
    ((await leader.get(`/api/figures/${key}/groups?region=${cid}&from=${from}&to=${to}&by=${by}`)).json().items as Array<{ key: string; value: number }>).map(
      (g) => [g.key, g.value],
    ),
  );

describe("the venues register", () => {
  it("imports venues with their rooms all or nothing, with a bilingual line per bad row; the same file again changes nothing", async () => {
    const grid = env.world.grids[0].name;
    const good = [
      [
        "福民社区文化活动中心",
        "党群服务中心",
        "开放",
        "2019-05-20",
        "福民路1号",
        grid,
        "中共福民社区委员会",
        "周一至周日 09:00-21:00",
        "多功能厅:80、书画室:20",
      ],
      ["观澜湖党群服务驿站", "党群服务驿站", "", "", "观澜湖北门", "", "", "", ""],
    ];
    const names = async () => ((await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items as Array<{ name: string }>).map((v) => v.name);
    const before = await names();
    const bad = await uploadVenues(
      await sheet([
        ...good,
        ["某某阵地", "文化广场", "", "", "", "", "", "", ""],
        ["某某阵地二", "活动室", "", "", "", "", "不存在的组织", "", ""],
        ["某某阵地三", "活动室", "", "", "", "第99网格", "", "", ""],
        ["某某阵地四", "活动室", "", "", "", "", "", "", "会议室:很多"],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(200);
    const errs = bad.json().errors as Array<{ row: number; message: string }>;
    expect(errs.map((e) => e.row)).toEqual([4, 5, 6, 7]);
    expect(errs[0].message).toContain("未知的阵地类型「文化广场」");
    expect(errs[1].message).toContain("不存在的组织");
    expect(errs[2].message).toContain("第99网格");
    expect(errs[3].message).toContain("会议室:很多");
    // Nothing of the file was written.
    expect(await names()).toEqual(before);
    // In English, the same lines in English.
    const m = multipartFile("v.xlsx", await sheet([["某某阵地", "文化广场", "", "", "", "", "", "", ""]]));
    const en = await leader.req("POST", `/api/activities/venues/import?communityId=${cid}`, m.payload, { headers: { ...m.headers, "accept-language": "en" } });
    expect(en.json().errors[0].message).toContain('unknown venue kind "文化广场"');

    expect((await uploadVenues(await sheet(good), "&dryRun=1")).json()).toMatchObject({ created: 2, dryRun: true, errors: [] });
    expect(await names()).toEqual(before);
    expect((await uploadVenues(await sheet(good))).json()).toMatchObject({ created: 2, unchanged: 0, errors: [] });
    expect((await uploadVenues(await sheet(good))).json()).toMatchObject({ created: 0, unchanged: 2, errors: [] });

    const items = (await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items as Array<Record<string, unknown>>;
    const centre = items.find((v) => v.name === "福民社区文化活动中心");
    expect(centre).toMatchObject({ state: "open", openedOn: "2019-05-20", gridId: env.world.grids[0].id, orgName: "中共福民社区委员会", rooms: 2 });
    expect(centre?.hours).toBe("周一至周日 09:00-21:00");
    expect(items.find((v) => v.name === "观澜湖党群服务驿站")).toMatchObject({ state: "planning", openedOn: null, rooms: 0 });

    // The export is the same sheet (rooms in their cell), audited; imported back it changes nothing.
    const exp = await leader.get(`/api/activities/venues/export?communityId=${cid}`);
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(before.length + 3);
    const rows = [2, 3, 4, 5].slice(0, before.length + 2).map((i) => (ws.getRow(i).values as unknown[]).map(String));
    expect(rows.find((r) => r.includes("福民社区文化活动中心"))).toContain("书画室:20、多功能厅:80");
    const back = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await uploadVenues(back)).json()).toMatchObject({ created: 0, unchanged: before.length + 2, errors: [] });
    const audit = await (await env.login("auditor")).get("/api/audit?action=venue.export");
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain("venue.export");
  });

  it("offers the template to fill in, which imports as it is", async () => {
    const t = await leader.get("/api/activities/venues/import/template");
    expect(t.statusCode).toBe(200);
    const rep = (await uploadVenues(t.rawPayload as Buffer, "&dryRun=1")).json();
    // Its example row is 狮径公园党群服务驿站, which a test above made: there already, so unchanged.
    expect(rep).toMatchObject({ created: 0, unchanged: 1, errors: [] });
  });
});

describe("breakdowns on the test's own records", () => {
  it("activities and person-times by audience (an activity for two audiences in both), trainings by participant category", async () => {
    const people = await env.factories.makePeople(3, cid, env.world.grids[2].id);
    clock.set("2023-01-01T06:00:00Z");
    const make = async (body: Record<string, unknown>) => {
      const r = await leader.post("/api/activities", { communityId: cid, typeCode: "F02", title: "活动", ...body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    // 23:30 on 31 Dec 2022 and 00:00 on 1 Jan 2023, local: either side of the year's turn.
    const a = await make({ audience: ["老年人", "儿童"], startsAt: local("2022-12-31", "23:30"), endsAt: local("2023-01-01", "00:10") });
    const b = await make({ audience: ["老年人"], startsAt: local("2023-01-01", "00:00"), endsAt: local("2023-01-01", "01:00") });
    const c = await make({ startsAt: local("2023-01-01", "01:00"), endsAt: local("2023-01-01", "02:00") });
    const t = await make({ typeCode: "T01", audience: ["发展对象"], startsAt: local("2023-01-01", "02:00"), endsAt: local("2023-01-01", "03:00") });
    for (const [id, n] of [
      [a, 10],
      [b, 4],
      [c, 7],
    ] as const)
      expect((await leader.post(`/api/activities/${id}/head-count`, { count: n })).statusCode).toBe(200);
    const att = await leader.post(`/api/activities/${t}/attendance`, {
      entries: [
        { personId: people[0].id, category: "applicant" },
        { personId: people[1].id, category: "applicant" },
        { personId: people[2].id, category: "staff" },
      ],
    });
    expect(att.statusCode, att.body).toBe(200);
    clock.set("2025-03-10T02:00:00Z");

    // Featured activities (activities.count) and their person-times (activities.attendance), by audience.
    expect(await figure("activities.count", "2022-01-01", "2022-12-31")).toBe(1);
    expect(await groupsOf("activities.count", "audience", "2022-01-01", "2022-12-31")).toEqual({ 老年人: 1, 儿童: 1 });
    expect(await figure("activities.count", "2023-01-01", "2023-01-31")).toBe(2);
    expect(await groupsOf("activities.count", "audience", "2023-01-01", "2023-01-31")).toEqual({ 老年人: 1, "": 1 });
    expect(await figure("activities.attendance", "2023-01-01", "2023-01-31")).toBe(11);
    expect(await groupsOf("activities.attendance", "audience", "2023-01-01", "2023-01-31")).toEqual({ 老年人: 4, "": 7 });
    expect(await groupsOf("activities.attendance", "audience", "2022-01-01", "2022-12-31")).toEqual({ 老年人: 10, 儿童: 10 });
    // All activities held in January (activities.held_attendance): the training's list too.
    expect(await groupsOf("activities.held_attendance", "audience", "2023-01-01", "2023-01-31")).toMatchObject({ 老年人: 4, 发展对象: 3 });
    // The drill-down of a group keeps its records, once each.
    const recs = (
      await leader.get(`/api/figures/activities.count/records?region=${cid}&from=2022-12-01&to=2023-01-31&f.audience=${encodeURIComponent("老年人")}`)
    ).json();
    expect(recs.total).toBe(2);
    expect(await figure("activities.count", "2022-12-01", "2023-01-31")).toBe(3);
    const en = await leader.req("GET", `/api/figures/activities.count/groups?region=${cid}&from=2022-01-01&to=2022-12-31&by=audience`, undefined, {
      headers: { "accept-language": "en" },
    });
    expect(
      en
        .json()
        .items.map((g: { label: string }) => g.label)
        .sort(),
    ).toEqual(["Children", "Elderly"]);

    expect(await figure("venue.trainings", "2023-01-01", "2023-01-31")).toBe(1);
    expect(await groupsOf("venue.trainings", "category", "2023-01-01", "2023-01-31")).toEqual({ applicant: 1, staff: 1 });
    expect(await groupsOf("venue.training_attendance", "category", "2023-01-01", "2023-01-31")).toEqual({ applicant: 2, staff: 1 });
  });

  it("hours booked sum the bookings that start in the period, at the year's turn", async () => {
    const v = (await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items.find((x: { name: string }) => x.name === "福民社区文化活动中心");
    const room = (await leader.get(`/api/activities/venues/${v.id}`)).json().rooms[0].id as string;
    clock.set("2022-12-30T02:00:00Z");
    const book = async (s: string, e: string) => {
      const r = await leader.post("/api/activities/bookings", { roomId: room, title: `预约${s}`, startsAt: s, endsAt: e });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    await book(local("2022-12-31", "22:30"), local("2023-01-01", "00:00"));
    await book(local("2023-01-01", "00:00"), local("2023-01-01", "02:15"));
    const gone = await book(local("2023-01-02", "09:00"), local("2023-01-02", "11:00"));
    expect((await leader.post(`/api/activities/bookings/${gone}/cancel`, { reason: "改期" })).statusCode).toBe(200);
    clock.set("2025-03-10T02:00:00Z");
    expect(await figure("venue.booked_hours", "2022-01-01", "2022-12-31")).toBe(1.5);
    expect(await figure("venue.booked_hours", "2023-01-01", "2023-12-31")).toBe(2.25);
    expect(await figure("venue.bookings", "2023-01-01", "2023-12-31")).toBe(1);
    expect(await groupsOf("venue.booked_hours", "venue", "2022-01-01", "2023-12-31")).toEqual({ [v.id]: 3.75 });
  });

  it("self-inspection issues overdue by the period's end (or today): not rectified, or rectified late", async () => {
    const v = (await leader.get(`/api/activities/venues?communityId=${cid}`)).json().items.find((x: { name: string }) => x.name === "福民社区文化活动中心");
    clock.set("2022-12-20T02:00:00Z");
    const r = await leader.post(`/api/activities/venues/${v.id}/inspections`, {
      inspectedOn: "2022-12-20",
      inspector: "工作人员",
      items: [
        { item: "消防器材完好有效", passed: false, deadline: "2022-12-25" },
        { item: "环境卫生整洁", passed: false, deadline: "2022-12-25" },
        { item: "应急照明正常", passed: false, deadline: "2022-12-31" },
        { item: "台账资料齐全", passed: false, deadline: "2025-06-30" },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const issues = (await leader.get(`/api/activities/issues?venueId=${v.id}`)).json().items as Array<{ id: string; item: string }>;
    const id = (item: string) => issues.find((i) => i.item === item)?.id;
    clock.set("2022-12-24T02:00:00Z");
    expect((await leader.post(`/api/activities/issues/${id("消防器材完好有效")}/rectify`, { on: "2022-12-24", note: "已更换" })).statusCode).toBe(200);
    clock.set("2023-01-05T02:00:00Z");
    expect((await leader.post(`/api/activities/issues/${id("环境卫生整洁")}/rectify`, { on: "2023-01-05", note: "已清理" })).statusCode).toBe(200);
    clock.set("2025-03-10T02:00:00Z");
    // By 31 Dec 2022: 环境卫生 (past its deadline, rectified only later); 应急照明's deadline is that day itself.
    expect(await figure("venue.self_check_issues_overdue", "2022-01-01", "2022-12-31")).toBe(1);
    // By 24 Dec nothing was past its deadline yet.
    expect(await figure("venue.self_check_issues_overdue", "2022-12-01", "2022-12-24")).toBe(0);
    // A period ending after today is read today (10 Mar 2025): 应急照明 is overdue too; 台账 (due 30 Jun) not yet.
    expect((await groupsOf("venue.self_check_issues_overdue", "venue", "2022-12-01", "2025-12-31"))[v.id]).toBe(2);
    expect(await figure("venue.self_check_issues", "2022-12-01", "2022-12-31")).toBe(4);
    expect(await groupsOf("venue.self_check_issues", "status", "2022-12-01", "2022-12-31")).toEqual({ open: 2, rectified: 2 });
    const labels = (await leader.get(`/api/figures/venue.self_check_issues/groups?region=${cid}&from=2022-12-01&to=2022-12-31&by=status`)).json().items;
    expect(labels.map((g: { label: string }) => g.label).sort()).toEqual(["已整改待复核", "待整改"]);
  });
});
