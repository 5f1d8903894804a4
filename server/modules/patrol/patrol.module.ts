import type { Deps } from "../../platform/http.js";
import type { SafetyApi } from "../safety/safety.api.js";
import type { Module } from "../types.js";
import type { PatrolApi } from "./patrol.api.js";
import { seedPatrolDemo } from "./patrol.demo.js";
import { registerPatrolFigures } from "./patrol.figures.js";
import { registerPatrolJobs } from "./patrol.jobs.js";
import { createLiveHub, type LiveHub } from "./patrol.live.js";
import { registerPatrolMapLayers } from "./patrol.map.js";
import { registerPatrolRoutes } from "./patrol.routes.js";
import { createPatrolServices } from "./patrol.services.js";
import { registerPatrolTodos } from "./patrol.todos.js";
import "./patrol.settings.js";

/** 智能巡检 patrol: points, plans and rounds, phone check-ins and bulk sync, flags, live feed, figures. */
export function createPatrolModule(deps: Deps, collaborators: { safety: SafetyApi }): Module<PatrolApi> {
  // The live feed (LISTEN on PostgreSQL) is started by `register`, for the app only: the demo's
  // build of the modules never registers, so its check-ins go to no feed.
  let live: LiveHub | null = null;
  const services = createPatrolServices(deps, { hazards: collaborators.safety.hazards, live: () => live });
  return {
    name: "patrol",
    api: {
      pointsInGrid: services.points.inGrid,
      pointsToday: services.points.mapToday,
      subscribeLive: async (fn) => (live ? live.subscribe(fn) : () => {}),
    },
    register: (app) => {
      const hub = createLiveHub(deps);
      live = hub;
      registerPatrolRoutes(app, deps, services, hub);
      registerPatrolFigures(deps.figures, deps.clock);
      registerPatrolTodos(deps.todos, services);
      registerPatrolMapLayers(deps.mapLayers, services);
      registerPatrolJobs(deps);
      app.addHook("onClose", async () => {
        await hub.close();
      });
    },
    seedDemo: (ctx) => seedPatrolDemo(deps, services, collaborators.safety, ctx),
  };
}
