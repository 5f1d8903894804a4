import type { Deps } from "../../platform/http.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import type { PartyApi } from "../party/party.api.js";
import type { SafetyApi } from "../safety/safety.api.js";
import { createActivitiesService } from "./activities.activities.service.js";
import { createAttendanceService } from "./activities.attendance.service.js";
import { createInspectionsService } from "./activities.inspections.service.js";
import { createTeaTalkService } from "./activities.teatalk.service.js";
import { createVenuesService } from "./activities.venues.service.js";

/** The module's services over one set of dependencies: built once by activities.module.ts (and by the demo's build). */
export function createActivitiesServices(
  deps: Pick<Deps, "db" | "audit" | "clock" | "config" | "settings">,
  collaborators: { safety: SafetyApi; appeals: AppealsApi; party?: PartyApi },
) {
  const venues = createVenuesService(deps);
  const inspections = createInspectionsService({ ...deps, venues, hazards: collaborators.safety.hazards });
  const activities = createActivitiesService({ ...deps, venues });
  const attendance = createAttendanceService({ ...deps, activities, party: collaborators.party });
  const teaTalks = createTeaTalkService({ db: deps.db, activities, appeals: collaborators.appeals });
  return { venues, inspections, activities, attendance, teaTalks };
}
export type ActivitiesServices = ReturnType<typeof createActivitiesServices>;
