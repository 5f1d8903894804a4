import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";
import { hot, hotInsert } from "../db/hot.js";
import type { AuditTable, DB } from "../db/types.js";
import type { Clock } from "./clock.js";
import { uuidv7 } from "./ids.js";
import "./trust/trust.tables.js";
import { actorId, actorName, type Who } from "./who.js";

export type AuditEntry = {
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  communityId?: string | null;
  before?: unknown;
  after?: unknown;
  success?: boolean;
  reason?: string | null;
  ip?: string | null;
};

export const GENESIS = "0".repeat(64);
// A constant key for PostgreSQL's transaction-level advisory lock that serialises the chain.
const CHAIN_LOCK = 72622024;

export function hashOf(prevHash: string, row: Omit<AuditTable, "hash" | "prev_hash">): string {
  const body = JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    row.community_id,
    row.before,
    row.after,
    row.success,
    row.reason,
    row.ip,
  ]);
  return createHash("sha256").update(prevHash).update("|").update(body).digest("hex");
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/** What a write records of itself; who did it, from where, comes from the `Who`. */
export type AuditRecord = Omit<AuditEntry, "actorId" | "actorName" | "ip">;

export type Audit = ReturnType<typeof createAudit>;

// Every write appends here: the two queries are built once (server/db/hot.ts).
const HEAD = hot((db) => db.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1));
const COLUMNS = [
  "seq",
  "id",
  "at",
  "actor_id",
  "actor_name",
  "action",
  "entity",
  "entity_id",
  "community_id",
  "before",
  "after",
  "success",
  "reason",
  "ip",
  "prev_hash",
  "hash",
] as const;
const INSERT = hotInsert<AuditTable>(COLUMNS, (db, rows) => db.insertInto("audit_log").values(rows));

/**
 * The append-only, hash-chained audit log. Append inside the same transaction as the write it
 * records, so a write and its audit entry land together or not at all.
 */
export function createAudit(deps: { dialect: Dialect; clock: Clock }) {
  async function appendIn(trx: Kysely<DB>, e: AuditEntry): Promise<void> {
    if (deps.dialect === "postgres") await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    const last = await HEAD.first(trx);
    const row = {
      seq: (last?.seq ?? 0) + 1,
      id: uuidv7(),
      at: deps.clock.now().toISOString(),
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      community_id: e.communityId ?? null,
      before: json(e.before),
      after: json(e.after),
      success: e.success === false ? 0 : 1,
      reason: e.reason ?? null,
      ip: e.ip ?? null,
    };
    const prev = last?.hash ?? GENESIS;
    await INSERT(trx, [{ ...row, prev_hash: prev, hash: hashOf(prev, row) }]);
  }

  /** Append one entry; joins the caller's transaction when given one. */
  async function append(db: Kysely<DB>, e: AuditEntry): Promise<void> {
    if (db.isTransaction) return appendIn(db, e);
    await db.transaction().execute((trx) => appendIn(trx, e));
  }

  return {
    append,
    /**
     * Takes the chain's lock now (PostgreSQL; SQLite has one writer) for a write that numbers its
     * record from the newest one (a case's tracking number): two such transactions would otherwise
     * read the same last number. Every write takes this lock at its audit entry anyway, so taking it
     * earlier in the same transaction adds no lock order that could deadlock.
     */
    serialise: async (trx: Kysely<DB>): Promise<void> => {
      if (deps.dialect === "postgres") await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    },
    /** Append the entry of a write made by `who`, in the same transaction as the write. */
    record: (trx: Kysely<DB>, who: Who, e: AuditRecord): Promise<void> =>
      append(trx, { actorId: actorId(who), actorName: actorName(who), ip: who.ip ?? null, ...e }),
  };
}

/**
 * Audit actions that record a read, not a change of records: a sign-in or out, an export, a reveal
 * of masked data, a print, a generated report. Every other action records a write.
 */
export const READ_ACTIONS = ["auth.login", "auth.logout", "reports.generate"] as const;
const READ_SUFFIXES = [".export", "reveal", ".print"] as const;
/** Whether an audit action records a read (READ_ACTIONS, or an action ending in .export, reveal or .print). */
export const isReadAction = (action: string) => (READ_ACTIONS as readonly string[]).includes(action) || READ_SUFFIXES.some((s) => action.endsWith(s));

/**
 * Entries that change no record a figure, a report or a screen is computed from: sign-ins and their
 * sessions, second factors, locks (auth.*), and a screen opened (screen.open). Counted as writes they
 * emptied every cache of the data version at each sign-in of the morning.
 */
const SESSION_PREFIXES = ["auth."] as const;
const SESSION_ACTIONS = ["screen.open"] as const;
/**
 * The data version: the sequence number of the last audit entry that records a write. Every write
 * appends its entry in its own transaction, so the records a figure counts can only have changed
 * since a moment if this number has moved; reads (exports, reveals, generated reports) leave it as
 * it is, and so do a session's own entries (SESSION_PREFIXES, SESSION_ACTIONS). For caches of what is computed from the
 * records (the annual report, the figures, the screen). Reads the log from
 * its end: only the reads appended since the last write are walked.
 */
export async function dataVersion(db: Kysely<DB>): Promise<number> {
  let qb = db
    .selectFrom("audit_log")
    .select("seq")
    .where("action", "not in", [...READ_ACTIONS, ...SESSION_ACTIONS]);
  for (const s of READ_SUFFIXES) qb = qb.where("action", "not like", `%${s}`);
  for (const p of SESSION_PREFIXES) qb = qb.where("action", "not like", `${p}%`);
  const row = await qb.orderBy("seq", "desc").limit(1).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export type VerifyResult = { ok: true; count: number } | { ok: false; count: number; seq: number; id: string; problem: string };

/** Walks the chain in order and reports the first entry whose hash or link does not match. */
export async function verifyAudit(db: Kysely<DB>): Promise<VerifyResult> {
  // Entries moved to a signed archive (server/platform/trust/archive.ts): the chain goes on from the last one's hash.
  const base = await db.selectFrom("audit_archives").select(["last_seq", "last_hash"]).orderBy("last_seq", "desc").limit(1).executeTakeFirst();
  let prev = base?.last_hash ?? GENESIS;
  let count = Number(base?.last_seq ?? 0);
  let after = count;
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">", after).orderBy("seq").limit(2000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      if (r.seq !== count) return { ok: false, count, seq: r.seq, id: r.id, problem: `sequence gap: expected ${count}` };
      if (r.prev_hash !== prev) return { ok: false, count, seq: r.seq, id: r.id, problem: "link to previous entry broken" };
      const { hash, prev_hash, ...rest } = r;
      if (hashOf(prev_hash, { ...rest, seq: Number(rest.seq), success: Number(rest.success) }) !== hash)
        return { ok: false, count, seq: r.seq, id: r.id, problem: "entry content does not match its hash" };
      prev = hash;
      after = r.seq;
    }
  }
  return { ok: true, count };
}
