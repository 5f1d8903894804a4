// Appeals benchmark (issue 3): with 1,000,000 cases in SQLite, the filtered, paged list (median),
// every figure of the figures page for one community and one year, and a 50,000-row XLSX import
// (time and memory). Also times the demo generation through the services.
// Prints figures; asserts nothing.  Run: npx tsx bench/appeals.ts [--cases 1000000] [--import 50000]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import ExcelJS from "exceljs";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { rng } from "../server/demo/random.js";
import { seedDemo } from "../server/demo/seed.js";
import { DEMO_PASSWORD } from "../server/demo/world.js";
import { uuidv7 } from "../server/platform/ids.js";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "1000000" },
    import: { type: "string", default: "50000" },
    communities: { type: "string", default: "9" },
    keep: { type: "boolean", default: false },
    // Internal: the import measured in a process of its own, so its memory is its own.
    "child-import": { type: "string" },
    data: { type: "string" },
    community: { type: "string" },
  },
});
if (values["child-import"]) {
  const cfg = loadConfig({ ...process.env, SHEQU_DATA_DIR: values.data, SHEQU_LOG_LEVEL: "silent" });
  const child = await buildApp(cfg);
  const rss0 = process.memoryUsage().rss;
  const login = await child.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: "leader", password: DEMO_PASSWORD },
    remoteAddress: "10.8.0.1",
  });
  const cookie = `shequ_sid=${login.cookies.find((c) => c.name === "shequ_sid")?.value}`;
  const file = fs.readFileSync(values["child-import"]);
  const boundary = "----shequbench";
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  for (const round of ["import", "the same file again"]) {
    const t0 = performance.now();
    const res = await child.inject({
      method: "POST",
      url: `/api/appeals/import?communityId=${values.community}`,
      payload,
      headers: { cookie, "x-csrf-token": login.json().csrfToken, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    console.log(`  ${round}: ${res.statusCode} ${res.body.slice(0, 100)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`  import process: RSS ${(rss0 / 1048576).toFixed(0)} MB after start, peak ${(peak / 1048576).toFixed(0)} MB`);
  await child.close();
  process.exit(0);
}
const TOTAL = Number(values.cases);
const IMPORT_ROWS = Number(values.import);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-appeals-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const db = app.deps.db;
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

let t = performance.now();
const world = await seedDemo(app.deps, { people: 3000, modules: ["appeals"], log: (s) => s.startsWith("appeals") && console.log(`  ${s}`) });
console.log(`demo community with its appeals, through the services: ${secs(t)} s`);

// Bulk volume for the benchmark only: more communities of the subdistrict, cases over six years.
t = performance.now();
const r = rng(311);
const sub = await db.selectFrom("regions").selectAll().where("id", "=", world.subdistrictId).executeTakeFirstOrThrow();
const communities: Array<{ id: string; grids: string[] }> = [{ id: world.communityId, grids: world.grids.map((g) => g.id) }];
const now = new Date().toISOString();
for (let c = 0; c < Number(values.communities); c++) {
  const cid = uuidv7();
  const cpath = `${sub.path}${cid}/`;
  const base = { boundary: null, lat: null, lng: null, sort: 0, archived: 0, created_at: now, updated_at: now };
  await db
    .insertInto("regions")
    .values({ ...base, id: cid, parent_id: sub.id, level: "community", name: `基准社区${c + 1}`, code: `440309008${200 + c}`, path: cpath, community_id: cid })
    .execute();
  const grids: string[] = [];
  for (let g = 0; g < 10; g++) {
    const gid = uuidv7();
    grids.push(gid);
    await db
      .insertInto("regions")
      .values({
        ...base,
        id: gid,
        parent_id: cid,
        level: "grid",
        name: `基准${c + 1}-${g + 1}网格`,
        code: `440309008${200 + c}${String(g + 1).padStart(2, "0")}`,
        path: `${cpath}${gid}/`,
        community_id: cid,
      })
      .execute();
  }
  communities.push({ id: cid, grids });
}
const cats = (await db.selectFrom("appeal_categories").select("code").where("parent_code", "is not", null).execute()).map((c) => c.code);
const orgs = (await db.selectFrom("organisations").select("id").where("community_id", "=", world.communityId).execute()).map((o) => o.id);
const raw = new SQLite(config.sqliteFile);
raw.pragma("journal_mode = WAL");
raw.pragma("synchronous = OFF");
const existing = Number(
  (
    await db
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst()
  )?.n ?? 0,
);
const cols = [
  "id",
  "community_id",
  "grid_id",
  "tracking_no",
  "external_no",
  "channel",
  "kind",
  "appeal_type",
  "category_code",
  "urgency",
  "title",
  "content",
  "address",
  "appellant_name",
  "appellant_phone",
  "photos",
  "tags",
  "status",
  "reg_date",
  "reg_month",
  "registered_at",
  "dispatch_due_at",
  "contact_due_at",
  "due_at",
  "dispatched_at",
  "assignee_org_id",
  "signed_at",
  "sign_late",
  "contacted_at",
  "answer",
  "closed_at",
  "closed_late",
  "handling_minutes",
  "resolved",
  "visit_at",
  "visit_reached",
  "visit_contacted",
  "visit_resolved",
  "satisfaction",
  "reopen_count",
  "is_repeat",
  "created_at",
  "updated_at",
];
const ins = raw.prepare(`insert into appeals (${cols.join(",")}) values (${cols.map(() => "?").join(",")})`);
const CHANNELS = ["mysb", "mysb", "mysb", "12345", "phone", "grid", "walkin", "online", "tea_talk", "survey"];
const START = Date.UTC(2020, 0, 1);
const SPAN = Date.UTC(2025, 11, 31) - START;
const bulk = raw.transaction((n: number, from: number) => {
  for (let i = 0; i < n; i++) {
    const k = from + i;
    const c = communities[k % communities.length];
    const at = START + Math.floor(r.next() * SPAN);
    const reg = new Date(at + 8 * 3_600_000).toISOString();
    const date = reg.slice(0, 10);
    const iso = new Date(at).toISOString();
    const due = new Date(at + 7 * 86_400_000).toISOString();
    const open = at > Date.UTC(2025, 10, 15) && r.chance(0.5);
    const appeal = r.chance(0.3);
    const closed = new Date(at + r.int(1, 240) * 3_600_000).toISOString();
    const sat = appeal && !open ? r.pick(["satisfied", "satisfied", "basic", "unsatisfied"]) : null;
    ins.run(
      uuidv7(at),
      c.id,
      r.pick(c.grids),
      `B${String(k).padStart(11, "0")}`,
      null,
      r.pick(CHANNELS),
      appeal ? "appeal" : "event",
      appeal ? "help" : null,
      r.pick(cats),
      r.chance(0.1) ? "urgent" : "normal",
      `基准案件${k}`,
      "基准数据",
      "福城街道某小区1栋",
      appeal ? "陈女士" : null,
      appeal ? `139${String(k).padStart(8, "0").slice(-8)}` : null,
      "[]",
      r.chance(0.02) ? '["急难愁盼"]' : "[]",
      open ? r.pick(["registered", "dispatched", "handling"]) : appeal ? "archived" : "archived",
      date,
      date.slice(0, 7),
      iso,
      iso,
      iso,
      due,
      open ? null : iso,
      c.id === world.communityId ? r.pick(orgs) : null,
      open ? null : iso,
      open ? null : r.chance(0.05) ? 1 : 0,
      open ? null : iso,
      open ? null : "已办结",
      open ? null : closed,
      open ? null : closed > due ? 1 : 0,
      open ? null : Math.round((Date.parse(closed) - at) / 60_000),
      open ? null : r.chance(0.95) ? 1 : 0,
      sat ? closed : null,
      sat ? 1 : null,
      sat ? 1 : null,
      sat ? (sat === "unsatisfied" ? 0 : 1) : null,
      sat,
      0,
      r.chance(0.05) ? 1 : 0,
      iso,
      iso,
    );
  }
});
const toAdd = Math.max(0, TOTAL - existing);
for (let done = 0; done < toAdd; done += 50_000) bulk(Math.min(50_000, toAdd - done), done);
raw.exec("analyze");
raw.close();
const total = Number(
  (
    await db
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst()
  )?.n ?? 0,
);
console.log(`bulk cases: ${total.toLocaleString()} in ${communities.length} communities (bulk insert + ANALYZE ${secs(t)} s)`);

async function login(username: string) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: DEMO_PASSWORD } });
  const sid = res.cookies.find((c) => c.name === "shequ_sid")?.value;
  return { cookie: `shequ_sid=${sid}`, csrf: res.json().csrfToken as string };
}
const leader = await login("leader");
const supervisor = await login("supervisor");
const grid01 = await login("grid01");
const get = (who: { cookie: string }, url: string) => app.inject({ method: "GET", url, headers: { cookie: who.cookie } });
async function median(who: { cookie: string }, url: string, runs = 21) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const res = await get(who, url);
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)] };
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

console.log("\nList (20 a page), median / p90 of 21 runs:");
for (const [who, name, url] of [
  [leader, "leader, community, newest first", "/api/appeals"],
  [leader, "leader, open cases", "/api/appeals?status=open"],
  [leader, "leader, 2024, channel + category filter, page 5", "/api/appeals?from=2024-01-01&to=2024-12-31&channel=mysb&category=GY&page=5"],
  [leader, "leader, overdue", "/api/appeals?deadline=overdue"],
  [leader, "leader, search by tracking number", "/api/appeals?q=B00000012345"],
  [grid01, "grid worker, own grid", "/api/appeals"],
  [grid01, "grid worker, inbox", "/api/appeals/inbox"],
  [supervisor, "supervisor, subdistrict (10 communities)", "/api/appeals"],
  [supervisor, "supervisor, subdistrict, 2025 open", "/api/appeals?status=open&from=2025-01-01&to=2025-12-31"],
] as const) {
  const m = await median(who, url);
  console.log(`  ${name.padEnd(52)} ${ms(m.median).padStart(10)} / ${ms(m.p90)}`);
}

console.log("\nFigures of 福民社区 for 2024 (each figure alone, median of 7):");
const period = `region=${world.communityId}&from=2024-01-01&to=2024-12-31`;
const figs = (await get(leader, `/api/figures?module=appeals&${period}`)).json().items as Array<{ key: string; value: number }>;
let worst = 0;
for (const f of figs) {
  const m = await median(leader, `/api/figures/${f.key}?${period}`, 7);
  worst = Math.max(worst, m.median);
  console.log(`  ${f.key.padEnd(40)} ${String(f.value).padStart(10)} ${ms(m.median).padStart(10)}`);
}
for (const by of ["month", "channel", "category", "status"]) {
  const m = await median(leader, `/api/figures/appeals.all_cases/groups?by=${by}&${period}`, 7);
  worst = Math.max(worst, m.median);
  console.log(`  ${`appeals.all_cases by ${by}`.padEnd(40)} ${"".padStart(10)} ${ms(m.median).padStart(10)}`);
}
const whole = await median(leader, `/api/figures?module=appeals&${period}`, 5);
console.log(`  slowest single figure ${ms(worst)}; the whole figures page's numbers in one call ${ms(whole.median)}`);

// 50,000-row XLSX import into a fresh community (all or nothing, through the service).
console.log(`\nXLSX import of ${IMPORT_ROWS.toLocaleString()} rows:`);
t = performance.now();
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("导出");
ws.addRow(["工单编号", "来源渠道", "类型", "诉求类型", "小类", "紧急程度", "标题", "诉求内容", "地址", "网格", "诉求人", "联系电话", "登记时间"]);
for (let i = 0; i < IMPORT_ROWS; i++) {
  const appeal = i % 3 !== 0;
  ws.addRow([
    `IMP${String(i).padStart(8, "0")}`,
    "民意速办平台",
    appeal ? "诉求" : "事件",
    appeal ? "求助" : "",
    r.pick(["路灯", "噪音扰民", "垃圾清运", "供水", "物业管理"]),
    "一般件",
    `导入案件${i}`,
    "平台导出的案件",
    "福城街道某小区",
    `第${(i % 12) + 1}网格`,
    appeal ? "王先生" : "",
    appeal ? `137${String(i).padStart(8, "0")}` : "",
    `2023-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")} 10:00`,
  ]);
}
const file = Buffer.from(await wb.xlsx.writeBuffer());
console.log(`  workbook ${(file.length / 1048576).toFixed(1)} MB written in ${secs(t)} s`);
const xlsxPath = path.join(dataDir, "import.xlsx");
fs.writeFileSync(xlsxPath, file);
const out = spawnSync(
  process.execPath,
  [...process.execArgv, new URL(import.meta.url).pathname, "--child-import", xlsxPath, "--data", dataDir, "--community", world.communityId],
  {
    encoding: "utf8",
  },
);
process.stdout.write(out.stdout);
if (out.status !== 0) process.stdout.write(out.stderr);

await app.close();
if (values.keep) console.log(`kept ${config.sqliteFile}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
