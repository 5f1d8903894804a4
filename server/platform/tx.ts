import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";

/**
 * Runs `fn` in the caller's transaction when given one, else in a new transaction of its own.
 * Every service write takes an optional executor this way, so one module can make another's
 * write part of its own transaction (a patrol check-in opening a hazard, a night patrol's record).
 */
export function inTx<T>(db: Kysely<DB>, exec: Kysely<DB> | undefined | null, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (exec?.isTransaction) return fn(exec);
  return db.transaction().execute(fn);
}
