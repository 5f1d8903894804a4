import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "./app.js";
import { createUserFromCli, printDemoAccounts } from "./cli-helpers.js";
import { loadConfig } from "./config.js";
import { connect } from "./db/connect.js";
import { migrateToLatest } from "./db/migrate.js";
import { seedDemo } from "./demo/seed.js";
import { createAccountsService } from "./platform/accounts/accounts.service.js";
import { createSessions } from "./platform/auth/sessions.js";
import { createTwoFactor, resetSecondFactor } from "./platform/auth/two-factor.js";
import { AppError } from "./platform/errors.js";
import { archiveAudit, RetentionError } from "./platform/trust/archive.js";
import { backup, restore, verifyBackup } from "./platform/trust/backup.js";
import { verifyAuditReport } from "./platform/trust/verify.js";

const HELP = `shequ — Shequ 社区 command line

  shequ migrate                      apply database migrations
  shequ seed-demo                    create the demo community (empty database only)
  shequ create-user [--username U --role R --scope REGION_ID_OR_CODE --name N --password P]
                                     create an account (the only way to create sysadmin/secadmin/auditor)
  shequ reset-password --username U [--password P]
  shequ reset-2fa --username U       remove an account's second factor (a lost phone, and no other security
                                     administrator to reset it); its sessions end, it enrols again at next sign-in
  shequ verify-audit [--anchors FILE] [--archive FILE ...] [--public-key PEM]
                                     check the audit log: its hash chain (edits, gaps), the anchor file
                                     (truncation: newest entries deleted) and, with --archive, archive files;
                                     exit 1 when anything does not verify
  shequ archive-audit --before YYYY-MM-DD [--out FILE]
                                     move entries older than that to a signed archive file (refused
                                     inside the retention, SHEQU_AUDIT_RETENTION_DAYS ≥ 180)
  shequ backup [--out FILE]          encrypted (AES-256-GCM) consistent backup, verified after writing
                                     (SQLite: online copy; PostgreSQL: pg_dump); key SHEQU_BACKUP_KEY or <data dir>/keys/backup.key
  shequ verify-backup FILE           decrypt and check a backup
  shequ restore FILE                 verify a backup (integrity, audit chain, every table) and swap it in,
                                     keeping the previous database aside (stop the server first)

Settings come from the environment: DATABASE_URL, SHEQU_DATA_DIR, SHEQU_TZ …`;

const [cmd, ...rest] = process.argv.slice(2);
const { values: a0 } = parseArgs({
  args: rest,
  options: {
    username: { type: "string" },
    role: { type: "string" },
    scope: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
    out: { type: "string" },
    district: { type: "string" },
    "district-code": { type: "string" },
    anchors: { type: "string" },
    archive: { type: "string", multiple: true },
    "public-key": { type: "string" },
    before: { type: "string" },
  },
  allowPositionals: true,
});
const positionals = parseArgs({ args: rest, strict: false, allowPositionals: true }).positionals;
const a = { ...a0, _file: positionals[0] as string | undefined };
const config = loadConfig({ ...process.env, SHEQU_LOG_LEVEL: "silent" });

async function withApp<T>(fn: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>) {
  const app = await buildApp(config);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  switch (cmd) {
    case "migrate": {
      const database = connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile, synchronous: config.sqliteSync });
      const done = await migrateToLatest(database.db);
      console.log(done.length ? `Applied: ${done.join(", ")}` : "Database is up to date.");
      await database.close();
      return 0;
    }
    case "seed-demo":
      return withApp(async (app) => {
        const n = await app.deps.db
          .selectFrom("regions")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst();
        if (Number(n?.n) > 0) {
          console.error("The database already has regions; the demo community is created on an empty database only.");
          return 1;
        }
        await seedDemo(app.deps, { log: (s) => console.log(s) });
        printDemoAccounts();
        return 0;
      });
    case "create-user":
      return withApp(async (app) => {
        await createUserFromCli(app.deps, { ...a, districtCode: a["district-code"] }, !!process.stdin.isTTY && !a.password);
        return 0;
      });
    case "reset-password":
      return withApp(async (app) => {
        if (!a.username) throw new Error("--username is required");
        const u = await app.deps.db.selectFrom("users").select("id").where("username", "=", a.username).executeTakeFirst();
        if (!u) throw new Error(`no user ${a.username}`);
        let pw = a.password;
        if (!pw) {
          const rl = (await import("node:readline/promises")).createInterface({ input: process.stdin, output: process.stdout });
          pw = await rl.question("New password 新密码: ");
          rl.close();
        }
        await createAccountsService(app.deps).resetPassword(null, u.id, pw, { regionId: "", path: "/", level: "district", communityId: null });
        console.log(`Password of ${a.username} reset; the user is asked to change it at next login.`);
        return 0;
      });
    case "reset-2fa":
      return withApp(async (app) => {
        if (!a.username) throw new Error("--username is required");
        const u = await app.deps.db.selectFrom("users").select(["id", "username"]).where("username", "=", a.username).executeTakeFirst();
        if (!u) throw new Error(`no user ${a.username}`);
        const deps = { twoFactor: createTwoFactor(app.deps), sessions: createSessions(app.deps), audit: app.deps.audit };
        try {
          await app.deps.db.transaction().execute((trx) => resetSecondFactor(trx, deps, u, { id: null, name: "shequ reset-2fa", ip: null }));
        } catch (e) {
          if (e instanceof AppError && e.code === "NOT_ENROLLED") {
            console.error(`${a.username} has no second factor. 该账号未启用两步验证。`);
            return 1;
          }
          throw e;
        }
        console.log(`Second factor of ${a.username} removed; its sessions ended. It enrols again at next sign-in where its role requires it. 已重置两步验证。`);
        return 0;
      });
    case "verify-audit":
      return withApp(async (app) => {
        const r = await verifyAuditReport(app.deps.db, config, { anchors: a.anchors, archive: a.archive, publicKey: a["public-key"] });
        for (const line of r.lines) console.log(line);
        return r.code;
      });
    case "archive-audit":
      return withApp(async (app) => {
        if (!a.before) throw new Error("--before YYYY-MM-DD is required");
        try {
          const r = await archiveAudit(app.deps, { before: new Date(a.before), out: a.out ? path.resolve(a.out) : undefined });
          if (!r) console.log("Nothing to archive. 没有可归档的条目。");
          else console.log(`Archived entries #${r.firstSeq}–#${r.lastSeq} (${r.entries}) to ${r.file} (sha256 ${r.sha256}).`);
          return 0;
        } catch (e) {
          if (e instanceof RetentionError) {
            console.error(e.message);
            return 1;
          }
          throw e;
        }
      });
    case "backup": {
      const r = await backup(config, { out: a.out ? path.resolve(a.out) : undefined });
      const t = Object.values(r.header.manifest.tables);
      console.log(
        `Backup written and verified: ${r.file} (${(r.size / 1048576).toFixed(1)} MB, AES-256-GCM; ${t.length} tables, ${t.reduce((n, x) => n + x.rows, 0)} rows, audit head #${r.header.manifest.audit?.seq ?? 0}).`,
      );
      if (!config.backup.key)
        console.log(`Key: ${path.join(config.dataDir, "keys", "backup.key")} — keep a copy off this machine; without it the backup cannot be read.`);
      return 0;
    }
    case "verify-backup": {
      const file = a._file;
      if (!file) throw new Error("usage: shequ verify-backup FILE");
      const r = await verifyBackup(config, path.resolve(file));
      for (const p of r.problems) console.log(`  ${p}`);
      console.log(r.ok ? `OK: ${file} decrypts and verifies (${r.header.kind}, ${r.header.createdAt}).` : `BROKEN: ${file} does not verify.`);
      return r.ok ? 0 : 1;
    }
    case "restore": {
      const file = a._file;
      if (!file) throw new Error("usage: shequ restore FILE");
      const r = await restore(config, path.resolve(file));
      console.log(
        `Restored and verified ${file} (integrity, audit chain to #${r.manifest.audit?.seq ?? 0}, ${Object.keys(r.manifest.tables).length} tables' rows).`,
      );
      if (r.keptAside) console.log(`The previous database is kept as ${r.keptAside}.`);
      return 0;
    }
    default:
      console.log(HELP);
      return cmd && cmd !== "help" && cmd !== "--help" ? 2 : 0;
  }
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(`Error: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
