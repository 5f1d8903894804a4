import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";

/**
 * PostgreSQL's answers that mean "this transaction lost a race and was rolled back, run it again":
 * a deadlock (40P01) or a serialisation failure (40001). Nothing of it was stored.
 */
export const RETRYABLE_CODES = ["40P01", "40001"] as const;
export const isRetryable = (e: unknown) => RETRYABLE_CODES.includes((e as { code?: string } | null)?.code as (typeof RETRYABLE_CODES)[number]);

/** How many times a transaction of its own is tried when it loses a race (see RETRYABLE_CODES). */
export const TX_ATTEMPTS = 4;

/**
 * Runs `fn` in the caller's transaction when given one, else in a new transaction of its own.
 * Every service write takes an optional executor this way, so one module can make another's
 * write part of its own transaction (a patrol check-in opening a hazard, a night patrol's record).
 *
 * A transaction of its own that PostgreSQL rolls back as a deadlock's victim or for a serialisation
 * failure is run again from the start (a few times, after a short random pause), so two writers
 * that happen to lock the same rows in another order both get their answer instead of a 500. `fn`
 * must therefore do nothing outside the transaction that cannot be done twice (it may not, say,
 * publish an event or send a message: do that after it returns). Inside the caller's transaction
 * nothing is retried here: the caller's own transaction is the one to run again.
 */
export async function inTx<T>(db: Kysely<DB>, exec: Kysely<DB> | undefined | null, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (exec?.isTransaction) return fn(exec);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (e) {
      if (attempt >= TX_ATTEMPTS || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
