import { type ProjectDeps, stepKit } from "./projects.common.js";
import { createDeliveryService } from "./projects.delivery.service.js";
import { createProposalsService } from "./projects.proposals.service.js";
import { createQueryService } from "./projects.query.service.js";

/** The module's services over one set of dependencies: built once by projects.module.ts (and by the demo's build, with its clock). */
export function createProjectServices(deps: ProjectDeps) {
  const kit = stepKit(deps);
  const proposals = createProposalsService(deps, kit);
  const delivery = createDeliveryService(deps, kit);
  const query = createQueryService(deps, kit);
  return { proposals, delivery, query };
}
export type ProjectServices = ReturnType<typeof createProjectServices>;
