import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";

// A community moving in fills in a template for every register it imports: every `POST …/import`
// of the app's route table has its `GET …/import/template` (server/io/import-routes.ts), with the
// same permission, unless it is listed here with the reason it has none.
const NO_TEMPLATE: Record<string, string> = {
  "/api/regions/:id/boundaries/import": "a GeoJSON FeatureCollection drawn in a GIS tool, not a sheet filled in",
};

let app: Awaited<ReturnType<typeof buildApp>>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-import-templates-"));
beforeAll(async () => {
  app = await buildApp(loadConfig({ ...process.env, DATABASE_URL: "", SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" }));
}, 120_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("import templates", () => {
  const imports = () => app.routeTable.filter((r) => r.method === "POST" && /\/import$/.test(r.url));

  it("every POST …/import route has its GET …/import/template, with the same permission", () => {
    expect(imports().length).toBeGreaterThan(15);
    const get = new Map(app.routeTable.filter((r) => r.method === "GET").map((r) => [r.url, r]));
    const missing = imports()
      .filter((r) => !(r.url in NO_TEMPLATE))
      .filter((r) => get.get(`${r.url}/template`)?.permission !== r.permission)
      .map((r) => `${r.url} (${get.has(`${r.url}/template`) ? "its template asks another permission" : "no template"})`);
    expect(missing, "an import with no template (add one through importRoutes' `template`, or list it in NO_TEMPLATE with the reason)").toEqual([]);
  });

  it("lists as exceptions only imports that exist and have no template, each with its reason", () => {
    const urls = new Set(imports().map((r) => r.url));
    const templates = new Set(app.routeTable.filter((r) => r.method === "GET").map((r) => r.url));
    for (const [url, reason] of Object.entries(NO_TEMPLATE)) {
      expect(urls.has(url), `${url} is no import route any more`).toBe(true);
      expect(templates.has(`${url}/template`), `${url} has a template now: drop the exception`).toBe(false);
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});
