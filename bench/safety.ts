// Safety benchmark: every safety figure for one community and one year, with ten years of data
// for 50 communities (the demo community plus 49 others, bulk-inserted: not demo data).
// Prints figures; it asserts nothing.  Run: npx tsx bench/safety.ts [--years 10] [--communities 49]
// On PostgreSQL: DATABASE_URL=postgres://… npx tsx bench/safety.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { rng } from "../server/demo/random.js";
import { seedDemo } from "../server/demo/seed.js";
import { uuidv7 } from "../server/platform/ids.js";
import { scopeOf } from "../server/platform/scope.js";

const { values } = parseArgs({ options: { years: { type: "string", default: "10" }, communities: { type: "string", default: "49" } } });
const YEARS = Number(values.years);
const EXTRA = Number(values.communities);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-safety-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db;
let t = performance.now();
const world = await seedDemo(app.deps, { people: 200, modules: ["safety"] });
console.log(`seed demo with safety (through the services): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const r = rng(11);
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const now = new Date().toISOString();
const communities: Array<{ id: string; grids: string[] }> = [{ id: world.communityId, grids: world.grids.map((g) => g.id) }];
t = performance.now();
for (let c = 0; c < EXTRA; c++) {
  const cid = uuidv7();
  const grids: string[] = [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("regions")
      .values({
        id: cid,
        parent_id: sub.id,
        level: "community",
        name: `基准社区${c + 1}`,
        code: `9${String(c).padStart(11, "0")}`,
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
    for (let g = 0; g < 10; g++) {
      const gid = uuidv7();
      grids.push(gid);
      await trx
        .insertInto("regions")
        .values({
          id: gid,
          parent_id: cid,
          level: "grid",
          name: `第${g + 1}网格`,
          code: `9${String(c).padStart(11, "0")}${String(g).padStart(2, "0")}`,
          path: `${sub.path}${cid}/${gid}/`,
          community_id: cid,
          boundary: null,
          lat: null,
          lng: null,
          sort: g,
          archived: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
  communities.push({ id: cid, grids });
}
const day = (y: number) => {
  const d = new Date(Date.UTC(y, 0, 1 + r.int(0, 364)));
  return d.toISOString().slice(0, 10);
};
let rows = 0;
const chunk = async <T>(table: any, list: T[]) => {
  for (let i = 0; i < list.length; i += 400)
    await db
      .insertInto(table)
      .values(list.slice(i, i + 400) as any)
      .execute();
  rows += list.length;
};
for (const c of communities) {
  const places = Array.from({ length: 22 }, (_, k) => ({
    id: uuidv7(),
    community_id: c.id,
    grid_id: c.grids[k % c.grids.length],
    kind: ["shop", "rental", "three_small", "construction", "venue", "school"][k % 6],
    name: `场所${k}`,
    address: null,
    contact_name: null,
    contact_phone: null,
    interval_days: 30,
    last_inspected_on: null,
    archived: 0,
    created_at: now,
    updated_at: now,
  }));
  await chunk("safety_places", places);
  for (let y = 2015; y < 2015 + YEARS; y++) {
    if (c.id === world.communityId && y === 2024) continue; // the demo's own 2024
    const hz = Array.from({ length: 460 }, () => {
      const f = day(y);
      const grid = r.pick(c.grids);
      const closed = r.chance(0.95);
      return {
        id: uuidv7(),
        code: `YH${f.replace(/-/g, "")}`,
        community_id: c.id,
        grid_id: grid,
        source: r.pick(["patrol", "night_patrol", "inspection", "case", "report"]),
        source_ref: null,
        kind: r.pick(["消防", "燃气", "用电", "交通"]),
        place: "某处",
        description: "隐患",
        risk: "low",
        photos: "[]",
        lng: null,
        lat: null,
        found_on: f,
        found_month: f.slice(0, 7),
        found_by_id: null,
        found_by: "bench",
        status: closed ? "closed" : "assigned",
        assignee_name: "x",
        deadline: f,
        assigned_at: now,
        rectified_on: closed ? f : null,
        rectified_by_id: null,
        rectified_by: closed ? "a" : null,
        rectification_note: null,
        evidence: "[]",
        verified_by_id: null,
        verified_by: closed ? "b" : null,
        verified_at: null,
        verify_note: null,
        closed_on: closed ? f : null,
        closed_by: closed ? "b" : null,
        overdue: r.chance(0.05) ? 1 : 0,
        escalated: 0,
        escalated_at: null,
        created_at: now,
        updated_at: now,
      };
    });
    await chunk("safety_hazards", hz);
    const ins = Array.from({ length: 356 }, () => {
      const f = day(y);
      const p = r.pick(places);
      return {
        id: uuidv7(),
        community_id: c.id,
        grid_id: p.grid_id,
        place_id: p.id,
        place_kind: p.kind,
        inspected_on: f,
        inspected_month: f.slice(0, 7),
        inspectors: "[]",
        result: r.chance(0.1) ? "failed" : "passed",
        failed_count: 0,
        note: null,
        created_by: "bench",
        created_at: now,
      };
    });
    await chunk("safety_inspections", ins);
    const ds = Array.from({ length: 470 }, () => {
      const f = day(y);
      const labor = r.chance(0.5);
      const outcome = r.chance(0.93) ? "success" : "failed";
      return {
        id: uuidv7(),
        code: `TJ${f}`,
        community_id: c.id,
        grid_id: r.pick(c.grids),
        type: labor ? "劳资" : "邻里",
        is_labor: labor ? 1 : 0,
        source: "walk_in",
        source_ref: null,
        summary: "纠纷",
        registered_on: f,
        registered_month: f.slice(0, 7),
        level: "grid",
        status: "closed",
        outcome,
        closed_on: f,
        closed_month: f.slice(0, 7),
        close_reason: null,
        referral: null,
        employer: labor ? "某厂" : null,
        workers: labor ? r.int(1, 20) : null,
        claimed_fen: labor ? 1_500_000 : null,
        recovered_fen: labor ? r.int(0, 1_500_000) : null,
        advance_fen: labor ? 0 : null,
        agreement: null,
        created_by: "bench",
        created_at: now,
        updated_at: now,
      };
    });
    await chunk("safety_disputes", ds);
  }
}
console.log(
  `bulk data: ${communities.length} communities × ${YEARS} years, ${rows.toLocaleString()} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${app.deps.database.dialect})`,
);

const scope = await scopeOf(db, world.communityId);
const subScope = await scopeOf(db, world.subdistrictId);
if (!scope || !subScope) throw new Error("no scope");
for (const [name, s] of [
  ["福民社区, 2024", scope],
  ["福城街道 (50 communities), 2024", subScope],
] as const) {
  console.log(`\n${name}: value (ms, best of 5) · records page 1 (ms)`);
  for (const f of app.deps.figures.all().filter((x) => x.module === "safety")) {
    const q = { scope: s, from: "2024-01-01", to: "2024-12-31", filters: {} };
    let best = Number.POSITIVE_INFINITY;
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      v = await f.value(db, q);
      best = Math.min(best, performance.now() - t0);
    }
    const t1 = performance.now();
    await f.records(db, q, { page: 1, pageSize: 20 });
    const rec = performance.now() - t1;
    console.log(`  ${f.key.padEnd(40)} ${String(Number(v.toFixed(4))).padStart(10)}  ${best.toFixed(1).padStart(7)} ms  ${rec.toFixed(1).padStart(7)} ms`);
  }
}
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
