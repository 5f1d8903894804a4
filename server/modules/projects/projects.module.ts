import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { ProjectsApi } from "./projects.api.js";
import { seedProjects } from "./projects.demo.js";
import { registerProjectFigures } from "./projects.figures.js";
import { registerProjectsPersonalData } from "./projects.personal.js";
import { registerProjectPublicRoutes } from "./projects.public.js";
import { registerProjectRoutes } from "./projects.routes.js";
import { createProjectServices } from "./projects.services.js";

/** 民生微实事 micro-projects: from a resident's proposal to the residents' evaluation, with the budget and its payments. */
export function createProjectsModule(deps: Deps): Module<ProjectsApi> {
  const services = createProjectServices(deps);
  return {
    name: "projects",
    api: { publicList: services.query.publicList, publicDetail: services.query.publicDetail, publicPayments: services.query.publicPayments },
    register: (app) => {
      registerProjectsPersonalData(deps.personalData);
      registerProjectRoutes(app, deps, services);
      registerProjectPublicRoutes(app, deps, services);
      registerProjectFigures(deps.figures);
    },
    seedDemo: (ctx) => seedProjects(services, deps, ctx),
  };
}
