import { createHash, sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GENESIS } from "../audit.js";
import type { Deps } from "../http.js";
import { uuidv7 } from "../ids.js";
import { signingKeys, writeFileDurably } from "./files.js";
import type { ArchiveHeader } from "./verify.js";
import "./trust.tables.js";

const DAY = 86_400_000;

export class RetentionError extends Error {}

/**
 * Moves the audit entries older than `before` to a signed archive file and out of the database.
 * Refused when `before` is later than the retention allows (SHEQU_AUDIT_RETENTION_DAYS, at least
 * 180 days). The newest entry always stays, and the archive is recorded (its last hash, the file's
 * digest) in the same transaction that deletes the entries, so the chain in the database continues
 * from it and `verify-audit --archive FILE` checks file and database together. The archiving itself
 * is an audit entry.
 */
export async function archiveAudit(deps: Pick<Deps, "db" | "config" | "clock" | "audit">, opts: { before: Date; out?: string }) {
  const now = deps.clock.now();
  const days = deps.config.audit.retentionDays;
  const latest = new Date(now.getTime() - days * DAY);
  if (Number.isNaN(opts.before.getTime())) throw new RetentionError("--before is not a date (日期无效)");
  if (opts.before.getTime() > latest.getTime())
    throw new RetentionError(
      `Refused: audit entries are kept ${days} days; entries before ${opts.before.toISOString().slice(0, 10)} cannot be pruned yet, the latest allowed is ${latest.toISOString().slice(0, 10)}. ` +
        `拒绝：审计日志须保留 ${days} 天，最早可归档 ${latest.toISOString().slice(0, 10)} 之前的条目。`,
    );
  const db = deps.db;
  const base = await db.selectFrom("audit_archives").select(["last_seq", "last_hash"]).orderBy("last_seq", "desc").limit(1).executeTakeFirst();
  const head = await db.selectFrom("audit_log").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst();
  // The archived entries are a prefix of the chain: from the first in the database to the last
  // before `before` — never the newest one, which the next entry chains to.
  const lastOld = await db
    .selectFrom("audit_log")
    .select("seq")
    .where("at", "<", opts.before.toISOString())
    .where("seq", "<", Number(head?.seq ?? 0))
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!lastOld) return null;
  const lastSeq = Number(lastOld.seq);
  const firstSeq = Number(base?.last_seq ?? 0) + 1;
  const prevHash = base?.last_hash ?? GENESIS;
  const rows: string[] = [];
  let lastHash = prevHash;
  for (let after = firstSeq - 1; ; ) {
    const batch = await db.selectFrom("audit_log").selectAll().where("seq", ">", after).where("seq", "<=", lastSeq).orderBy("seq").limit(5000).execute();
    if (batch.length === 0) break;
    for (const r of batch) {
      rows.push(JSON.stringify({ ...r, seq: Number(r.seq), success: Number(r.success) }));
      lastHash = r.hash;
      after = Number(r.seq);
    }
  }
  const header: ArchiveHeader = {
    kind: "shequ-audit-archive",
    v: 1,
    firstSeq,
    lastSeq,
    prevHash,
    lastHash,
    entries: rows.length,
    beforeAt: opts.before.toISOString(),
    createdAt: now.toISOString(),
  };
  const body = Buffer.from(`${JSON.stringify(header)}\n${rows.join("\n")}\n`);
  const { privateKey } = signingKeys(deps.config.dataDir);
  const signature = sign(null, body, privateKey).toString("base64");
  const data = Buffer.concat([body, Buffer.from(`${JSON.stringify({ signature })}\n`)]);
  const out = opts.out ?? path.join(deps.config.dataDir, "audit-archives", `audit-${firstSeq}-${lastSeq}.jsonl`);
  if (fs.existsSync(out)) throw new Error(`${out} exists (文件已存在)`);
  writeFileDurably(out, data, 0o640);
  const fileSha = createHash("sha256").update(data).digest("hex");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("audit_archives")
      .values({
        id: uuidv7(),
        first_seq: firstSeq,
        last_seq: lastSeq,
        prev_hash: prevHash,
        last_hash: lastHash,
        entries: rows.length,
        before_at: header.beforeAt,
        file_name: path.basename(out),
        file_sha256: fileSha,
        archived_at: now.toISOString(),
      })
      .execute();
    await trx.deleteFrom("audit_log").where("seq", ">=", firstSeq).where("seq", "<=", lastSeq).execute();
    await deps.audit.append(trx, {
      actorId: null,
      actorName: "system",
      action: "audit.archive",
      entity: "audit_log",
      entityId: `${firstSeq}-${lastSeq}`,
      after: { firstSeq, lastSeq, entries: rows.length, before: header.beforeAt, file: path.basename(out), sha256: fileSha },
    });
  });
  return { file: out, firstSeq, lastSeq, entries: rows.length, sha256: fileSha };
}
