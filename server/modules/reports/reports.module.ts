import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import { registerReportsRoutes } from "./reports.routes.js";
import { createReportsService, type ReportsService } from "./reports.service.js";

/** 年度工作报告: the annual work report, written from the figures registry (no tables of its own). */
export function createReportsModule(deps: Deps): Module<{ reports: ReportsService }> {
  const reports = createReportsService({ db: deps.db, figures: deps.figures, clock: deps.clock });
  return {
    name: "reports",
    api: { reports },
    register: (app) => registerReportsRoutes(app, reports),
  };
}
