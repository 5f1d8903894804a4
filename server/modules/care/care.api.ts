import type { Scope } from "../../platform/scope.js";

/** What other modules may use of care (read-only): the households in care a person belongs to. */
export type CareApi = {
  /** Households in care (active) of the scope, counted, for a dashboard tile or a grid's page. */
  activeHouseholds: (scope: Scope) => Promise<number>;
};
