// 关爱帮扶 benchmark: every care figure (value, each breakdown, first page of records) for one
// community-year and for the subdistrict, with 50 communities × 5 years of households and visits
// (the demo community plus 49 others, bulk-inserted: not demo data); the not-visited list and a
// household's page over HTTP. Prints figures; it asserts nothing.
// Run: npx tsx bench/care.ts [--years 5] [--communities 49] [--households 200] [--visits 40]
// On PostgreSQL: DATABASE_URL=postgres://… npx tsx bench/care.ts
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
import { addDays } from "../server/platform/dates.js";
import { uuidv7 } from "../server/platform/ids.js";
import { scopeOf } from "../server/platform/scope.js";

const { values } = parseArgs({
  options: {
    years: { type: "string", default: "5" },
    communities: { type: "string", default: "49" },
    households: { type: "string", default: "200" },
    visits: { type: "string", default: "40" },
  },
});
const YEARS = Number(values.years);
const EXTRA = Number(values.communities);
const HOUSEHOLDS = Number(values.households);
const VISITS = Number(values.visits);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-care-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db as Kysely<DB>;
let t = performance.now();
const world = await seedDemo(app.deps, { people: 240, modules: ["care"] });
console.log(`seed demo with care (through the services): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const r = rng(13);
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const now = new Date().toISOString();
const region = (id: string, parent: { id: string; path: string }, level: "community" | "grid", name: string, communityId: string, sort: number) => ({
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
async function chunk(table: keyof DB, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 400) as any)
      .execute();
}

t = performance.now();
const counts = { communities: EXTRA + 1, households: 0, people: 0, visits: 0, householdVisits: 0 };
const firstYear = 2025 - YEARS + 1;
const KINDS = ["低保", "特困", "残疾", "困境儿童", "独居老人", "失业"];
const communities = [world.communityId];
for (let c = 0; c < EXTRA; c++) {
  const cid = uuidv7();
  const com = region(cid, sub, "community", `基准社区${c + 1}`, cid, c);
  await db.insertInto("regions").values(com).execute();
  communities.push(cid);
  const grids = Array.from({ length: 6 }, (_, g) => region(uuidv7(), com, "grid", `第${g + 1}网格`, cid, g));
  await chunk("regions", grids);
  const people: Record<string, unknown>[] = [];
  const households: Array<Record<string, unknown> & { id: string; grid_id: string; enrolled_on: string; archived_on: string | null }> = [];
  const links: Record<string, unknown>[] = [];
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const pid = uuidv7();
    const grid = grids[h % grids.length].id;
    people.push({
      id: pid,
      community_id: cid,
      grid_id: grid,
      estate_id: null,
      name: `基准${h}`,
      gender: h % 2 ? "M" : "F",
      birth_date: "1950-01-01",
      id_number: null,
      phone: null,
      address: `基准路${h}栋101室`,
      kind: "registered",
      tags: "[]",
      note: null,
      archived: 0,
      created_at: now,
      updated_at: now,
    });
    // Taken in over the years; about one in eight leaves care later.
    const enrolled = addDays(`${firstYear - 1}-01-01`, r.int(0, 365 * YEARS));
    const archived = r.chance(0.12) ? addDays(enrolled, r.int(200, 900)) : null;
    const kinds = [KINDS[h % KINDS.length]];
    const id = uuidv7();
    households.push({
      id,
      community_id: cid,
      grid_id: grid,
      head_person_id: pid,
      kinds: JSON.stringify(kinds),
      primary_kind: kinds[0],
      needs: "[]",
      grid_worker_id: null,
      state: archived && archived <= "2025-12-31" ? "archived" : "active",
      enrolled_on: enrolled,
      archived_on: archived && archived <= "2025-12-31" ? archived : null,
      archive_reason: null,
      last_visited_on: null,
      note: null,
      created_at: now,
      updated_at: now,
    });
    links.push({ id: uuidv7(), household_id: id, community_id: cid, person_id: pid, role: "head", since: enrolled, until: null });
  }
  const visits: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  const last = new Map<string, string>();
  for (let y = firstYear; y <= 2025; y++) {
    for (let v = 0; v < VISITS; v++) {
      const on = addDays(`${y}-01-03`, Math.floor((v * 355) / VISITS));
      const open = households.filter((h) => h.enrolled_on <= on && (!h.archived_on || h.archived_on > on));
      if (!open.length) continue;
      // Every fifth a 慰问活动 covering 20–40 households; home visits cover 1–3.
      const size = Math.min(open.length, v % 5 === 0 ? r.int(20, 40) : r.int(1, 3));
      const start = r.int(0, open.length - 1);
      const vid = uuidv7();
      visits.push({
        id: vid,
        community_id: cid,
        visited_on: on,
        visit_month: on.slice(0, 7),
        title: v % 5 === 0 ? "慰问活动" : "入户走访",
        kind: v % 5 === 0 ? "campaign" : "visit",
        visitor_user_ids: "[]",
        visitor_person_ids: "[]",
        partner_org_ids: "[]",
        household_count: size,
        money_fen: 0,
        note: "",
        created_at: now,
      });
      for (let k = 0; k < size; k++) {
        const h = open[(start + k) % open.length];
        lines.push({
          id: uuidv7(),
          visit_id: vid,
          household_id: h.id,
          community_id: cid,
          grid_id: h.grid_id,
          visited_on: on,
          visit_month: on.slice(0, 7),
          goods: "米、油",
          money_fen: 20_000,
          services: "",
          follow_up: "",
          follow_up_closed_on: null,
        });
        last.set(h.id, on);
      }
    }
  }
  for (const h of households) h.last_visited_on = last.get(h.id) ?? null;
  await chunk("people", people);
  await chunk("care_households", households);
  await chunk("care_household_people", links);
  await chunk("care_visits", visits);
  await chunk("care_visit_households", lines);
  counts.people += people.length;
  counts.households += households.length;
  counts.visits += visits.length;
  counts.householdVisits += lines.length;
}
console.log(`bulk data: ${JSON.stringify(counts)} in ${((performance.now() - t) / 1000).toFixed(1)} s (${communities.length} communities × ${YEARS} years)`);

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

const community = await scopeOf(db, communities[7] ?? world.communityId);
const subdistrict = await scopeOf(db, world.subdistrictId);
const figures = app.deps.figures.all().filter((f) => f.module === "care");
for (const [label, scope, target] of [
  ["community-year", community, 50],
  ["subdistrict-year", subdistrict, 200],
] as const) {
  if (!scope) continue;
  const q = { scope, from: "2024-01-01", to: "2024-12-31", filters: {} };
  console.log(`\n${label} (2024), target < ${target} ms a figure:`);
  for (const f of figures) {
    const v = await time(() => f.value(db, q));
    const value = await f.value(db, q);
    const dims = Object.entries(f.dimensions ?? {});
    const g = dims.length ? Math.max(...(await Promise.all(dims.map(([, d]) => time(() => d.groups(db, q, "zh")))))) : 0;
    const rec = await time(() => f.records(db, q, { page: 1, pageSize: 20 }));
    console.log(
      `  ${f.key.padEnd(24)} value ${v.toFixed(1).padStart(6)} ms · slowest breakdown ${g.toFixed(1).padStart(6)} ms · records ${rec.toFixed(1).padStart(6)} ms   (= ${value})`,
    );
  }
  const all = await time(async () => {
    for (const f of figures) await f.value(db, q);
  });
  console.log(`  all ${figures.length} values together: ${all.toFixed(1)} ms`);
}

// The not-visited list and a household's page, through HTTP as the web asks them.
const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "supervisor", password: "Shequ@2024" } });
const cookie = `shequ_sid=${login.cookies.find((c) => c.name === "shequ_sid")?.value}`;
const get = (url: string) => app.inject({ method: "GET", url, headers: { cookie } });
const list = (await get("/api/care/households?unvisited=1&pageSize=20")).json();
console.log(`\nHTTP (supervisor, subdistrict scope):`);
console.log(
  `  GET /api/care/households?unvisited=1 (first page of ${list.total}): ${(await time(() => get("/api/care/households?unvisited=1&pageSize=20"))).toFixed(1)} ms`,
);
const busy = await db
  .selectFrom("care_visit_households")
  .select(["household_id", (eb) => eb.fn.countAll().as("n")])
  .groupBy("household_id")
  .orderBy("n", "desc")
  .limit(1)
  .executeTakeFirstOrThrow();
console.log(`  GET /api/care/households/:id (${busy.n} visits): ${(await time(() => get(`/api/care/households/${busy.household_id}`))).toFixed(1)} ms`);
console.log(
  `  GET /api/figures?module=care (subdistrict, 2024): ${(await time(() => get(`/api/figures?module=care&region=${world.subdistrictId}&from=2024-01-01&to=2024-12-31`))).toFixed(1)} ms`,
);

await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
