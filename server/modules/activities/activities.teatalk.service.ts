import type { Kysely } from "kysely";
import { type TTeaTalkAppeal, ZTeaTalkAppeal } from "../../../contracts/activities.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import type { ActivitiesService } from "./activities.activities.service.js";

// 书记茶话会: the appeals collected at a tea talk are registered from the activity into the appeals
// module (through its api: channel tea_talk, source = this activity), so the activity shows them.

export const TEA_TALK_SOURCE = { module: "activities", kind: "activity" } as const;

export function createTeaTalkService(deps: { db: Kysely<DB>; activities: ActivitiesService; appeals: AppealsApi }) {
  const { db, activities, appeals } = deps;
  return {
    async registerAppeal(who: Who, activityId: string, input: TTeaTalkAppeal, exec?: Kysely<DB>) {
      const v = ZTeaTalkAppeal.parse(input);
      return inTx(db, exec, async (trx) => {
        const a = await activities.raw(who.scope, activityId, trx);
        if (a.type_class !== "tea_talk") throw errors.badRequest("只有书记茶话会可以登记收集的诉求", "Only a secretary's tea talk records appeals");
        if (a.status === "cancelled") throw errors.conflict("该活动已取消", "The activity was cancelled");
        return appeals.register(
          who,
          {
            communityId: a.community_id,
            channel: "tea_talk",
            kind: "appeal",
            appealType: v.appealType,
            categoryCode: v.categoryCode,
            title: v.title,
            content: v.content,
            gridId: v.gridId,
            appellantPersonId: v.appellantPersonId ?? null,
            appellantName: v.appellantName ?? null,
            appellantPhone: v.appellantPhone ?? null,
            tags: ["书记茶话会"],
          },
          { source: { ...TEA_TALK_SOURCE, id: a.id } },
          trx,
        );
      });
    },
    async appealsOf(scope: Scope, activityIds: string[]) {
      return appeals.bySource(scope, TEA_TALK_SOURCE.module, TEA_TALK_SOURCE.kind, activityIds);
    },
  };
}
export type TeaTalkService = ReturnType<typeof createTeaTalkService>;
