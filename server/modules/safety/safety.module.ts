import { localDate } from "../../platform/dates.js";
import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { SafetyApi } from "./safety.api.js";
import { seedSafety } from "./safety.demo.js";
import { registerSafetyFigures } from "./safety.figures.js";
import { registerSafetyJobs } from "./safety.jobs.js";
import { registerSafetyMapLayers } from "./safety.map.js";
import { registerSafetyRoutes } from "./safety.routes.js";
import { createSafetyServices } from "./safety.services.js";
import { registerSafetyTodos } from "./safety.todos.js";

/** 平安 safety: hazards and their rectification, inspections, disputes with three-level mediation, labor disputes. */
export function createSafetyModule(deps: Deps): Module<SafetyApi> {
  const services = createSafetyServices(deps);
  return {
    name: "safety",
    api: { hazards: services.hazards },
    register: (app) => {
      registerSafetyRoutes(app, deps, services);
      registerSafetyFigures(deps.figures, () => localDate(deps.clock.now(), deps.config.timeZone));
      registerSafetyTodos(deps.todos, deps.config.timeZone);
      registerSafetyMapLayers(deps.mapLayers, deps.config.timeZone);
      registerSafetyJobs(deps, services.hazards);
    },
    seedDemo: (ctx) => seedSafety(services, deps, ctx),
  };
}
