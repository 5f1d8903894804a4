// Patrol benchmark on SQLite: bulk sync through HTTP (batches of 500, validation, flags and the
// per-point day counters included) beside plain better-sqlite3 prepared inserts into the same
// table with the same indexes, one transaction per 500 rows; single check-ins over HTTP with
// login sessions from 50 concurrent clients (rate, p50/p99), back to back (three runs) and paced
// to 2,000 a second in all; the map's today status and the
// coverage figure at the resulting size; the server's peak RSS. The server runs in a process of its
// own, started as `npm start` starts it, so the load generator's work and memory are not counted in it.
// Prints figures; asserts nothing.
// Run: npx tsx bench/patrol.ts [--rows 100000] [--seconds 10] [--clients 50] [--repeat 3] [--rate 2000] [--no-wrk --singles 10000]
//      [--stored 10000000] [--server-args="--cpu-prof"]. Single check-ins are driven by wrk (Debian package wrk) when present.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { seedDemo } from "../server/demo/seed.js";
import { DEMO_PASSWORD } from "../server/demo/world.js";
import { CHECKIN_TABLE_COLUMNS } from "../server/modules/patrol/patrol.checkins.repo.js";
import { createPatrolServices } from "../server/modules/patrol/patrol.services.js";
import { createSafetyServices } from "../server/modules/safety/safety.services.js";
import { uuidv7 } from "../server/platform/ids.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    singles: { type: "string", default: "10000" },
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    stored: { type: "string", default: "0" },
    "no-wrk": { type: "boolean", default: false },
    repeat: { type: "string", default: "3" },
    rate: { type: "string", default: "2000" },
    "server-args": { type: "string", default: "" },
  },
});
const ROWS = Number(values.rows);
const SINGLES = Number(values.singles);
const STORED = Number(values.stored);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-patrol-"));
const config = loadConfig({ ...process.env, DATABASE_URL: "", SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent", SHEQU_TRUST_PROXY: "1" });
// The demo world (regions, accounts, teams) is made here, then the server is started on that data.
const setup = await buildApp(config);
const world = await seedDemo(setup.deps, { people: 300, modules: [] });
await setup.close();

/** Starts the server as `npm start` does, in a process of its own, on the bench's data. */
async function startServer() {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(process.execPath, [...values["server-args"].split(" ").filter(Boolean), path.resolve("scripts/start.mjs")], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      SHEQU_DATA_DIR: dataDir,
      SHEQU_LOG_LEVEL: "silent",
      SHEQU_TRUST_PROXY: "1",
      SHEQU_SKIP_WEB_BUILD: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`server exited ${code}`)));
    proc.stdout.on("data", (b: Buffer) => {
      if (b.toString().includes("is running at")) resolve();
      if (process.env.BENCH_SERVER_OUT) fs.appendFileSync(process.env.BENCH_SERVER_OUT, b);
    });
  });
  return { proc, base: `http://127.0.0.1:${port}` };
}
let { proc: server, base } = await startServer();
// A bench that stops on an error leaves no server behind.
process.on("exit", () => server.kill("SIGTERM"));
/** The server process's peak resident set (VmHWM), in MB. */
const serverPeakRssMb = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
const rssAtStart = serverPeakRssMb();
/** CPU seconds the server process has used (user + system), from /proc. */
const serverCpu = () => {
  const f = fs.readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
};

async function session(username: string, ip: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return { cookie, csrf };
}
const leader = await session("leader", "10.0.0.1");
const post = (s: { cookie: string; csrf: string }, url: string, body: unknown) =>
  fetch(`${base}${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrf },
    body: JSON.stringify(body),
  });

// 40 points across the grids (lng/lat inside the demo cells).
const points: Array<{ id: string; gridId: string; lng: number; lat: number; token: string }> = [];
for (let i = 0; i < 40; i++) {
  const lng = 114.0465 + (i % 8) * 0.003;
  const lat = 22.6725 + Math.floor(i / 8) * 0.003;
  const res = await post(leader, "/api/patrol/points", {
    communityId: world.communityId,
    name: `基准点${i + 1}`,
    kind: "消防通道",
    lng,
    lat,
    force: "community",
  });
  const p = (await res.json()) as { id: string; gridId: string };
  const label = (await (await fetch(`${base}/api/patrol/points/labels?ids=${p.id}`, { headers: { cookie: leader.cookie } })).json()) as Array<{ url: string }>;
  points.push({ id: p.id, gridId: p.gridId, lng, lat, token: new URL(label[0].url).searchParams.get("t") as string });
}
const officer = await session(process.env.OFFICER ?? "patrol01", "10.0.0.2");

// 1. Bulk sync through HTTP, batches of 500, one officer walking the points a minute apart.
let t = Date.parse("2025-01-01T00:00:00Z");
let n = 0;
const mk = () => {
  const p = points[n % points.length];
  t += 60_000;
  n++;
  return {
    clientId: `bench-${String(n).padStart(8, "0")}`,
    pointId: p.id,
    method: "qr",
    token: p.token,
    deviceTime: new Date(t).toISOString(),
    lat: p.lat,
    lng: p.lng,
    accuracyM: 10,
    result: "normal",
  };
};
const c0 = serverCpu();
const t0 = performance.now();
for (let i = 0; i < ROWS; i += 500) {
  const batch = Array.from({ length: Math.min(500, ROWS - i) }, mk);
  const q0 = performance.now();
  const res = await post(officer, "/api/patrol/sync", { checkins: batch, sentAt: new Date().toISOString() });
  if (res.status !== 200) throw new Error(`sync ${res.status} ${await res.text()}`);
  const jr = (await res.json()) as any;
  if (process.env.DBG && i === 0) console.log(JSON.stringify(jr.results.slice(0, 3)), jr.accepted, jr.rejected);
  if (process.env.DBG) console.log("batch", (performance.now() - q0).toFixed(1));
}
const syncSec = (performance.now() - t0) / 1000;
const syncCpu = serverCpu() - c0;
const rssAfterSync = serverPeakRssMb();

// 2. Raw: better-sqlite3 prepared inserts, same table shape and indexes, one transaction per 500.
const rawFile = path.join(dataDir, "raw.db");
const raw = new SQLite(rawFile);
raw.pragma("journal_mode = WAL");
raw.pragma("synchronous = NORMAL");
const src = new SQLite(config.sqliteFile, { readonly: true });
for (const r of src
  .prepare("select sql from sqlite_master where tbl_name = 'patrol_checkins' and type in ('table', 'index') and sql is not null")
  .all() as Array<{ sql: string }>)
  raw.exec(r.sql);
src.close();
const cols = CHECKIN_TABLE_COLUMNS;
const ins = raw.prepare(`insert into patrol_checkins (${cols.join(",")}) values (${cols.map(() => "?").join(",")})`);
const many = raw.transaction((rows: unknown[][]) => {
  for (const r of rows) ins.run(...r);
});
const t1 = performance.now();
let tt = Date.parse("2025-01-01T00:00:00Z");
for (let i = 0; i < ROWS; i += 500) {
  const rows: unknown[][] = [];
  for (let k = 0; k < Math.min(500, ROWS - i); k++) {
    tt += 60_000;
    const iso = new Date(tt).toISOString();
    // The same rows the sync stored: the same points in the same order, a minute apart.
    const p = points[(i + k) % points.length];
    rows.push([
      uuidv7(tt),
      `raw-${String(i + k).padStart(8, "0")}`,
      world.communityId,
      p.gridId,
      p.id,
      null,
      "u",
      "巡查员1",
      null,
      "community",
      "qr",
      "normal",
      null,
      "[]",
      "{}",
      p.lat,
      p.lng,
      10,
      3,
      1,
      iso,
      iso,
      iso.slice(0, 10),
      iso.slice(0, 7),
      "[]",
      0,
      "none",
      null,
      null,
      null,
      null,
      "sync",
      null,
      null,
      null,
    ]);
  }
  many(rows);
}
const rawSec = (performance.now() - t1) / 1000;
raw.close();

// 3. Single check-ins over HTTP, 50 concurrent clients, each with its own login session.
const clients = await Promise.all(Array.from({ length: Number(values.clients) }, (_, i) => session(i % 2 ? "patrol02" : "patrol03", `10.1.${i}.1`)));
// The load comes from wrk (a separate process, in C) when it is installed (Debian: wrk), so the
// figure is the server's and not the load generator's; else from fetch in this process.
const useWrk = !values["no-wrk"] && spawnSync("wrk", ["--version"]).error === undefined;
type SingleRun = { label: string; count: number; sec: number; cpu: number; p50: number; p99: number; errors: number };
const singleRuns: SingleRun[] = [];
if (useWrk) {
  const dataFile = path.join(dataDir, "wrk.txt");
  fs.writeFileSync(dataFile, [...clients.map((c) => `s|${c.cookie}|${c.csrf}`), ...points.map((p) => `p|${p.id}|${p.lat}|${p.lng}|${p.token}`)].join("\n"));
  /** One wrk run: `pauseMs` after each answer per connection (0: back to back, as fast as the server answers). */
  const wrkRun = (label: string, seconds: number, pauseMs: number): SingleRun => {
    const c0 = serverCpu();
    const r = spawnSync(
      "wrk",
      [
        "-t2",
        `-c${values.clients}`,
        `-d${seconds}s`,
        "--latency",
        "--timeout",
        "10s",
        "-s",
        path.resolve("bench/patrol-checkin.lua"),
        base,
        label.replace(/\W/g, ""),
        String(pauseMs),
      ],
      { env: { ...process.env, SHEQU_WRK_DATA: dataFile }, encoding: "utf8" },
    );
    const cpu = serverCpu() - c0;
    if (process.env.DBG) console.log(r.stdout);
    const m = /WRK requests=(\d+) seconds=([\d.]+) p50=([\d.]+) p99=([\d.]+) errors=(\d+)/.exec(r.stdout);
    if (!m) throw new Error(`wrk: ${r.stdout} ${r.stderr}`);
    return { label, count: Number(m[1]), sec: Number(m[2]), cpu, p50: Number(m[3]), p99: Number(m[4]), errors: Number(m[5]) };
  };
  // A short run first, so the measured ones find the server warmed up (JIT, statement cache).
  wrkRun("warmup", Number(values.warmup), 0);
  // Back to back: each of the 50 clients sends its next check-in the moment the last is answered —
  // the most the server takes; the latency then is mostly the queue of 50 (Little's law).
  for (let k = 1; k <= Number(values.repeat); k++) singleRuns.push(wrkRun(`saturated${k}`, Number(values.seconds), 0));
  // At the target rate: the 50 clients pause between check-ins so that together they send about
  // --rate per second (the pause is set from a 3 s trial: period = clients / rate, less the answer time).
  const rate = Number(values.rate);
  if (rate > 0) {
    const period = (Number(values.clients) / rate) * 1000;
    const trialPause = Math.max(0, period - 5);
    const trial = wrkRun("trial", 3, trialPause);
    // Each client's cycle is its pause plus the answer's time; what is left of the cycle is the answer.
    const answerMs = trial.count ? (Number(values.clients) * trial.sec * 1000) / trial.count - trialPause : 0;
    const pause = Math.max(0, period - answerMs);
    singleRuns.push(wrkRun(`paced${rate}`, Number(values.seconds), pause));
  }
} else {
  const lat: number[] = [];
  let next = 0;
  let errors = 0;
  let ts = Date.now() - 3600_000;
  const c2 = serverCpu();
  const t2 = performance.now();
  await Promise.all(
    clients.map(async (c, ci) => {
      while (next < SINGLES) {
        const k = next++;
        const p = points[(k + ci) % points.length];
        ts += 1000;
        const s = performance.now();
        const res = await post(c, "/api/patrol/checkins", {
          clientId: `single-${String(k).padStart(8, "0")}`,
          pointId: p.id,
          method: "qr",
          token: p.token,
          deviceTime: new Date(ts).toISOString(),
          lat: p.lat,
          lng: p.lng,
          accuracyM: 8,
        });
        await res.arrayBuffer();
        if (res.status !== 201 && res.status !== 200) errors++;
        lat.push(performance.now() - s);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))];
  singleRuns.push({
    label: "saturated",
    count: SINGLES,
    sec: (performance.now() - t2) / 1000,
    cpu: serverCpu() - c2,
    p50: pct(0.5),
    p99: pct(0.99),
    errors,
  });
}

const rssAfterSingles = serverPeakRssMb();

// 4. Reads at this size.
const time = async (url: string): Promise<string> => {
  const s = performance.now();
  try {
    const res = await fetch(`${base}${url}`, { headers: { cookie: leader.cookie } });
    await res.arrayBuffer();
  } catch (e) {
    // This process's pooled connection sat idle through the wrk runs; on a loaded machine those
    // outlast the server's keep-alive timeout (72 s), and the server may close it just as it is
    // reused ("other side closed"). Timed again on a fresh connection.
    if ((e as { cause?: { code?: string } }).cause?.code !== "UND_ERR_SOCKET") throw e;
    return time(url);
  }
  return (performance.now() - s).toFixed(1);
};
const mapMs = await time("/api/patrol/map/today");
const covMs = await time(`/api/figures/patrol.coverage?region=${world.communityId}&from=2025-01-01&to=2025-01-31`);
const countMs = await time(`/api/figures/patrol.checkins?region=${world.communityId}&from=2025-01-01&to=2025-12-31`);
const peakRss = serverPeakRssMb();
// The write-ahead log's file: WAL checkpoints run in a thread of the server's (server/db/connect.ts); it must stay small.
const walMb = () => {
  const f = `${config.sqliteFile}-wal`;
  return fs.existsSync(f) ? fs.statSync(f).size / 1048576 : 0;
};

console.log(`patrol bench (SQLite, ${ROWS} rows)`);
console.log(
  `  bulk sync via HTTP, 500/batch : ${(ROWS / syncSec).toFixed(0)} rows/s  (${syncSec.toFixed(2)} s; server CPU ${((syncCpu / ROWS) * 1e6).toFixed(0)} µs/row)`,
);
console.log(`  raw better-sqlite3, 500/tx    : ${(ROWS / rawSec).toFixed(0)} rows/s  (${rawSec.toFixed(2)} s)  → sync/raw = ${(rawSec / syncSec).toFixed(2)}`);
for (const r of singleRuns)
  console.log(
    `  single check-ins, ${values.clients} clients, ${r.label.padEnd(11)}: ${(r.count / r.sec).toFixed(0).padStart(5)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.count} in ${r.sec.toFixed(1)} s by ${useWrk ? "wrk" : "fetch"}; ${r.errors} not stored (201); server CPU ${((r.cpu / r.count) * 1e6).toFixed(0)} µs/check-in)`,
  );
console.log(`  map today ${mapMs} ms · coverage (1 month) ${covMs} ms · check-ins count (year) ${countMs} ms`);
console.log(
  `  server peak RSS ${peakRss.toFixed(0)} MB  (after start ${rssAtStart.toFixed(0)}, after bulk sync ${rssAfterSync.toFixed(0)}, after single check-ins ${rssAfterSingles.toFixed(0)}); WAL file ${walMb().toFixed(1)} MB`,
);

// 5. At a large size (--stored N, e.g. 10000000): N more check-ins stored through the service (in
// this process, the server stopped), spread over ten years; then the reads again, median of five.
if (STORED > 0) {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  const app = await buildApp(config);
  const svcDeps = { ...app.deps, config };
  const svc = createPatrolServices(svcDeps, { hazards: createSafetyServices(svcDeps).hazards }).checkins;
  const c = await app.deps.db.selectFrom("regions").select(["id", "path"]).where("id", "=", world.communityId).executeTakeFirstOrThrow();
  const officers = await app.deps.db.selectFrom("users").select(["id", "username", "display_name", "role"]).where("role", "=", "patrol").execute();
  const whoOf = (u: (typeof officers)[number]) => ({
    user: { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scopeRegionId: c.id },
    scope: { regionId: c.id, path: c.path, level: "community" as const, communityId: c.id },
    ip: "127.0.0.1",
  });
  const from = Date.parse("2015-01-01T00:00:00Z");
  const step = Math.floor((Date.parse("2025-01-01T00:00:00Z") - from) / STORED);
  const f0 = performance.now();
  for (let i = 0; i < STORED; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, STORED - i) }, (_, k) => {
      const n2 = i + k;
      const p = points[n2 % points.length];
      return {
        clientId: `stored-${String(n2).padStart(9, "0")}`,
        pointId: p.id,
        method: "qr",
        token: p.token,
        deviceTime: new Date(from + n2 * step).toISOString(),
        lat: p.lat,
        lng: p.lng,
        accuracyM: 10,
        result: "normal",
      };
    });
    await svc.sync(whoOf(officers[(i / 1000) % officers.length]) as never, rows, { source: "import" });
    if ((i + 1000) % 1_000_000 === 0) console.log(`  stored ${(i + 1000).toLocaleString()} (${((performance.now() - f0) / 1000).toFixed(0)} s)`);
  }
  const total = (
    await app.deps.db
      .selectFrom("patrol_checkins")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow()
  ).n;
  await app.close();
  ({ proc: server, base } = await startServer());
  const median = async (url: string) => {
    const xs: number[] = [];
    for (let k = 0; k < 5; k++) xs.push(Number(await time(url)));
    return xs.sort((a, b) => a - b)[2].toFixed(1);
  };
  const month = `region=${world.communityId}&from=2024-06-01&to=2024-06-30`;
  console.log(`  with ${Number(total).toLocaleString()} check-ins stored (filled in ${((performance.now() - f0) / 1000).toFixed(0)} s through the service):`);
  console.log(`    map today ${await median("/api/patrol/map/today")} ms`);
  for (const key of [
    "patrol.coverage",
    "patrol.checkins",
    "patrol.completion_rate",
    "patrol.missed_visits",
    "patrol.flagged_checkins",
    "patrol.abnormal_checkins",
  ])
    console.log(`    ${key} (one community, one month) ${await median(`/api/figures/${key}?${month}`)} ms`);
  console.log(`    patrol.coverage by grid ${await median(`/api/figures/patrol.coverage/groups?by=grid&${month}`)} ms`);
}
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
fs.rmSync(dataDir, { recursive: true, force: true });
