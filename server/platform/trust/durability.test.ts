import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { connect } from "../../db/connect.js";
import { PG_URL, TEST_DB } from "../../test/helpers.js";
import { checkDurability } from "./durability.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.runIf(TEST_DB === "sqlite")("SQLite synchronous (SHEQU_SQLITE_SYNC)", () => {
  it("is FULL by default, NORMAL when asked, with a warning then; anything else is refused", async () => {
    expect(loadConfig({}).sqliteSync).toBe("FULL");
    expect(loadConfig({ SHEQU_SQLITE_SYNC: "normal" }).sqliteSync).toBe("NORMAL");
    expect(() => loadConfig({ SHEQU_SQLITE_SYNC: "OFF" })).toThrow();
    for (const mode of ["FULL", "NORMAL"] as const) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-sync-"));
      dirs.push(dir);
      const database = connect({ sqliteFile: path.join(dir, "shequ.db"), synchronous: loadConfig({ SHEQU_SQLITE_SYNC: mode }).sqliteSync });
      try {
        const d = await checkDurability(database.db, "sqlite");
        expect(d.settings.synchronous).toBe(mode);
        if (mode === "FULL") expect(d.warnings).toEqual([]);
        else expect(d.warnings[0]).toMatch(/power loss.*断电/s);
      } finally {
        await database.close();
      }
    }
  });
});

describe.runIf(TEST_DB === "postgres")("PostgreSQL fsync and synchronous_commit", () => {
  it("reads both, and warns when synchronous_commit is off", async () => {
    const database = connect({ databaseUrl: PG_URL });
    try {
      const d = await checkDurability(database.db, "postgres");
      expect(d.settings).toEqual({ fsync: "on", synchronous_commit: expect.any(String) });
      expect(d.warnings.length).toBe(d.settings.synchronous_commit === "off" ? 1 : 0);
      await database.db.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = off`.execute(trx);
        const off = await checkDurability(trx, "postgres");
        expect(off.settings.synchronous_commit).toBe("off");
        expect(off.warnings.some((w) => w.includes("synchronous_commit = off") && w.includes("崩溃"))).toBe(true);
      });
    } finally {
      await database.close();
    }
  });
});
