import type { CareDeps } from "./care.common.js";
import { createHouseholdsService } from "./care.households.service.js";
import { createVisitsService } from "./care.visits.service.js";

/** The module's services over one set of dependencies: built once by care.module.ts (and by the demo's build, with its clock). */
export function createCareServices(deps: CareDeps) {
  return { households: createHouseholdsService(deps), visits: createVisitsService(deps) };
}
export type CareServices = ReturnType<typeof createCareServices>;
