import type { FastifyInstance } from "fastify";
import type { Deps } from "../platform/http.js";
import { appealsModule } from "./appeals/appeals.module.js";
import { partyModule } from "./party/party.module.js";
import { patrolModule } from "./patrol/patrol.module.js";
import { safetyModule } from "./safety/safety.module.js";
import type { ModuleDef } from "./types.js";

/** Domain modules, in the order their demo data is generated. */
export const MODULES: ModuleDef[] = [partyModule, safetyModule, patrolModule, appealsModule];

export function registerModules(app: FastifyInstance, deps: Deps) {
  for (const m of MODULES) m.register(app, deps);
}
