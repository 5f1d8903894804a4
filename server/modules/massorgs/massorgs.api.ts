import type { Scope } from "../../platform/scope.js";

/** What other modules may use of 群团 (read-only): the honours of a year, for the annual report or a portal. */
export type MassOrgsApi = {
  /** Nominations of the scope made in a year, newest first; persons' names masked. */
  nominationsOfYear: (scope: Scope, year: number) => Promise<Array<{ nomineeName: string; award: string; level: string; result: string }>>;
};
