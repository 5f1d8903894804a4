// What other modules may use of patrol: the only file of this module they import.
import type { LiveCheckin } from "./patrol.live.js";
import type { PatrolServices } from "./patrol.services.js";

export type { PatrolForce, TCheckin, TPoint, TPointStatus } from "../../../contracts/patrol.js";
export type { LiveCheckin } from "./patrol.live.js";

/** Handed to other modules by modules/index.ts: read helpers over patrol's records, in the caller's scope. */
export type PatrolApi = {
  /** The active patrol points of a grid (a grid's page, a case's neighbourhood). */
  pointsInGrid: PatrolServices["points"]["inGrid"];
  /** Today's state of every active point in scope (checked, abnormal, flagged, to do). */
  pointsToday: PatrolServices["points"]["mapToday"];
  /**
   * The live feed of check-ins (the same hub as GET /api/patrol/live: LISTEN/NOTIFY on PostgreSQL):
   * calls `fn` for each stored check-in; answers the unsubscribe. A no-op where the app is not registered.
   */
  subscribeLive: (fn: (e: LiveCheckin) => void) => Promise<() => void>;
};
