import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import type { PortalApi, PortalCollaborators } from "./portal.api.js";
import { seedPortal } from "./portal.demo.js";
import { registerPortalFigures } from "./portal.figures.js";
import { registerPortalPublicRoutes } from "./portal.public.js";
import { disclosedSources } from "./portal.repo.js";
import { registerPortalRoutes } from "./portal.routes.js";
import { createPortalServices } from "./portal.services.js";

/** 三务公开 the public disclosure portal: columns, items with their approval flow, the public pages, feeds and feedback. */
export function createPortalModule(deps: Deps, collab: PortalCollaborators): Module<PortalApi> {
  const services = createPortalServices(deps, collab);
  return {
    name: "portal",
    api: { disclosedSources: (communityId, module) => disclosedSources(deps.db, communityId, module) },
    register: (app) => {
      registerPortalRoutes(app, deps, services);
      registerPortalPublicRoutes(app, deps, services, collab);
      registerPortalFigures(deps.figures, collab.appeals);
    },
    seedDemo: (ctx) => seedPortal(services, deps, ctx),
  };
}
