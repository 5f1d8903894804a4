import { createChannel } from "../../platform/channel.js";
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

export type LiveHub = ReturnType<typeof createLiveHub>;

/**
 * The live feed of check-ins. On SQLite (one process) an in-process emitter; on PostgreSQL every
 * process NOTIFYs after its commit and LISTENs, so a check-in stored by any process reaches the
 * supervisors connected to any other.
 */
export function createLiveHub(deps: Pick<Deps, "database" | "db" | "config">) {
  const ch = createChannel<LiveCheckin>(deps, CHANNEL);
  return { publish: ch.publish, subscribe: ch.subscribe, close: ch.close };
}
