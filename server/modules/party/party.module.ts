import type { ModuleDef } from "../types.js";
import { seedPartyDemo } from "./party.demo.js";
import { registerPartyFigures } from "./party.figures.js";
import { registerPartyRoutes } from "./party.routes.js";
import { createPartyService } from "./party.service.js";

export const partyModule: ModuleDef = {
  name: "party",
  register: (app, deps) => {
    registerPartyRoutes(app, deps);
    registerPartyFigures(deps.figures, createPartyService({ ...deps, timeZone: deps.config.timeZone }), deps.clock, deps.config.timeZone);
  },
  seedDemo: seedPartyDemo,
};
