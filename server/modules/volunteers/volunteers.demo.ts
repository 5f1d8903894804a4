import type { Kysely } from "kysely";
import type { HAZARD_KINDS } from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import { rng } from "../../demo/random.js";
import { addDays, localDate } from "../../platform/dates.js";
import type { Deps } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { VolunteerServices } from "./volunteers.services.js";

// The demo community's volunteers through the module's own services, over the demo's movable clock:
// a few hundred volunteers of the people registry with years of history, the 夜巡队 and 巾帼志愿服务队
// (founded 成熟即建 on their organisations' dates), 32 night patrols in 2024 that found the 206
// safety problems the safety module counts (each opened through safety's hazard service with the
// patrol's id, then assigned, rectified, verified and closed), and the hours that make exactly four
// volunteers reach five stars in 2024 (one more reached them in 2023; a few stay at four).
export const SEED_2024 = { nightPatrols: 32, fiveStar: 4, nightPatrolHazards: 206 };

const HAZARDS: Array<[(typeof HAZARD_KINDS)[number], string[]]> = [
  ["消防", ["楼道堆放易燃杂物", "消防通道被占用", "灭火器过期"]],
  ["用电", ["电动车入户充电", "飞线充电", "电线私拉乱接"]],
  ["燃气", ["液化气瓶存放在室内", "燃气软管老化"]],
  ["高空坠物", ["阳台花盆摆放在护栏外", "广告牌松动"]],
  ["交通", ["路口视线被遮挡", "井盖缺失"]],
  ["河道", ["河道护栏破损"]],
];
const SERVICES = ["社区环境清洁", "长者探访", "文明交通劝导", "党群服务中心值守", "垃圾分类督导", "防疫宣传", "图书室管理"];

async function whoFor(db: Kysely<DB>, username: string): Promise<Who> {
  const u = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "role", "scope_region_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const scope = await scopeOf(db, u.scope_region_id);
  if (!scope) throw new Error(`no scope for ${username}`);
  return { user: { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scopeRegionId: u.scope_region_id }, scope };
}
/** Local time in Shenzhen (UTC+8, no daylight saving) as an ISO instant. */
const local = (date: string, hh: number, mm = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + ((hh - 8) * 60 + mm) * 60_000).toISOString();

export async function seedVolunteers(svc: VolunteerServices, deps: Pick<Deps, "db" | "config">, ctx: DemoContext) {
  const { world, clock, log, now } = ctx;
  const { db } = deps;
  const tz = deps.config.timeZone;
  const r = rng(12_2024);
  const staff = await whoFor(db, "staff");
  const leader = await whoFor(db, "leader");
  const grids: Who[] = [];
  for (let i = 1; i <= 12; i++) grids.push(await whoFor(db, `grid${String(i).padStart(2, "0")}`));
  const gridIndex = new Map(world.grids.map((g, i) => [g.id, i]));
  const at = (iso: string) => clock.set(iso);
  const tx = <T>(fn: (trx: Kysely<DB>) => Promise<T>) => db.transaction().execute(fn);

  // ---- the registry: adults of the people registry, joined over the years
  const people = await db
    .selectFrom("people")
    .select(["id", "birth_date", "grid_id"])
    .where("community_id", "=", world.communityId)
    .where("birth_date", "<=", "2004-01-01")
    .where("birth_date", ">=", "1950-01-01")
    .where("grid_id", "is not", null)
    .orderBy("id")
    .limit(320)
    .execute()
    .then((ps) => r.shuffle(ps));
  const joined: string[] = [];
  const ids: string[] = [];
  // Each volunteer's service spans made here, so no two records of one volunteer overlap (the
  // records service refuses that): activities of one day, an evening activity and a night patrol.
  const busy = new Map<string, Array<[number, number]>>();
  const free = (v: string, from: string, to: string) => !(busy.get(v) ?? []).some(([a, b]) => Date.parse(from) < b && a < Date.parse(to));
  const book = (v: string, from: string, to: string) => busy.set(v, [...(busy.get(v) ?? []), [Date.parse(from), Date.parse(to)]]);
  await tx(async (trx) => {
    for (const [k, p] of people.entries()) {
      // The first eight are the long-serving core (5★ and 4★); the rest joined 2019–2024.
      const j =
        k < 8
          ? addDays(["2016-03-05", "2017-06-10", "2018-04-01", "2022-03-15", "2015-09-01", "2019-05-01", "2020-03-01", "2021-01-10"][k], 0)
          : addDays("2019-01-01", r.int(0, 5 * 365 + 250));
      at(local(j, 10));
      ids.push(
        await svc.registry.create(
          staff,
          {
            personId: p.id,
            joinedOn: j,
            skills: r.chance(0.3) ? [r.pick(["急救", "摄影", "法律咨询", "心理疏导", "维修", "普通话教学"])] : [],
            availability: r.pick(["周末", "工作日晚上", "随时", null]),
          },
          trx,
        ),
      );
      joined.push(j);
    }
  });

  // ---- the core's hours: whole-day services (08:30–16:30) over the years, stars re-worked once each
  // Hours by the end of 2023, and in 2024: four cross 1,500 h in 2024 (the fourth, joined 2022-03-15,
  // has the hours in 2023 and reaches five stars on its second anniversary), one crossed in 2023, three stay at 4★.
  const core: Array<{ before: number; in2024: number }> = [
    { before: 1440, in2024: 120 },
    { before: 1400, in2024: 160 },
    { before: 1480, in2024: 64 },
    { before: 1504, in2024: 40 },
    { before: 1600, in2024: 80 },
    { before: 1100, in2024: 200 },
    { before: 1000, in2024: 160 },
    { before: 1040, in2024: 120 },
  ];
  for (const [k, c] of core.entries()) {
    if (k >= ids.length) break;
    await tx(async (trx) => {
      const start = joined[k] > "2019-01-01" ? joined[k] : "2019-01-01";
      const spans = [
        { from: start, to: "2023-12-20", hours: c.before },
        { from: "2024-01-06", to: "2024-10-30", hours: c.in2024 },
      ];
      for (const s of spans) {
        const n = Math.round(s.hours / 8);
        const days = Math.floor((Date.parse(s.to) - Date.parse(s.from)) / 86_400_000);
        for (let i = 0; i < n; i++) {
          const d = addDays(s.from, Math.floor(((i + 0.5) * days) / n));
          at(local(d, 18));
          await svc.records.create(
            leader,
            { volunteerId: ids[k], kind: "other", title: SERVICES[(i + k) % SERVICES.length], signInAt: local(d, 8, 30), signOutAt: local(d, 16, 30) },
            { confirm: true, deferStars: true },
            trx,
          );
          book(ids[k], local(d, 8, 30), local(d, 16, 30));
        }
      }
      await svc.records.recompute(trx, ids[k]);
    });
  }

  // ---- activity service of everyone else: a few records of 2–4 h each (at held activities where there are some)
  // Daytime ones only (ending by 19:30 local), so that no one's activity overlaps an evening night patrol.
  const acts = (await svc.activitiesOf(staff.scope, "2023-01-01", "2024-12-31")).filter(
    (a) => a.status === "held" && Date.parse(a.endsAt) <= Date.parse(local(a.startDate, 19, 30)) && Date.parse(a.startsAt) >= Date.parse(local(a.startDate, 6)),
  );
  let activityRecords = 0;
  await tx(async (trx) => {
    for (let k = 8; k < ids.length; k++) {
      const n = r.chance(0.15) ? 0 : r.int(1, 6);
      const used = new Set<string>();
      for (let i = 0; i < n; i++) {
        const a = acts.length ? r.pick(acts) : null;
        const d = a ? a.startDate : addDays("2024-01-01", r.int(0, 330));
        if (d < joined[k] || used.has(d)) continue;
        used.add(d);
        const inAt = a ? a.startsAt : local(d, 9);
        const outAt =
          a && Date.parse(a.endsAt) - Date.parse(a.startsAt) <= 8 * 3_600_000 ? a.endsAt : new Date(Date.parse(inAt) + r.int(2, 4) * 3_600_000).toISOString();
        if (!free(ids[k], inAt, outAt)) continue;
        book(ids[k], inAt, outAt);
        at(new Date(Date.parse(outAt) + 3_600_000).toISOString());
        await svc.records.create(
          staff,
          { volunteerId: ids[k], activityId: a?.id ?? null, title: a ? null : r.pick(SERVICES), signInAt: inAt, signOutAt: outAt },
          { confirm: true, deferStars: true, activity: a },
          trx,
        );
        activityRecords++;
      }
      await svc.records.recompute(trx, ids[k]);
    }
  });

  // ---- the teams, founded 成熟即建 on their organisations' founding dates
  // Members of the registry by 2023 (a team's members must have joined the registry first).
  const early = ids.filter((_, k) => k >= 8 && joined[k] <= "2023-01-01");
  const night = early.slice(0, 22);
  const women = early.slice(22, 40);
  at(local("2023-09-02", 10));
  const nightTeam = await svc.registry.createTeam(staff, {
    communityId: world.communityId,
    name: "福民夜巡志愿服务队",
    orgId: world.orgs.福民夜巡志愿服务队 ?? null,
    leaderId: ids[1],
    startedOn: "2023-04-10",
    memberIds: night.slice(0, 4),
  });
  for (const [i, v] of night.slice(4).entries())
    await svc.registry.addMember(staff, nightTeam, { volunteerId: v, joinedOn: i === 0 ? "2023-05-01" : addDays("2023-05-01", 7 * i) });
  const womenTeam = await svc.registry.createTeam(staff, {
    communityId: world.communityId,
    name: "福民巾帼志愿服务队",
    orgId: world.orgs.福民巾帼志愿服务队 ?? null,
    leaderId: ids[5],
    startedOn: "2023-08-20",
    memberIds: women.slice(0, 4),
  });
  for (const [i, v] of women.slice(4).entries())
    await svc.registry.addMember(staff, womenTeam, { volunteerId: v, joinedOn: i === 0 ? "2023-09-01" : addDays("2023-09-01", 5 * i) });

  // ---- 32 night patrols in 2024 (20:00–23:00), 206 problems found, each closed within its deadline
  const perPatrol = Array.from({ length: SEED_2024.nightPatrols }, (_, i) => (i < SEED_2024.nightPatrolHazards - 6 * SEED_2024.nightPatrols ? 7 : 6));
  let hazards = 0;
  const members = [ids[1], ...night];
  for (let i = 0; i < SEED_2024.nightPatrols; i++) {
    const date = addDays("2024-01-05", Math.floor((i * 318) / (SEED_2024.nightPatrols - 1)));
    const g = world.grids[i % world.grids.length];
    const who = r
      .shuffle(members)
      .filter((v) => free(v, local(date, 20), local(date, 23)))
      .slice(0, r.int(5, 9));
    for (const v of who) book(v, local(date, 20), local(date, 23));
    at(local(date, 23, 20));
    await tx(async (trx) => {
      const findings = Array.from({ length: perPatrol[i] }, (_, k) => {
        const [kind, texts] = HAZARDS[(i + k) % HAZARDS.length];
        const fg = world.grids[(i + k) % world.grids.length];
        return {
          gridId: fg.id,
          kind,
          place: `${Object.keys(world.estates)[(i + k) % world.grids.length] ?? fg.name}${r.int(1, 40)}栋附近`,
          description: r.pick(texts),
          risk: "low" as const,
        };
      });
      const made = await svc.patrols.create(
        staff,
        {
          teamId: nightTeam,
          gridId: g.id,
          startsAt: local(date, 20),
          endsAt: local(date, 23),
          routeKind: "free",
          route: `${g.name}主要街巷、城中村出租屋周边`,
          participantIds: who,
          findings,
        },
        trx,
      );
      for (const [k, hid] of made.hazardIds.entries()) {
        const gi = gridIndex.get(findings[k].gridId) ?? 0;
        at(local(addDays(date, 1), 9, k));
        const h = await svc.hazards.assign(staff, hid, { assigneeName: `${world.grids[gi].name}网格员` }, trx);
        const fixed = addDays(date, 1 + r.int(0, Math.max(0, (h.daysLeft ?? 3) - 1)));
        at(local(fixed, 15, k));
        await svc.hazards.rectify(grids[gi], hid, { note: r.pick(["已清理完毕", "已督促业主整改到位", "已拆除并恢复原状"]), rectifiedOn: fixed }, trx);
        at(local(fixed, 17, k));
        await svc.hazards.verify(staff, hid, { passed: true, note: "夜巡队复查已整改到位" }, trx);
        await svc.hazards.close(staff, hid, {}, trx);
        hazards++;
      }
    });
  }

  // ---- accounts: volunteer01 is a five-star of 2024, volunteer02 on the night team, volunteer03 new
  const users = await db.selectFrom("users").select(["id", "username"]).where("username", "in", ["volunteer01", "volunteer02", "volunteer03"]).execute();
  const link = [ids[0], night[4], ids[ids.length - 1]];
  at(now.toISOString());
  for (const u of users) {
    const k = Number(u.username.slice(-2)) - 1;
    if (link[k]) await svc.registry.update(staff, link[k], { userId: u.id });
  }

  // ---- the last days: records waiting for the organiser's confirmation
  const today = localDate(now, tz);
  for (let i = 0; i < 3; i++) {
    const d = addDays(today, -1 - i);
    if (d < joined[9 + i]) continue;
    await svc.records.create(staff, { volunteerId: ids[9 + i], title: "社区环境清洁", signInAt: local(d, 9), signOutAt: local(d, 11, 30) }, {});
  }
  log(
    `volunteers: ${ids.length} volunteers, ${activityRecords} activity records, 2 teams, ${SEED_2024.nightPatrols} night patrols in 2024 (${hazards} hazards found and closed)`,
  );
}
