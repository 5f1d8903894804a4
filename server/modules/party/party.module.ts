import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { PartyApi } from "./party.api.js";
import { seedPartyDemo } from "./party.demo.js";
import { registerPartyFigures } from "./party.figures.js";
import { registerPartyPersonalData } from "./party.personal.js";
import { registerPartyRoutes } from "./party.routes.js";
import { createPartyServices } from "./party.services.js";
import { registerPartyTodos } from "./party.todos.js";

/** 党建 party building: organisations, members, meetings and compliance, elections and boards, the pipeline. */
export function createPartyModule(deps: Deps): Module<PartyApi> {
  const services = createPartyServices(deps);
  return {
    name: "party",
    api: {
      applicantsAmong: services.pipeline.among,
      recordCentralTraining: services.pipeline.recordCentralTraining,
      withdrawCentralTraining: services.pipeline.withdrawCentralTraining,
      elections: services.elections.list,
      members: services.members.list,
    },
    register: (app) => {
      registerPartyPersonalData(deps.personalData);
      registerPartyRoutes(app, services, deps.db);
      registerPartyFigures(deps.figures, services.meetings);
      registerPartyTodos(deps.todos, services, deps.config.timeZone);
    },
    seedDemo: (ctx) => seedPartyDemo(deps, services, ctx),
  };
}
