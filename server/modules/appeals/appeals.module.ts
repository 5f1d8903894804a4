import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import { seedAppeals } from "./appeals.demo.js";
import { registerAppealFigures } from "./appeals.figures.js";
import { registerOpen311 } from "./appeals.open311.js";
import { registerPublicRoutes } from "./appeals.public.js";
import { registerAppealRoutes } from "./appeals.routes.js";
import { createAppealsService } from "./appeals.service.js";

/** 民意速办: appeals and events from intake to return visit (DOMAIN.md §1). */
export function createAppealsModule(deps: Deps): Module {
  const svc = createAppealsService({ ...deps, timeZone: deps.config.timeZone });
  return {
    name: "appeals",
    api: {},
    register: (app) => {
      registerAppealRoutes(app, deps, svc);
      registerPublicRoutes(app, deps, svc);
      registerOpen311(app, deps, svc);
      registerAppealFigures(deps.figures, deps);
    },
    seedDemo: ({ world, log }) => seedAppeals(deps, world, log),
  };
}
