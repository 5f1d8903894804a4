import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { OPERATIONS_FILE, operationsSource } from "./typed-client.js";

// The web app's typed client (web/api/operations.gen.ts) is what the server's routes say today:
// regenerate it with `npm run gen:api` when this fails.
let app: Awaited<ReturnType<typeof buildApp>>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-typed-client-"));
beforeAll(async () => {
  app = await buildApp(loadConfig({ ...process.env, DATABASE_URL: "", SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" }));
}, 120_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("typed client", () => {
  it("web/api/operations.gen.ts is generated from the routes as they are (npm run gen:api)", async () => {
    expect(fs.readFileSync(OPERATIONS_FILE, "utf8")).toBe(await operationsSource(app.routeTable));
  });
});
