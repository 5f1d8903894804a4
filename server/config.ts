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
  /** SQLite `synchronous`: FULL (default) fsyncs the log at every commit; NORMAL may lose the last commits on power loss. */
  SHEQU_SQLITE_SYNC: z.enum(["FULL", "NORMAL", "full", "normal"]).default("FULL"),
  /** Audit anchors (server/platform/trust/anchor.ts): the file, and how often the chain's head is written to it. */
  SHEQU_AUDIT_ANCHOR_FILE: z.string().optional(),
  SHEQU_AUDIT_ANCHOR_EVERY: z.coerce.number().int().min(1).default(100),
  SHEQU_AUDIT_ANCHOR_MINUTES: z.coerce.number().positive().default(5),
  SHEQU_AUDIT_SYSLOG: z.enum(["0", "1"]).default("0"),
  /** Audit entries are kept at least this long; 180 days (six months) is the least allowed. */
  SHEQU_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180, "SHEQU_AUDIT_RETENTION_DAYS: at least 180 days (审计日志至少保留 180 天)").default(180),
  /** Backups: AES-256 key (64 hex digits or base64 of 32 bytes); else <data dir>/keys/backup.key. */
  SHEQU_BACKUP_KEY: z.string().optional(),
  SHEQU_BACKUP_DIR: z.string().optional(),
  /** Scheduled backups from the server: every N hours (0: none), keeping the newest `KEEP`. */
  SHEQU_BACKUP_HOURS: z.coerce.number().min(0).default(0),
  SHEQU_BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
  /** Seals two-factor (TOTP) secrets in the database: 64 hex digits or base64 of 32 bytes; else <data dir>/keys/totp.key. */
  SHEQU_TOTP_KEY: z.string().optional(),
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
  /** SQLite `synchronous` pragma (SHEQU_SQLITE_SYNC). */
  sqliteSync: "FULL" | "NORMAL";
  audit: { anchorFile: string; anchorEvery: number; anchorMinutes: number; syslog: boolean; retentionDays: number };
  backup: { key?: string; dir: string; hours: number; keep: number };
  /** SHEQU_TOTP_KEY, when set (server/platform/trust/files.ts twoFactorKey). */
  totpKey?: string;
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
    sqliteSync: e.SHEQU_SQLITE_SYNC.toUpperCase() as "FULL" | "NORMAL",
    audit: {
      anchorFile: path.resolve(dataDir, e.SHEQU_AUDIT_ANCHOR_FILE ?? "audit-anchors.jsonl"),
      anchorEvery: e.SHEQU_AUDIT_ANCHOR_EVERY,
      anchorMinutes: e.SHEQU_AUDIT_ANCHOR_MINUTES,
      syslog: e.SHEQU_AUDIT_SYSLOG === "1",
      retentionDays: e.SHEQU_AUDIT_RETENTION_DAYS,
    },
    backup: {
      key: e.SHEQU_BACKUP_KEY || undefined,
      dir: path.resolve(dataDir, e.SHEQU_BACKUP_DIR ?? "backups"),
      hours: e.SHEQU_BACKUP_HOURS,
      keep: e.SHEQU_BACKUP_KEEP,
    },
    totpKey: e.SHEQU_TOTP_KEY || undefined,
    sqliteFile: path.join(dataDir, "shequ.db"),
    ...overrides,
  };
}
