import type { ModuleDef } from "../types.js";
import { seedAppeals } from "./appeals.demo.js";
import { registerAppealFigures } from "./appeals.figures.js";
import { registerOpen311 } from "./appeals.open311.js";
import { registerPublicRoutes } from "./appeals.public.js";
import { registerAppealRoutes } from "./appeals.routes.js";
import { createAppealsService } from "./appeals.service.js";

/** 民意速办: appeals and events from intake to return visit (DOMAIN.md §1). */
export const appealsModule: ModuleDef = {
  name: "appeals",
  register: (app, deps) => {
    const svc = createAppealsService({ ...deps, timeZone: deps.config.timeZone });
    registerAppealRoutes(app, deps, svc);
    registerPublicRoutes(app, deps, svc);
    registerOpen311(app, deps, svc);
    registerAppealFigures(deps.figures, deps);
  },
  seedDemo: seedAppeals,
};
