// Activities benchmark (issue 11): with 50 communities × 5 years of activities (about 100,000
// activities and 3,000,000 attendance rows, bulk-inserted beside the demo community's, which is made
// through the services), every figure of this module for one community-year and for the
// subdistrict, the activity list, and QR check-ins with 50 participants at once (an activity's
// opening minute). Prints figures; asserts nothing.
// The figures are timed as computed: each figure's `value` and breakdowns called from the module's
// registry on the bench database (GET /api/figures answers from the figure cache, per data version,
// so timing it would time cache hits).
// Run: npx tsx bench/activities.ts [--communities 49] [--years 5] [--per-year 400] [--attendees 30] [--runs 5]
//   [--no-figures] [--no-qr] [--keep]
// (--keep leaves the data directory, printed at the end, for EXPLAIN QUERY PLAN and the like).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { AUDIENCES } from "../contracts/activities.js";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { rng } from "../server/demo/random.js";
import { seedDemo } from "../server/demo/seed.js";
import { DEMO_PASSWORD } from "../server/demo/world.js";
import { registerActivityFigures } from "../server/modules/activities/activities.figures.js";
import { createFigureRegistry, type FigureQuery } from "../server/platform/figures.js";
import { uuidv7 } from "../server/platform/ids.js";
import { scopeOf } from "../server/platform/scope.js";

const { values } = parseArgs({
  options: {
    communities: { type: "string", default: "49" },
    years: { type: "string", default: "5" },
    "per-year": { type: "string", default: "400" },
    attendees: { type: "string", default: "30" },
    runs: { type: "string", default: "5" },
    "no-figures": { type: "boolean", default: false },
    "no-qr": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const EXTRA = Number(values.communities);
const YEARS = Number(values.years);
const PER_YEAR = Number(values["per-year"]);
const ATT = Number(values.attendees);
const RUNS = Number(values.runs);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-activities-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db;
let t = performance.now();
const world = await seedDemo(app.deps, { people: 300, modules: ["activities"] });
console.log(`seed demo with activities (through the services): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const r = rng(17);
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const types = await db.selectFrom("act_types").select(["code", "class"]).execute();
const now = new Date().toISOString();
const pad = (n: number) => String(n).padStart(2, "0");
t = performance.now();
let activities = 0;
let attendance = 0;
let audiences = 0;
let firstBench = "";
const lastYear = 2024;
for (let c = 0; c < EXTRA; c++) {
  const cid = uuidv7();
  if (c === 0) firstBench = cid;
  await db
    .insertInto("regions")
    .values({
      id: cid,
      parent_id: sub.id,
      level: "community",
      name: `基准社区${c + 1}`,
      code: `8${String(c).padStart(11, "0")}`,
      path: `${sub.path}${cid}/`,
      community_id: cid,
      boundary: null,
      lat: null,
      lng: null,
      sort: c,
      archived: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const venueId = uuidv7();
  await db
    .insertInto("act_venues")
    .values({
      id: venueId,
      community_id: cid,
      grid_id: null,
      name: "党群服务中心",
      kind: "党群服务中心",
      address: null,
      lng: null,
      lat: null,
      org_id: null,
      state: "open",
      opened_on: "2019-01-01",
      hours: null,
      photos: "[]",
      note: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (let y = lastYear - YEARS + 1; y <= lastYear; y++) {
    await db.transaction().execute(async (trx) => {
      const acts: any[] = [];
      const atts: any[] = [];
      const auds: any[] = [];
      for (let k = 0; k < PER_YEAR; k++) {
        const ty = types[k % types.length];
        const date = `${y}-${pad(1 + (k % 12))}-${pad(1 + (k % 28))}`;
        const id = uuidv7();
        const starts = new Date(`${date}T09:00:00+08:00`).toISOString();
        const n = ATT + r.int(-5, 5);
        // Zero to two audiences (as an organiser picks them), in act_activity_audiences for the breakdown.
        const aud = [...new Set(Array.from({ length: k % 3 }, (_, j) => AUDIENCES[(k + j * 3) % AUDIENCES.length]))];
        for (const a of aud) auds.push({ activity_id: id, community_id: cid, audience: a });
        acts.push({
          id,
          code: `B${id.slice(-12)}`,
          community_id: cid,
          grid_id: null,
          title: `活动${k}`,
          type_code: ty.code,
          type_class: ty.class,
          organiser_id: null,
          organiser_kind: k % 7 === 0 ? "妇联" : null,
          venue_id: venueId,
          room_id: null,
          location: null,
          online: 0,
          starts_at: starts,
          ends_at: new Date(new Date(starts).getTime() + 7_200_000).toISOString(),
          start_date: date,
          start_month: date.slice(0, 7),
          capacity: null,
          audience: JSON.stringify(aud),
          series_id: null,
          description: null,
          public: 1,
          status: "held",
          cancel_reason: null,
          checkin_code: "X",
          checked_in: n,
          head_count: null,
          head_count_note: null,
          attendance: n,
          signed_up: 0,
          created_by: "bench",
          created_at: now,
          updated_at: now,
        });
        for (let p = 0; p < n; p++)
          atts.push({
            id: uuidv7(),
            activity_id: id,
            community_id: cid,
            grid_id: null,
            type_class: ty.class,
            start_date: date,
            who_key: `t:1${String(p).padStart(10, "0")}`,
            person_id: null,
            signup_id: null,
            name: "居民",
            phone: null,
            persons: 1,
            category: ty.class === "training" ? ["staff", "applicant", "volunteer", "other"][p % 4] : null,
            method: "list",
            at: starts,
          });
      }
      for (let i = 0; i < acts.length; i += 500)
        await trx
          .insertInto("act_activities")
          .values(acts.slice(i, i + 500))
          .execute();
      for (let i = 0; i < atts.length; i += 1000)
        await trx
          .insertInto("act_attendance")
          .values(atts.slice(i, i + 1000))
          .execute();
      for (let i = 0; i < auds.length; i += 1000)
        await trx
          .insertInto("act_activity_audiences")
          .values(auds.slice(i, i + 1000))
          .execute();
      audiences += auds.length;
      activities += acts.length;
      attendance += atts.length;
    });
  }
}
console.log(
  `bulk: ${activities} activities, ${attendance} attendance rows and ${audiences} audience rows in ${EXTRA} more communities × ${YEARS} years, ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

// Signed in as the subdistrict supervisor (figures for one community or the whole subdistrict).
const login = async (username: string) => {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: DEMO_PASSWORD } });
  const sid = res.cookies.find((c) => c.name === "shequ_sid")?.value;
  return { cookie: `shequ_sid=${sid}`, csrf: res.json().csrfToken as string };
};
const sup = await login("supervisor");
const get = (url: string) => app.inject({ method: "GET", url, headers: { cookie: sup.cookie } });
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (url: string, runs = 7) => {
  const ms: number[] = [];
  let body = "";
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await get(url);
    ms.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    body = res.body;
  }
  return { ms: median(ms), body };
};
// Each figure of this module computed (not the cache): its value and each breakdown, for one bench
// community's year (400 activities, ~12,000 attendance rows) and for the subdistrict's (50 communities).
const registry = createFigureRegistry();
registerActivityFigures(registry, config.timeZone, app.deps.clock);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { med: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const timeIt = async (fn: () => Promise<unknown>) => {
  const ms: number[] = [];
  let out: unknown;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = await fn();
    ms.push(performance.now() - t0);
  }
  return { ...stats(ms), out };
};
if (!values["no-figures"]) {
  const qOf = async (regionId: string): Promise<FigureQuery> => {
    const scope = await scopeOf(db, regionId);
    if (!scope) throw new Error(`no region ${regionId}`);
    return { scope, from: "2024-01-01", to: "2024-12-31", filters: {} };
  };
  const qc = await qOf(firstBench || world.communityId);
  const qs = await qOf(world.subdistrictId);
  const misses: string[] = [];
  console.log(`\nfigure (2024, computed, ${RUNS} runs)        community med/max ms   subdistrict med/max ms   value (community / subdistrict)`);
  const row = (name: string, c: { med: number; max: number }, s: { med: number; max: number }, v: string) =>
    console.log(
      `${name.padEnd(44)} ${c.med.toFixed(1).padStart(7)} / ${c.max.toFixed(1).padEnd(7)} ${s.med.toFixed(1).padStart(9)} / ${s.max.toFixed(1).padEnd(9)} ${v}`,
    );
  let worstC = 0;
  let worstS = 0;
  for (const f of registry.all()) {
    const c = await timeIt(() => f.value(db, qc));
    const s = await timeIt(() => f.value(db, qs));
    row(f.key, c, s, `${c.out} / ${s.out}`);
    const check = (name: string, cm: number, sm: number) => {
      worstC = Math.max(worstC, cm);
      worstS = Math.max(worstS, sm);
      if (cm >= 50 || sm >= 200) misses.push(`${name} (${cm.toFixed(0)} / ${sm.toFixed(0)} ms)`);
    };
    check(f.key, c.med, s.med);
    for (const [dim, d] of Object.entries(f.dimensions ?? {})) {
      const gc = await timeIt(() => d.groups(db, qc, "zh"));
      const gs = await timeIt(() => d.groups(db, qs, "zh"));
      row(`  by ${dim}`, gc, gs, `${(gc.out as unknown[]).length} / ${(gs.out as unknown[]).length} groups`);
      check(`${f.key} by ${dim}`, gc.med, gs.med);
    }
  }
  console.log(`worst median: community ${worstC.toFixed(1)} ms (target 50), subdistrict ${worstS.toFixed(1)} ms (target 200)`);
  console.log(misses.length ? `missing the targets (median): ${misses.join("; ")}` : "every figure and breakdown within the targets");
}

// The list through the API (it is not cached).
const list = await time(`/api/activities?page=1&pageSize=20`);
const listFiltered = await time(`/api/activities?page=3&pageSize=20&typeClass=featured&from=2024-01-01&to=2024-12-31`);
console.log(`activity list (subdistrict, first page): ${list.ms.toFixed(1)} ms; filtered, third page: ${listFiltered.ms.toFixed(1)} ms (target 100)`);

if (!values["no-qr"]) {
  // QR check-ins: an activity opening now, 50 participants at once, 10 waves.
  const leader = await login("leader");
  const start = new Date(Date.now() + 5 * 60_000).toISOString();
  const created = await app.inject({
    method: "POST",
    url: "/api/activities",
    headers: { cookie: leader.cookie, "x-csrf-token": leader.csrf },
    payload: { communityId: world.communityId, title: "基准签到", typeCode: "F03", startsAt: start, endsAt: new Date(Date.now() + 125 * 60_000).toISOString() },
  });
  const act = created.json();
  const k = (await db.selectFrom("act_activities").select("checkin_code").where("id", "=", act.id).executeTakeFirstOrThrow()).checkin_code;
  const lat: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let wave = 0; wave < 10; wave++)
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const s = performance.now();
        const res = await app.inject({
          method: "POST",
          url: `/api/public/activities/${act.id}/checkin`,
          remoteAddress: `127.0.${wave}.${i + 1}`,
          payload: { k, name: `参与者${wave * 50 + i}`, phone: `139${String(wave * 50 + i).padStart(8, "0")}` },
        });
        lat.push(performance.now() - s);
        if (res.statusCode !== 200) throw new Error(`check-in: ${res.statusCode} ${res.body}`);
      }),
    );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  const count = (await db.selectFrom("act_activities").select("attendance").where("id", "=", act.id).executeTakeFirstOrThrow()).attendance;
  // The machine may be shared: CPU time per check-in (this process, user + system) is what load does not change.
  console.log(`QR check-in: ${((cpu.user + cpu.system) / 1000 / lat.length).toFixed(2)} ms CPU per check-in (server and client in this process)`);
  console.log(
    `QR check-in, 50 at once × 10: median ${lat[Math.floor(lat.length / 2)].toFixed(1)} ms, p95 ${lat[Math.floor(lat.length * 0.95)].toFixed(1)} ms, ${((lat.length / wall) * 1000).toFixed(0)}/s; attendance ${count} (target: median under 10 ms)`,
  );
}
await app.close();
if (values.keep) console.log(`data kept in ${dataDir}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
