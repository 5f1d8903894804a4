// The annual report's web first screen (issue 13: under 500 ms): from navigation start to the
// report's text on screen (the first number of the report document), in Chromium, against the
// server as `npm start` runs it (bundled server, built web app) on the demo's data.
//   cold: a fresh browser context each time (nothing cached in the browser), signed in;
//   warm: the same page loaded again in that context (scripts cached, the server's caches warm).
// Prints each run's time, the API requests of the last run (start → end, ms after navigation;
// --all: every request, scripts too), the main thread's long tasks (> 50 ms) before the text, and
// the JavaScript and CSS the page loaded before its text (gzip sizes of dist/web's files).
// Prints figures; asserts nothing.
// Run: npx tsx bench/report-first-screen.ts [--data <dir with a seeded shequ.db>] [--runs 5] [--url /reports/annual/2024] [--user leader]
// Without --data it seeds the demo first (`shequ seed-demo`, about a minute).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { DEMO_PASSWORD } from "../server/demo/world.js";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const { values } = parseArgs({
  options: {
    data: { type: "string" },
    runs: { type: "string", default: "5" },
    url: { type: "string", default: "/reports/annual/2024" },
    user: { type: "string", default: "leader" },
    port: { type: "string", default: "4104" },
    all: { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-first-screen-"));
if (values.data) fs.copyFileSync(path.join(values.data, "shequ.db"), path.join(dataDir, "shequ.db"));
else {
  const t = performance.now();
  execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "server/cli.ts"), "seed-demo"], {
    cwd: ROOT,
    env: { ...process.env, SHEQU_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: "ignore",
  });
  console.log(`seeded the demo in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

// The server as `npm start` runs it (builds the web app first when its sources are newer).
const base = `http://127.0.0.1:${values.port}`;
const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts/start.mjs")], {
  cwd: ROOT,
  env: { ...process.env, PORT: values.port, HOST: "127.0.0.1", SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "warn", DATABASE_URL: "" },
  stdio: ["ignore", "pipe", "pipe"],
});
// The server goes with this process, however it ends.
process.on("exit", () => server.kill("SIGTERM"));
let out = "";
server.stdout?.on("data", (d) => (out += d));
server.stderr?.on("data", (d) => (out += d));
const deadline = Date.now() + 300_000;
while (!out.includes("is running at")) {
  if (server.exitCode !== null) throw new Error(`server exited: ${out}`);
  if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-sync"],
});
// Marks the moment the report's text (its first linked number) is in the document. A string, not a
// function: tsx would add its own helpers to a function's source, which the page does not have.
const MARK = `window.__longTasks = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  if (window.__reportText === undefined && document.querySelector(".report-doc .report-num")) window.__reportText = performance.now();
}).observe(document, { childList: true, subtree: true });`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
  await context.addInitScript({ content: MARK });
  const res = await context.request.post(`${base}/api/auth/login`, { data: { username: values.user, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`login: ${res.status()} ${await res.text()}`);
  return context;
}
async function load(page: import("playwright-core").Page) {
  await page.goto(`${base}${values.url}`);
  try {
    await page.waitForFunction(() => (globalThis as { __reportText?: number }).__reportText !== undefined, null, { timeout: 30_000 });
  } catch (e) {
    const shot = path.join(os.tmpdir(), "report-first-screen-timeout.png");
    await page.screenshot({ path: shot });
    throw new Error(`no report text after 30 s at ${page.url()} (screenshot ${shot}): ${(e as Error).message}`);
  }
  return (await page.evaluate(`({
    ms: window.__reportText,
    api: performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes("${values.all ? "/" : "/api/"}"))
      .map((e) => new URL(e.name).pathname + new URL(e.name).search + " " + e.startTime.toFixed(0) + " → " + e.responseEnd.toFixed(0)),
    assets: performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes("/assets/") && e.startTime < window.__reportText)
      .map((e) => new URL(e.name).pathname),
    longTasks: window.__longTasks.filter(([s]) => s < window.__reportText),
  })`)) as Load;
}
type Load = { ms: number; api: string[]; assets: string[]; longTasks: Array<[number, number]> };

const gzipKb = (files: string[]) => {
  let gz = 0;
  let raw = 0;
  for (const f of files) {
    const p = path.join(ROOT, "dist/web", f);
    if (!fs.existsSync(p)) continue;
    const b = fs.readFileSync(p);
    raw += b.length;
    gz += zlib.gzipSync(b).length;
  }
  return `${files.length} files, ${(gz / 1024).toFixed(0)} kB gzip (${(raw / 1024).toFixed(0)} kB)`;
};
const tasks = (l: Load) =>
  `${l.longTasks.map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(", ")} ms; ${l.longTasks.reduce((a, [, d]) => a + d, 0).toFixed(0)} ms in all`;

const cold: number[] = [];
const warm: number[] = [];
let lastApi: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await newContext();
  const page = await context.newPage();
  const c = await load(page);
  cold.push(c.ms);
  const w = await load(page);
  warm.push(w.ms);
  lastApi = w.api;
  if (i === RUNS - 1) {
    console.log(`API requests of the last cold load (ms after navigation start):\n  ${c.api.join("\n  ")}`);
    console.log(`API requests of the last warm load:\n  ${lastApi.join("\n  ")}`);
    console.log(`long tasks before the text (start+duration), last cold load: ${tasks(c)}`);
    console.log(`long tasks before the text, last warm load: ${tasks(w)}`);
    console.log(
      `loaded before the text (cold): JS ${gzipKb(c.assets.filter((a) => a.endsWith(".js")))}; CSS ${gzipKb(c.assets.filter((a) => a.endsWith(".css")))}`,
    );
  }
  await context.close();
}
console.log(`${values.url} as ${values.user}: navigation start → report text on screen`);
console.log(`  cold (fresh browser context): ${cold.map((x) => x.toFixed(0)).join(", ")} ms; median ${median(cold).toFixed(0)} ms`);
console.log(`  warm (loaded again):          ${warm.map((x) => x.toFixed(0)).join(", ")} ms; median ${median(warm).toFixed(0)} ms (target 500)`);
await browser.close();
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
fs.rmSync(dataDir, { recursive: true, force: true });
