// Platform benchmark: figures, people list and search, audit append and login cost at the scale
// of a district (50 communities, ~200,000 residents) on SQLite, or PostgreSQL with DATABASE_URL.
// Prints figures; it asserts nothing.  Run: npx tsx bench/platform.ts [--people 4000]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { birthDate, idNumber, personName, phone, rng } from "../server/demo/random.js";
import { seedDemo } from "../server/demo/seed.js";
import { uuidv7 } from "../server/platform/ids.js";

const { values } = parseArgs({ options: { people: { type: "string", default: "4000" }, communities: { type: "string", default: "49" } } });
const perCommunity = Number(values.people);
const extraCommunities = Number(values.communities);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db;
const t0 = performance.now();
const world = await seedDemo(app.deps, { people: 3000, modules: [] });
console.log(`seed demo (3000 people, through the services): ${((performance.now() - t0) / 1000).toFixed(2)} s`);

// Bulk volume for the benchmark only (not demo data): other communities of the same subdistrict.
const r = rng(7);
const t1 = performance.now();
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const now = new Date().toISOString();
for (let c = 0; c < extraCommunities; c++) {
  const cid = uuidv7();
  await db.transaction().execute(async (trx) => {
    const cpath = `${sub.path}${cid}/`;
    await trx
      .insertInto("regions")
      .values({
        id: cid,
        parent_id: sub.id,
        level: "community",
        name: `基准社区${c + 1}`,
        code: `440309008${String(100 + c)}`,
        path: cpath,
        community_id: cid,
        boundary: null,
        lat: null,
        lng: null,
        sort: 0,
        archived: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const grids: string[] = [];
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
          code: `440309008${String(100 + c)}${String(g + 1).padStart(2, "0")}`,
          path: `${cpath}${gid}/`,
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
    const rows = [];
    for (let i = 0; i < perCommunity; i++) {
      const gender = r.chance(0.5) ? "M" : "F";
      const birth = birthDate(r, 1, 90);
      rows.push({
        id: uuidv7(),
        community_id: cid,
        grid_id: grids[i % 10],
        estate_id: null,
        name: personName(r),
        gender: gender as "M" | "F",
        birth_date: birth,
        id_number: `${idNumber(r, birth, gender, r.chance(0.3)).slice(0, 14)}${String(i).padStart(4, "0")}`,
        phone: phone(r),
        address: `基准社区${c + 1}${r.int(1, 40)}栋${r.int(101, 1208)}室`,
        kind: (r.chance(0.35) ? "registered" : "migrant") as "registered" | "migrant",
        tags: r.chance(0.15) ? '["老年人"]' : "[]",
        note: null,
        archived: 0,
        created_at: now,
        updated_at: now,
      });
    }
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto("people")
        .values(rows.slice(i, i + 500))
        .execute();
  });
}
const total = Number(
  (
    await db
      .selectFrom("people")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst()
  )?.n,
);
console.log(`bulk load: ${extraCommunities} more communities, ${total} people in all: ${((performance.now() - t1) / 1000).toFixed(1)} s`);

async function login(username: string) {
  const t = performance.now();
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: "Shequ@2024" } });
  const ms = performance.now() - t;
  const cookie = res.cookies.find((c) => c.name === "shequ_sid")?.value;
  return { headers: { cookie: `shequ_sid=${cookie}`, "x-csrf-token": res.json().csrfToken }, ms };
}

async function measure(label: string, headers: Record<string, string>, url: string, n = 30) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await app.inject({ method: "GET", url, headers });
    times.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`${label.padEnd(58)} p50 ${p(0.5).padStart(7)} ms   p95 ${p(0.95).padStart(7)} ms`);
}

const leader = await login("leader");
const supervisor = await login("supervisor");
const grid = await login("grid03");
console.log(`login (scrypt N=2^15): ${leader.ms.toFixed(0)} ms`);
console.log(`\n${db.constructor.name} on ${app.deps.database.dialect}, ${total} people`);
await measure("GET /api/figures (leader, 1 community)", leader.headers, "/api/figures?from=2024-01-01&to=2024-12-31");
await measure("GET /api/figures (supervisor, 50 communities)", supervisor.headers, "/api/figures?from=2024-01-01&to=2024-12-31");
await measure("GET /api/figures/platform.people/groups?by=grid (supervisor)", supervisor.headers, "/api/figures/platform.people/groups?by=grid");
await measure("GET /api/people page 1 (leader)", leader.headers, "/api/people?page=1&pageSize=20");
await measure("GET /api/people page 1 (supervisor, 200k)", supervisor.headers, "/api/people?page=1&pageSize=20");
await measure("GET /api/people page 500 (supervisor)", supervisor.headers, "/api/people?page=500&pageSize=20");
await measure("GET /api/people?q=name (supervisor)", supervisor.headers, `/api/people?q=${encodeURIComponent("王")}&pageSize=20`);
await measure("GET /api/people?q=phone suffix (supervisor)", supervisor.headers, "/api/people?q=1234&pageSize=20");
await measure("GET /api/people (grid worker)", grid.headers, "/api/people?page=1&pageSize=20");

const people = await db.selectFrom("people").select("id").where("community_id", "=", world.communityId).limit(200).execute();
const t2 = performance.now();
for (const p of people) await app.inject({ method: "PATCH", url: `/api/people/${p.id}`, headers: leader.headers, payload: { note: "benchmark" } });
const perWrite = (performance.now() - t2) / people.length;
console.log(`PATCH /api/people/:id with audit append: ${perWrite.toFixed(2)} ms per write (${(1000 / perWrite).toFixed(0)}/s)`);
const t3 = performance.now();
const v = await app.inject({ method: "GET", url: "/api/audit/verify", headers: (await login("auditor")).headers });
console.log(`verify-audit over ${v.json().count} entries: ${(performance.now() - t3).toFixed(0)} ms`);
console.log(`memory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
