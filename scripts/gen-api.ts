// Writes web/api/operations.gen.ts, the web app's typed client table, from the server's routes
// (server/typed-client.ts). Run after adding or changing a route: `npm run gen:api`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { OPERATIONS_FILE, operationsSource } from "../server/typed-client.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-gen-api-"));
const app = await buildApp(loadConfig({ ...process.env, DATABASE_URL: "", SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" }));
try {
  fs.writeFileSync(OPERATIONS_FILE, await operationsSource(app.routeTable));
  console.log(`wrote ${path.relative(process.cwd(), OPERATIONS_FILE)} (${app.routeTable.filter((r) => r.operationId).length} operations)`);
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
