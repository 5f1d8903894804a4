#!/usr/bin/env node
// `npm test`: the server suite on SQLite, the same suite on PostgreSQL when one answers
// (TEST_DATABASE_URL, default 127.0.0.1:5432), and the browser flows in Debian's Chromium.
// Outside CI a missing PostgreSQL or Chromium skips that part with a notice; in CI (CI=true)
// it is a failure. Ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ci = process.env.CI === "true" || process.env.CI === "1";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const pgUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 }, () => {
      s.end();
      resolve(true);
    });
    s.on("error", () => resolve(false));
    s.on("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

const projects = ["sqlite"];
const problems = [];
if (await reachable(pgUrl.hostname, Number(pgUrl.port || 5432))) projects.push("postgres");
else if (ci) problems.push(`PostgreSQL is not reachable at ${pgUrl.host}: the PostgreSQL suite cannot run in CI`);
else console.log(`! PostgreSQL not reachable at ${pgUrl.host}: skipping the PostgreSQL suite (set TEST_DATABASE_URL).`);

// Types: vitest and vite strip them without checking, so the server's and the web app's are checked here.
for (const [what, args] of [
  ["the server", []],
  ["the web app", ["-p", "web"]],
]) {
  const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "--noEmit", ...args], { cwd: root, stdio: "inherit" });
  if (tsc.status !== 0) problems.push(`type errors in ${what} (tsc --noEmit ${args.join(" ")})`);
}

if (fs.existsSync(chromium)) {
  console.log("Building the web app for the browser flows…");
  const b = spawnSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  if (b.status !== 0) problems.push("the web app did not build");
  else projects.push("e2e");
} else if (ci) problems.push(`Chromium not found at ${chromium}: the browser flows cannot run in CI`);
else console.log(`! Chromium not found at ${chromium}: skipping browser flows (apt-get install chromium fonts-noto-cjk).`);

const report = path.join(os.tmpdir(), `shequ-vitest-${process.pid}.json`);
const args = [
  path.join(root, "node_modules/vitest/vitest.mjs"),
  "run",
  ...projects.flatMap((p) => ["--project", p]),
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "0" } });

let passed = 0;
let failed = 0;
let skipped = 0;
const ranProjects = new Set();
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrors ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const slow = [];
  for (const f of r.testResults ?? []) {
    slow.push([(f.endTime ?? 0) - (f.startTime ?? 0), path.relative(root, f.name)]);
    if (f.status === "failed" && (f.assertionResults ?? []).length === 0) failed++;
    for (const p of projects)
      if (
        (f.assertionResults ?? []).some((a) => a.status === "passed") &&
        f.name.includes(p === "e2e" ? `${path.sep}e2e${path.sep}` : `${path.sep}server${path.sep}`)
      )
        ranProjects.add(p);
  }
  if (process.env.SHEQU_KEEP_REPORT) fs.copyFileSync(report, process.env.SHEQU_KEEP_REPORT);
  fs.rmSync(report, { force: true });
  // The slowest files (all projects together), so a run that creeps towards CI's limit shows where.
  slow.sort((a, b) => b[0] - a[0]);
  console.log("\nslowest test files:");
  for (const [ms, name] of slow.slice(0, 12)) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
} else {
  failed++;
  problems.push("vitest wrote no report");
}
if (run.status !== 0 && failed === 0) {
  failed++;
  problems.push(`vitest exited with status ${run.status}`);
}
if (ci && projects.includes("e2e") && !ranProjects.has("e2e")) problems.push("no browser flow passed in CI");
if (passed === 0) problems.push("no test passed");
for (const p of problems) console.log(`✗ ${p}`);
failed += problems.length;
console.log(`\nprojects: ${projects.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
