import { defineConfig } from "vitest/config";

// One runner, three projects: the server suite on SQLite, the same DB-backed suite on PostgreSQL,
// and browser flows in Debian's Chromium. Pure unit tests (*.unit.test.ts) run once, on the sqlite
// project; tests of what only PostgreSQL has (*.pg.test.ts, e.g. LISTEN/NOTIFY) on the postgres one.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "sqlite",
          include: ["server/**/*.test.ts", "contracts/**/*.test.ts"],
          exclude: ["server/**/*.pg.test.ts"],
          env: { TEST_DB: "sqlite" },
          // The server suite's files share one module registry: importing the app anew for each of
          // ~200 files was a quarter of the run (537 s of 2,395). Tests keep no module state between
          // files but the registries the app rebuilds, and put back what they change (password cost).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "postgres",
          include: ["server/**/*.test.ts"],
          // Each module's demo test (the seed's figures, made by seeding the demo) runs on SQLite; on
          // PostgreSQL the whole demo is seeded once, by the annual report's demo test, which reads
          // every registered figure for the seed's sentences, and by the seed's own test. Seeding the
          // demo is most of CI's time on PostgreSQL, and the figures' queries are tested on it by
          // every module's own-data tests.
          exclude: [
            "server/**/*.unit.test.ts",
            "server/modules/{activities,appeals,care,massorgs,party,patrol,portal,projects,safety,volunteers}/*.demo.test.ts",
            "server/test/world.demo.test.ts",
          ],
          env: { TEST_DB: "postgres" },
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.spec.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
