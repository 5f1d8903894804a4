// 年度工作报告 benchmark: the whole report (every figure of the template, last year's for the
// comparison, the findings, the DOCX) for the demo community's 2024 and for its subdistrict, on the
// demo's records of every module (through their services), with more communities added to the
// subdistrict (empty regions, bulk-inserted: not demo data) so the subdistrict has 50.
// Prints figures; it asserts nothing.  Run: npx tsx bench/reports.ts [--communities 48] [--people 3000] [--runs 3]
// On PostgreSQL: DATABASE_URL=postgres://… npx tsx bench/reports.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import type { DB } from "../server/db/types.js";
import { seedDemo } from "../server/demo/seed.js";
import { DEMO_PASSWORD } from "../server/demo/world.js";
import { uuidv7 } from "../server/platform/ids.js";

const { values } = parseArgs({
  options: { communities: { type: "string", default: "48" }, people: { type: "string", default: "3000" }, runs: { type: "string", default: "3" } },
});
const EXTRA = Number(values.communities);
const RUNS = Number(values.runs);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-reports-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db as Kysely<DB>;
let t = performance.now();
const world = await seedDemo(app.deps, { people: Number(values.people) });
console.log(`seed the demo, every module (through the services): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const now = new Date().toISOString();
for (let c = 0; c < EXTRA; c++) {
  const cid = uuidv7();
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
}
const communities = await db.selectFrom("regions").select(["id", "name"]).where("parent_id", "=", sub.id).where("level", "=", "community").execute();

const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "supervisor", password: DEMO_PASSWORD } });
const cookie = `shequ_sid=${res.cookies.find((c) => c.name === "shequ_sid")?.value}`;
const get = (url: string) => app.inject({ method: "GET", url, headers: { cookie } });
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (label: string, url: string) => {
  const ms: number[] = [];
  let size = 0;
  let body: any = null;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await get(url);
    ms.push(performance.now() - t0);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    size = r.rawPayload.length;
    if (!url.includes(".docx")) body = r.json();
  }
  const extra = body
    ? `, ${body.figures.length} figures, ${body.findings?.length ?? 0} findings, ${body.flaggedCount} sentences flagged`
    : `, ${(size / 1024).toFixed(0)} KB`;
  console.log(`${label}: median ${median(ms).toFixed(0)} ms of ${RUNS}${extra}`);
  return median(ms);
};

console.log(`\n${communities.length} communities in ${sub.name}; the demo community is ${communities.find((c) => c.id === world.communityId)?.name}`);
await time("community-year JSON (all figures, last year's, findings)", `/api/reports/annual/2024?region=${world.communityId}`);
await time("community-year DOCX (the same, written as Word)", `/api/reports/annual/2024.docx?region=${world.communityId}`);
await time("subdistrict JSON (the subdistrict's own report)", `/api/reports/annual/2024?region=${sub.id}`);
await time("subdistrict DOCX", `/api/reports/annual/2024.docx?region=${sub.id}`);
t = performance.now();
for (const c of communities) {
  const r = await get(`/api/reports/annual/2024.docx?region=${c.id}`);
  if (r.statusCode !== 200) throw new Error(`${c.name}: ${r.statusCode}`);
}
console.log(`one DOCX per community, all ${communities.length}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
