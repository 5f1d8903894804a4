// A resident's question or objection on a published item (during a 公示 or after): registered as an
// appeal through appeals' api (channel online, its source the item), so it is answered and counted
// like any other appeal; the portal keeps which item it came from.
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { ZFeedback } from "../../../contracts/portal.js";
import type { DB } from "../../db/types.js";
import type { Clock } from "../../platform/clock.js";
import { localDate } from "../../platform/dates.js";
import { AppError, errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityScope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import { communityById, insertFeedback, publicItem } from "./portal.repo.js";

export function createFeedbackService(deps: { db: Kysely<DB>; clock: Clock; timeZone: string; appeals: AppealsApi }) {
  const { db, clock, appeals } = deps;
  return {
    async submit(itemId: string, input: z.output<typeof ZFeedback>, ip: string) {
      const item = await publicItem(db, itemId);
      if (!item) throw errors.notFound({ zh: "公开事项", en: "Disclosure item" });
      if (item.status !== "published")
        throw new AppError(409, "RULE", {
          zh: "该事项已撤回或已更正，请对现行版本提出意见",
          en: "This item was withdrawn or corrected; comment on the current version",
        });
      const c = await communityById(db, item.community_id);
      if (!c) throw errors.notFound({ zh: "社区", en: "Community" });
      const who: Who & { name: string } = { user: null, scope: communityScope(c), ip, name: input.name ? `居民 ${input.name}` : "居民（网上）" };
      const question = input.kind === "question";
      const title = `对公开事项“${item.title.slice(0, 60)}”的${question ? "疑问" : "异议"}`;
      return db.transaction().execute(async (trx) => {
        const made = await appeals.register(
          who,
          {
            communityId: c.id,
            channel: "online",
            kind: "appeal",
            appealType: question ? "consult" : "suggestion",
            categoryCode: question ? "QT01" : "QT02",
            urgency: "normal",
            title,
            content: `${input.content}\n（来自三务公开：${item.column_name ?? item.column_key}）`,
            appellantName: input.name ?? null,
            appellantPhone: input.phone ?? null,
          },
          { source: { module: "portal", kind: "item", id: item.id } },
          trx,
        );
        const at = clock.now();
        await insertFeedback(trx, {
          id: uuidv7(at.getTime()),
          item_id: item.id,
          community_id: c.id,
          appeal_id: made.id,
          tracking_no: made.trackingNo,
          received_on: localDate(at, deps.timeZone),
          created_at: at.toISOString(),
        });
        return { trackingNo: made.trackingNo };
      });
    },
  };
}
export type FeedbackService = ReturnType<typeof createFeedbackService>;
