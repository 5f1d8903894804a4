import type { Deps } from "../platform/http.js";
import { createActivitiesModule } from "./activities/activities.module.js";
import { createAlertsModule } from "./alerts/alerts.module.js";
import { createAppealsModule } from "./appeals/appeals.module.js";
import { createCareModule } from "./care/care.module.js";
import { createMassOrgsModule } from "./massorgs/massorgs.module.js";
import { createPartyModule } from "./party/party.module.js";
import { createPatrolModule } from "./patrol/patrol.module.js";
import { createPiplModule } from "./pipl/pipl.module.js";
import { createPortalModule } from "./portal/portal.module.js";
import { createProjectsModule } from "./projects/projects.module.js";
import { seedReportKeys } from "./reports/reports.api.js";
import { createReportsModule } from "./reports/reports.module.js";
import { createSafetyModule } from "./safety/safety.module.js";
import { createScreenModule } from "./screen/screen.module.js";
import type { Module } from "./types.js";
import { createVolunteersModule } from "./volunteers/volunteers.module.js";

/**
 * Every domain module, wired: each is built once over the platform's deps and the APIs of the
 * modules it uses (passed here, explicitly). The order is the order their demo data is made.
 */
export function buildModules(deps: Deps): Module[] {
  const party = createPartyModule(deps);
  const safety = createSafetyModule(deps);
  const patrol = createPatrolModule(deps, { safety: safety.api });
  const appeals = createAppealsModule(deps);
  // Before appeals in the demo: its 书记茶话会 register the tea-talk appeals that appeals' demo handles.
  const activities = createActivitiesModule(deps, { safety: safety.api, appeals: appeals.api, party: party.api });
  const projects = createProjectsModule(deps);
  // After safety and activities: its night patrols open (and the demo closes) hazards through safety's api.
  const volunteers = createVolunteersModule(deps, { safety: safety.api, activities: activities.api, patrol: patrol.api });
  const care = createCareModule(deps);
  const massorgs = createMassOrgsModule(deps);
  // Reads every module's figures through the registry; last, so it has no demo data to wait for.
  const reports = createReportsModule(deps, { projects: projects.api });
  // After reports: it publishes the year's report and the records' disclosures through their read APIs.
  const portal = createPortalModule(deps, { appeals: appeals.api, projects: projects.api, party: party.api, reports: reports.api });
  // The big screen reads the figures and map registries, patrol's live feed and appeals' new cases.
  const screen = createScreenModule(deps, { appeals: appeals.api, patrol: patrol.api });
  // The workbench's layouts and comparison: the seed report's figures first (through reports' api).
  const alerts = createAlertsModule(deps, { reportOrder: seedReportKeys });
  // Residents' PIPL requests: reads what every module registers in the personal-data registry.
  const pipl = createPiplModule(deps);
  return [party, safety, patrol, activities, appeals, projects, volunteers, care, massorgs, reports, portal, screen, alerts, pipl];
}
