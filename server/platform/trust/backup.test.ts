import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { connect, type Database } from "../../db/connect.js";
import { DEMO_PASSWORD } from "../../demo/world.js";
import { factories, makeWorld } from "../../test/factories.js";
import { PG_URL, TEST_DB } from "../../test/helpers.js";
import { verifyAudit } from "../audit.js";
import { fixedClock } from "../clock.js";
import { createScheduler } from "../scheduler.js";
import { BACKUP_JOB, backup, registerBackupJob, restore, tableDigests, verifyBackup } from "./backup.js";

const KEY = randomBytes(32).toString("hex");
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-backup-"));
  cleanups.push(async () => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};
const pgSchema = () => `t_${randomBytes(6).toString("hex")}`;

/** A server on a database of its own (a file on SQLite, a schema on PostgreSQL), with the test world. */
async function source() {
  const dataDir = tmp();
  const env = { SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent", SHEQU_BACKUP_KEY: KEY, DATABASE_URL: TEST_DB === "postgres" ? PG_URL : "" } as const;
  const config = loadConfig(env);
  let database: Database | undefined;
  let schema: string | undefined;
  if (TEST_DB === "postgres") {
    schema = pgSchema();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    database = connect({ databaseUrl: PG_URL, pgSchema: schema });
    cleanups.push(async () => {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`drop schema if exists ${schema} cascade`);
      await d.end();
    });
  }
  const app = await buildApp(config, database ? { database } : {});
  cleanups.push(async () => {
    await app.close();
    await database?.close();
  });
  const world = await makeWorld(app.deps, { people: 12, factories: factories(app.deps) });
  return { app, config, world, schema };
}

async function login(app: FastifyInstance, username: string) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  const sid = res.cookies.find((c) => c.name === "shequ_sid")?.value;
  const headers = { cookie: `shequ_sid=${sid}`, "x-csrf-token": res.json().csrfToken as string };
  return (method: "GET" | "PATCH", url: string, payload?: unknown) => app.inject({ method, url, payload: payload as any, headers });
}

/** Every registered figure for the community over this year. */
async function figures(app: FastifyInstance, communityId: string) {
  const r = await app.deps.db.selectFrom("regions").selectAll().where("id", "=", communityId).executeTakeFirstOrThrow();
  const scope = { regionId: r.id, path: r.path, level: r.level, communityId: r.id } as never;
  const year = new Date().getFullYear();
  const out: Record<string, number> = {};
  for (const f of app.deps.figures.all()) out[f.key] = await f.value(app.deps.db, { scope, from: `${year}-01-01`, to: `${year}-12-31`, filters: {} });
  return out;
}

describe("backup → restore round trip", () => {
  it("a backup taken during writes restores in a new place with every table's rows, the figures and the audit chain", async () => {
    const src = await source();
    const req = await login(src.app, "leader");
    const person = (await src.app.deps.db.selectFrom("people").select("id").where("community_id", "=", src.world.communityId).executeTakeFirstOrThrow()).id;
    // Writes that go on through the backup: a note changed again and again (each one audited).
    let acked = -1;
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await req("PATCH", `/api/people/${person}`, { note: `note ${i}` });
        expect(r.statusCode).toBe(200);
        acked = i;
      }
    })();
    while (acked < 3) await new Promise((r) => setImmediate(r));
    const ackedBefore = acked;
    const b = await backup(src.config, { pgSchema: src.schema });
    const ackedAfter = acked;
    stop = true;
    await writer;
    expect(ackedAfter).toBeGreaterThan(ackedBefore); // the writes did go on during the backup
    expect(fs.readFileSync(b.file).includes(Buffer.from("note 1"))).toBe(false); // encrypted
    expect((await verifyBackup(src.config, b.file)).ok).toBe(true);

    // A new data directory (and on PostgreSQL a new database), the same key.
    const dataDir = tmp();
    let url = "";
    let schema: string | undefined;
    if (TEST_DB === "postgres") {
      const dbName = `shequ_rt_${randomBytes(4).toString("hex")}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create database ${dbName}`);
      await c.end();
      const u = new URL(PG_URL);
      u.pathname = `/${dbName}`;
      url = u.toString();
      schema = pgSchema();
      cleanups.push(async () => {
        const d = new pg.Client({ connectionString: PG_URL });
        await d.connect();
        await d.query(`drop database if exists ${dbName} with (force)`);
        await d.end();
      });
    }
    const config2 = loadConfig({ SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent", SHEQU_BACKUP_KEY: KEY, DATABASE_URL: url });
    // Without the key nothing is restored.
    await expect(restore({ ...config2, backup: { ...config2.backup, key: randomBytes(32).toString("hex") } }, b.file, { pgSchema: schema })).rejects.toThrow(
      /wrong key|密钥/,
    );
    const r = await restore(config2, b.file, { pgSchema: schema });
    expect(r.kind).toBe(TEST_DB);

    const database2 = TEST_DB === "postgres" ? connect({ databaseUrl: url, pgSchema: schema }) : undefined;
    const app2 = await buildApp(config2, database2 ? { database: database2, migrate: false } : { migrate: false });
    cleanups.push(async () => {
      await app2.close();
      await database2?.close();
    });
    // Every table, row by row (by hash), as in the snapshot the backup took.
    expect(await tableDigests(app2.deps.db, TEST_DB)).toEqual(b.header.manifest.tables);
    expect(b.header.manifest.tables.people.rows).toBe(
      Number(
        (
          await src.app.deps.db
            .selectFrom("people")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    const chain = await verifyAudit(app2.deps.db);
    expect(chain.ok).toBe(true);
    expect(chain.count).toBe(b.header.manifest.audit?.seq);
    // Every write answered before the backup began is in it; none made after it ended.
    const note = (await app2.deps.db.selectFrom("people").select("note").where("id", "=", person).executeTakeFirstOrThrow()).note ?? "";
    const n = Number(/note (\d+)/.exec(note)?.[1]);
    expect(n).toBeGreaterThanOrEqual(ackedBefore);
    expect(n).toBeLessThanOrEqual(ackedAfter + 1);
    // The figures read the same (the writes changed a note, which no figure counts).
    expect(await figures(app2, src.world.communityId)).toEqual(await figures(src.app, src.world.communityId));
    // The restored server works: the leader signs in on it.
    await login(app2, "leader");

    // A backup changed by one byte does not restore.
    const bad = path.join(dataDir, "changed.enc");
    const bytes = fs.readFileSync(b.file);
    bytes[bytes.length - 100] ^= 1;
    fs.writeFileSync(bad, bytes);
    expect((await verifyBackup(config2, bad).catch((e) => ({ ok: false, problems: [String(e)] }))).ok).toBe(false);
  });
});

describe("scheduled backups (a job of the platform's scheduler)", () => {
  it("run every N hours from the scheduler, verified, keeping the newest K; not before their time; a failure is the job's error", async () => {
    const src = await source();
    const dir = tmp();
    const config = { ...src.config, backup: { ...src.config.backup, hours: 6, keep: 1, dir } };
    const clock = fixedClock("2025-03-03T01:00:00Z");
    const jobs = createScheduler({ db: src.app.deps.db, dialect: src.app.deps.database.dialect, clock, onError: () => {} });
    const logs: string[] = [];
    expect(registerBackupJob(jobs, { ...config, backup: { ...config.backup, hours: 0 } }, { log: (s) => logs.push(s) })).toBe(false);
    expect(registerBackupJob(jobs, config, { log: (s) => logs.push(s), pgSchema: src.schema })).toBe(true);
    const files = () =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".enc"))
        .sort();

    // The first run at the first start; then nothing until six hours have passed.
    expect((await jobs.tick()).map((r) => [r.key, r.ok])).toEqual([[BACKUP_JOB, true]]);
    expect(files()).toHaveLength(1);
    clock.advance(5 * 3_600_000);
    expect(await jobs.tick()).toEqual([]);
    clock.advance(3_600_000 + 1000);
    const [second] = await jobs.tick();
    expect(second.ok, second.error).toBe(true);
    clock.advance(5 * 3_600_000);
    // Two backups made, the newest one kept (keep 1), and it verifies.
    expect(files()).toHaveLength(1);
    expect(second.result?.file).toBe(files()[0]);
    expect((await verifyBackup(config, path.join(dir, files()[0]))).ok).toBe(true);
    expect(logs.filter((l) => l.startsWith("Scheduled backup written and verified"))).toHaveLength(2);
    const row = (await jobs.status()).find((s) => s.key === BACKUP_JOB);
    expect(row).toMatchObject({ runs: 2 });

    // Without a key the backup fails: the job records the error and runs again at its next time.
    const broken = createScheduler({ db: src.app.deps.db, dialect: src.app.deps.database.dialect, clock, onError: () => {}, instanceId: "b" });
    registerBackupJob(broken, { ...config, dataDir: tmp(), backup: { ...config.backup, key: "not a key" } }, { log: () => {}, pgSchema: src.schema });
    clock.advance(3_600_000 + 1000);
    const [failed] = await broken.tick();
    expect(failed.ok).toBe(false);
    expect(files()).toHaveLength(1);
  });
});
