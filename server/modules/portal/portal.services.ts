import type { Deps } from "../../platform/http.js";
import { createPeopleService } from "../../platform/people/people.service.js";
import type { PortalCollaborators } from "./portal.api.js";
import { createPublicCache } from "./portal.cache.js";
import { createColumnsService } from "./portal.columns.service.js";
import { createDraftsService } from "./portal.drafts.service.js";
import { createFeedbackService } from "./portal.feedback.service.js";
import { createItemsService } from "./portal.items.service.js";

/** The module's services over one set of dependencies, built once by portal.module.ts (and by the demo's build). */
export function createPortalServices(deps: Pick<Deps, "db" | "audit" | "clock" | "config">, collab: PortalCollaborators) {
  const timeZone = deps.config.timeZone;
  const cache = createPublicCache();
  const people = createPeopleService({ db: deps.db, audit: deps.audit, clock: deps.clock, timeZone });
  const items = createItemsService({ db: deps.db, audit: deps.audit, clock: deps.clock, timeZone, people, cache });
  const drafts = createDraftsService({ db: deps.db, items, ...collab });
  const feedback = createFeedbackService({ db: deps.db, clock: deps.clock, timeZone, appeals: collab.appeals });
  const columns = createColumnsService({ db: deps.db, audit: deps.audit, clock: deps.clock, cache });
  return { cache, items, drafts, feedback, columns };
}
export type PortalServices = ReturnType<typeof createPortalServices>;
