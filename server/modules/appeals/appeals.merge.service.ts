// 合并重复件 (DOMAIN.md §1): a duplicate joins the case it repeats; it leaves the lists and the
// figures (it counts once, in the case it joined) and its timeline shows on that case.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import type { Who } from "../../platform/who.js";
import type { CasesService } from "./appeals.cases.service.js";
import { deactivateAssignments } from "./appeals.repo.js";

type Exec = Kysely<DB>;

export type MergeService = ReturnType<typeof createMergeService>;

export function createMergeService(deps: { cases: Pick<CasesService, "step" | "raw" | "addEvent"> }) {
  const { cases } = deps;
  return {
    merge(who: Who, id: string, intoId: string, exec?: Exec) {
      if (id === intoId) throw errors.badRequest("不能合并到自身", "A case cannot be merged into itself");
      return cases.step(who, id, "merge", exec, async (row, trx) => {
        const into = await cases.raw(who.scope, intoId, trx);
        // Even a supervisor who sees several communities merges only within one: each community
        // answers for its own cases, and a case's figures belong to the community it was made in.
        if (into.status === "merged" || into.community_id !== row.community_id)
          throw errors.badRequest("只能合并到同一社区未被合并的案件", "Merge into an unmerged case of the same community");
        return {
          patch: { status: "merged", merged_into_id: into.id },
          data: { into: into.tracking_no },
          after: async (t) => {
            await deactivateAssignments(t, id);
            await cases.addEvent(t, who, into, "merged_in", into.status, into.status, null, { from: row.tracking_no });
          },
        };
      });
    },
  };
}
