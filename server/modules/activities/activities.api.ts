import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
// What other modules may use of activities: the only file of this module they import.
import type { Scope } from "../../platform/scope.js";

/** An activity as other modules see it (read-only): enough to attach their records to it. */
export type ActivityRef = {
  id: string;
  communityId: string;
  title: string;
  typeCode: string;
  typeClass: string;
  startsAt: string;
  endsAt: string;
  startDate: string;
  status: string;
  attendance: number;
};

/** Handed to other modules by modules/index.ts (volunteers attach service records; the annual report reads tea talks). */
export type ActivitiesApi = {
  /**
   * One activity of the scope, or null. `exec`: the caller's transaction, when it reads inside one
   * (on SQLite a read outside it would wait for the transaction's connection for ever).
   */
  activityById: (scope: Scope, id: string, exec?: Kysely<DB>) => Promise<ActivityRef | null>;
  /** The held 书记茶话会 of a community in a calendar year, oldest first. */
  teaTalks: (communityId: string, year: number) => Promise<ActivityRef[]>;
  /** Activities of the scope between two local dates (inclusive), oldest first, at most 1000. */
  activitiesBetween: (scope: Scope, from: string, to: string) => Promise<ActivityRef[]>;
  /**
   * Checks a code scanned from the activity's check-in QR (the `k` of its check-in URL) by the
   * activity's own rules (a wrong or expired code, cancelled, outside the check-in window: setting
   * activities.checkin_window_minutes) and answers the activity, or throws the refusal (zh/en).
   * Volunteers sign in at an activity by the same code. `exec`: the caller's transaction.
   */
  checkinByCode: (scope: Scope, id: string, k: string, exec?: Kysely<DB>) => Promise<ActivityRef>;
  /** Person-times of an activity (check-ins + head count). */
  attendanceOf: (scope: Scope, id: string) => Promise<number | null>;
};
