import { execFile } from "node:child_process";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Config } from "../../config.js";
import { connect } from "../../db/connect.js";
import type { DB } from "../../db/types.js";
import { verifyAudit } from "../audit.js";
import type { Scheduler } from "../scheduler.js";
import { backupKey, fsyncDir } from "./files.js";

const run = promisify(execFile);

/**
 * Backups: the database as one consistent snapshot (SQLite's online backup API; PostgreSQL's
 * pg_dump on an exported snapshot), encrypted with AES-256-GCM, with a manifest of the snapshot —
 * every table's row count and a hash of its rows, and the audit chain's head — authenticated with
 * it. Restoring verifies integrity, the audit chain and every table's hash before the database is
 * swapped in, and keeps the previous one aside.
 *
 * File: "SHEQUBK1", header length (4 bytes, big-endian), header (JSON: kind, created, manifest;
 * plain text, authenticated as the cipher's additional data), 12-byte IV, ciphertext, 16-byte tag.
 */
const MAGIC = Buffer.from("SHEQUBK1");

export type TableDigest = { rows: number; sha256: string };
export type Manifest = { tables: Record<string, TableDigest>; audit: { seq: number; hash: string } | null };
export type BackupHeader = { kind: "sqlite" | "postgres"; createdAt: string; schema?: string; manifest: Manifest };

/** One row as canonical text: keys in order, buffers and dates as text. */
function rowText(r: Record<string, unknown>): string {
  const keys = Object.keys(r).sort();
  return JSON.stringify(
    keys.map((k) => {
      const v = r[k];
      if (Buffer.isBuffer(v)) return `b64:${v.toString("base64")}`;
      if (v instanceof Date) return v.toISOString();
      if (typeof v === "bigint") return v.toString();
      return v;
    }),
  );
}

/** Every table's row count and the hash of its rows (order-independent: the sorted row hashes, hashed). */
export async function tableDigests(db: Kysely<DB>, dialect: "sqlite" | "postgres"): Promise<Record<string, TableDigest>> {
  const names =
    dialect === "sqlite"
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
        ).rows;
  const out: Record<string, TableDigest> = {};
  for (const { name } of names) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    const hashes = rows.map((r) => createHash("sha256").update(rowText(r)).digest("hex")).sort();
    const h = createHash("sha256");
    for (const x of hashes) h.update(x);
    out[name] = { rows: rows.length, sha256: h.digest("hex") };
  }
  return out;
}

async function manifestOf(db: Kysely<DB>, dialect: "sqlite" | "postgres"): Promise<Manifest> {
  const head = await db.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return { tables: await tableDigests(db, dialect), audit: head ? { seq: Number(head.seq), hash: head.hash } : null };
}

/** Kysely over one SQLite file with nothing else running (no checkpointer): for snapshots and restores. */
function openSqlite(file: string, readonly = false) {
  const database = new SQLite(file, { readonly, fileMustExist: true });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  return { database, db, close: () => db.destroy() };
}

function encrypt(plain: string, out: string, key: Buffer, header: BackupHeader) {
  const head = Buffer.from(JSON.stringify(header));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(head);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.partial`;
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, Buffer.concat([MAGIC, len, head, iv]));
    const inFd = fs.openSync(plain, "r");
    const buf = Buffer.alloc(1 << 20);
    try {
      for (;;) {
        const n = fs.readSync(inFd, buf, 0, buf.length, null);
        if (n === 0) break;
        fs.writeSync(fd, cipher.update(buf.subarray(0, n)));
      }
    } finally {
      fs.closeSync(inFd);
    }
    fs.writeSync(fd, cipher.final());
    fs.writeSync(fd, cipher.getAuthTag());
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, out);
  fsyncDir(path.dirname(out));
}

export function readHeader(file: string): { header: BackupHeader; headBytes: Buffer; dataStart: number } {
  const fd = fs.openSync(file, "r");
  try {
    const pre = Buffer.alloc(12);
    fs.readSync(fd, pre, 0, 12, 0);
    if (!pre.subarray(0, 8).equals(MAGIC)) throw new Error(`${path.basename(file)} is not a Shequ backup (不是 Shequ 备份文件)`);
    const len = pre.readUInt32BE(8);
    const headBytes = Buffer.alloc(len);
    fs.readSync(fd, headBytes, 0, len, 12);
    return { header: JSON.parse(headBytes.toString("utf8")) as BackupHeader, headBytes, dataStart: 12 + len };
  } finally {
    fs.closeSync(fd);
  }
}

/** Decrypts to `out`; throws (and leaves nothing) when the key is wrong or the file was changed. */
export function decrypt(file: string, out: string, key: Buffer): BackupHeader {
  const { header, headBytes, dataStart } = readHeader(file);
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, "r");
  const outFd = fs.openSync(out, "w", 0o600);
  try {
    const iv = Buffer.alloc(12);
    fs.readSync(fd, iv, 0, 12, dataStart);
    const tag = Buffer.alloc(16);
    fs.readSync(fd, tag, 0, 16, size - 16);
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(headBytes);
    decipher.setAuthTag(tag);
    const buf = Buffer.alloc(1 << 20);
    for (let pos = dataStart + 12; pos < size - 16; ) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - 16 - pos), pos);
      if (n === 0) break;
      pos += n;
      fs.writeSync(outFd, decipher.update(buf.subarray(0, n)));
    }
    try {
      fs.writeSync(outFd, decipher.final());
    } catch {
      throw new Error("the backup does not decrypt: wrong key, or the file was changed (备份无法解密：密钥错误或文件被改动)");
    }
    fs.fsyncSync(outFd);
  } catch (e) {
    fs.closeSync(outFd);
    fs.rmSync(out, { force: true });
    throw e;
  } finally {
    fs.closeSync(fd);
  }
  fs.closeSync(outFd);
  return header;
}

export type Check = { ok: boolean; problems: string[] };

/** A restored database against the backup's manifest: integrity, the audit chain, every table's rows. */
async function checkAgainst(db: Kysely<DB>, dialect: "sqlite" | "postgres", m: Manifest): Promise<Check> {
  const problems: string[] = [];
  if (dialect === "sqlite") {
    const ic = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows.map((r) => r.integrity_check);
    if (ic.join() !== "ok") problems.push(`integrity_check: ${ic.slice(0, 5).join("; ")}`);
  }
  const chain = await verifyAudit(db);
  if (!chain.ok) problems.push(`audit chain broken at #${chain.seq}: ${chain.problem} (审计链校验失败)`);
  const now = await manifestOf(db, dialect);
  if ((now.audit?.hash ?? null) !== (m.audit?.hash ?? null)) problems.push(`audit head differs from the backup's (#${now.audit?.seq} vs #${m.audit?.seq})`);
  for (const [t, d] of Object.entries(m.tables)) {
    const got = now.tables[t];
    if (!got) problems.push(`table ${t} missing`);
    else if (got.sha256 !== d.sha256) problems.push(`table ${t}: ${got.rows} rows, hash differs from the backup's (${d.rows} rows)`);
  }
  for (const t of Object.keys(now.tables)) if (!m.tables[t]) problems.push(`table ${t} not in the backup`);
  return { ok: problems.length === 0, problems };
}

type BackupConfig = Pick<Config, "dataDir" | "sqliteFile" | "databaseUrl" | "backup">;

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, "-");

/** Writes an encrypted backup and verifies it (decrypted again and checked against its manifest on SQLite). */
export async function backup(config: BackupConfig, opts: { out?: string; now?: Date; pgSchema?: string } = {}) {
  const key = backupKey(config.dataDir, config.backup.key, true);
  const now = opts.now ?? new Date();
  const kind = config.databaseUrl ? "postgres" : "sqlite";
  const out = opts.out ?? path.join(config.backup.dir, `shequ-${stamp(now)}.${kind === "sqlite" ? "db" : "dump"}.enc`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const plain = `${out}.plain-${process.pid}`;
  try {
    let header: BackupHeader;
    if (kind === "sqlite") {
      const src = new SQLite(config.sqliteFile, { readonly: true, fileMustExist: true });
      try {
        // The online backup API: a consistent copy while the server keeps writing. A write by the
        // server (another connection) between two steps restarts the copy, so after the first step
        // the rest goes in one (a read transaction of its own, which writers do not wait for in WAL).
        await src.backup(plain, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
      } finally {
        src.close();
      }
      const copy = openSqlite(plain);
      try {
        const check = await checkAgainst(copy.db, "sqlite", await manifestOf(copy.db, "sqlite"));
        if (!check.ok) throw new Error(`the database does not verify, no backup written: ${check.problems.join("; ")}`);
        header = { kind, createdAt: now.toISOString(), manifest: await manifestOf(copy.db, "sqlite") };
      } finally {
        await copy.close();
      }
    } else {
      header = await pgDump(config.databaseUrl as string, plain, now, opts.pgSchema);
    }
    encrypt(plain, out, key, header);
    const verified = await verifyBackup(config, out);
    if (!verified.ok) throw new Error(`backup ${out} does not verify after writing: ${verified.problems.join("; ")}`);
    return { file: out, size: fs.statSync(out).size, header };
  } finally {
    fs.rmSync(plain, { force: true });
  }
}

/** pg_dump of the connection's schema on a snapshot whose manifest is computed in the same snapshot. */
async function pgDump(url: string, out: string, now: Date, pgSchema?: string): Promise<BackupHeader> {
  const client = new pg.Client({ connectionString: url, ...(pgSchema ? { options: `-c search_path=${pgSchema}` } : {}) });
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    const schema = (await client.query<{ s: string }>("select current_schema() as s")).rows[0].s;
    const snapshot = (await client.query<{ s: string }>("select pg_export_snapshot() as s")).rows[0].s;
    const db = new Kysely<DB>({ dialect: new (await import("kysely")).PostgresDialect({ pool: singleClientPool(client) }) });
    const dump = run("pg_dump", ["--format=custom", `--snapshot=${snapshot}`, `--schema=${schema}`, "--no-owner", `--file=${out}`, url], {
      maxBuffer: 16 << 20,
    });
    const chain = await verifyAudit(db);
    if (!chain.ok) throw new Error(`audit chain broken at #${chain.seq}: ${chain.problem}; no backup written`);
    const manifest = await manifestOf(db, "postgres");
    await dump;
    await client.query("commit");
    return { kind: "postgres", createdAt: now.toISOString(), schema, manifest };
  } finally {
    await client.end();
  }
}

/** A pg.Pool look-alike handing out one client that is never released: Kysely's queries then run in its transaction. */
function singleClientPool(client: pg.Client) {
  Object.assign(client, { release: () => {} });
  return { connect: async () => client, end: async () => {} } as unknown as pg.Pool;
}

/**
 * Decrypts a backup to a scratch copy and checks it. SQLite: integrity, audit chain and every table
 * against the manifest. PostgreSQL: the dump's table of contents (pg_restore --list); the full check
 * runs at restore, in the restored schema.
 */
export async function verifyBackup(config: BackupConfig, file: string): Promise<Check & { header: BackupHeader }> {
  const key = backupKey(config.dataDir, config.backup.key, false);
  const plain = `${file}.verify-${process.pid}`;
  try {
    const header = decrypt(file, plain, key);
    if (header.kind === "sqlite") {
      const copy = openSqlite(plain);
      try {
        return { ...(await checkAgainst(copy.db, "sqlite", header.manifest)), header };
      } finally {
        await copy.close();
      }
    }
    const list = await run("pg_restore", ["--list", plain], { maxBuffer: 64 << 20 });
    const tables = Object.keys(header.manifest.tables).filter((t) => !new RegExp(`TABLE DATA ${header.schema} ${t} `).test(list.stdout));
    return { ok: tables.length === 0, problems: tables.map((t) => `table ${t} has no data in the dump`), header };
  } finally {
    fs.rmSync(plain, { force: true });
  }
}

/**
 * Restores a backup. SQLite: decrypted next to the database, verified, then swapped in; the previous
 * database is kept as shequ.db.before-restore-<time> (stop the server first). PostgreSQL: the schema
 * in the way is renamed <schema>_before_restore_<time>, the dump restored in one transaction and
 * verified, and on failure dropped with the previous schema renamed back.
 */
export async function restore(config: BackupConfig, file: string, opts: { now?: Date; pgSchema?: string } = {}) {
  const key = backupKey(config.dataDir, config.backup.key, false);
  const now = opts.now ?? new Date();
  const { header } = readHeader(file);
  if (header.kind === "sqlite") {
    if (config.databaseUrl) throw new Error("this is a SQLite backup; unset DATABASE_URL to restore it (这是 SQLite 备份)");
    fs.mkdirSync(path.dirname(config.sqliteFile), { recursive: true });
    const staged = `${config.sqliteFile}.restoring`;
    decrypt(file, staged, key);
    const copy = openSqlite(staged);
    const check = await checkAgainst(copy.db, "sqlite", header.manifest).finally(() => copy.close());
    if (!check.ok) {
      fs.rmSync(staged, { force: true });
      throw new Error(`the backup does not verify, nothing restored: ${check.problems.join("; ")} (备份校验失败，未恢复)`);
    }
    let keptAside: string | null = null;
    if (fs.existsSync(config.sqliteFile)) {
      keptAside = `${config.sqliteFile}.before-restore-${stamp(now)}`;
      // The -wal file holds commits not yet in the main file: it goes aside with it.
      for (const ext of ["", "-wal", "-shm"]) if (fs.existsSync(config.sqliteFile + ext)) fs.renameSync(config.sqliteFile + ext, keptAside + ext);
    }
    fs.renameSync(staged, config.sqliteFile);
    fsyncDir(path.dirname(config.sqliteFile));
    return { kind: "sqlite" as const, keptAside, manifest: header.manifest };
  }
  if (!config.databaseUrl) throw new Error("this is a PostgreSQL backup; set DATABASE_URL to restore it (这是 PostgreSQL 备份)");
  const url = config.databaseUrl;
  const plain = `${path.join(config.dataDir, path.basename(file))}.restore-${process.pid}`;
  fs.mkdirSync(config.dataDir, { recursive: true });
  decrypt(file, plain, key);
  const admin = new pg.Client({ connectionString: url, ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}) });
  await admin.connect();
  const dumped = header.schema as string;
  const target = opts.pgSchema ?? (await admin.query<{ s: string | null }>("select current_schema() as s")).rows[0]?.s ?? "public";
  const exists = async (s: string) => (await admin.query("select 1 from pg_namespace where nspname = $1", [s])).rowCount === 1;
  const aside = (s: string) => `${s}_before_restore_${stamp(now).toLowerCase().replace(/-/g, "_")}`.slice(0, 63);
  const moved: Array<[string, string]> = [];
  try {
    for (const s of new Set([dumped, target]))
      if (await exists(s)) {
        await admin.query(`alter schema "${s}" rename to "${aside(s)}"`);
        moved.push([s, aside(s)]);
      }
    try {
      await run("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner", `--dbname=${url}`, plain], { maxBuffer: 16 << 20 });
      if (dumped !== target) await admin.query(`alter schema "${dumped}" rename to "${target}"`);
      const database = connect({ databaseUrl: url, pgSchema: target });
      const check = await checkAgainst(database.db, "postgres", header.manifest).finally(() => database.close());
      if (!check.ok) throw new Error(`the restored database does not verify: ${check.problems.join("; ")} (恢复后校验失败)`);
    } catch (e) {
      await admin.query(`drop schema if exists "${target}" cascade`);
      if (dumped !== target) await admin.query(`drop schema if exists "${dumped}" cascade`);
      for (const [s, a] of moved.reverse()) await admin.query(`alter schema "${a}" rename to "${s}"`);
      throw e;
    }
    return { kind: "postgres" as const, keptAside: moved.map(([, a]) => a).join(", ") || null, manifest: header.manifest };
  } finally {
    await admin.end();
    fs.rmSync(plain, { force: true });
  }
}

/** Removes the oldest backups in the backup folder beyond the newest `keep`; answers how many went. */
export function pruneBackups(config: BackupConfig): number {
  const mine = fs
    .readdirSync(config.backup.dir)
    .filter((f) => /^shequ-.*\.(db|dump)\.enc$/.test(f))
    .sort();
  const old = mine.slice(0, Math.max(0, mine.length - config.backup.keep));
  for (const f of old) fs.rmSync(path.join(config.backup.dir, f), { force: true });
  return old.length;
}

export const BACKUP_JOB = "platform.backup";

/**
 * Scheduled backups (SHEQU_BACKUP_HOURS) as a job of the platform's scheduler: it runs every `hours`,
 * writes the backup, verifies it, keeps the newest `keep`. Being a job, its next time survives a
 * restart (a server restarted every night still backs up), several PostgreSQL processes take one
 * backup between them, and the jobs page shows its last run and error. A failure is the job's error
 * (logged, shown there) and it runs again at its next time.
 */
export function registerBackupJob(jobs: Pick<Scheduler, "register">, config: BackupConfig, opts: { log?: (s: string) => void; pgSchema?: string } = {}) {
  const log = opts.log ?? console.log;
  if (!(config.backup.hours > 0)) return false;
  jobs.register({
    key: BACKUP_JOB,
    module: "platform",
    label: { zh: "定时备份（写入后校验）", en: "Scheduled backup (verified after writing)" },
    everyMs: config.backup.hours * 3_600_000,
    run: async ({ now }) => {
      const r = await backup(config, { now, pgSchema: opts.pgSchema });
      const removed = pruneBackups(config);
      log(`Scheduled backup written and verified: ${r.file}`);
      return { result: { file: path.basename(r.file), bytes: r.size, removed } };
    },
  });
  return true;
}
