import type { Kysely } from "kysely";
import type { PatrolForce, POINT_KINDS } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import { rng } from "../../demo/random.js";
import type { DemoWorld } from "../../demo/world.js";
import { addDays, localDate } from "../../platform/dates.js";
import type { Actor, Deps } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import type { SafetyApi } from "../safety/safety.api.js";
import type { DemoContext } from "../types.js";
import { checkinHazardIds } from "./patrol.checkins.repo.js";
import { communityRounds } from "./patrol.plans.repo.js";
import type { PatrolServices } from "./patrol.services.js";

// The demo community's patrols: 114 points across the 12 grids for the three forces of 群防群治
// (社区 / 警区 / 股份公司安保), their shift plans, and the year 2024 of check-ins (exactly
// CHECKINS_2024, the seed's "累计巡查14万余次") sent through the same bulk-sync path devices use;
// some visits missed, a few flagged, anomalies that became hazards and were rectified; and
// today's rounds partly done so the map and the live feed show something.

export const POINTS_2024 = 114;
export const CHECKINS_2024 = 142_368;
const REPEATS = 150;

const CHECKLISTS: Record<string, string[]> = {
  消防通道: ["通道畅通无占用", "消防设施完好", "无电动车违规充电"],
  出租屋: ["消防器材在有效期", "无群租隔断", "电线无私拉乱接"],
  河道: ["无垃圾漂浮", "护栏完好", "无违规排污"],
  工地: ["围挡完好", "夜间无违规施工", "材料堆放规范"],
  学校周边: ["无流动摊贩", "交通秩序正常", "无可疑人员"],
  公园: ["设施完好", "无安全隐患", "照明正常"],
  地下空间: ["无积水", "通风照明正常", "无违规住人"],
  其他: ["现场正常"],
};

type Plan = { force: PatrolForce; windows: Array<[string, string]>; count: number };
// Rounds a day × points: 40×3 + 37×4 + 37×4 = 416 expected visits a day.
const PLANS: Plan[] = [
  {
    force: "community",
    windows: [
      ["08:30", "11:30"],
      ["14:30", "17:30"],
      ["19:00", "21:30"],
    ],
    count: 40,
  },
  {
    force: "police",
    windows: [
      ["06:00", "10:00"],
      ["10:00", "14:00"],
      ["14:00", "18:00"],
      ["18:00", "22:00"],
    ],
    count: 37,
  },
  {
    force: "security",
    windows: [
      ["07:00", "11:00"],
      ["12:00", "16:00"],
      ["17:00", "21:00"],
      ["21:00", "23:59"],
    ],
    count: 37,
  },
];

async function actor(db: Kysely<DB>, username: string): Promise<Who> {
  const u = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
  const scope = await scopeOf(db, u.scope_region_id);
  if (!scope) throw new Error(`no scope for ${username}`);
  const a: Actor = { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scopeRegionId: u.scope_region_id };
  return { user: a, scope, ip: null };
}

type Visit = { who: string; pointIdx: number; time: number; repeat?: boolean };

/**
 * Made through the module's own services (the demo's build of them, over the demo's movable clock,
 * the same `clock` here) and safety's hazards as patrol is handed them.
 */
export async function seedPatrolDemo(deps: Pick<Deps, "db" | "config">, services: PatrolServices, safety: SafetyApi, ctx: DemoContext) {
  const { world, clock, now, log } = ctx;
  const t0 = Date.now();
  const r = rng(20240404);
  const tz = deps.config.timeZone;
  clock.set("2024-01-02T01:00:00Z");
  const { teams: teamsSvc, points: pointsSvc, plans: plansSvc, checkins } = services;
  const hazards = safety.hazards;
  const leader = await actor(deps.db, "leader");
  const staff = await actor(deps.db, "staff");
  const users = new Map<string, Who>();
  for (const u of ["patrol01", "patrol02", "patrol03", ...world.grids.map((_, i) => `grid${String(i + 1).padStart(2, "0")}`)])
    users.set(u, await actor(deps.db, u));
  const uid = (u: string) => users.get(u)?.user?.id as string;

  // Teams of the three forces.
  const teams = {
    community: await teamsSvc.createTeam(leader, {
      communityId: world.communityId,
      name: "福民社区网格巡查队",
      force: "community",
      orgId: world.orgs.中共福民社区委员会 ?? null,
      memberIds: world.grids.map((_, i) => uid(`grid${String(i + 1).padStart(2, "0")}`)),
    }),
    police: await teamsSvc.createTeam(leader, {
      communityId: world.communityId,
      name: "福民警务室巡逻队",
      force: "police",
      orgId: world.orgs.福城派出所福民警务室 ?? null,
      memberIds: [uid("patrol01")],
    }),
    security: await teamsSvc.createTeam(leader, {
      communityId: world.communityId,
      name: "股份公司安保巡逻队",
      force: "security",
      orgId: world.orgs.福民社区股份公司安保队 ?? null,
      memberIds: [uid("patrol02"), uid("patrol03")],
    }),
  };

  // Points: inside the grid cells (read back from the regions), kinds spread, nearest ones grouped.
  const grids = await deps.db
    .selectFrom("regions")
    .select(["id", "boundary"])
    .where(
      "id",
      "in",
      world.grids.map((g) => g.id),
    )
    .execute();
  const boxOf = new Map(
    grids.map((g) => {
      const ring: number[][] = JSON.parse(g.boundary as string).coordinates[0];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      return [g.id, { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) }];
    }),
  );
  const estateNames = Object.keys(world.estates);
  const points: Array<{ id: string; token: string; lng: number; lat: number; force: PatrolForce; grid: number; name: string }> = [];
  const made: Record<string, number> = {};
  for (const plan of PLANS) {
    for (let k = 0; k < plan.count; k++) {
      const grid = (k * 5 + (plan.force === "police" ? 1 : plan.force === "security" ? 3 : 0)) % 12;
      const box = boxOf.get(world.grids[grid].id) as { x0: number; x1: number; y0: number; y1: number };
      const lng = Number((box.x0 + (0.1 + 0.8 * r.next()) * (box.x1 - box.x0)).toFixed(6));
      const lat = Number((box.y0 + (0.1 + 0.8 * r.next()) * (box.y1 - box.y0)).toFixed(6));
      const kind =
        plan.force === "community"
          ? r.pick(["出租屋", "消防通道", "河道", "地下空间", "公园"])
          : plan.force === "police"
            ? r.pick(["学校周边", "公园", "出租屋", "消防通道"])
            : r.pick(["工地", "消防通道", "地下空间", "河道"]);
      const base = `${estateNames[grid] ?? world.grids[grid].name}${kind}`;
      made[base] = (made[base] ?? 0) + 1;
      const p = await pointsSvc.createPoint(leader, {
        communityId: world.communityId,
        name: `${base}${made[base]}号`,
        kind: kind as (typeof POINT_KINDS)[number],
        lng,
        lat,
        radiusM: kind === "河道" || kind === "工地" ? 80 : 50,
        force: plan.force,
        teamId: teams[plan.force].id,
        checklist: CHECKLISTS[kind],
      });
      const raw = await pointsSvc.rawPoint(deps.db, leader.scope, p.id);
      points.push({ id: p.id, token: raw.token, lng, lat, force: plan.force, grid, name: p.name });
    }
  }
  // Two points set up and retired in the spring (not counted as in use at year end).
  for (const [i, name] of ["狮径临时工地1号", "丹坑临时工地1号"].entries()) {
    clock.set("2024-01-03T02:00:00Z");
    const box = boxOf.get(world.grids[i * 2].id) as { x0: number; x1: number; y0: number; y1: number };
    const p = await pointsSvc.createPoint(leader, {
      communityId: world.communityId,
      name,
      kind: "工地",
      lng: (box.x0 + box.x1) / 2,
      lat: (box.y0 + box.y1) / 2,
      radiusM: 80,
      force: "security",
      teamId: teams.security.id,
      checklist: CHECKLISTS.工地,
    });
    clock.set("2024-03-01T02:00:00Z");
    await pointsSvc.setActive(leader, p.id, false);
  }
  // The neighbouring community has its own few points (scope separation).
  clock.set("2024-01-02T01:00:00Z");
  const neighbourScope = await scopeOf(deps.db, world.neighbourCommunityId);
  if (neighbourScope) {
    const g = await deps.db
      .selectFrom("regions")
      .select(["boundary"])
      .where("community_id", "=", world.neighbourCommunityId)
      .where("level", "=", "grid")
      .executeTakeFirst();
    if (g?.boundary) {
      const ring: number[][] = JSON.parse(g.boundary).coordinates[0];
      await pointsSvc.createPoint(
        { user: null, scope: neighbourScope },
        {
          communityId: world.neighbourCommunityId,
          name: "桔塘河道1号",
          kind: "河道",
          lng: (ring[0][0] + ring[2][0]) / 2,
          lat: (ring[0][1] + ring[2][1]) / 2,
          radiusM: 80,
          force: "community",
          checklist: CHECKLISTS.河道,
        },
      );
    }
  }

  // Plans, and their 2024 rounds.
  const planIds: string[] = [];
  const byForce = (f: PatrolForce) => points.filter((p) => p.force === f);
  for (const plan of PLANS) {
    const pts = byForce(plan.force);
    const p = await plansSvc.createPlan(leader, {
      communityId: world.communityId,
      name: { community: "网格日常巡查", police: "警区巡逻", security: "股份公司安保巡逻" }[plan.force],
      force: plan.force,
      teamId: teams[plan.force].id,
      pointIds: pts.map((x) => x.id),
      frequency: "shift",
      windows: plan.windows.map(([start, end]) => ({ start, end })),
      order: plan.force === "security" ? "random" : "fixed",
      startsOn: "2024-01-01",
    });
    planIds.push(p.id);
  }
  await inTx(deps.db, null, (trx) => plansSvc.ensureRounds(trx, leader.scope, "2024-01-01", "2024-12-31"));
  const rounds = await communityRounds(deps.db, world.communityId, { to: "2024-12-31" });
  log(`patrol: ${points.length} points, ${planIds.length} plans, ${rounds.length} rounds of 2024 (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Every expected visit of 2024; exactly `missed` of them do not happen (selection sampling).
  const idx = new Map(points.map((p, i) => [p.id, i]));
  const whoFor = (pi: number, pos: number) => {
    const p = points[pi];
    if (p.force === "community") return `grid${String(p.grid + 1).padStart(2, "0")}`;
    if (p.force === "police") return "patrol01";
    return pos % 2 === 0 ? "patrol02" : "patrol03";
  };
  let total = 0;
  for (const rd of rounds) total += (JSON.parse(rd.point_order) as string[]).length;
  const missed = total - CHECKINS_2024 + REPEATS;
  let toMiss = missed;
  let left = total;
  const visits: Visit[] = [];
  for (const rd of rounds) {
    const order = JSON.parse(rd.point_order) as string[];
    const ws = Date.parse(rd.window_start);
    const len = Date.parse(rd.window_end) - ws;
    // Each officer walks their own points of the round in order, spread over the window.
    const mine = new Map<string, number[]>();
    order.forEach((pid, pos) => {
      const pi = idx.get(pid) as number;
      const u = whoFor(pi, pos);
      const list = mine.get(u);
      if (list) list.push(pi);
      else mine.set(u, [pi]);
    });
    for (const [u, pis] of mine) {
      pis.forEach((pi, k) => {
        const skip = r.next() * left < toMiss;
        left--;
        if (skip) {
          toMiss--;
          return;
        }
        const time = ws + Math.floor(((k + 0.2 + 0.6 * r.next()) / pis.length) * len);
        visits.push({ who: u, pointIdx: pi, time });
      });
    }
  }
  // A few double scans at the same point minutes later (kept, flagged as repeats).
  let toRepeat = REPEATS;
  let doneLeft = visits.length;
  const withRepeats: Visit[] = [];
  for (const v of visits) {
    withRepeats.push(v);
    const pick = r.next() * doneLeft < toRepeat;
    doneLeft--;
    if (pick) {
      toRepeat--;
      withRepeats.push({ who: v.who, pointIdx: v.pointIdx, time: v.time + 60_000 + Math.floor(r.next() * 120_000), repeat: true });
    }
  }

  // Per officer, in time order, in batches of up to 500 (as a phone syncing its queue would).
  const perUser = new Map<string, Visit[]>();
  for (const v of withRepeats) {
    const list = perUser.get(v.who);
    if (list) list.push(v);
    else perUser.set(v.who, [v]);
  }
  type Batch = { who: string; rows: Visit[]; end: number };
  const batches: Batch[] = [];
  for (const [u, vs] of perUser) {
    vs.sort((a, b) => a.time - b.time);
    for (let i = 0; i < vs.length; i += 500) {
      const rows = vs.slice(i, i + 500);
      batches.push({ who: u, rows, end: rows[rows.length - 1].time });
    }
  }
  batches.sort((a, b) => a.end - b.end);
  let stored = 0;
  let n = 0;
  for (const b of batches) {
    const sendAt = b.end + 5 * 60_000;
    clock.set(new Date(sendAt).toISOString());
    const rows = b.rows.map((v) => {
      const p = points[v.pointIdx];
      const roll = r.next();
      const off = roll < 0.004 ? 0.0025 : (r.next() - 0.5) * 0.0002;
      const abnormal = !v.repeat && r.next() < 0.002;
      const gps = r.next() < 0.05;
      n++;
      return {
        clientId: `demo-${String(n).padStart(7, "0")}-${Math.floor(r.next() * 1e9).toString(36)}`,
        pointId: p.id,
        method: gps ? "gps" : "qr",
        token: gps ? null : roll > 0.999 ? "old-printed-code" : p.token,
        deviceTime: new Date(v.time).toISOString(),
        lat: Number((p.lat + off).toFixed(6)),
        lng: Number((p.lng + off).toFixed(6)),
        accuracyM: 5 + Math.floor(r.next() * 20),
        result: abnormal ? "abnormal" : "normal",
        note: abnormal ? r.pick(["消防通道堆放杂物", "电动车楼道充电", "护栏破损", "围挡倒塌", "私拉电线", "井盖缺失"]) : null,
        ...(roll > 0.0045 && roll < 0.005 ? { sentAt: new Date(sendAt + 40 * 60_000).toISOString() } : {}),
      };
    });
    const res = await checkins.sync(users.get(b.who) as Who, rows, { sentAt: new Date(sendAt).toISOString(), source: "demo" });
    stored += res.accepted;
    if (res.rejected) throw new Error(`patrol demo: ${res.rejected} rejected: ${res.results.find((x) => x.status === "rejected")?.reason}`);
  }
  log(`patrol: ${stored} check-ins of 2024 in ${batches.length} batches (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // The hazards they opened: rectified within days, verified and closed by another person; the
  // last ones of December still open.
  const hazardIds = (await checkinHazardIds(deps.db, world.communityId)).map((c) => c.hazard_id as string);
  const states = await hazards.states(hazardIds);
  const opened = hazardIds
    .map((id) => ({ id, found_on: states.get(id)?.foundOn ?? "" }))
    .sort((a, b) => (a.found_on < b.found_on ? -1 : a.found_on > b.found_on ? 1 : a.id < b.id ? -1 : 1));
  let closed = 0;
  for (const h of opened) {
    if (h.found_on > "2024-12-24") continue;
    const on = addDays(h.found_on, 1 + Math.floor(r.next() * 6));
    clock.set(`${on}T08:00:00Z`);
    await hazards.rectify(staff, h.id, { note: "已现场整改，清理完毕" });
    clock.set(`${addDays(on, 1)}T02:00:00Z`);
    await hazards.verify(leader, h.id, { passed: true, note: "复查通过" });
    await hazards.close(leader, h.id, {});
    closed++;
  }
  log(`patrol: ${opened.length} hazards from anomalies, ${closed} closed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Today: rounds made, those already begun partly done.
  clock.set(now.toISOString());
  const today = localDate(now, tz);
  await inTx(deps.db, null, (trx) => plansSvc.ensureRounds(trx, leader.scope, today, today));
  const todays = await communityRounds(deps.db, world.communityId, { from: today, to: today, begunBefore: now.toISOString() });
  const todayRows = new Map<string, Array<Record<string, unknown>>>();
  for (const rd of todays) {
    const order = JSON.parse(rd.point_order) as string[];
    const ws = Date.parse(rd.window_start);
    const end = Math.min(Date.parse(rd.window_end), now.getTime() - 60_000);
    order.forEach((pid, pos) => {
      const pi = idx.get(pid) as number;
      const time = ws + Math.floor(((pos + 0.5) / order.length) * (Date.parse(rd.window_end) - ws));
      if (time > end || r.next() < 0.08) return;
      const p = points[pi];
      const u = whoFor(pi, pos);
      const odd = r.next();
      todayRows.set(u, [
        ...(todayRows.get(u) ?? []),
        {
          clientId: `demo-today-${pi}-${time}`,
          pointId: p.id,
          method: "qr",
          token: p.token,
          deviceTime: new Date(time).toISOString(),
          lat: p.lat + (odd < 0.03 ? 0.003 : 0),
          lng: p.lng,
          accuracyM: 10,
          result: odd > 0.985 ? "abnormal" : "normal",
          note: odd > 0.985 ? "消防通道堆放杂物" : null,
        },
      ]);
    });
  }
  let todayCount = 0;
  for (const [u, rows] of todayRows) {
    if (!rows.length) continue;
    const res = await checkins.sync(users.get(u) as Who, rows, { sentAt: now.toISOString(), source: "demo" });
    todayCount += res.accepted;
  }
  log(`patrol: today ${today}: ${todays.length} rounds begun, ${todayCount} check-ins (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
