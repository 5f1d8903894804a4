import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/**
 * Seeds the demo community once (through `shequ seed-demo`, as a user would) into a template data
 * directory; every spec's server starts from a copy of it instead of seeding again.
 */
export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-e2e-template-"));
  execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "server/cli.ts"), "seed-demo"], {
    cwd: ROOT,
    env: { ...process.env, SHEQU_DATA_DIR: dir, DATABASE_URL: "" },
    stdio: "ignore",
  });
  // Fold the WAL into the main file so one file is a complete copy.
  const SQLite = createRequire(import.meta.url)("better-sqlite3");
  const db = new SQLite(path.join(dir, "shequ.db"));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  process.env.SHEQU_E2E_TEMPLATE = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
