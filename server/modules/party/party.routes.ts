import type { FastifyInstance } from "fastify";
import type { Ex } from "./party.common.js";
import { registerPartyElectionRoutes } from "./party.elections.routes.js";
import { registerPartyHistoryRoutes } from "./party.history.routes.js";
import { registerPartyMeetingRoutes } from "./party.meetings.routes.js";
import { registerPartyMemberRoutes } from "./party.members.routes.js";
import { registerPartyOrgRoutes } from "./party.orgs.routes.js";
import { registerPartyPipelineRoutes } from "./party.pipeline.routes.js";
import type { PartyServices } from "./party.services.js";

/** Every party route, over the module's services (the imports run their all-or-nothing transaction on `db`). */
export function registerPartyRoutes(app: FastifyInstance, services: PartyServices, db: Ex) {
  registerPartyOrgRoutes(app, services);
  registerPartyMemberRoutes(app, services, db);
  registerPartyMeetingRoutes(app, services, db);
  registerPartyElectionRoutes(app, services);
  registerPartyPipelineRoutes(app, services);
  registerPartyHistoryRoutes(app, services, db);
}
