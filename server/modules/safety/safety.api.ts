// What other modules may use of safety: the only file of this module they import.
import type { SafetyServices } from "./safety.services.js";

export type { HazardsService } from "./hazards.service.js";
/** Safety's query of the hazards a module opened (by source), for that module's figures to compose. */
export { hazardsBySource } from "./hazards.service.js";

/** Handed to other modules by modules/index.ts: a patrol check-in or a night patrol opens a hazard here. */
export type SafetyApi = { hazards: SafetyServices["hazards"] };
