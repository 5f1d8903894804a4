import type { Deps } from "../../platform/http.js";
import { createDisputesService } from "./disputes.service.js";
import { createHazardsService } from "./hazards.service.js";
import { createInspectionsService } from "./inspections.service.js";

/** The module's services over one set of dependencies: built once by safety.module.ts (and by the demo's build, with its clock). */
export function createSafetyServices(deps: Pick<Deps, "db" | "audit" | "clock" | "config">) {
  const hazards = createHazardsService(deps);
  const inspections = createInspectionsService({ ...deps, hazards });
  const disputes = createDisputesService(deps);
  return { hazards, inspections, disputes };
}
export type SafetyServices = ReturnType<typeof createSafetyServices>;
