import type { Deps } from "../../platform/http.js";
import { createOrganisationsService } from "../../platform/organisations/organisations.service.js";
import { createPeopleService } from "../../platform/people/people.service.js";
import { createPartyBoardsService } from "./party.boards.service.js";
import type { PartyDeps } from "./party.common.js";
import { createPartyElectionsService } from "./party.elections.service.js";
import { createPartyMeetingsService } from "./party.meetings.service.js";
import { createPartyMembersService } from "./party.members.service.js";
import { createPartyOrgsService } from "./party.orgs.service.js";
import { createPartyPipelineService } from "./party.pipeline.service.js";

/**
 * The party module's services over one set of dependencies, one per aggregate: built once by
 * party.module.ts (and by the demo's build of the modules, over its movable clock).
 */
export function createPartyServices(deps: Pick<Deps, "db" | "audit" | "clock" | "settings" | "config">) {
  const base: PartyDeps = { db: deps.db, audit: deps.audit, clock: deps.clock, settings: deps.settings, timeZone: deps.config.timeZone };
  const organisations = createOrganisationsService(base);
  const orgs = createPartyOrgsService({ ...base, organisations });
  const people = createPeopleService(base);
  const members = createPartyMembersService({ ...base, orgs, people });
  const meetings = createPartyMeetingsService({ ...base, orgs });
  const elections = createPartyElectionsService({ ...base, orgs, organisations });
  const boards = createPartyBoardsService({ ...base, organisations });
  const pipeline = createPartyPipelineService({ ...base, orgs, members });
  return { orgs, members, meetings, elections, boards, pipeline };
}
export type PartyServices = ReturnType<typeof createPartyServices>;
