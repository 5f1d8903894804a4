import { EventEmitter } from "node:events";
import { sql } from "kysely";
import pg from "pg";
import type { Deps } from "../../platform/http.js";

/** One check-in as the live feed shows it; gridPath lets each subscriber keep to its data scope. */
export type LiveCheckin = {
  id: string;
  pointId: string;
  pointName: string;
  gridPath: string;
  userName: string;
  force: string;
  result: string;
  flags: string[];
  deviceTime: string;
  lat: number;
  lng: number;
};

const CHANNEL = "shequ_patrol_live";
// PostgreSQL NOTIFY payloads must stay under 8000 bytes.
const MAX_PAYLOAD = 7800;

export type LiveHub = ReturnType<typeof createLiveHub>;

/**
 * The live feed of check-ins. On SQLite (one process) an in-process emitter; on PostgreSQL every
 * process NOTIFYs after its commit and LISTENs, so a check-in stored by any process reaches the
 * supervisors connected to any other.
 */
export function createLiveHub(deps: Pick<Deps, "database" | "db" | "config">) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const pgMode = deps.database.dialect === "postgres" && !!deps.config.databaseUrl;
  let listener: pg.Client | null = null;
  let starting: Promise<void> | null = null;

  async function ensureListening() {
    if (!pgMode || listener || starting) return starting ?? undefined;
    starting = (async () => {
      const c = new pg.Client({ connectionString: deps.config.databaseUrl });
      c.on("error", () => {
        listener = null;
      });
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      c.on("notification", (n) => {
        if (!n.payload) return;
        try {
          for (const e of JSON.parse(n.payload) as LiveCheckin[]) emitter.emit("checkin", e);
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
    /** Called after the transaction that stored the check-ins has committed. */
    async publish(events: LiveCheckin[]) {
      if (events.length === 0) return;
      if (!pgMode) {
        for (const e of events) emitter.emit("checkin", e);
        return;
      }
      // A batch from a device goes out in as few notifications as fit.
      let chunk: LiveCheckin[] = [];
      let size = 2;
      const flush = async () => {
        if (chunk.length) await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(chunk)})`.execute(deps.db);
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
    async subscribe(fn: (e: LiveCheckin) => void) {
      await ensureListening().catch(() => {});
      emitter.on("checkin", fn);
      return () => emitter.off("checkin", fn);
    },
    async close() {
      const c = listener;
      listener = null;
      await c?.end().catch(() => {});
    },
  };
}
