import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { MassOrgsApi } from "./massorgs.api.js";
import { seedMassOrgs } from "./massorgs.demo.js";
import { registerMassOrgFigures } from "./massorgs.figures.js";
import { registerMassOrgIoRoutes } from "./massorgs.io.js";
import { registerMassOrgsPersonalData } from "./massorgs.personal.js";
import { registerMassOrgRoutes } from "./massorgs.routes.js";
import { createMassOrgsService } from "./massorgs.service.js";

/** 群团 mass organisations (妇联, 团委 and their sub-organisations, platform organisations): members, brand projects and applications, honours and nominations. */
export function createMassOrgsModule(deps: Deps): Module<MassOrgsApi> {
  const svc = createMassOrgsService(deps);
  return {
    name: "massorgs",
    api: {
      nominationsOfYear: async (scope, year) =>
        (await svc.nominations(scope, { year })).map((n) => ({ nomineeName: n.nomineeName, award: n.award, level: n.level, result: n.result })),
    },
    register: (app) => {
      registerMassOrgsPersonalData(deps.personalData);
      registerMassOrgRoutes(app, deps, svc);
      registerMassOrgIoRoutes(app, deps, svc);
      registerMassOrgFigures(deps.figures);
    },
    seedDemo: (ctx) => seedMassOrgs(svc, deps, ctx),
  };
}
