import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { AlertsApi } from "./alerts.api.js";
import { createCompareService } from "./alerts.compare.js";
import { createLayoutsService } from "./alerts.layouts.js";
import { registerAlertRoutes } from "./alerts.routes.js";

/**
 * 工作台 the workbench's own records: each account's layout (pinned, ordered, hidden figures) and
 * the subdistrict's comparison of its communities. The alerts themselves are the platform's
 * (server/platform/notifications.ts, scheduler.ts), fed by each module's `<m>.jobs.ts`.
 */
export function createAlertsModule(deps: Deps, collaborators: { reportOrder: () => string[] }): Module<AlertsApi> {
  const layouts = createLayoutsService({ ...deps, reportOrder: collaborators.reportOrder });
  const compare = createCompareService({ ...deps, reportOrder: collaborators.reportOrder });
  return {
    name: "alerts",
    api: {},
    register: (app) => registerAlertRoutes(app, deps, { layouts, compare }),
  };
}
