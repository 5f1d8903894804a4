import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { VolunteersApi } from "./volunteers.api.js";
import type { VolunteerCollaborators } from "./volunteers.common.js";
import { seedVolunteers } from "./volunteers.demo.js";
import { registerVolunteerFigures } from "./volunteers.figures.js";
import { registerVolunteerIoRoutes } from "./volunteers.io.js";
import { registerVolunteersPersonalData } from "./volunteers.personal.js";
import { registerVolunteerRoutes } from "./volunteers.routes.js";
import { createVolunteerServices } from "./volunteers.services.js";

/** 志愿服务 volunteers: the registry, teams, service records and Shenzhen stars, and night patrols that open hazards in safety. */
export function createVolunteersModule(deps: Deps, col: VolunteerCollaborators): Module<VolunteersApi> {
  const services = createVolunteerServices(deps, col);
  return {
    name: "volunteers",
    api: { summary: services.records.summary, nightPatrol: services.patrols.get },
    register: (app) => {
      registerVolunteersPersonalData(deps.personalData);
      registerVolunteerIoRoutes(app, deps, services);
      registerVolunteerRoutes(app, services);
      registerVolunteerFigures(deps.figures);
    },
    seedDemo: (ctx) => seedVolunteers(services, deps, ctx),
  };
}
