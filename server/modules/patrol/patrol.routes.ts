import type { FastifyInstance } from "fastify";
import type { Deps } from "../../platform/http.js";
import { registerCheckinRoutes } from "./patrol.checkins.routes.js";
import type { LiveHub } from "./patrol.live.js";
import { registerPlanImportRoutes, registerPlanRoutes } from "./patrol.plans.routes.js";
import { registerPointRoutes } from "./patrol.points.routes.js";
import type { PatrolServices } from "./patrol.services.js";
import { registerTeamRoutes } from "./patrol.teams.routes.js";

export { checkinUrl } from "./patrol.points.routes.js";

/** Every /api/patrol route, one file per aggregate, over the module's one set of services. */
export function registerPatrolRoutes(app: FastifyInstance, deps: Pick<Deps, "db" | "audit">, services: PatrolServices, live: LiveHub) {
  registerTeamRoutes(app, services.teams);
  registerPointRoutes(app, deps, services);
  registerPlanRoutes(app, services.plans);
  registerPlanImportRoutes(app, deps, services);
  registerCheckinRoutes(app, services, live);
}
