import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { AppealsApi } from "./appeals.api.js";
import { seedAppeals } from "./appeals.demo.js";
import { registerAppealFigures } from "./appeals.figures.js";
import { registerAppealJobs } from "./appeals.jobs.js";
import { recentCases, registerAppealMapLayers } from "./appeals.map.js";
import { registerOpen311 } from "./appeals.open311.js";
import { registerPublicRoutes } from "./appeals.public.js";
import { registerAppealRoutes } from "./appeals.routes.js";
import { appealsApi, createAppealsServices } from "./appeals.services.js";
import { registerAppealTodos } from "./appeals.todos.js";

/** 民意速办: appeals and events from intake to return visit (DOMAIN.md §1). */
export function createAppealsModule(deps: Deps): Module<AppealsApi> {
  const svc = createAppealsServices({ ...deps, timeZone: deps.config.timeZone });
  return {
    name: "appeals",
    api: { ...appealsApi(svc, deps.db), recentCases: (scope, since, limit) => recentCases(deps.db, scope, since, limit) },
    register: (app) => {
      registerAppealRoutes(app, deps, svc);
      registerPublicRoutes(app, deps, svc);
      registerOpen311(app, deps, svc);
      registerAppealFigures(deps.figures, deps);
      registerAppealTodos(deps.todos, svc);
      registerAppealMapLayers(deps.mapLayers);
      registerAppealJobs(app, deps);
    },
    seedDemo: (ctx) => seedAppeals(svc, deps, ctx),
  };
}
