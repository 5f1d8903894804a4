import { EventEmitter } from "node:events";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import type { Config } from "../config.js";
import type { Database } from "../db/connect.js";
import type { DB } from "../db/types.js";

// PostgreSQL NOTIFY payloads must stay under 8000 bytes.
const MAX_PAYLOAD = 7800;

/**
 * Events that reach every server process: on SQLite (one process) an in-process emitter; on
 * PostgreSQL every process NOTIFYs after its commit and LISTENs on one connection of its own, so an
 * event published by any process reaches the subscribers of every other. Shared by patrol's live
 * feed and the notification centre.
 */
export function createChannel<T>(deps: { db: Kysely<DB>; database: Pick<Database, "dialect">; config: Pick<Config, "databaseUrl"> }, channel: string) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const pgMode = deps.database.dialect === "postgres" && !!deps.config.databaseUrl;
  let listener: pg.Client | null = null;
  let starting: Promise<void> | null = null;
  let closed = false;
  // Notifications are per database, not per schema: two deployments (or two test runs) in schemas of
  // one database would hear each other's events. Outside the default schema the channel's name
  // carries the schema (read once from the pool's search_path).
  let named: Promise<string> | null = null;
  const channelName = () =>
    (named ??= sql<{ s: string }>`select current_schema() as s`
      .execute(deps.db)
      .then((r) => {
        const schema = r.rows[0]?.s ?? "public";
        return schema === "public" ? channel : `${channel}__${schema}`.slice(0, 63);
      })
      .catch((e) => {
        named = null;
        throw e;
      }));

  async function ensureListening() {
    if (!pgMode || listener || starting || closed) return starting ?? undefined;
    starting = (async () => {
      const c = new pg.Client({ connectionString: deps.config.databaseUrl });
      c.on("error", () => {
        listener = null;
      });
      await c.connect();
      await c.query(`LISTEN "${(await channelName()).replace(/"/g, '""')}"`);
      c.on("notification", (n) => {
        if (!n.payload) return;
        try {
          for (const e of JSON.parse(n.payload) as T[]) emitter.emit("e", e);
        } catch {
          // a payload from another version: ignore
        }
      });
      listener = c;
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  return {
    /** Called after the transaction that stored what the events tell has committed; a batch goes out in as few notifications as fit. */
    async publish(events: T[]) {
      if (events.length === 0) return;
      if (!pgMode) {
        for (const e of events) emitter.emit("e", e);
        return;
      }
      let chunk: T[] = [];
      let size = 2;
      const name = await channelName();
      const flush = async () => {
        if (chunk.length) await sql`select pg_notify(${name}, ${JSON.stringify(chunk)})`.execute(deps.db);
        chunk = [];
        size = 2;
      };
      for (const e of events) {
        const len = JSON.stringify(e).length + 1;
        if (size + len > MAX_PAYLOAD) await flush();
        chunk.push(e);
        size += len;
      }
      await flush();
    },
    /** Calls `fn` with each event from any process until the answer is called. */
    async subscribe(fn: (e: T) => void) {
      await ensureListening().catch(() => {});
      emitter.on("e", fn);
      return () => emitter.off("e", fn);
    },
    listeners: () => emitter.listenerCount("e"),
    async close() {
      closed = true;
      const c = listener;
      listener = null;
      await c?.end().catch(() => {});
    },
  };
}
