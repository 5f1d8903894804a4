import type { TScreenData } from "../../../contracts/screen.js";
import { readTableVersions } from "../../db/table-versions.js";
import type { Deps } from "../../platform/http.js";
import { createVersionCache } from "../../platform/version-cache.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import type { PatrolApi } from "../patrol/patrol.api.js";
import type { Module } from "../types.js";
import { createScreenLinks } from "./screen.links.service.js";
import { createTickerHub } from "./screen.live.js";
import { registerScreenRoutes } from "./screen.routes.js";
import "./screen.tables.js";

// The screen's answer, computed once per version of the tables it reads (server/platform/version-cache.ts,
// server/db/table-versions.ts): every screen of a region refreshes each minute, and between two
// writes to them nothing it shows can change but the clock (deadlines pass without a write: at most 5 minutes). When computing took longer than
// 200 ms (a subdistrict's screen over years of check-ins), the screens keep getting the last answer,
// at most 2 minutes old, while one computation runs for all of them.
export const SCREEN_MAX_AGE_MS = 5 * 60_000;
export const SCREEN_STALE_MS = 2 * 60_000;
export const SCREEN_SLOW_MS = 200;

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
        createVersionCache<TScreenData>({
          version: () => readTableVersions(deps.db),
          tables: true,
          maxAgeMs: SCREEN_MAX_AGE_MS,
          maxEntries: 200,
          stale: { slowMs: SCREEN_SLOW_MS, maxAgeMs: SCREEN_STALE_MS },
        }),
        collaborators,
      );
      app.addHook("onClose", async () => ticker.close());
    },
  };
}
