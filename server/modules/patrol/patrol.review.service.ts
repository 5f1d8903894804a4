import type { Kysely } from "kysely";
import type { TCheckin } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { actorName, type Who } from "../../platform/who.js";
import type { HazardsService } from "../safety/safety.api.js";
import { type CheckinFilter, checkinPage, checkinRow, rawCheckinRow, toCheckin, updateCheckinRow } from "./patrol.checkins.repo.js";
import { CHECKIN } from "./patrol.common.js";

// The stored check-ins as supervisors see them: the list (with the state of the hazards they
// opened, read from safety), one check-in, the export, and the review of a flagged one.

export type CheckinListFilter = Omit<CheckinFilter, "userId"> & { mine?: string };

export type ReviewService = ReturnType<typeof createReviewService>;

export function createReviewService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock }, collaborators: { hazards: Pick<HazardsService, "states"> }) {
  const { db, audit, clock } = deps;
  const { hazards } = collaborators;

  /** Check-ins as the API shows them: each with its hazard's status (safety's, by the hazard ids the check-ins hold). */
  async function withHazards(rows: Array<Record<string, unknown> & { hazard_id: string | null }>, exec: Kysely<DB>): Promise<TCheckin[]> {
    const ids = rows.flatMap((r) => (r.hazard_id ? [r.hazard_id] : []));
    const states = ids.length ? await hazards.states(ids, exec) : null;
    return rows.map((r) => toCheckin({ ...r, hazard_status: r.hazard_id ? (states?.get(r.hazard_id)?.status ?? null) : null }));
  }

  async function getCheckin(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await checkinRow(exec, scope, id);
    if (!r) throw errors.notFound(CHECKIN);
    return (await withHazards([r], exec))[0];
  }

  async function listCheckins(who: Who, f: CheckinListFilter & { page: number; pageSize: number }) {
    const { mine, ...rest } = f;
    const { rows, total } = await checkinPage(db, who.scope, { ...rest, userId: mine === "1" ? (who.user?.id ?? "") : undefined });
    return { items: await withHazards(rows, db), total, page: f.page, pageSize: f.pageSize };
  }

  return {
    getCheckin,
    listCheckins,

    /** Check-ins for an export (at most 50,000), the export itself recorded in the audit log. */
    async exportCheckins(who: Who, f: CheckinListFilter) {
      const { items } = await listCheckins(who, { ...f, page: 1, pageSize: 50_000 });
      await audit.record(db, who, { action: "patrol.checkin.export", entity: "patrol_checkin", after: { rows: items.length, filter: f } });
      return items;
    },

    /** A supervisor's decision on a flagged check-in; the flags stay on the record. */
    async review(who: Who, id: string, decision: "accepted" | "rejected", note?: string) {
      return inTx(db, null, async (trx) => {
        const c = await rawCheckinRow(trx, who.scope, id);
        if (!c) throw errors.notFound(CHECKIN);
        if (c.flag_count === 0) throw errors.conflict("该打卡没有需要审核的标记", "This check-in has no flags to review");
        if (c.review_status !== "pending") throw errors.conflict("该打卡已审核", "This check-in has already been reviewed");
        if (who.user && c.user_id === who.user.id) throw errors.conflict("不能审核自己的打卡", "You cannot review your own check-in");
        const patch = {
          review_status: decision,
          reviewed_by: who.user?.displayName ?? actorName(who),
          reviewed_at: clock.now().toISOString(),
          review_note: note ?? null,
        };
        await updateCheckinRow(trx, id, patch);
        await audit.record(trx, who, {
          action: `patrol.checkin.${decision === "accepted" ? "accept" : "reject"}`,
          entity: "patrol_checkin",
          entityId: id,
          communityId: c.community_id,
          before: { review_status: c.review_status },
          after: patch,
        });
        return getCheckin(who.scope, id, trx);
      });
    },
  };
}
