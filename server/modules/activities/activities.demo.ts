// The demo community's 2024 venues, self-inspections, activities and attendance, made through this
// module's services over the demo's movable clock, so that the seed's figures come out exactly:
// venue.opened 1 (狮径公园党群服务驿站), venue.regular_activities 110 / venue.regular_attendance 5300,
// venue.trainings 46 / venue.training_attendance 920, venue.self_check_issues 86, activities.count
// 205 / activities.attendance 7900, activities.walkathon_edition 9 (为爱益行 since 2016),
// activities.tea_talks 12 (with the 22 tea-talk appeals registered through the appeals api),
// activities.women_outreach_attendance 76, safety.drills 20. Some activities lie after "today",
// with sign-ups open, so the pages show something live.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { rng } from "../../demo/random.js";
import { addDays, localDate, zonedInstant } from "../../platform/dates.js";
import type { Actor, Deps } from "../../platform/http.js";
import { peopleInScope } from "../../platform/people/people.repo.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { ActivitiesServices } from "./activities.services.js";

async function actor(db: Kysely<DB>, username: string): Promise<Who> {
  const u = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
  const scope = await scopeOf(db, u.scope_region_id);
  if (!scope) throw new Error(`no scope for ${username}`);
  const a: Actor = { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scopeRegionId: u.scope_region_id };
  return { user: a, scope, ip: null };
}

/** The 22 tea-talk appeals per month (the appeals demo's own spread of them over 2024). */
export const TEA_TALK_APPEALS_PER_MONTH = [2, 2, 2, 2, 2, 3, 3, 2, 1, 1, 1, 1];
const TEA_TALK_TOPICS: Array<[string, string]> = [
  ["QT02", "建议在小区广场增设休闲座椅"],
  ["SR04", "绿化带杂草丛生，建议定期修剪"],
  ["JM01", "车辆乱停放堵塞消防通道"],
  ["MS06", "独居老人希望社区提供助餐服务"],
];

/** Splits `total` over `n` items as evenly as possible (the first ones get the remainder). */
const spread = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

export async function seedActivities(svc: ActivitiesServices, deps: Pick<Deps, "db" | "config">, ctx: DemoContext) {
  const { world, clock, log } = ctx;
  const db = deps.db;
  const tz = deps.config.timeZone;
  const r = rng(20241111);
  const t0 = Date.now();
  const leader = await actor(db, "leader");
  const staff = await actor(db, "staff");
  const org = (name: string) => world.orgs[name] ?? null;
  const cid = world.communityId;
  const at = (date: string, hhmm: string) => zonedInstant(date, hhmm, tz).toISOString();
  const set = (iso: string) => clock.set(iso);
  const grid = (i: number) => world.grids[i % world.grids.length].id;

  const people = await peopleInScope(db, staff.scope)
    .select(["p.id", "p.name", "p.phone", "p.grid_id"])
    .where("p.community_id", "=", cid)
    .where("p.archived", "=", 0)
    .orderBy("p.id")
    .execute();
  const withPhone = people.filter((p) => p.phone);
  const pickPeople = (n: number) => r.shuffle(people.slice()).slice(0, n);

  // ---------------------------------------------------------------- venues, rooms, partners
  set("2024-01-02T01:00:00Z");
  const centre = await svc.venues.create(leader, {
    communityId: cid,
    name: "福民社区党群服务中心",
    kind: "党群服务中心",
    address: "龙华区福城街道福民路 88 号",
    gridId: grid(1),
    orgId: org("中共福民社区委员会"),
    state: "open",
    openedOn: "2019-05-20",
    hours: "周一至周日 09:00–21:00",
  });
  const rooms = {
    hall: await svc.venues.addRoom(leader, centre.id, { name: "多功能厅", capacity: 120 }),
    meeting: await svc.venues.addRoom(leader, centre.id, { name: "会议室", capacity: 30 }),
    cinema: await svc.venues.addRoom(leader, centre.id, { name: "亲邻影院", capacity: 80 }),
    kids: await svc.venues.addRoom(leader, centre.id, { name: "儿童之家", capacity: 40 }),
  };
  const school = await svc.venues.create(leader, {
    communityId: cid,
    name: "行知学校社校共建基地",
    kind: "共建基地",
    address: "龙华区福城街道狮径路行知学校",
    gridId: grid(0),
    orgId: org("深圳市龙华区行知学校"),
    state: "open",
    openedOn: "2023-09-01",
    hours: "周末及寒暑假 09:00–17:00",
  });
  const _schoolRoom = await svc.venues.addRoom(leader, school.id, { name: "学校礼堂", capacity: 300 });
  const park = await svc.venues.create(leader, {
    communityId: cid,
    name: "狮径公园共建基地",
    kind: "共建基地",
    address: "龙华区福城街道狮径公园",
    gridId: grid(0),
    orgId: org("深圳市狮径股份合作公司"),
    state: "open",
    openedOn: "2022-06-01",
    hours: "全天开放",
  });
  const station = await svc.venues.create(leader, {
    communityId: cid,
    name: "狮径公园党群服务驿站",
    kind: "党群服务驿站",
    address: "龙华区福城街道狮径公园东门",
    gridId: grid(0),
    orgId: org("中共福民社区狮径党支部"),
    state: "planning",
    hours: "周二至周日 09:00–18:00",
  });
  const stationRoom = await svc.venues.addRoom(leader, station.id, { name: "驿站活动室", capacity: 30 });
  for (const [name, offers] of [
    ["深圳市龙华区行知学校", ["venue", "volunteers"]],
    ["深圳市狮径股份合作公司", ["venue", "money"]],
    ["福城派出所福民警务室", ["services"]],
    ["福民社区社康中心", ["services", "volunteers"]],
  ] as const) {
    const o = org(name);
    if (o) await svc.venues.addPartner(leader, { communityId: cid, orgId: o, offers: [...offers], fromDate: "2024-01-01", toDate: "2026-12-31" });
  }
  set(at("2024-04-18", "10:00"));
  await svc.venues.setState(leader, station.id, "open", "2024-04-18");
  const stationOpen = "2024-04-18";

  // ---------------------------------------------------------------- self-inspections: 86 issues
  const checklist = await svc.inspections.checklist("党群服务中心");
  const inspectVenues = [centre, school, park, station];
  const visits: Array<{ venueId: string; date: string }> = [];
  for (let m = 1; m <= 12; m++)
    for (const v of inspectVenues) {
      const date = `2024-${String(m).padStart(2, "0")}-${String(8 + inspectVenues.indexOf(v) * 3).padStart(2, "0")}`;
      if (v.id === station.id && date < stationOpen) continue;
      visits.push({ venueId: v.id, date });
    }
  const failed = spread(86, visits.length);
  for (const [i, v] of visits.entries()) {
    set(at(v.date, "15:00"));
    const fails = new Set(r.shuffle(checklist.map((_, k) => k)).slice(0, failed[i]));
    const res = await svc.inspections.inspect(staff, v.venueId, {
      inspectedOn: v.date,
      inspector: "社区工作人员",
      items: checklist.map((item, k) => ({
        item,
        passed: !fails.has(k),
        note: fails.has(k) ? "现场检查发现，已拍照" : null,
        assignee: fails.has(k) ? "阵地管理员" : null,
      })),
    });
    // Rectified within days by staff, checked by the leader (another person) — the December ones stay open.
    for (const issueId of res.issueIds) {
      if (v.date >= "2024-12-10") continue;
      const fixed = addDays(v.date, r.int(1, 10));
      set(at(fixed, "16:00"));
      await svc.inspections.rectify(staff, issueId, { on: fixed, note: "已整改到位" });
      const checked = addDays(fixed, 1);
      set(at(checked, "10:00"));
      await svc.inspections.verify(leader, issueId, { on: checked, passed: true });
    }
  }

  // ---------------------------------------------------------------- activities
  const used = new Set<string>();
  /** A free day for a room from `date` on (one activity per room and day). */
  const freeDay = (roomKey: string, date: string) => {
    let d = date;
    while (used.has(`${roomKey}|${d}`) && addDays(d, 1).slice(0, 4) === date.slice(0, 4)) d = addDays(d, 1);
    while (used.has(`${roomKey}|${d}`)) d = addDays(d, -1);
    used.add(`${roomKey}|${d}`);
    return d;
  };
  const dayIn = (month: number, k: number, n: number) => {
    const days = new Date(Date.UTC(2024, month, 0)).getUTCDate();
    return `2024-${String(month).padStart(2, "0")}-${String(Math.min(days, 1 + Math.floor(((k + 0.5) * days) / n))).padStart(2, "0")}`;
  };
  type Plan = {
    title: string;
    typeCode: string;
    date: string;
    start: string;
    end: string;
    roomId?: string;
    venueId?: string;
    location?: string;
    online?: boolean;
    organiser?: string | null;
    co?: string[];
    seriesId?: string;
    audience?: string[];
    capacity?: number;
  };
  let made = 0;
  async function hold(p: Plan, how: { headCount?: number; people?: number; categories?: Array<string | null>; signupCheckin?: number }) {
    set(at(p.date, "08:00"));
    const a = await svc.activities.create(leader, {
      communityId: cid,
      title: p.title,
      typeCode: p.typeCode,
      organiserId: p.organiser ?? org("中共福民社区委员会"),
      coOrganiserIds: (p.co ?? []).map(org).filter((x): x is string => !!x),
      venueId: p.venueId ?? null,
      roomId: p.roomId ?? null,
      location: p.location ?? null,
      online: p.online ?? false,
      startsAt: at(p.date, p.start),
      endsAt: at(p.date, p.end),
      capacity: p.capacity ?? null,
      audience: (p.audience ?? ["居民"]) as never,
      seriesId: p.seriesId ?? null,
    });
    made++;
    if (how.signupCheckin) {
      const who = pickPeople(how.signupCheckin);
      const codes: string[] = [];
      for (const person of who) codes.push((await svc.attendance.signUp(staff, a.id, { personId: person.id })).code);
      set(at(p.date, p.start));
      const k = (await svc.activities.raw(staff.scope, a.id)).checkin_code;
      for (const code of codes) await svc.attendance.checkin(a.id, { k, signupCode: code });
    }
    set(at(p.date, p.end));
    if (how.people) {
      const list = pickPeople(how.people);
      await svc.attendance.attend(staff, a.id, { entries: list.map((x, i) => ({ personId: x.id, category: (how.categories?.[i] ?? null) as never })) });
    }
    if (how.headCount != null) await svc.attendance.headCount(staff, a.id, { count: how.headCount, note: "现场清点" });
    return a;
  }

  // 常态化服务 at the venues: 110, 5300 person-times (亲邻影院 by head count, the others by list).
  const regularAtt = spread(5300, 110);
  for (let i = 0; i < 110; i++) {
    const month = 1 + (i % 12);
    const cinema = i % 2 === 0;
    let date = dayIn(month, Math.floor(i / 12), 10);
    if (!cinema && i % 4 === 1 && date < stationOpen) date = addDays(stationOpen, i);
    const atStation = !cinema && i % 4 === 1;
    const roomId = cinema ? rooms.cinema.id : atStation ? stationRoom.id : rooms.hall.id;
    date = freeDay(roomId, date);
    await hold(
      {
        title: cinema ? `亲邻影院·周末观影第${Math.floor(i / 2) + 1}期` : atStation ? "驿站便民服务日（理发、量血压、家电维修）" : "党群服务中心常态化便民服务",
        typeCode: cinema ? "R01" : "R02",
        date,
        start: cinema ? "19:00" : "09:00",
        end: cinema ? "21:00" : "11:30",
        roomId,
        organiser: cinema ? org("福民亲邻社工服务中心") : org("中共福民社区委员会"),
      },
      cinema
        ? { headCount: regularAtt[i] }
        : { people: Math.min(regularAtt[i], people.length), headCount: Math.max(0, regularAtt[i] - people.length) || undefined },
    );
  }

  // 专题培训: 46, 20 participants each (920), by category.
  const CATS: string[][] = [
    [...Array(12).fill("staff"), ...Array(4).fill("volunteer"), ...Array(4).fill("other")],
    [...Array(10).fill("applicant"), ...Array(6).fill("staff"), ...Array(4).fill("other")],
    [...Array(14).fill("volunteer"), ...Array(6).fill("other")],
  ];
  const TRAINING_TITLES = ["社区工作人员业务能力培训", "入党积极分子和发展对象培训", "志愿者服务技能培训"];
  for (let i = 0; i < 46; i++) {
    const month = 1 + (i % 12);
    const date = freeDay(rooms.meeting.id, dayIn(month, Math.floor(i / 12) + 1, 6));
    await hold(
      {
        title: `${TRAINING_TITLES[i % 3]}（第${Math.floor(i / 3) + 1}期）`,
        typeCode: "T01",
        date,
        start: "14:30",
        end: "17:00",
        roomId: rooms.meeting.id,
        capacity: 30,
        audience: [["社区工作人员"], ["发展对象"], ["志愿者"]][i % 3],
      },
      { people: 20, categories: CATS[i % 3] },
    );
  }

  // 书记茶话会: 12, one a month, each collecting the month's tea-talk appeals.
  const teaTalks: string[] = [];
  let appealNo = 0;
  for (let m = 1; m <= 12; m++) {
    const date = freeDay(rooms.meeting.id, `2024-${String(m).padStart(2, "0")}-16`);
    const a = await hold(
      { title: `${m}月书记茶话会：听民意、解民忧`, typeCode: "C01", date, start: "19:30", end: "21:00", roomId: rooms.meeting.id },
      { people: 12 + (m % 5) },
    );
    teaTalks.push(a.id);
    for (let k = 0; k < TEA_TALK_APPEALS_PER_MONTH[m - 1]; k++) {
      const [cat, title] = TEA_TALK_TOPICS[appealNo++ % TEA_TALK_TOPICS.length];
      const person = withPhone.length ? withPhone[r.int(0, withPhone.length - 1)] : null;
      set(at(date, `21:${String(10 + k * 5).padStart(2, "0")}`));
      await svc.teaTalks.registerAppeal(leader, a.id, {
        categoryCode: cat,
        title,
        content: `书记茶话会上居民提出：${title}。`,
        gridId: person?.grid_id ?? grid(k),
        appellantPersonId: person?.id ?? null,
        appellantName: person ? null : "居民代表",
        appellantPhone: person ? null : "13800000000",
        appealType: cat === "QT02" ? "suggestion" : "help",
      });
    }
  }

  // 消防演练 12 and 防灾减灾讲座 8: 20, by head count.
  for (let i = 0; i < 20; i++) {
    const drill = i < 12;
    const month = drill ? i + 1 : [3, 5, 5, 7, 9, 10, 11, 12][i - 12];
    const date = dayIn(month, drill ? 2 : 3, 4);
    await hold(
      {
        title: drill ? `${month}月消防安全应急疏散演练` : "防灾减灾知识讲座",
        typeCode: drill ? "S01" : "S02",
        date: drill ? date : freeDay(rooms.hall.id, date),
        start: "10:00",
        end: "11:30",
        roomId: drill ? undefined : rooms.hall.id,
        venueId: drill ? park.id : undefined,
        location: drill ? "狮径公园广场" : undefined,
        organiser: drill ? org("福城派出所福民警务室") : org("中共福民社区委员会"),
      },
      { headCount: 30 + ((i * 7) % 31) },
    );
  }

  // 品牌项目: 为爱益行 since 2016 (the 2024 walk is the 9th), 青年杯 basketball.
  set("2024-01-03T01:00:00Z");
  const walk = await svc.activities.createSeries(leader, {
    communityId: cid,
    name: "为爱益行公益徒步",
    kind: "walkathon",
    typeCode: "B01",
    firstYear: 2016,
    orgId: org("共青团福民社区委员会"),
  });
  const cup = await svc.activities.createSeries(leader, {
    communityId: cid,
    name: "青年杯篮球赛",
    kind: "basketball",
    typeCode: "B02",
    firstYear: 2019,
    orgId: org("共青团福民社区委员会"),
  });
  for (let y = 2016; y <= 2024; y++) {
    const date = `${y}-11-${y === 2024 ? "16" : "12"}`;
    set(at(date, "07:00"));
    const a = await svc.activities.create(leader, {
      communityId: cid,
      title: `第${y - 2015}届“为爱益行”公益徒步`,
      typeCode: "B01",
      organiserId: org("共青团福民社区委员会"),
      coOrganiserIds: [org("深圳市狮径股份合作公司")].filter((x): x is string => !!x),
      venueId: park.id,
      location: "狮径公园—观澜河绿道",
      startsAt: at(date, "08:00"),
      endsAt: at(date, "11:30"),
      seriesId: walk.id,
    });
    set(at(date, "12:00"));
    await svc.attendance.headCount(staff, a.id, { count: 200 + (y - 2016) * 25, note: "报名人数与现场清点" });
  }
  for (let k = 0; k < 4; k++)
    await hold(
      {
        title: `2024“青年杯”篮球赛第${k + 1}轮`,
        typeCode: "B02",
        date: `2024-08-${String(3 + k * 7).padStart(2, "0")}`,
        start: "19:00",
        end: "21:00",
        location: "行知学校篮球场",
        venueId: school.id,
        seriesId: cup.id,
        organiser: org("共青团福民社区委员会"),
      },
      { headCount: 80 + k * 10 },
    );

  // 特色服务活动: 205, 7900 person-times.
  const featuredAtt = spread(7900, 205);
  const FEATURED: Array<{
    code: string;
    n: number;
    title: string;
    months: number[];
    org: string;
    co?: string[];
    how: "signup" | "list" | "head";
    room?: string;
    online?: boolean;
  }> = [
    {
      code: "F01",
      n: 40,
      title: "儿童暑假课堂",
      months: [7, 8],
      org: "福民亲邻社工服务中心",
      co: ["深圳市龙华区行知学校"],
      how: "signup",
      room: rooms.kids.id,
    },
    {
      code: "F02",
      n: 48,
      title: "中医护老·义诊与养生讲座",
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      org: "福民社区社康中心",
      how: "list",
      room: rooms.hall.id,
    },
    {
      code: "F03",
      n: 36,
      title: "亲邻服务集市",
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      org: "中共福民社区委员会",
      co: ["深圳市狮径股份合作公司"],
      how: "head",
    },
    { code: "F04", n: 30, title: "年味年俗线上互动", months: [1, 2, 2, 9, 10, 12], org: "共青团福民社区委员会", how: "head", online: true },
    { code: "F05", n: 51, title: "节日主题活动", months: [1, 2, 3, 4, 5, 6, 9, 10, 11, 12], org: "中共福民社区委员会", how: "list", room: stationRoom.id },
  ];
  let fi = 0;
  for (const f of FEATURED)
    for (let k = 0; k < f.n; k++) {
      const month = f.months[k % f.months.length];
      let date = dayIn(month, Math.floor(k / f.months.length), Math.ceil(f.n / f.months.length));
      let roomId = f.room;
      if (roomId === stationRoom.id && date < stationOpen) roomId = rooms.hall.id;
      if (roomId) date = freeDay(roomId, date);
      const n = featuredAtt[fi++];
      const cap = roomId === rooms.kids.id ? 40 : roomId === stationRoom.id ? 30 : undefined;
      const listN = Math.min(n, cap ?? n, people.length);
      await hold(
        {
          title: `${f.title}（${month}月）`,
          typeCode: f.code,
          date,
          start: f.online ? "20:00" : "09:30",
          end: f.online ? "21:30" : "11:30",
          roomId,
          venueId: roomId ? undefined : park.id,
          location: roomId ? undefined : f.online ? "线上（微信群直播）" : "狮径公园广场",
          online: f.online,
          organiser: org(f.org),
          co: f.co,
          capacity: cap,
          audience: f.code === "F01" ? ["儿童"] : f.code === "F02" ? ["老年人"] : ["居民"],
        },
        f.how === "signup"
          ? { signupCheckin: listN, headCount: n - listN || undefined }
          : f.how === "list"
            ? { people: listN, headCount: n - listN || undefined }
            : { headCount: n },
      );
    }

  // 妇女组织的公益服务: 家长学堂 and 走访慰问, 76 person-times.
  const outreachAtt = [10, 9, 10, 9, 10, 9, 10, 9];
  for (let k = 0; k < 8; k++) {
    const visit = k >= 4;
    const date = visit ? `2024-${["06", "09", "10", "12"][k - 4]}-20` : freeDay(rooms.kids.id, `2024-${["03", "05", "10", "11"][k]}-23`);
    await hold(
      {
        title: visit ? "巾帼走访慰问困难家庭" : "家长学堂：陪伴孩子健康成长",
        typeCode: visit ? "O02" : "O01",
        date,
        start: "14:00",
        end: "16:00",
        roomId: visit ? undefined : rooms.kids.id,
        location: visit ? "辖区困难家庭" : undefined,
        organiser: visit ? org(`第${k - 3}网格妇联`) : org("福民社区妇女联合会"),
        audience: visit ? ["妇女", "老年人"] : ["妇女", "儿童"],
      },
      { people: outreachAtt[k] },
    );
  }

  // Upcoming: open for sign-up after "today".
  const today = localDate(ctx.now, tz);
  clock.set(ctx.now.toISOString());
  const upcoming: Array<[string, string, number, string, number | null]> = [
    ["亲邻服务集市（本月）", "F03", 5, "09:30", null],
    ["亲邻影院·周末观影", "R01", 3, "19:00", 80],
    ["中医护老·义诊与养生讲座", "F02", 8, "09:30", 40],
    ["志愿者服务技能培训", "T01", 10, "14:30", 30],
  ];
  for (const [title, typeCode, inDays, start, cap] of upcoming) {
    const date = addDays(today, inDays);
    const roomId = typeCode === "R01" ? rooms.cinema.id : typeCode === "T01" ? rooms.meeting.id : typeCode === "F02" ? rooms.hall.id : undefined;
    const a = await svc.activities.create(leader, {
      communityId: cid,
      title,
      typeCode,
      organiserId: org("中共福民社区委员会"),
      roomId: roomId ?? null,
      venueId: roomId ? null : park.id,
      location: roomId ? null : "狮径公园广场",
      startsAt: at(date, start),
      endsAt: at(date, start === "19:00" ? "21:00" : start === "14:30" ? "17:00" : "11:30"),
      capacity: cap,
    });
    for (const p of pickPeople(cap ? Math.min(6, cap) : 4)) await svc.attendance.signUp(staff, a.id, { personId: p.id });
  }
  log(`activities: ${made + 13} activities, 4 venues, ${visits.length} self-inspections, 22 tea-talk appeals in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
