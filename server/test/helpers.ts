import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { connect, type Database } from "../db/connect.js";
import { seedDemo } from "../demo/seed.js";
import { DEMO_PASSWORD, type DemoWorld } from "../demo/world.js";
import { type Clock, systemClock } from "../platform/clock.js";
import { setHashCostForTests } from "../platform/password.js";
import { type Factories, factories, makeWorld } from "./factories.js";

// Every world makes some thirty accounts and every test signs in: at the server's scrypt cost
// (N=2^15, ~0.1–0.2 s a hash here) that was a quarter of the suite. Tests hash at N=2^10; the server,
// the CLI and the browser flows' servers keep the full cost (password.unit.test.ts holds it).
setHashCostForTests(1 << 10);

/** Which database this test project runs on: vitest's "sqlite" and "postgres" projects set TEST_DB. */
export const TEST_DB = (process.env.TEST_DB ?? "sqlite") as "sqlite" | "postgres";
export const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function freshDatabase(sqliteFile = ":memory:"): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (TEST_DB === "sqlite") {
    // A read that forgets the caller's transaction fails after 30 s instead of hanging the test.
    const database = connect({ sqliteFile, connectionWaitMs: 30_000, writeFaults: true });
    return { database, drop: async () => {} };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = connect({ databaseUrl: PG_URL, pgSchema: schema, writeFaults: true });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export type Agent = {
  username: string;
  csrf: string;
  cookie: string;
  req: (method: string, url: string, body?: unknown, extra?: Partial<InjectOptions>) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
};

export type TestEnv = {
  app: FastifyInstance;
  world: DemoWorld;
  database: Database;
  /** Records made through the platform's services (server/test/factories.ts), over this env's app. */
  factories: Factories;
  login: (username: string, password?: string, from?: string) => Promise<Agent>;
  close: () => Promise<void>;
};

export type TestEnvOptions = {
  clock?: Clock;
  /** The deployment's time zone (SHEQU_TZ); Asia/Shanghai by default. */
  timeZone?: string;
  /** Residents of 福民社区 (240 by default). */
  people?: number;
  lang?: "zh" | "en";
  /** SQLite: a database file instead of memory (a test of the file system under it). */
  sqliteFile?: string;
  /**
   * The demo community instead of the factories' world: only `*.demo.test.ts` files may ask for it
   * (server/test/demo-usage.unit.test.ts holds the rule). Prefer `demoEnv`.
   */
  demo?: boolean;
  /**
   * Domain modules whose demo records to add, which implies the demo. Kept so that
   * `testEnv({ modules: ["x"] })` still means `demoEnv({ modules: ["x"] })` while the module tests
   * move to `*.demo.test.ts`; new code calls demoEnv.
   */
  modules?: string[];
};

/**
 * A fresh app on a fresh database (in-memory SQLite, or a new PostgreSQL schema) holding the test
 * world that `makeWorld` (server/test/factories.ts) builds: the demo's regions, accounts and names,
 * a few organisations and `people` residents, made through the platform's services — not the demo.
 * A test that needs more makes it with `env.factories`.
 *
 * For the demo community itself (what `npm start` seeds, with fewer residents), call `demoEnv`.
 */
export async function testEnv(opts: TestEnvOptions = {}): Promise<TestEnv> {
  const { database, drop } = await freshDatabase(opts.sqliteFile);
  const dataDir = path.join(os.tmpdir(), `shequ-test-${randomBytes(4).toString("hex")}`);
  const config = loadConfig({ SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent", ...(opts.timeZone ? { SHEQU_TZ: opts.timeZone } : {}) });
  let app: FastifyInstance | undefined;
  let world: DemoWorld;
  let made: Factories;
  const demo = !!(opts.demo || opts.modules?.length);
  try {
    app = await buildApp(config, { database, clock: opts.clock ?? systemClock });
    // Drawn from another seed than the demo's, so a test's residents do not repeat the demo's.
    made = factories(app.deps, { seed: demo ? 7 : undefined });
    world = demo
      ? await seedDemo(app.deps, { people: opts.people ?? 240, modules: opts.modules ?? [] })
      : await makeWorld(app.deps, { people: opts.people, factories: made });
  } catch (e) {
    // Leave no half-built schema behind in the shared PostgreSQL database.
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    await drop().catch(() => {});
    throw e;
  }
  const built = app;
  /** `from`: the address the login comes from (logins are rate-limited per address). */
  const login = async (username: string, password = DEMO_PASSWORD, from?: string): Promise<Agent> => {
    const res = await built.inject({
      method: "POST",
      url: "/api/auth/login",
      ...(from ? { remoteAddress: from } : {}),
      payload: { username, password },
      headers: { "accept-language": opts.lang ?? "zh" },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === "shequ_sid");
    const csrf = res.json().csrfToken as string;
    const headers = { cookie: `shequ_sid=${cookie?.value}`, "x-csrf-token": csrf, "accept-language": opts.lang ?? "zh" };
    // Like a browser, the agent follows its session when the server renews it (a change of scope
    // gives the session a new id and CSRF token): a new cookie, and the token in the answer.
    const req: Agent["req"] = async (method, url, body, extra = {}) => {
      const res = await built.inject({ method: method as any, url, payload: body as any, ...extra, headers: { ...headers, ...(extra.headers ?? {}) } });
      const renewed = res.cookies.find((c) => c.name === "shequ_sid" && c.value);
      if (renewed && res.statusCode < 300) {
        headers.cookie = `shequ_sid=${renewed.value}`;
        const token = res.body.includes('"csrfToken"') ? (res.json() as { csrfToken?: string }).csrfToken : undefined;
        if (token) headers["x-csrf-token"] = token;
      }
      return res;
    };
    return {
      username,
      get csrf() {
        return headers["x-csrf-token"];
      },
      get cookie() {
        return headers.cookie;
      },
      req,
      get: (url) => req("GET", url),
      post: (url, body) => req("POST", url, body ?? {}),
      patch: (url, body) => req("PATCH", url, body ?? {}),
      put: (url, body) => req("PUT", url, body ?? {}),
    };
  };
  return {
    app: built,
    world,
    database,
    factories: made,
    login,
    close: async () => {
      await built.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh app holding the demo community, made by the same seed `npm start` runs (with 240 residents
 * unless told otherwise), plus the demo records of `modules`. Only `*.demo.test.ts` files call this:
 * every other test builds what it needs with the factories (server/test/demo-usage.unit.test.ts).
 */
export function demoEnv(opts: Omit<TestEnvOptions, "demo"> = {}): Promise<TestEnv> {
  return testEnv({ ...opts, demo: true });
}
