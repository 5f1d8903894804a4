// 志愿服务 benchmark: 50 communities × 5 years (the demo community through the services, plus 49
// others bulk-inserted: people, volunteers, service records and their star dates worked out by the
// module's own pure rule — not demo data), then a volunteer's page (hours and star level), every
// volunteers figure for one community-year and for the subdistrict, and the list by star level.
// Prints figures; it asserts nothing.  Run: npx tsx bench/volunteers.ts [--communities 49] [--volunteers 1000] [--records 40]
// On PostgreSQL: DATABASE_URL=postgres://… npx tsx bench/volunteers.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import type { DB } from "../server/db/types.js";
import { rng } from "../server/demo/random.js";
import { seedDemo } from "../server/demo/seed.js";
import { VOLUNTEER_SETTINGS } from "../server/modules/volunteers/volunteers.settings.js";
import { starMilestones } from "../server/modules/volunteers/volunteers.stars.rules.js";
import { addDays } from "../server/platform/dates.js";
import { uuidv7 } from "../server/platform/ids.js";
import { scopeOf } from "../server/platform/scope.js";

const { values } = parseArgs({
  options: { communities: { type: "string", default: "49" }, volunteers: { type: "string", default: "1000" }, records: { type: "string", default: "40" } },
});
const EXTRA = Number(values.communities);
const PER_COMMUNITY = Number(values.volunteers);
const PER_VOLUNTEER = Number(values.records);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-volunteers-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db as Kysely<DB>;
let t = performance.now();
const world = await seedDemo(app.deps, { people: 200, modules: ["volunteers"] });
console.log(`seed demo with volunteers (through the services): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const r = rng(12);
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const now = new Date().toISOString();
async function chunk(table: keyof DB, rows: Record<string, unknown>[], size = 400) {
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as any)
      .execute();
}
const region = (id: string, parent: { id: string; path: string }, level: string, name: string, communityId: string, sort: number) => ({
  id,
  parent_id: parent.id,
  level,
  name,
  code: null,
  path: `${parent.path}${id}/`,
  community_id: communityId,
  boundary: null,
  lat: null,
  lng: null,
  sort,
  archived: 0,
  created_at: now,
  updated_at: now,
});

t = performance.now();
const levels = VOLUNTEER_SETTINGS.starLevels.default;
const counts = { volunteers: 0, records: 0, stars: 0 };
const communities = [world.communityId];
const sample: string[] = [];
for (let c = 0; c < EXTRA; c++) {
  const cid = uuidv7();
  const com = region(cid, sub, "community", `基准社区${c + 1}`, cid, c);
  const grids = Array.from({ length: 8 }, (_, g) => region(uuidv7(), com, "grid", `第${g + 1}网格`, cid, g));
  await chunk("regions", [com, ...grids]);
  communities.push(cid);
  const people: Record<string, unknown>[] = [];
  const vols: Record<string, unknown>[] = [];
  const recs: Record<string, unknown>[] = [];
  const stars: Record<string, unknown>[] = [];
  for (let v = 0; v < PER_COMMUNITY; v++) {
    const pid = uuidv7();
    const vid = uuidv7();
    const grid = grids[v % grids.length].id;
    people.push({
      id: pid,
      community_id: cid,
      grid_id: grid,
      estate_id: null,
      name: `志愿者${c}-${v}`,
      gender: v % 2 ? "M" : "F",
      birth_date: "1980-01-01",
      id_number: null,
      phone: null,
      address: null,
      kind: "registered",
      tags: "[]",
      note: null,
      archived: 0,
      created_at: now,
      updated_at: now,
    });
    const joined = addDays("2018-01-01", r.int(0, 6 * 365));
    // A heavy tail: one in fifty serves ten times as much (the five-star core).
    const n = Math.max(1, Math.round(PER_VOLUNTEER * (v % 50 === 0 ? 10 : 0.3 + r.next() * 1.2)));
    const start = joined > "2021-01-01" ? joined : "2021-01-01";
    const span = Math.max(1, Math.floor((Date.parse("2025-12-20") - Date.parse(start)) / 86_400_000));
    const days: Array<{ date: string; minutes: number }> = [];
    for (let k = 0; k < n; k++) {
      const date = addDays(start, Math.floor(((k + 0.5) * span) / n));
      const minutes = v % 50 === 0 ? 240 : 60 * r.int(2, 4);
      const inAt = new Date(Date.parse(`${date}T01:00:00Z`) + (k % 3) * 4 * 3_600_000).toISOString();
      recs.push({
        id: uuidv7(),
        community_id: cid,
        grid_id: grid,
        volunteer_id: vid,
        kind: "other",
        activity_id: null,
        night_patrol_id: null,
        team_id: null,
        title: "志愿服务",
        service_date: date,
        service_month: date.slice(0, 7),
        sign_in_at: inAt,
        sign_out_at: new Date(Date.parse(inAt) + minutes * 60_000).toISOString(),
        minutes,
        method: "import",
        state: "confirmed",
        confirmed_by: "基准",
        confirmed_at: now,
        corrections: 0,
        note: null,
        created_at: now,
        updated_at: now,
      });
      days.push({ date, minutes });
    }
    for (const m of starMilestones(joined, days, levels)) stars.push({ volunteer_id: vid, level: m.level, community_id: cid, grid_id: grid, reached_on: m.on });
    vols.push({
      id: vid,
      code: `ZY${String(v + 1).padStart(5, "0")}`,
      community_id: cid,
      grid_id: grid,
      person_id: pid,
      user_id: null,
      skills: "[]",
      availability: null,
      joined_on: joined,
      state: "active",
      left_on: null,
      minutes_total: days.reduce((s, d) => s + d.minutes, 0),
      created_at: now,
      updated_at: now,
    });
    if (c === Math.min(7, EXTRA - 1) && (v % 50 === 0 || v === 1)) sample.push(vid);
  }
  await chunk("people", people, 200);
  await chunk("vol_volunteers", vols, 200);
  await chunk("vol_records", recs, 150);
  await chunk("vol_star_levels", stars, 400);
  counts.volunteers += vols.length;
  counts.records += recs.length;
  counts.stars += stars.length;
  if (c % 10 === 9) console.log(`  … ${c + 1} communities, ${counts.records} records, ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
console.log(`bulk data: ${JSON.stringify(counts)} in ${((performance.now() - t) / 1000).toFixed(1)} s (${communities.length} communities × 5 years)`);
if (!config.databaseUrl) await (await import("kysely")).sql`analyze`.execute(db);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>, n = 7) {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  return median(xs);
}

const community = await scopeOf(db, communities[Math.min(8, EXTRA)] ?? world.communityId);
const subdistrict = await scopeOf(db, world.subdistrictId);
if (!community || !subdistrict) throw new Error("no scope");
const figures = app.deps.figures.all().filter((f) => f.module === "volunteers");
for (const [label, scope] of [
  ["community-year", community],
  ["subdistrict-year", subdistrict],
] as const) {
  const q = { scope, from: "2024-01-01", to: "2024-12-31", filters: {} };
  console.log(`\n${label} (2024):`);
  for (const f of figures) {
    const v = await time(() => f.value(db, q));
    const value = await f.value(db, q);
    const dims = Object.entries(f.dimensions ?? {});
    const g = dims.length ? Math.max(...(await Promise.all(dims.map(([, d]) => time(() => d.groups(db, q, "zh")))))) : 0;
    const rec = await time(() => f.records(db, q, { page: 1, pageSize: 20 }));
    console.log(
      `  ${f.key.padEnd(26)} value ${v.toFixed(1).padStart(6)} ms · slowest breakdown ${g.toFixed(1).padStart(6)} ms · records ${rec.toFixed(1).padStart(6)} ms   (= ${value})`,
    );
  }
  const all = await time(async () => {
    for (const f of figures) await f.value(db, q);
  });
  console.log(`  all ${figures.length} values together: ${all.toFixed(1)} ms`);
}

// A volunteer's page and the list by star level, through HTTP as the web asks them.
const login = async (username: string) => {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: "Shequ@2024" } });
  return `shequ_sid=${res.cookies.find((c) => c.name === "shequ_sid")?.value}`;
};
const sup = await login("supervisor");
const sample0 = sample.slice(0, 3);
const get = (cookie: string, url: string) => app.inject({ method: "GET", url, headers: { cookie } });
console.log(`\nHTTP (supervisor, subdistrict scope):`);
for (const id of sample0) {
  const s = (await get(sup, `/api/volunteers/${id}`)).json();
  console.log(`  GET /api/volunteers/:id (${s.hoursTotal} h, ${s.star.level}★): ${(await time(() => get(sup, `/api/volunteers/${id}`))).toFixed(1)} ms`);
}
for (const star of [5, 1, 0]) {
  const res = (await get(sup, `/api/volunteers?star=${star}&pageSize=20`)).json();
  console.log(
    `  GET /api/volunteers?star=${star} (first page of ${res.total}): ${(await time(() => get(sup, `/api/volunteers?star=${star}&pageSize=20`))).toFixed(1)} ms`,
  );
}
// The same list in one community's scope (the community leader's view), through the service.
const { createVolunteerServices } = await import("../server/modules/volunteers/volunteers.services.js");
const svc = createVolunteerServices(app.deps, { safety: {} as any, activities: {} as any });
for (const star of [5, 1]) {
  const res = await svc.registry.list(community, { star, page: 1, pageSize: 20 });
  console.log(
    `  one community's list, star=${star} (first page of ${res.total}): ${(await time(() => svc.registry.list(community, { star, page: 1, pageSize: 20 }))).toFixed(1)} ms`,
  );
}
const s0 = sample[0];
console.log(
  `  records.summary (hours and star level) of a five-star-core volunteer, service only: ${(await time(() => svc.records.summary(community, s0))).toFixed(1)} ms`,
);

await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
