import type { Kysely } from "kysely";
import type { TCheckin } from "../../../contracts/patrol.js";
import type { TVoid } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { restorePatch, voidPatch } from "../../platform/voiding.js";
import { actorName, type Who } from "../../platform/who.js";
import type { HazardsService } from "../safety/safety.api.js";
import { applyToCounters, type CheckinFilter, checkinPage, checkinRow, rawCheckinRow, toCheckin, updateCheckinRow } from "./patrol.checkins.repo.js";
import { CHECKIN } from "./patrol.common.js";

// The stored check-ins as supervisors see them: the list (with the state of the hazards they
// opened, read from safety), one check-in, the export, the review of a flagged one, and 作废 of
// one entered by mistake.

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

  /**
   * 作废 / 恢复 (issue 15): a check-in entered by mistake leaves the figures and the lists, and
   * what it added to its round (a point visited) and its point's day counters (coverage, today's
   * map) is taken away in the same transaction; restoring gives it back. One that opened a hazard
   * is voided only once that hazard is cancelled in the hazard register: a hazard found is
   * safety's record, and voiding the check-in must not leave it counted from a check-in that is not.
   */
  function setVoiding(who: Who, id: string, voiding: boolean, input?: TVoid) {
    return inTx(db, null, async (trx) => {
      const c = await rawCheckinRow(trx, who.scope, id);
      if (!c) throw errors.notFound(CHECKIN);
      const patch = voiding ? voidPatch(c, who, clock.now(), input as TVoid) : restorePatch(c);
      if (voiding && c.hazard_id) {
        const h = (await hazards.states([c.hazard_id], trx)).get(c.hazard_id);
        if (h && h.status !== "cancelled")
          throw errors.conflict(
            "该打卡已开出隐患，请先在隐患台账撤销该隐患，再作废打卡",
            "This check-in opened a hazard: cancel the hazard in the hazard register first, then void the check-in",
          );
      }
      await updateCheckinRow(trx, id, patch);
      await applyToCounters(trx, c, voiding ? -1 : 1);
      await audit.record(trx, who, {
        action: voiding ? "patrol.checkin.void" : "patrol.checkin.restore",
        entity: "patrol_checkin",
        entityId: id,
        communityId: c.community_id,
        before: { voided_at: c.voided_at, void_reason: c.void_reason },
        after: patch,
      });
      return getCheckin(who.scope, id, trx);
    });
  }

  return {
    getCheckin,
    listCheckins,
    voidCheckin: (who: Who, id: string, input: TVoid) => setVoiding(who, id, true, input),
    restoreCheckin: (who: Who, id: string) => setVoiding(who, id, false),

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
        if (c.voided_at) throw errors.conflict("该打卡已作废", "The check-in is voided");
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
