import type { FastifyInstance } from "fastify";
import { registerAccountRoutes } from "./accounts/accounts.routes.js";
import { registerAuditRoutes } from "./audit.routes.js";
import { registerFigureRoutes } from "./figures.routes.js";
import { registerFileRoutes } from "./files.routes.js";
import type { Deps } from "./http.js";
import { registerMapRoutes } from "./map-layers.js";
import { registerNotificationRoutes } from "./notifications.js";
import { registerOrganisationRoutes } from "./organisations/organisations.routes.js";
import { registerPeopleRoutes } from "./people/people.routes.js";
import { registerPlatformFigures } from "./platform.figures.js";
import { registerRegionRoutes } from "./regions/regions.routes.js";
import { registerJobRoutes } from "./scheduler.js";
import { registerSettingsRoutes } from "./settings.routes.js";
import { registerTodoRoutes } from "./todos.js";

export function registerPlatform(app: FastifyInstance, deps: Deps) {
  registerRegionRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerFileRoutes(app, deps);
  registerFigureRoutes(app, deps);
  registerTodoRoutes(app, deps);
  registerMapRoutes(app, deps);
  registerNotificationRoutes(app, deps.notifications);
  registerJobRoutes(app, deps.jobs);
  registerPlatformFigures(deps.figures);
}
