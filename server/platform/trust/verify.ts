import { createHash, createPublicKey, type KeyObject, verify as verifySignature } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Config } from "../../config.js";
import type { AuditTable, DB } from "../../db/types.js";
import { GENESIS, hashOf } from "../audit.js";
import { type Anchor, readAnchors } from "./anchor.js";
import { signingKeys } from "./files.js";
import "./trust.tables.js";

export type ProblemKind = "truncation" | "edit" | "gap" | "anchor-file" | "archive";
export type Problem = { kind: ProblemKind; seq?: number; message: string };
export type FullVerifyResult = {
  ok: boolean;
  /** Entries in the database, and the range of their seq. */
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Entries moved to archives (by the database's record of them), and how many were checked against a file. */
  archived: number;
  archivedChecked: number;
  anchors: number;
  problems: Problem[];
};

const MAX_PROBLEMS = 50;

function entryHash(r: AuditTable): string {
  const { hash, prev_hash, ...rest } = r;
  return hashOf(prev_hash, { ...rest, seq: Number(rest.seq), success: Number(rest.success) });
}

export type ArchiveHeader = {
  kind: "shequ-audit-archive";
  v: 1;
  firstSeq: number;
  lastSeq: number;
  prevHash: string;
  lastHash: string;
  entries: number;
  beforeAt: string;
  createdAt: string;
};

/** Reads an archive file and checks its signature and its chain; its entries are returned for anchors. */
export function readArchive(file: string, publicKey: KeyObject) {
  const problems: Problem[] = [];
  const text = fs.readFileSync(file);
  const sha256 = createHash("sha256").update(text).digest("hex");
  const body = text.subarray(0, text.lastIndexOf("\n", text.length - 2) + 1);
  const sigLine = text.subarray(body.length).toString("utf8").trim();
  const name = path.basename(file);
  let header: ArchiveHeader | null = null;
  const hashes = new Map<number, string>();
  try {
    const sig = JSON.parse(sigLine) as { signature: string };
    if (!verifySignature(null, body, publicKey, Buffer.from(sig.signature, "base64")))
      problems.push({ kind: "archive", message: `${name}: signature does not verify (archive changed or another key) 签名不符` });
  } catch {
    problems.push({ kind: "archive", message: `${name}: no signature line 缺少签名` });
  }
  const lines = body.toString("utf8").split("\n").filter(Boolean);
  try {
    header = JSON.parse(lines[0] ?? "") as ArchiveHeader;
    if (header.kind !== "shequ-audit-archive") throw new Error("kind");
  } catch {
    problems.push({ kind: "archive", message: `${name}: not a Shequ audit archive 不是审计归档文件` });
    return { header: null, hashes, problems, sha256 };
  }
  let prev = header.prevHash;
  let expect = header.firstSeq;
  for (const line of lines.slice(1)) {
    const r = JSON.parse(line) as AuditTable;
    if (r.seq !== expect) problems.push({ kind: "gap", seq: r.seq, message: `${name}: expected entry #${expect}, found #${r.seq}` });
    if (r.prev_hash !== prev) problems.push({ kind: "edit", seq: r.seq, message: `${name}: entry #${r.seq} does not link to the one before` });
    if (entryHash(r) !== r.hash) problems.push({ kind: "edit", seq: r.seq, message: `${name}: entry #${r.seq} does not match its hash` });
    hashes.set(r.seq, r.hash);
    prev = r.hash;
    expect = r.seq + 1;
  }
  if (hashes.size !== header.entries || prev !== header.lastHash || expect !== header.lastSeq + 1)
    problems.push({
      kind: "archive",
      message: `${name}: holds ${hashes.size} entries up to #${expect - 1}; its header says ${header.entries} up to #${header.lastSeq}`,
    });
  return { header, hashes, problems, sha256 };
}

/**
 * Checks the audit log against everything outside it: the hash chain (edits, gaps), the anchors
 * (an anchored head missing from the log is a truncation; a different hash at an anchored seq, a
 * rewritten chain), and the archives (signature, chain, and that the log continues from the last).
 */
export async function verifyAuditFull(
  db: Kysely<DB>,
  opts: { anchors?: Anchor[]; badAnchorLines?: number[]; archiveFiles?: string[]; publicKey?: KeyObject } = {},
): Promise<FullVerifyResult> {
  const problems: Problem[] = [];
  const push = (p: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  for (const l of opts.badAnchorLines ?? []) push({ kind: "anchor-file", message: `anchor file line ${l} is not an anchor (torn or edited) 锚点文件该行无效` });
  const anchors = opts.anchors ?? [];
  const bySeq = new Map<number, Anchor[]>();
  for (const a of anchors) bySeq.set(a.seq, [...(bySeq.get(a.seq) ?? []), a]);

  // Archives: the database's record of them, and the files when given.
  const recorded = await db.selectFrom("audit_archives").selectAll().orderBy("last_seq").execute();
  const archived = recorded.reduce((n, a) => n + Number(a.entries), 0);
  let archivedChecked = 0;
  const files = (opts.archiveFiles ?? []).map((f) => {
    if (!opts.publicKey) throw new Error("a public key is needed to check archives");
    return { file: f, ...readArchive(f, opts.publicKey) };
  });
  let expectPrev = GENESIS;
  for (const a of recorded) {
    if (a.prev_hash !== expectPrev)
      push({ kind: "archive", seq: Number(a.first_seq), message: `archive ${a.file_name} (#${a.first_seq}–#${a.last_seq}) does not continue the one before` });
    expectPrev = a.last_hash;
    const f = files.find((x) => x.header?.lastSeq === Number(a.last_seq));
    if (!f) {
      if (opts.archiveFiles)
        push({ kind: "archive", seq: Number(a.first_seq), message: `archive ${a.file_name} (#${a.first_seq}–#${a.last_seq}) not given 未提供该归档文件` });
      continue;
    }
    for (const p of f.problems) push(p);
    if (f.sha256 !== a.file_sha256)
      push({ kind: "archive", message: `${path.basename(f.file)}: digest differs from the one recorded at archiving 文件摘要与归档记录不符` });
    if (f.header && (f.header.lastHash !== a.last_hash || f.header.prevHash !== a.prev_hash))
      push({ kind: "archive", message: `${path.basename(f.file)}: its chain ends are not the recorded ones 归档链端与记录不符` });
    for (const [seq, hash] of f.hashes)
      for (const an of bySeq.get(seq) ?? [])
        if (an.hash !== hash) push({ kind: "edit", seq, message: `archived entry #${seq} differs from its anchor of ${an.anchoredAt}` });
    if (f.problems.length === 0) archivedChecked += f.hashes.size;
  }
  for (const f of files)
    if (f.header && !recorded.some((a) => Number(a.last_seq) === f.header?.lastSeq))
      push({ kind: "archive", message: `${path.basename(f.file)}: no record of this archive in the database 数据库中无此归档记录` });

  // The chain in the database, from the last archived entry on.
  const base = recorded.at(-1);
  let prev = base?.last_hash ?? GENESIS;
  let expect = Number(base?.last_seq ?? 0) + 1;
  let entries = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let after = Number(base?.last_seq ?? 0);
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">", after).orderBy("seq").limit(2000).execute();
    if (rows.length === 0) break;
    for (const r0 of rows) {
      const r = { ...r0, seq: Number(r0.seq) };
      entries++;
      firstSeq ??= r.seq;
      if (r.seq !== expect) push({ kind: "gap", seq: r.seq, message: `entries #${expect}–#${r.seq - 1} are missing 条目缺失` });
      else if (r.prev_hash !== prev) push({ kind: "edit", seq: r.seq, message: `entry #${r.seq} does not link to the one before 与前一条链接断开` });
      if (entryHash(r) !== r.hash) push({ kind: "edit", seq: r.seq, message: `entry #${r.seq} does not match its hash (edited) 内容与哈希不符` });
      for (const an of bySeq.get(r.seq) ?? [])
        if (an.hash !== r.hash)
          push({ kind: "edit", seq: r.seq, message: `entry #${r.seq} differs from its anchor of ${an.anchoredAt} (the chain was rewritten) 与锚点不符` });
      prev = r.hash;
      expect = r.seq + 1;
      lastSeq = r.seq;
      after = r.seq;
    }
  }
  const end = lastSeq ?? Number(base?.last_seq ?? 0);
  const newest = anchors.reduce<Anchor | null>((m, a) => (!m || a.seq > m.seq ? a : m), null);
  if (newest && newest.seq > end)
    problems.unshift({
      kind: "truncation",
      seq: newest.seq,
      message:
        `truncated: the log ends at entry #${end}, but entry #${newest.seq} was anchored at ${newest.anchoredAt} — at least ${newest.seq - end} newest entries were deleted. ` +
        `审计日志被截断：止于第 ${end} 条，但第 ${newest.seq} 条已于 ${newest.anchoredAt} 锚定，至少 ${newest.seq - end} 条最新条目被删除。`,
    });
  return { ok: problems.length === 0, entries, firstSeq, lastSeq, archived, archivedChecked, anchors: anchors.length, problems };
}

/** `shequ verify-audit`: what it prints and its exit code (1 when anything does not verify). */
export async function verifyAuditReport(
  db: Kysely<DB>,
  config: Pick<Config, "audit" | "dataDir">,
  args: { anchors?: string; archive?: string[]; publicKey?: string } = {},
): Promise<{ code: number; lines: string[]; result: FullVerifyResult }> {
  const { anchors, bad } = readAnchors(args.anchors ? path.resolve(args.anchors) : config.audit.anchorFile);
  const publicKey = args.publicKey ? createPublicKey(fs.readFileSync(args.publicKey)) : args.archive ? signingKeys(config.dataDir).publicKey : undefined;
  const r = await verifyAuditFull(db, { anchors, badAnchorLines: bad, archiveFiles: args.archive?.map((f) => path.resolve(f)), publicKey });
  const lines: string[] = [];
  const range = r.firstSeq === null ? "none" : `#${r.firstSeq}–#${r.lastSeq}`;
  lines.push(
    `${r.entries} audit entries in the database (${range}); ${r.archived} archived${args.archive ? ` (${r.archivedChecked} checked against files)` : ""}; ${r.anchors} anchors.`,
  );
  if (r.anchors === 0) lines.push("! No anchors: a deletion of the newest entries cannot be detected (无锚点，无法发现最新条目被删除).");
  if (r.ok) {
    lines.push("OK: hash chain intact and matching every anchor. 审计日志完整。");
    return { code: 0, lines, result: r };
  }
  for (const p of r.problems) lines.push(`${p.kind.toUpperCase()}${p.seq ? ` #${p.seq}` : ""}: ${p.message}`);
  lines.push(`BROKEN: ${r.problems.length} problem(s). 审计日志校验失败。`);
  return { code: 1, lines, result: r };
}
