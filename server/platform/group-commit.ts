import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import { inTx } from "./tx.js";

// Group commit (docs/decisions.md "Group commit"): SQLite has one writer and a commit costs more
// than a small write, so the writes that arrive while a transaction runs wait for it and are then
// stored together in the next one, each done on its own inside it. Under light load a group is one
// write and nothing waits. If a group fails as a whole (one item throws, the database refuses), it
// is rolled back and each of its items is tried again alone (`alone`, a transaction of its own), so
// one bad item never sinks the others and each caller gets its own answer or error.

export type GroupCommitOpts<I, O, C> = {
  db: Kysely<DB>;
  /** A fresh context per group (e.g. a memo of reads the group's items share). */
  context: () => C;
  /** One item, inside the group's transaction. */
  run: (trx: Kysely<DB>, item: I, ctx: C) => Promise<O>;
  /** After the group's items, in the same transaction (e.g. one audit entry per actor of the group). */
  finish?: (trx: Kysely<DB>, items: I[], outs: O[], ctx: C) => Promise<void>;
  /** After the group committed (e.g. publish to a live feed); its errors are ignored. */
  committed?: (items: I[], outs: O[]) => Promise<void>;
  /** One item of a failed group, alone (its own transaction and whatever follows a commit). */
  alone: (item: I) => Promise<O>;
  /** Most items in one transaction (default 200). */
  max?: number;
};

export type GroupCommit<I, O> = {
  /** Queues the item for the next group; answers with its own result (or error). */
  (item: I): Promise<O>;
  /** Items waiting or being stored (for tests). */
  readonly pending: () => number;
};

export function groupCommit<I, O, C = undefined>(opts: GroupCommitOpts<I, O, C>): GroupCommit<I, O> {
  type Pending = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  const max = opts.max ?? 200;
  const queue: Pending[] = [];
  let flushing = false;
  let inFlight = 0;

  async function flush() {
    flushing = true;
    try {
      while (queue.length) {
        const group = queue.splice(0, max);
        inFlight = group.length;
        const items = group.map((p) => p.item);
        let outs: O[] | null = null;
        try {
          outs = await inTx(opts.db, null, async (trx) => {
            const ctx = opts.context();
            const r: O[] = [];
            for (const item of items) r.push(await opts.run(trx, item, ctx));
            if (opts.finish) await opts.finish(trx, items, r, ctx);
            return r;
          });
        } catch {
          outs = null;
        }
        if (outs) {
          if (opts.committed) await opts.committed(items, outs).catch(() => {});
          for (const [i, p] of group.entries()) p.resolve(outs[i]);
        } else for (const p of group) await opts.alone(p.item).then(p.resolve, p.reject);
        inFlight = 0;
      }
    } finally {
      flushing = false;
    }
  }

  const enqueue = (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Started on the next turn of the event loop, so requests already being read join the group.
      if (!flushing) {
        flushing = true;
        setImmediate(() => void flush());
      }
    });
  return Object.assign(enqueue, { pending: () => queue.length + inFlight });
}
