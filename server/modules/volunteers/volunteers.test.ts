import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";

// Own data through the API on an empty world: the registry, a team founded 成熟即建, records with
// their rules, star levels on a date, a night patrol opening a hazard, and the figures from them.
let env: TestEnv;
let staff: Agent;
let admin: Agent;
const vols: string[] = [];
/** Local Shenzhen time (UTC+8) as ISO. */
const at = (date: string, hh: number, mm = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + ((hh - 8) * 60 + mm) * 60_000).toISOString();

beforeAll(async () => {
  env = await testEnv({ people: 24 });
  staff = await env.login("staff");
  admin = await env.login("admin");
  const g = env.world.grids;
  for (let i = 0; i < 7; i++) {
    const p = await env.factories.makePerson(env.world.communityId, g[i % 3].id);
    const res = await staff.post("/api/volunteers", { personId: p.id, joinedOn: i === 0 ? "2023-09-15" : "2023-01-01", skills: ["急救"] });
    expect(res.statusCode, res.body).toBe(201);
    vols.push(res.json().id);
  }
}, 60_000);
afterAll(() => env.close());

const fig = async (key: string, from: string, to: string) =>
  (await staff.get(`/api/figures?region=${env.world.communityId}&from=${from}&to=${to}`)).json().items.find((f: any) => f.key === key)?.value;

describe("volunteers' own records", () => {
  it("the registry masks names; the same person twice is refused", async () => {
    const list = (await staff.get("/api/volunteers?pageSize=50")).json();
    expect(list.total).toBe(7);
    expect(list.items[0].name).toMatch(/\*/);
    const one = (await staff.get(`/api/volunteers/${vols[0]}`)).json();
    const again = await staff.post("/api/volunteers", { personId: one.volunteer.personId, joinedOn: "2024-01-01" });
    expect(again.statusCode).toBe(409);
  });

  it("hours, a star level that turns on its date (hours and tenure), and what is left", async () => {
    // Nine whole-day records of 12 h in March 2024: 108 h, crossing 100 h on the ninth (2024-03-09).
    for (let d = 1; d <= 9; d++) {
      const res = await staff.post("/api/volunteers/records", {
        volunteerId: vols[1],
        title: "大型活动保障",
        signInAt: at(`2024-03-0${d}`, 7),
        signOutAt: at(`2024-03-0${d}`, 19),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().state).toBe("pending");
      expect((await staff.post(`/api/volunteers/records/${res.json().id}/confirm`)).statusCode).toBe(200);
    }
    const before = (await staff.get(`/api/volunteers/${vols[1]}?on=2024-03-08`)).json();
    expect(before.hoursTotal).toBe(96);
    expect(before.star.level).toBe(0);
    expect(before.star.next).toEqual({ level: 1, hoursLeft: 4, tenureOn: "2023-07-01" });
    const on = (await staff.get(`/api/volunteers/${vols[1]}?on=2024-03-09`)).json();
    expect(on.star.level).toBe(1);
    expect(on.hoursYear).toBe(108);
    // The same hours for one who joined 2023-09-15: half a year of tenure only on 2024-03-15.
    for (let d = 1; d <= 9; d++) {
      const res = await staff.post("/api/volunteers/records", {
        volunteerId: vols[0],
        title: "大型活动保障",
        signInAt: at(`2024-03-0${d}`, 7),
        signOutAt: at(`2024-03-0${d}`, 19),
      });
      await staff.post(`/api/volunteers/records/${res.json().id}/confirm`);
    }
    expect((await staff.get(`/api/volunteers/${vols[0]}?on=2024-03-14`)).json().star.level).toBe(0);
    expect((await staff.get(`/api/volunteers/${vols[0]}?on=2024-03-15`)).json().star.level).toBe(1);
    // By star level on a date.
    const l1 = (await staff.get("/api/volunteers?star=1&on=2024-03-10")).json();
    expect(l1.items.map((v: any) => v.id)).toEqual([vols[1]]);
    expect(await fig("volunteers.by_star", "2024-01-01", "2024-03-14")).toBe(1);
    expect(await fig("volunteers.by_star", "2024-01-01", "2024-03-31")).toBe(2);
    const groups = (await staff.get(`/api/figures/volunteers.by_star/groups?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31&by=star`)).json()
      .items;
    expect(groups).toEqual([expect.objectContaining({ key: "1", value: 2 })]);
  });

  it("a correction is audited and re-works the stars", async () => {
    const recs = (await staff.get(`/api/volunteers/records?volunteerId=${vols[1]}&pageSize=50`)).json().items;
    const first = recs.find((r: any) => r.serviceDate === "2024-03-01");
    const c = await staff.post(`/api/volunteers/records/${first.id}/correct`, {
      signInAt: at("2024-03-01", 9),
      signOutAt: at("2024-03-01", 12),
      reason: "签到时间登记有误",
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().hours).toBe(3);
    expect(c.json().corrections).toBe(1);
    expect((await staff.get(`/api/volunteers/records/${first.id}/corrections`)).json().items[0].reason).toBe("签到时间登记有误");
    // 99 h now: no star until more service.
    expect((await staff.get(`/api/volunteers/${vols[1]}?on=2024-12-31`)).json().star.level).toBe(0);
  });

  it("bad input: sign-out before sign-in, overlapping hours, signing in twice, confirming twice", async () => {
    const back = await staff.post("/api/volunteers/records", { volunteerId: vols[2], signInAt: at("2024-04-01", 10), signOutAt: at("2024-04-01", 9) });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message).toMatch(/签退时间须晚于签到时间/);
    const ok = await staff.post("/api/volunteers/records", { volunteerId: vols[2], signInAt: at("2024-04-01", 9), signOutAt: at("2024-04-01", 11) });
    expect(ok.statusCode).toBe(201);
    const over = await staff.post("/api/volunteers/records", { volunteerId: vols[2], signInAt: at("2024-04-01", 10), signOutAt: at("2024-04-01", 12) });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toMatch(/时间重叠/);
    const tooLong = await staff.post("/api/volunteers/records", { volunteerId: vols[2], signInAt: at("2024-04-02", 0), signOutAt: at("2024-04-02", 13) });
    expect(tooLong.statusCode).toBe(400);
    const si = await staff.post("/api/volunteers/records/sign-in", { volunteerId: vols[3], title: "社区值守" });
    expect(si.statusCode, si.body).toBe(201);
    expect((await staff.post("/api/volunteers/records/sign-in", { volunteerId: vols[3] })).statusCode).toBe(409);
    expect((await staff.post(`/api/volunteers/records/${si.json().id}/confirm`)).statusCode).toBe(409);
    expect((await staff.post(`/api/volunteers/records/${si.json().id}/sign-out`)).json().state).toBe("pending");
    await staff.post(`/api/volunteers/records/${ok.json().id}/confirm`);
    expect((await staff.post(`/api/volunteers/records/${ok.json().id}/confirm`)).statusCode).toBe(409);
    const en = await (await env.login("staff")).req(
      "POST",
      "/api/volunteers/records",
      { volunteerId: vols[2], signInAt: at("2024-04-01", 10), signOutAt: at("2024-04-01", 9) },
      { headers: { "accept-language": "en" } },
    );
    expect(en.json().error.message).toMatch(/Sign-out must be after sign-in/);
  });

  it("a team is founded once it has a leader and N members; its night patrol opens hazards in safety", async () => {
    const t = await staff.post("/api/volunteers/teams", {
      communityId: env.world.communityId,
      name: "测试夜巡队",
      leaderId: vols[4],
      startedOn: "2024-01-10",
      memberIds: vols.slice(5, 7),
    });
    expect(t.statusCode, t.body).toBe(201);
    expect(t.json().foundedOn).toBeNull();
    const patrol = {
      teamId: t.json().id,
      gridId: env.world.grids[0].id,
      startsAt: at("2024-05-10", 20),
      endsAt: at("2024-05-10", 22, 30),
      route: "狮径村主干道",
      participantIds: [vols[4], vols[5]],
      findings: [{ gridId: env.world.grids[0].id, kind: "用电", place: "狮径村3栋", description: "飞线充电" }],
    };
    const early = await staff.post("/api/volunteers/night-patrols", patrol);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/尚未组建/);
    // Three more members (the setting asks 5 besides the leader): founded on the fifth's date.
    for (const [i, v] of [vols[0], vols[1], vols[2]].entries())
      await staff.post(`/api/volunteers/teams/${t.json().id}/members`, { volunteerId: v, joinedOn: `2024-02-0${i + 1}` });
    const team = (await staff.get(`/api/volunteers/teams/${t.json().id}`)).json();
    expect(team.foundedOn).toBe("2024-02-03");
    const outsider = await staff.post("/api/volunteers/night-patrols", { ...patrol, participantIds: [vols[3]] });
    expect(outsider.statusCode).toBe(409);
    const made = await staff.post("/api/volunteers/night-patrols", patrol);
    expect(made.statusCode, made.body).toBe(201);
    const np = made.json();
    expect(np.participants).toBe(2);
    expect(np.hours).toBe(5);
    expect(np.hazardList).toHaveLength(1);
    expect(np.hazardList[0].status).toBe("found");
    const hz = (await staff.get(`/api/safety/hazards/${np.hazardList[0].id}`)).json();
    expect(hz.source).toBe("night_patrol");
    expect(hz.sourceRef).toBe(np.id);
    expect(hz.foundOn).toBe("2024-05-10");
    await staff.post(`/api/volunteers/night-patrols/${np.id}/findings`, {
      gridId: env.world.grids[0].id,
      kind: "消防",
      place: "狮径村5栋",
      description: "楼道堆放杂物",
    });
    expect((await staff.get(`/api/volunteers/night-patrols/${np.id}`)).json().hazardList).toHaveLength(2);
    // A patrol overlapping a participant's own record is refused whole: nothing half-written.
    const again = await staff.post("/api/volunteers/night-patrols", patrol);
    expect(again.statusCode).toBe(409);
    expect((await staff.get("/api/volunteers/night-patrols")).json().total).toBe(1);
  });

  it("figures from the records, at period ends in local time", async () => {
    // Signed in at 00:30 on 1 February local (16:30 UTC on 31 January): February's.
    const r = await staff.post("/api/volunteers/records", {
      volunteerId: vols[6],
      title: "除夕值守",
      signInAt: at("2024-02-01", 0, 30),
      signOutAt: at("2024-02-01", 2, 30),
    });
    await staff.post(`/api/volunteers/records/${r.json().id}/confirm`);
    expect(await fig("volunteers.hours", "2024-01-01", "2024-01-31")).toBe(0);
    expect(await fig("volunteers.hours", "2024-02-01", "2024-02-29")).toBe(2);
    // 2024: 99 + 108 (two volunteers' March) + 2 (April) + 2 (February) + 2 × 2.5 (the night patrol).
    expect(await fig("volunteers.hours", "2024-01-01", "2024-12-31")).toBe(99 + 108 + 2 + 2 + 5);
    expect(await fig("volunteers.active", "2024-01-01", "2024-12-31")).toBe(6);
    expect(await fig("volunteers.active", "2024-02-01", "2024-02-29")).toBe(1);
    expect(await fig("volunteers.night_patrols", "2024-01-01", "2024-12-31")).toBe(1);
    expect(await fig("volunteers.night_patrols", "2024-06-01", "2024-12-31")).toBe(0);
    const months = (await staff.get(`/api/figures/volunteers.hours/groups?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31&by=month`)).json()
      .items;
    expect(months.find((g: any) => g.key === "2024-03").value).toBe(99 + 108);
    // Breakdowns add up to the value, and a group's drill-down is its records.
    const q = `region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`;
    const byGrid = (await staff.get(`/api/figures/volunteers.hours/groups?${q}&by=grid`)).json().items;
    expect(byGrid.reduce((n: number, g: any) => n + g.value, 0)).toBe(99 + 108 + 2 + 2 + 5);
    const g0 = byGrid[0];
    const recs = (await staff.get(`/api/figures/volunteers.hours/records?${q}&f.grid=${g0.key}&pageSize=200`)).json();
    expect(recs.rows.reduce((n: number, r: any) => n + r.minutes, 0) / 60).toBe(g0.value);
    const byTeam = (await staff.get(`/api/figures/volunteers.hours/groups?${q}&by=team`)).json().items;
    expect(byTeam.find((g: any) => g.label === "测试夜巡队").value).toBe(5);
    const activeGrid = (await staff.get(`/api/figures/volunteers.active/groups?${q}&by=grid`)).json().items;
    expect(activeGrid.reduce((n: number, g: any) => n + g.value, 0)).toBe(6);
    const drill = (await staff.get(`/api/figures/volunteers.night_patrols/records?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31`)).json();
    expect(drill.rows[0].hazards).toBe(2);
  });

  it("five stars with thresholds from the settings: reached in the year of the first date at 5★", async () => {
    const levels = [1, 2, 3, 4, 5].map((level) => ({ level, hours: level * 10, tenureMonths: level === 5 ? 24 : 0 }));
    expect((await admin.put("/api/settings/volunteers.star_levels", { value: levels, regionId: env.world.communityId })).statusCode).toBe(200);
    // joined 2023-01-01; 50 h by 2024-06-05 → five stars on 2025-01-01 when two years of tenure are met.
    for (let d = 1; d <= 5; d++) {
      const res = await staff.post("/api/volunteers/records", {
        volunteerId: vols[3],
        title: "长者探访",
        signInAt: at(`2024-06-0${d}`, 8),
        signOutAt: at(`2024-06-0${d}`, 18),
      });
      expect((await staff.post(`/api/volunteers/records/${res.json().id}/confirm`)).statusCode).toBe(200);
    }
    expect(await fig("volunteers.five_star", "2024-01-01", "2024-12-31")).toBe(0);
    expect(await fig("volunteers.five_star", "2025-01-01", "2025-12-31")).toBe(1);
    expect((await staff.get(`/api/volunteers/${vols[3]}?on=2024-12-31`)).json().star.level).toBe(4);
    // Others' star dates follow the new thresholds once re-worked (99 h: four stars; five from 2025-01-01).
    expect((await staff.get(`/api/volunteers/${vols[1]}?on=2024-12-31`)).json().star.level).toBe(0);
    expect((await staff.post("/api/volunteers/stars/recompute")).json().volunteers).toBe(7);
    expect((await staff.get(`/api/volunteers/${vols[1]}?on=2024-12-31`)).json().star.level).toBe(4);
    expect(await fig("volunteers.five_star", "2025-01-01", "2025-12-31")).toBe(3);
  });

  it("exports the registry and hours, imports hours all or nothing, and writes a certificate", async () => {
    const x = await staff.get("/api/volunteers/export.xlsx");
    expect(x.statusCode).toBe(200);
    const h = await staff.get("/api/volunteers/records/export.xlsx");
    expect(h.statusCode).toBe(200);
    const c = await staff.get(`/api/volunteers/${vols[1]}/certificate.docx`);
    expect(c.statusCode).toBe(200);
    expect(c.headers["content-type"]).toMatch(/wordprocessingml/);
    const { toXlsx } = await import("../../io/xlsx.js");
    const code = (await staff.get(`/api/volunteers/${vols[6]}`)).json().volunteer.code;
    const sheet = (rows: Array<Record<string, string>>) =>
      toXlsx(
        "服务时数",
        ["志愿者编号", "服务内容", "签到时间", "签退时间"].map((k) => ({ header: k, key: k })),
        rows,
      );
    const upload = async (buf: Buffer) => {
      const boundary = "----vol";
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="h.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        buf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return staff.req("POST", `/api/volunteers/records/import?communityId=${env.world.communityId}`, body, {
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
    };
    const good = { 志愿者编号: code, 服务内容: "图书室管理", 签到时间: "2024-07-01 09:00", 签退时间: "2024-07-01 12:00" };
    const bad = await upload(await sheet([good, { ...good, 签到时间: "2024-07-02 12:00", 签退时间: "2024-07-02 09:00" }]));
    expect(bad.json().errors).toHaveLength(1);
    expect(bad.json().errors[0].row).toBe(3);
    expect(await fig("volunteers.hours", "2024-07-01", "2024-07-31")).toBe(0);
    const ok = await upload(await sheet([good]));
    expect(ok.json()).toMatchObject({ created: 1, errors: [] });
    expect((await upload(await sheet([good]))).json()).toMatchObject({ created: 0, unchanged: 1 });
    expect(await fig("volunteers.hours", "2024-07-01", "2024-07-31")).toBe(3);

    // The registry: matched to the people registry by ID number; an unknown one refuses the whole file.
    const p = await env.factories.makePerson(env.world.communityId, env.world.grids[1].id);
    const vSheet = (rows: Array<Record<string, string>>) =>
      toXlsx(
        "志愿者",
        ["身份证号", "姓名", "注册日期", "技能"].map((k) => ({ header: k, key: k })),
        rows,
      );
    const row = { 身份证号: p.idNumber as string, 姓名: p.name, 注册日期: "2024-02-01", 技能: "摄影、急救" };
    const uploadTo = async (url: string, buf: Buffer) => {
      const boundary = "----vol";
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        buf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return staff.req("POST", `${url}?communityId=${env.world.communityId}`, body, {
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
    };
    const refusedFile = await uploadTo("/api/volunteers/import", await vSheet([row, { ...row, 身份证号: "440309199001019999" }]));
    expect(refusedFile.json().errors[0]).toMatchObject({ row: 3 });
    expect((await staff.get("/api/volunteers")).json().total).toBe(7);
    expect((await uploadTo("/api/volunteers/import", await vSheet([row]))).json()).toMatchObject({ created: 1, errors: [] });
    expect((await uploadTo("/api/volunteers/import", await vSheet([row]))).json()).toMatchObject({ created: 0, unchanged: 1 });
    const listed = (await staff.get("/api/volunteers?pageSize=50")).json();
    expect(listed.total).toBe(8);
    expect(listed.items.find((v: any) => v.personId === p.id).skills).toEqual(["摄影", "急救"]);
  });

  it("the volunteer's own page: only with an account linked", async () => {
    const v1 = await env.login("volunteer01");
    expect((await v1.get("/api/volunteers/me")).statusCode).toBe(404);
    expect((await v1.get("/api/volunteers")).statusCode).toBe(403);
    const users = (await admin.get("/api/users?pageSize=100")).json();
    const u = (users.items ?? []).find((x: any) => x.username === "volunteer01");
    await staff.patch(`/api/volunteers/${vols[1]}`, { userId: u.id });
    const me = (await v1.get("/api/volunteers/me")).json();
    expect(me.volunteer.id).toBe(vols[1]);
    expect(me.hoursTotal).toBe(99);
    expect(me.records.length).toBe(9);
  });

  it("the volunteer signs in at an activity by scanning its check-in QR code: the activity's rules apply", async () => {
    const v1 = await env.login("volunteer01");
    const leader = await env.login("leader");
    const now = Date.now();
    const mk = async (startMin: number, endMin: number, title: string) => {
      const res = await leader.post("/api/activities", {
        communityId: env.world.communityId,
        typeCode: "F02",
        title,
        startsAt: new Date(now + startMin * 60_000).toISOString(),
        endsAt: new Date(now + endMin * 60_000).toISOString(),
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const url = (await leader.get(`/api/activities/${id}/qr`)).json().url as string;
      return { id, k: new URL(url).searchParams.get("k") as string };
    };
    const later = await mk(3 * 24 * 60, 3 * 24 * 60 + 120, "三天后的义诊");
    const early = await v1.post("/api/volunteers/me/sign-in", { activityId: later.id, k: later.k });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("签到尚未开始");
    const open = await mk(-10, 110, "社区义诊");
    const wrong = await v1.post("/api/volunteers/me/sign-in", { activityId: open.id, k: "WRONG" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("签到码无效");
    expect((await v1.get("/api/volunteers/me")).json().openRecord).toBeNull();
    const ok = await v1.post("/api/volunteers/me/sign-in", { activityId: open.id, k: open.k });
    expect(ok.statusCode, ok.body).toBe(200);
    const me = (await v1.get("/api/volunteers/me")).json();
    expect(me.openRecord).toMatchObject({ id: ok.json().id, title: "社区义诊", state: "open" });
    const rec = await env.database.db
      .selectFrom("vol_records")
      .select(["activity_id", "method", "kind"])
      .where("id", "=", ok.json().id)
      .executeTakeFirstOrThrow();
    expect(rec).toEqual({ activity_id: open.id, method: "qr", kind: "activity" });
    // The participants' attendance is not touched: a volunteer serves at the activity.
    expect((await leader.get(`/api/activities/${open.id}`)).json().attendance).toBe(0);
    expect((await v1.post("/api/volunteers/me/sign-out")).statusCode).toBe(200);
  });
});
