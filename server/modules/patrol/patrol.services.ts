import type { Deps } from "../../platform/http.js";
import type { SafetyApi } from "../safety/safety.api.js";
import { createCheckinsService } from "./patrol.checkins.service.js";
import type { LiveHub } from "./patrol.live.js";
import { createPlansService } from "./patrol.plans.service.js";
import { createPointsService } from "./patrol.points.service.js";
import { createReviewService } from "./patrol.review.service.js";
import { createTeamsService } from "./patrol.teams.service.js";

/**
 * The module's services over one set of dependencies: built once by patrol.module.ts (and by the
 * demo's build, with its clock). Hazards are safety's (its API, handed in); the live feed is the
 * app's once `register` has started it, none in the demo's build.
 */
export function createPatrolServices(
  deps: Pick<Deps, "db" | "audit" | "clock" | "config">,
  collaborators: { hazards: SafetyApi["hazards"]; live?: () => Pick<LiveHub, "publish"> | null },
) {
  const teams = createTeamsService(deps);
  const points = createPointsService(deps, { teams });
  const plans = createPlansService(deps, { teams });
  const checkins = createCheckinsService(deps, { hazards: collaborators.hazards, live: collaborators.live });
  const review = createReviewService(deps, { hazards: collaborators.hazards });
  return { teams, points, plans, checkins, review };
}
export type PatrolServices = ReturnType<typeof createPatrolServices>;
