import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { CareApi } from "./care.api.js";
import { seedCare } from "./care.demo.js";
import { registerCareFigures } from "./care.figures.js";
import { registerCareMapLayers } from "./care.map.js";
import { registerCarePersonalData } from "./care.personal.js";
import { registerCareRoutes } from "./care.routes.js";
import { createCareServices } from "./care.services.js";

/** 关爱帮扶 care for households in difficulty: households from the people registry, paired party members, visits and 慰问活动. */
export function createCareModule(deps: Deps): Module<CareApi> {
  const services = createCareServices(deps);
  return {
    name: "care",
    api: {
      activeHouseholds: async (scope) => (await services.households.list(scope, { page: 1, pageSize: 1, state: "active" })).total,
    },
    register: (app) => {
      registerCarePersonalData(deps.personalData);
      registerCareRoutes(app, deps, services);
      registerCareFigures(deps.figures);
      registerCareMapLayers(deps.mapLayers);
    },
    seedDemo: (ctx) => seedCare(services, deps, ctx),
  };
}
