import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import { seedPatrolDemo } from "./patrol.demo.js";
import { registerPatrolFigures } from "./patrol.figures.js";
import { createLiveHub } from "./patrol.live.js";
import { registerPatrolRoutes } from "./patrol.routes.js";
import { createPatrolService } from "./patrol.service.js";
import "./patrol.settings.js";

/** 智能巡检 patrol: points, plans and rounds, phone check-ins and bulk sync, flags, live feed, figures. */
export function createPatrolModule(deps: Deps): Module {
  return {
    name: "patrol",
    api: {},
    register: (app) => {
      // The live feed listens (LISTEN on PostgreSQL) only for the app, not for the demo's build.
      const live = createLiveHub(deps);
      const svc = createPatrolService({ ...deps, live });
      registerPatrolRoutes(app, deps, svc, live);
      registerPatrolFigures(deps.figures, deps.clock);
      app.addHook("onClose", async () => {
        await live.close();
      });
    },
    seedDemo: ({ world, log }) => seedPatrolDemo(deps, world, log),
  };
}
