// Big screen benchmark (issue 16): the screen's refresh (GET /api/screen/data through a signed link:
// headline figures, trends of this year and last, the map's areas and every layer, the ticker) on
// SQLite, and the server memory that 50 screens connected to the live feed cost.
// The data: the demo community (every module's 2024 records), with its appeals and patrol check-ins
// copied `--copies` times more (same dates, new ids) for volume; the screen is read at 2024-12-20.
// Prints figures; asserts nothing.  Run: npx tsx bench/screen.ts [--copies 10] [--screens 50] [--runs 30]
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { seedDemo } from "../server/demo/seed.js";
import { DEMO_PASSWORD } from "../server/demo/world.js";
import { fixedClock } from "../server/platform/clock.js";

const { values } = parseArgs({
  options: {
    copies: { type: "string", default: "10" },
    screens: { type: "string", default: "50" },
    runs: { type: "string", default: "30" },
    keep: { type: "boolean", default: false },
  },
});
const COPIES = Number(values.copies);
const SCREENS = Number(values.screens);
const RUNS = Number(values.runs);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-screen-"));
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

// 1. The demo community, through the services.
let t0 = performance.now();
const config = loadConfig({ SHEQU_DATA_DIR: dir, SHEQU_LOG_LEVEL: "silent" });
const clock = fixedClock("2024-12-20T03:00:00Z");
// Seeded on the real clock (its "last days" are today's), read at the end of the demo's year.
let app = await buildApp(config);
await seedDemo(app.deps, { modules: "all" });
await app.close();
console.log(`demo community seeded in ${(ms(t0) / 1000).toFixed(0)} s`);

// 2. Volume: appeals and check-ins copied with new ids (the figures and layers read them all).
t0 = performance.now();
const file = path.join(dir, "shequ.db");
const raw = new SQLite(file);
const copy = (table: string, change: Record<string, (k: number) => string>) => {
  const cols = (raw.prepare(`pragma table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  for (let k = 1; k <= COPIES; k++) {
    const sel = cols.map((c) => (change[c] ? change[c](k) : c)).join(", ");
    raw.prepare(`insert into ${table} (${cols.join(", ")}) select ${sel} from ${table} where id not like '%~%'`).run();
  }
  return (raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
};
const nAppeals = copy("appeals", { id: (k) => `id || '~${k}'`, tracking_no: (k) => `tracking_no || '~${k}'`, external_no: () => "null" });
const nCheckins = copy("patrol_checkins", { id: (k) => `id || '~${k}'`, client_id: (k) => `client_id || '~${k}'` });
raw.exec("analyze");
raw.close();
console.log(`volume: ${nAppeals} appeals, ${nCheckins} check-ins (demo × ${COPIES + 1}) in ${(ms(t0) / 1000).toFixed(0)} s`);

// 3. The screen's refresh through a signed link, in-process (server time, no network).
app = await buildApp(config, { clock });
const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "leader", password: DEMO_PASSWORD } });
const cookie = `shequ_sid=${login.cookies.find((c) => c.name === "shequ_sid")?.value}`;
const csrf = login.json().csrfToken as string;
const link = await app.inject({ method: "POST", url: "/api/screen/links", payload: { name: "bench", days: 30 }, headers: { cookie, "x-csrf-token": csrf } });
const token = link.json().token as string;
const times: number[] = [];
let size = 0;
for (let i = 0; i < RUNS + 3; i++) {
  t0 = performance.now();
  const r = await app.inject({ method: "GET", url: `/api/screen/data?t=${token}` });
  const t = ms(t0);
  if (r.statusCode !== 200) throw new Error(r.body);
  size = r.body.length;
  if (i >= 3) times.push(t);
}
const d = JSON.parse((await app.inject({ method: "GET", url: `/api/screen/data?t=${token}` })).body);
console.log(
  `screen refresh (${d.figures.length} figures, ${d.trends.length} trends × 2 years, ${d.areas.length} areas, ${d.layers.length} layers with ${d.layers.reduce((s: number, l: any) => s + l.data.points.length, 0)} points, ${d.ticker.length} ticks; ${(size / 1024).toFixed(0)} kB): median ${median(times).toFixed(0)} ms, p95 ${p95(times).toFixed(0)} ms over ${RUNS} runs`,
);
await app.close();

// 4. 50 screens on the live feed: the server in a process of its own, its RSS before and after.
const port = await new Promise<number>((res) => {
  const s = net.createServer();
  s.listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => res(p));
  });
});
const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", SHEQU_DATA_DIR: dir, SHEQU_SKIP_WEB_BUILD: "1", SHEQU_LOG_LEVEL: "warn", DATABASE_URL: "" },
  stdio: ["ignore", "pipe", "pipe"],
});
let out = "";
child.stdout?.on("data", (b) => (out += b));
child.stderr?.on("data", (b) => (out += b));
while (!out.includes("is running at")) {
  if (child.exitCode !== null) throw new Error(out);
  await new Promise((r) => setTimeout(r, 200));
}
const rss = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) / 1024;
};
const base = `http://127.0.0.1:${port}`;
const get = (url: string) =>
  new Promise<string>((res, rej) =>
    http
      .get(`${base}${url}`, (r) =>
        r
          .setEncoding("utf8")
          .on("data", () => {})
          .on("end", () => res(""))
          .on("error", rej),
      )
      .on("error", rej),
  );
// The feed's link is made on this server, on its own clock: the link made above on the bench's fixed
// clock of 2024 had long expired for it (every screen got 401 and the ticker reached none).
const lg = await fetch(`${base}/api/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "leader", password: DEMO_PASSWORD }),
});
const sid = lg.headers.get("set-cookie")?.split(";")[0] ?? "";
const me = (await lg.json()) as { csrfToken: string };
const live = (
  (await (
    await fetch(`${base}/api/screen/links`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: sid, "x-csrf-token": me.csrfToken },
      body: JSON.stringify({ name: "bench", days: 1 }),
    })
  ).json()) as { token: string }
).token;
// Warm the server up as a screen would (one data read), then settle.
await get(`/api/screen/data?t=${live}`);
const gc = async () => {
  await new Promise((r) => setTimeout(r, 3000));
  return rss();
};
const before = await gc();
const received: number[] = Array(SCREENS).fill(0);
const reqs: http.ClientRequest[] = [];
const statuses: number[] = [];
await Promise.all(
  Array.from(
    { length: SCREENS },
    (_, i) =>
      new Promise<void>((res, rej) => {
        const rq = http.get(`${base}/api/screen/live?t=${live}`, (r) => {
          statuses.push(r.statusCode ?? 0);
          r.setEncoding("utf8");
          r.on("data", (c: string) => {
            if (c.includes("event: appeal")) received[i]++;
          });
          res();
        });
        rq.on("error", rej);
        reqs.push(rq);
      }),
  ),
);
const connected = await gc();
// A new appeal reaches every screen (the ticker's one poll per region, fanned out).
const community = (await (await fetch(`${base}/api/map/areas`, { headers: { cookie: sid } })).json()) as { region: { id: string } };
const reg = await fetch(`${base}/api/appeals`, {
  method: "POST",
  headers: { "content-type": "application/json", cookie: sid, "x-csrf-token": me.csrfToken },
  body: JSON.stringify({
    communityId: community.region.id,
    channel: "12345",
    kind: "appeal",
    appealType: "complaint",
    categoryCode: "JM03",
    urgency: "normal",
    title: "大屏基准测试",
    content: "大屏基准测试诉求",
    appellantName: "测试",
    appellantPhone: "13800000000",
  }),
});
const sent = performance.now();
while (received.some((n) => n === 0) && ms(sent) < 15_000) await new Promise((r) => setTimeout(r, 100));
console.log(
  `live feed: ${statuses.filter((x) => x === 200).length}/${SCREENS} screens connected (HTTP 200); server RSS ${before.toFixed(1)} MB → ${connected.toFixed(1)} MB with ${SCREENS} screens connected (+${(connected - before).toFixed(1)} MB); a new appeal (${reg.status}) reached ${received.filter((n) => n > 0).length}/${SCREENS} screens within ${(ms(sent) / 1000).toFixed(1)} s (ticker polls every 5 s)`,
);
for (const r of reqs) r.destroy();
child.kill("SIGTERM");
await new Promise((r) => setTimeout(r, 500));
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
else console.log(`data kept in ${dir}`);
