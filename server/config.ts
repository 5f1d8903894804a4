import path from "node:path";
import { z } from "zod";

/** Every setting has a default, so `npm start` works on a fresh machine with no environment. */
const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  SHEQU_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  SHEQU_DEMO: z.enum(["0", "1"]).default("1"),
  SHEQU_TZ: z.string().default("Asia/Shanghai"),
  SHEQU_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set behind a TLS-terminating proxy so the session cookie gets the Secure flag. */
  SHEQU_SECURE_COOKIE: z.enum(["0", "1"]).default("0"),
  /** Set behind a reverse proxy so client addresses (rate limits, audit) come from X-Forwarded-For. */
  SHEQU_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  SHEQU_MAX_UPLOAD_MB: z.coerce.number().positive().default(10),
  /** The scheduler's reminder jobs run in this process (0: another process runs them, or none). */
  SHEQU_SCHEDULER: z.enum(["0", "1"]).default("1"),
  /** How often the scheduler looks for due jobs, in seconds. */
  SHEQU_SCHEDULER_POLL_S: z.coerce.number().positive().default(5),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  timeZone: string;
  logLevel: string;
  secureCookie: boolean;
  trustProxy: boolean;
  maxUploadBytes: number;
  scheduler: boolean;
  schedulerPollMs: number;
  /** ":memory:" for tests; otherwise <dataDir>/shequ.db */
  sqliteFile: string;
};

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const e = ZConfig.parse(env);
  const dataDir = path.resolve(e.SHEQU_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    demo: e.SHEQU_DEMO === "1",
    timeZone: e.SHEQU_TZ,
    logLevel: e.SHEQU_LOG_LEVEL,
    secureCookie: e.SHEQU_SECURE_COOKIE === "1",
    trustProxy: e.SHEQU_TRUST_PROXY === "1",
    maxUploadBytes: Math.round(e.SHEQU_MAX_UPLOAD_MB * 1024 * 1024),
    scheduler: e.SHEQU_SCHEDULER === "1",
    schedulerPollMs: Math.round(e.SHEQU_SCHEDULER_POLL_S * 1000),
    sqliteFile: path.join(dataDir, "shequ.db"),
    ...overrides,
  };
}
