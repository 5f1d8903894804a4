import { dataVersion } from "../../platform/audit.js";
import type { Deps } from "../../platform/http.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import type { PatrolApi } from "../patrol/patrol.api.js";
import type { Module } from "../types.js";
import { createScreenCache } from "./screen.cache.js";
import { createScreenLinks } from "./screen.links.service.js";
import { createTickerHub } from "./screen.live.js";
import { registerScreenRoutes } from "./screen.routes.js";
import "./screen.tables.js";

/** 大屏 the big screen: its data and live feed, and its signed links (expiring, revocable, audited). */
export function createScreenModule(deps: Deps, collaborators: { appeals: AppealsApi; patrol: PatrolApi }): Module<Record<string, never>> {
  const links = createScreenLinks(deps);
  return {
    name: "screen",
    api: {},
    register: (app) => {
      const ticker = createTickerHub(collaborators.appeals, () => deps.clock.now());
      registerScreenRoutes(
        app,
        deps,
        links,
        ticker,
        createScreenCache(() => dataVersion(deps.db)),
        collaborators,
      );
      app.addHook("onClose", async () => ticker.close());
    },
  };
}
