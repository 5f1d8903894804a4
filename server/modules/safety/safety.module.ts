import type { Deps } from "../../platform/http.js";
import type { ModuleDef } from "../types.js";
import { createDisputesService } from "./disputes.service.js";
import { createHazardsService } from "./hazards.service.js";
import { createInspectionsService } from "./inspections.service.js";
import { registerSafetyFigures } from "./safety.figures.js";
import { registerSafetyRoutes } from "./safety.routes.js";
import { seedSafety } from "./safety.seed.js";

/** The module's services over one set of dependencies (the seed builds them again with its own clock). */
export function createSafetyServices(deps: Pick<Deps, "db" | "audit" | "clock" | "config">) {
  const hazards = createHazardsService(deps);
  const inspections = createInspectionsService({ ...deps, hazards });
  const disputes = createDisputesService(deps);
  return { hazards, inspections, disputes };
}

export const safetyModule: ModuleDef = {
  name: "safety",
  register: (app, deps) => {
    registerSafetyRoutes(app, deps, createSafetyServices(deps));
    registerSafetyFigures(deps.figures);
  },
  seedDemo: seedSafety,
};
