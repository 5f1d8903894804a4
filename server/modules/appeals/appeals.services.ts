// The module's services over one set of dependencies: built once by appeals.module.ts (and by the
// demo's build of the modules, over its movable clock), and the same instances serve routes,
// figures, Open311, the public pages, imports and the demo.
import { ZAppealCreate, ZAppealSource } from "../../../contracts/appeals.js";
import { errors } from "../../platform/errors.js";
import { inTx } from "../../platform/tx.js";
import type { AppealsApi } from "./appeals.api.js";
import { type AppealsDeps, createCasesService } from "./appeals.cases.service.js";
import { createCatalogueService } from "./appeals.catalogue.service.js";
import { createHandlingService } from "./appeals.handling.service.js";
import { createIntakeService } from "./appeals.intake.service.js";
import { createMergeService } from "./appeals.merge.service.js";
import { createVisitsService } from "./appeals.visits.service.js";

export function createAppealsServices(deps: AppealsDeps) {
  const cases = createCasesService(deps);
  return {
    cases,
    intake: createIntakeService({ ...deps, cases }),
    handling: createHandlingService({ ...deps, cases }),
    visits: createVisitsService({ ...deps, cases }),
    merge: createMergeService({ cases }),
    catalogue: createCatalogueService(deps),
  };
}
export type AppealsServices = ReturnType<typeof createAppealsServices>;

const issues = (e: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  e.issues.map((i) => `${i.path.map(String).join(".") || "-"}: ${i.message}`).join("; ");

/** What other modules get (appeals.api.ts): registration with a source reference, and the read by source. */
export function appealsApi(s: AppealsServices, db: AppealsDeps["db"]): Omit<AppealsApi, "recentCases"> {
  return {
    async register(who, input, opts, exec) {
      const src = ZAppealSource.safeParse(opts?.source);
      if (!src.success)
        throw errors.badRequest(`诉求来源须为（模块、类型、编号）：${issues(src.error)}`, `The source must be (module, kind, id): ${issues(src.error)}`);
      const parsed = ZAppealCreate.safeParse(input);
      if (!parsed.success) throw errors.badRequest(`诉求登记信息有误：${issues(parsed.error)}`, `The case is not valid: ${issues(parsed.error)}`);
      return inTx(db, exec, async (trx) => {
        const id = await s.intake.register(who, parsed.data, trx, { source: src.data });
        const row = await s.cases.raw(who.scope, id, trx);
        return { id, trackingNo: row.tracking_no };
      });
    },
    bySource: (scope, module, kind, ids) => s.cases.bySource(scope, module, kind, ids),
  };
}
