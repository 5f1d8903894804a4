import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildApp, WEB_DIST } from "./app.js";
import { ensureFirstAdmin, printDemoAccounts } from "./cli-helpers.js";
import { loadConfig } from "./config.js";
import { seedDemo } from "./demo/seed.js";
import { ROOT } from "./paths.js";
import { createAnchorer } from "./platform/trust/anchor.js";

const config = loadConfig();

// `npm start` on a fresh clone: build the web app once if it is missing or older than its sources.
function newestMtime(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const index = path.join(WEB_DIST, "index.html");
const webSrc = path.join(ROOT, "web");
if (
  process.env.SHEQU_SKIP_WEB_BUILD !== "1" &&
  fs.existsSync(path.join(webSrc, "index.html")) &&
  (!fs.existsSync(index) || fs.statSync(index).mtimeMs < Math.max(newestMtime(webSrc), newestMtime(path.join(ROOT, "contracts"))))
) {
  console.log("Building the web app (first start)… 正在构建前端…");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
}

const app = await buildApp(config);
const users = await app.deps.db
  .selectFrom("users")
  .select((eb) => eb.fn.countAll().as("n"))
  .executeTakeFirst();
if (Number(users?.n ?? 0) === 0) {
  if (config.demo) {
    console.log("Creating the demo community (福民社区)… 正在生成演示社区…");
    const t0 = Date.now();
    await seedDemo(app.deps, { log: (s) => console.log(`  ${s}`) });
    console.log(`Demo community ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  } else {
    await ensureFirstAdmin(app.deps);
  }
}
// The audit chain's head, written outside the database (server/platform/trust/anchor.ts).
const anchorer = createAnchorer(app.deps.db, {
  file: config.audit.anchorFile,
  every: config.audit.anchorEvery,
  minutes: config.audit.anchorMinutes,
  syslog: config.audit.syslog,
});
await anchorer.start();
await app.listen({ port: config.port, host: config.host });
// Reminder jobs and scheduled backups (server/platform/scheduler.ts): on PostgreSQL every process may poll, each due job runs once.
if (config.scheduler) {
  app.deps.jobs.start();
}
const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`;
console.log(`\nShequ 社区 is running at ${url}  (${app.deps.database.dialect}${app.deps.database.dialect === "sqlite" ? `: ${config.sqliteFile}` : ""})`);
console.log(`API docs: ${url}/api/docs`);
if (config.demo) printDemoAccounts();

for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    anchorer
      .stop()
      .then(() => app.close())
      .then(() => process.exit(0));
  });
