// What other modules may use of appeals: the only file of this module they import. Types only, so
// importing it brings nothing of the module's inside along.
import type { Kysely } from "kysely";
import type { Status, TAppealCreateInput, TAppealSource } from "../../../contracts/appeals.js";
import type { DB } from "../../db/types.js";
import type { Scope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";

/** The record of the calling module a case comes from: `{ module: "activities", kind: "activity", id }`. */
export type AppealSource = TAppealSource;

/** A case registered from another module's record, with its state. */
export type SourcedCase = { id: string; trackingNo: string; title: string; status: Status; resolved: boolean | null; source: AppealSource };

/** Handed to other modules by modules/index.ts (a 书记茶话会 activity, a night patrol … registers its appeals here). */
export type AppealsApi = {
  /**
   * Registers a case through the appeals service, with the same checks as the registration page
   * (the caller's data scope, the catalogue, the grid), keeping `source` on the case; joins the
   * caller's transaction when given one, so the caller's record and its cases land together.
   */
  register: (who: Who, input: TAppealCreateInput, opts: { source: AppealSource }, exec?: Kysely<DB>) => Promise<{ id: string; trackingNo: string }>;
  /** The cases of the scope registered from the given records (`ids`) of `module`'s `kind`, oldest first. */
  bySource: (scope: Scope, module: string, kind: string, ids: string[]) => Promise<SourcedCase[]>;
  /** The scope's cases registered after `since`, newest first, without personal data (the big screen's ticker). */
  recentCases: (scope: Scope, since: string, limit: number) => Promise<RecentCase[]>;
};

/** A new case as a public display may show it: no title, no appellant. */
export type RecentCase = { id: string; at: string; channel: string; urgent: boolean; category: { zh: string; en: string }; area: string };
