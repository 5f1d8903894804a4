import type { Deps } from "../../platform/http.js";
import type { ProjectsApi } from "../projects/projects.api.js";
import type { Module } from "../types.js";
import type { ReportsApi } from "./reports.api.js";
import { seedReports } from "./reports.demo.js";
import { createReportLife } from "./reports.life.service.js";
import { registerReportsRoutes } from "./reports.routes.js";
import { createReportsService } from "./reports.service.js";

/** 年度工作报告: the annual work report, written from the figures registry; its templates, versions and life kept. */
export function createReportsModule(deps: Deps, collaborators: { projects?: ProjectsApi } = {}): Module<ReportsApi> {
  const reports = createReportsService({ db: deps.db, figures: deps.figures, clock: deps.clock, projects: collaborators.projects });
  const life = createReportLife({ db: deps.db, audit: deps.audit, clock: deps.clock, figures: deps.figures, reports });
  return {
    name: "reports",
    api: { reports, published: life.published },
    register: (app) => registerReportsRoutes(app, life),
    seedDemo: (ctx) => seedReports(life, deps.db, ctx),
  };
}
