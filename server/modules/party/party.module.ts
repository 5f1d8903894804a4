import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import { seedPartyDemo } from "./party.demo.js";
import { registerPartyFigures } from "./party.figures.js";
import { registerPartyRoutes } from "./party.routes.js";
import { createPartyService } from "./party.service.js";

/** 党建 party building: organisations, members, meetings and compliance, elections and boards, the pipeline. */
export function createPartyModule(deps: Deps): Module {
  const svc = createPartyService({ ...deps, timeZone: deps.config.timeZone });
  return {
    name: "party",
    api: {},
    register: (app) => {
      registerPartyRoutes(app, deps);
      registerPartyFigures(deps.figures, svc, deps.clock, deps.config.timeZone);
    },
    seedDemo: ({ world, log }) => seedPartyDemo(deps, world, log),
  };
}
