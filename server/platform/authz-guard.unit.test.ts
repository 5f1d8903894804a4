import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../config.js";
import { connect } from "../db/connect.js";

// The start-up guard in app.ts: an /api route with no permission rule (or no operationId) stops
// the server from starting. Proved by registering such a route through the modules hook.
async function buildWith(register: (app: any) => void) {
  vi.resetModules();
  vi.doMock("../modules/index.js", () => ({ buildModules: () => [{ name: "probe", api: {}, register }] }));
  const { buildApp } = await import("../app.js");
  const database = connect({ sqliteFile: ":memory:" });
  try {
    const app = await buildApp(loadConfig({ SHEQU_LOG_LEVEL: "silent" }, { sqliteFile: ":memory:" }), { database });
    await app.close();
    return "started";
  } finally {
    await database.close();
  }
}

afterEach(() => {
  vi.doUnmock("../modules/index.js");
  vi.resetModules();
});

describe("route guard at start-up", () => {
  it("refuses an /api route that declares no permission", async () => {
    await expect(buildWith((app) => app.get("/api/leaky", { schema: { operationId: "leaky" } }, async () => ({})))).rejects.toThrow(/declares no permission/);
  });

  it("refuses an /api route without an operationId", async () => {
    await expect(buildWith((app) => app.get("/api/anon", { config: { permission: "people.read" } }, async () => ({})))).rejects.toThrow(/operationId/);
  });

  it("accepts a route that declares both", async () => {
    await expect(
      buildWith((app) => app.get("/api/fine", { config: { permission: "people.read" }, schema: { operationId: "fine" } }, async () => ({}))),
    ).resolves.toBe("started");
  });
});
