// 民生微实事 benchmark: every projects figure (value, each breakdown, first page of records) for one
// community-year and for the subdistrict, with 50 communities × 5 years of projects (the demo
// community plus 49 others, bulk-inserted: not demo data); the list and a project's page.
// Prints figures; it asserts nothing.  Run: npx tsx bench/projects.ts [--years 5] [--communities 49] [--per-year 15]
// On PostgreSQL: DATABASE_URL=postgres://… npx tsx bench/projects.ts
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
import { addDays, addMonths } from "../server/platform/dates.js";
import { uuidv7 } from "../server/platform/ids.js";
import { scopeOf } from "../server/platform/scope.js";

const { values } = parseArgs({
  options: { years: { type: "string", default: "5" }, communities: { type: "string", default: "49" }, "per-year": { type: "string", default: "15" } },
});
const YEARS = Number(values.years);
const EXTRA = Number(values.communities);
const PER_YEAR = Number(values["per-year"]);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-projects-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db as Kysely<DB>;
let t = performance.now();
const world = await seedDemo(app.deps, { people: 200, modules: ["projects"] });
console.log(`seed demo with projects (through the services): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const r = rng(12);
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const now = new Date().toISOString();
const communities = [world.communityId];
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
  communities.push(cid);
}

async function chunk(table: keyof DB, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as any)
      .execute();
}

t = performance.now();
const counts = { projects: 0, payments: 0, progress: 0, events: 0, surveys: 0 };
const firstYear = 2025 - YEARS + 1;
const KINDS = ["service", "goods", "works"];
for (const cid of communities.slice(1)) {
  for (let y = firstYear; y <= 2025; y++) {
    const projects: Record<string, unknown>[] = [];
    const payments: Record<string, unknown>[] = [];
    const progress: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const surveys: Record<string, unknown>[] = [];
    for (let i = 0; i < PER_YEAR; i++) {
      const id = uuidv7();
      const proposed = addDays(`${y}-01-05`, r.int(0, 120));
      const approved = addDays(proposed, 40);
      const accepted = r.chance(0.85) ? addDays(approved, r.int(60, 200)) : null;
      const budget = r.int(30, 400) * 100_000;
      const paid: number[] = [Math.round(budget * 0.3), Math.round(budget * 0.4), Math.round(budget * 0.25)];
      const acc = accepted && accepted <= "2025-12-31" ? accepted : null;
      projects.push({
        id,
        code: `MS-${y}-${String(i + 1).padStart(3, "0")}`,
        community_id: cid,
        year: y,
        title: `基准项目${y}-${i + 1}`,
        kind: KINDS[i % 3],
        place: "社区",
        reason: "基准",
        estimated_fen: budget,
        proposer_kind: "staff",
        proposer_name: "社区工作人员",
        proposer_phone: null,
        proposer_org_id: null,
        proposed_on: proposed,
        stage: acc ? "evaluated" : "implementing",
        reviewed_on: addDays(proposed, 5),
        voted_on: addDays(proposed, 15),
        publicised_on: addDays(proposed, 18),
        publicity_ends_on: addDays(proposed, 25),
        approved_on: approved,
        budget_fen: budget,
        contractor: "施工单位",
        planned_start: approved,
        planned_end: addDays(approved, 180),
        started_on: addDays(approved, 5),
        progress_pct: acc ? 100 : 60,
        spent_fen: paid.reduce((a, b) => a + b, 0),
        accepted_on: acc,
        acceptors: "[]",
        acceptance_note: null,
        evaluated_on: acc ? addDays(acc, 20) : null,
        satisfaction: acc ? 0.9 : null,
        survey_count: acc ? 12 : 0,
        closed_on: null,
        closed_stage: null,
        close_reason: null,
        created_at: now,
        updated_at: now,
      });
      paid.forEach((amount, k) => {
        const on = addDays(approved, 14 + k * 30);
        payments.push({
          id: uuidv7(),
          project_id: id,
          community_id: cid,
          paid_on: on,
          paid_month: on.slice(0, 7),
          amount_fen: amount,
          voucher: `B${k}`,
          payee: "x",
          note: "",
          voided: 0,
          void_reason: null,
          created_at: now,
        });
      });
      for (let m = 0; m < 6; m++) {
        const on = addMonths(approved, m + 1);
        progress.push({
          id: uuidv7(),
          project_id: id,
          community_id: cid,
          month: on.slice(0, 7),
          reported_on: on,
          percent: Math.min(100, (m + 1) * 17),
          note: "",
          photos: "[]",
          created_at: now,
        });
      }
      for (let e = 0; e < 20; e++)
        events.push({
          id: uuidv7(),
          project_id: id,
          community_id: cid,
          step: "progress",
          on_date: addDays(proposed, e * 10),
          at: `${addDays(proposed, e * 10)}T02:00:00.000Z`,
          actor: "bench",
          note: "",
          detail: "{}",
        });
      if (acc)
        for (let s = 0; s < 12; s++)
          surveys.push({
            id: uuidv7(),
            project_id: id,
            community_id: cid,
            submitted_on: addDays(acc, 1 + s),
            answer: r.chance(0.85) ? "satisfied" : "unsatisfied",
            comment: "",
            channel: "online",
            created_at: now,
          });
    }
    await chunk("projects", projects);
    await chunk("project_payments", payments);
    await chunk("project_progress", progress);
    await chunk("project_events", events);
    await chunk("project_survey_responses", surveys);
    counts.projects += projects.length;
    counts.payments += payments.length;
    counts.progress += progress.length;
    counts.events += events.length;
    counts.surveys += surveys.length;
  }
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
const figures = app.deps.figures.all().filter((f) => f.module === "projects");
for (const [label, scope] of [
  ["community-year", community],
  ["subdistrict-year", subdistrict],
] as const) {
  if (!scope) continue;
  const q = { scope, from: "2024-01-01", to: "2024-12-31", filters: {} };
  console.log(`\n${label} (2024):`);
  for (const f of figures) {
    const v = await time(() => f.value(db, q));
    const value = await f.value(db, q);
    const dims = Object.entries(f.dimensions ?? {});
    const g = dims.length ? Math.max(...(await Promise.all(dims.map(([, d]) => time(() => d.groups(db, q, "zh")))))) : 0;
    const rec = await time(() => f.records(db, q, { page: 1, pageSize: 20 }));
    console.log(
      `  ${f.key.padEnd(28)} value ${v.toFixed(1).padStart(6)} ms · slowest breakdown ${g.toFixed(1).padStart(6)} ms · records ${rec.toFixed(1).padStart(6)} ms   (= ${value})`,
    );
  }
  const all = await time(async () => {
    for (const f of figures) await f.value(db, q);
  });
  console.log(`  all ${figures.length} values together: ${all.toFixed(1)} ms`);
}

// The list and a project's page, through HTTP as the web asks them.
const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "supervisor", password: "Shequ@2024" } });
const cookie = `shequ_sid=${login.cookies.find((c) => c.name === "shequ_sid")?.value}`;
const get = (url: string) => app.inject({ method: "GET", url, headers: { cookie } });
const first = (await get("/api/projects?year=2024&pageSize=20")).json().items[0];
console.log(`\nHTTP (supervisor, subdistrict scope):`);
console.log(
  `  GET /api/projects?year=2024 (first page of ${(await get("/api/projects?year=2024")).json().total}): ${(await time(() => get("/api/projects?year=2024&pageSize=20"))).toFixed(1)} ms`,
);
console.log(`  GET /api/projects/:id: ${(await time(() => get(`/api/projects/${first.id}`))).toFixed(1)} ms`);
console.log(
  `  GET /api/figures?module=projects (subdistrict, 2024): ${(await time(() => get(`/api/figures?module=projects&region=${world.subdistrictId}&from=2024-01-01&to=2024-12-31`))).toFixed(1)} ms`,
);

await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
