// 三务公开 benchmark: 50 communities × 5 years of disclosure items (about 100,000, bulk-inserted:
// not demo data) on SQLite; the public list (cache misses: every page, column and community asked
// once) and an item page (each id once) at the median over real HTTP on 127.0.0.1; then 500
// concurrent readers of one popular item, counting how many reached the database (the cache's
// misses). wrk is not installed here, so the load is a bounded Node loop of keep-alive requests.
// Prints figures; it asserts nothing.  Run: npx tsx bench/portal.ts [--items 100000] [--readers 500] [--seconds 10]
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import type { DB } from "../server/db/types.js";
import { seedDemo } from "../server/demo/seed.js";
import { uuidv7 } from "../server/platform/ids.js";

const { values } = parseArgs({
  options: { items: { type: "string", default: "100000" }, readers: { type: "string", default: "500" }, seconds: { type: "string", default: "10" } },
});
const ITEMS = Number(values.items);
const READERS = Number(values.readers);
const SECONDS = Number(values.seconds);
const COMMUNITIES = 50;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-portal-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent", SHEQU_TRUST_PROXY: "1" });
const app = await buildApp(config);
const db = app.deps.db as Kysely<DB>;
const world = await seedDemo(app.deps, { people: 50, modules: [] });
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const now = new Date().toISOString();
const codes = ["440309008003"];
const communityIds = [world.communityId];
for (let c = 1; c < COMMUNITIES; c++) {
  const cid = uuidv7();
  const code = `9${String(c).padStart(11, "0")}`;
  await db
    .insertInto("regions")
    .values({
      id: cid,
      parent_id: sub.id,
      level: "community",
      name: `基准社区${c}`,
      code,
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
  codes.push(code);
  communityIds.push(cid);
}
const columns = (await db.selectFrom("portal_columns").select(["key"]).where("parent_key", "is not", null).execute()).map((c) => c.key);
let t = performance.now();
const body = `<p>${"本季度各项工作按计划推进，资金使用情况如下。".repeat(20)}</p><table><tbody><tr><td>合计</td><td>12,000.00元</td></tr></tbody></table>`;
const ids: string[] = [];
const batch: DB["portal_items"][] = [];
for (let i = 0; i < ITEMS; i++) {
  const c = i % COMMUNITIES;
  const year = 2020 + (Math.floor(i / COMMUNITIES) % 5);
  const day = `${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
  const status = i % 20 === 0 ? "proposed" : i % 37 === 0 ? "withdrawn" : "published";
  const id = uuidv7(Date.parse(`${day}T02:00:00Z`) + i);
  if (status !== "proposed") ids.push(id);
  const at = `${day}T02:00:00.000Z`;
  batch.push({
    id,
    community_id: communityIds[c],
    column_key: columns[i % columns.length],
    title: `基准公开事项 ${i}`,
    body,
    attachments: "[]",
    period_from: day,
    period_to: day,
    source_module: null,
    source_kind: null,
    source_id: null,
    status,
    version: 1,
    previous_id: null,
    superseded_by: null,
    drafted_by: "基准",
    proposed_by_id: null,
    proposed_by: "基准",
    proposed_at: at,
    reviewed_by_id: null,
    reviewed_by: status === "proposed" ? null : "基准",
    reviewed_at: null,
    review_confirmed: "[]",
    approved_by: status === "proposed" ? null : "基准",
    published_at: status === "proposed" ? null : at,
    published_on: status === "proposed" ? null : day,
    published_month: status === "proposed" ? null : day.slice(0, 7),
    withdrawn_at: null,
    withdrawn_on: status === "withdrawn" ? day : null,
    withdrawn_by: null,
    withdraw_reason: status === "withdrawn" ? "基准撤回" : null,
    return_reason: null,
    created_at: at,
    updated_at: at,
  });
  if (batch.length === 500 || i === ITEMS - 1) {
    await db.insertInto("portal_items").values(batch).execute();
    batch.length = 0;
  }
}
console.log(`${ITEMS} items in ${COMMUNITIES} communities × 5 years inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);

await app.listen({ port: 0, host: "127.0.0.1" });
const port = (app.server.address() as { port: number }).port;
const agent = new http.Agent({ keepAlive: true, maxSockets: READERS });
let ip = 0;
function get(url: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const n = ++ip;
    http
      .get({ host: "127.0.0.1", port, path: url, agent, headers: { "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      })
      .on("error", reject);
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

async function measure(name: string, urls: string[]) {
  const ms: number[] = [];
  for (const u of urls) {
    const r = await get(u);
    if (r.status !== 200) throw new Error(`${u}: ${r.status}`);
    ms.push(r.ms);
  }
  console.log(`${name}: median ${median(ms).toFixed(1)} ms, p95 ${p95(ms).toFixed(1)} ms (${urls.length} requests, each a cache miss)`);
}
const enc = encodeURIComponent;
await measure(
  "public list, one community and column, page 1–3",
  Array.from(
    { length: 200 },
    (_, i) => `/api/public/disclosure/items?community=${codes[i % COMMUNITIES]}&column=${enc(columns[i % columns.length])}&page=${1 + (i % 3)}`,
  ),
);
await measure(
  "public list, one community, all columns",
  Array.from({ length: 100 }, (_, i) => `/api/public/disclosure/items?community=${codes[i % COMMUNITIES]}&page=${1 + (i % 2)}`),
);
await measure(
  "public list, all communities, page 1–100",
  Array.from({ length: 100 }, (_, i) => `/api/public/disclosure/items?page=${i + 1}`),
);
await measure(
  "public list, search in a community",
  Array.from({ length: 100 }, (_, i) => `/api/public/disclosure/items?community=${codes[i % COMMUNITIES]}&q=${enc(`事项 ${i}`)}`),
);
await measure(
  "item page",
  Array.from({ length: 500 }, (_, i) => `/api/public/disclosure/items/${ids[(i * 131) % ids.length]}`),
);
await measure(
  "Atom feed per column",
  Array.from({ length: 100 }, (_, i) => `/api/public/disclosure/feed/${codes[i % COMMUNITIES]}/${columns[(i * 7) % columns.length]}.atom`),
);

// 500 concurrent readers of one item for SECONDS: how many requests, their latency, how many reached the database.
const popular = `/api/public/disclosure/items/${ids[42]}`;
await get(popular);
const before = await cacheStats();
const lat: number[] = [];
let done = 0;
let failed = 0;
const until = performance.now() + SECONDS * 1000;
const maxRequests = 200_000;
t = performance.now();
await Promise.all(
  Array.from({ length: READERS }, async () => {
    while (performance.now() < until && done < maxRequests) {
      const r = await get(popular);
      if (r.status !== 200) failed++;
      lat.push(r.ms);
      done++;
    }
  }),
);
const secs = (performance.now() - t) / 1000;
const after = await cacheStats();
const misses = after.misses - before.misses;
console.log(
  `${READERS} concurrent readers of one item: ${done} requests in ${secs.toFixed(1)} s = ${Math.round(done / secs)}/s, median ${median(lat).toFixed(1)} ms, p95 ${p95(lat).toFixed(1)} ms, ${failed} not 200; cache hits ${after.hits - before.hits}, misses (database reads) ${misses}`,
);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });

async function cacheStats(): Promise<{ hits: number; misses: number }> {
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: "leader", password: "Shequ@2024" },
    remoteAddress: `10.200.${++ip % 250}.1`,
  });
  const cookie = login.cookies.find((c) => c.name === "shequ_sid");
  const r = await app.inject({ method: "GET", url: "/api/portal/cache", headers: { cookie: `shequ_sid=${cookie?.value}` } });
  return r.json();
}
