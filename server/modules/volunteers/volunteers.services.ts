import type { VolunteerCollaborators, VolunteerDeps } from "./volunteers.common.js";
import { createPatrolsService } from "./volunteers.patrols.service.js";
import { createRecordsService } from "./volunteers.records.service.js";
import { createRegistryService } from "./volunteers.registry.service.js";
import { createSelfService } from "./volunteers.self.service.js";

/** The module's services over one set of dependencies: built once by volunteers.module.ts (and by the demo's build, with its clock). */
export function createVolunteerServices(deps: VolunteerDeps, col: VolunteerCollaborators) {
  const registry = createRegistryService(deps);
  const records = createRecordsService(deps, col, registry);
  const patrols = createPatrolsService(deps, col, registry, records);
  const self = createSelfService(deps, col, registry, records);
  // Collaborators' services the demo drives (a night patrol's hazards through to closing; activities to serve at).
  return { registry, records, patrols, self, hazards: col.safety.hazards, activitiesOf: col.activities.activitiesBetween };
}
export type VolunteerServices = ReturnType<typeof createVolunteerServices>;
