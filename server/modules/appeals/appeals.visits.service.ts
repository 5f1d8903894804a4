// 回访 (DOMAIN.md §1): the return visit closes a case for good, or — 不满意 — reopens it (重办) with
// a new deadline; a reopened case found unsatisfactory again goes under supervision (督办).
import type { Kysely } from "kysely";
import type { TVisit, Urgency } from "../../../contracts/appeals.js";
import type { DB } from "../../db/types.js";
import type { AppealsDeps, CasesService, WhoNamed } from "./appeals.cases.service.js";
import { categoryByCode } from "./appeals.repo.js";
import { deadlineAfter, handlingHours } from "./appeals.rules.js";

type Exec = Kysely<DB>;

export type VisitsService = ReturnType<typeof createVisitsService>;

export function createVisitsService(deps: Pick<AppealsDeps, "clock" | "timeZone"> & { cases: Pick<CasesService, "step" | "addEvent"> }) {
  const { clock, timeZone, cases } = deps;
  return {
    /** 回访: 不满意 reopens the case (重办); reopened and unsatisfied again puts it under supervision (督办). */
    /**
     * `contacted` / `resolved` null: the answer is not known (an imported case whose file does not
     * say); stored as null, so the rates over that answer leave the case out instead of counting a 0.
     */
    visit(who: WhoNamed, id: string, input: Omit<TVisit, "contacted" | "resolved"> & { contacted: boolean | null; resolved: boolean | null }, exec?: Exec) {
      return cases.step(who, id, "visit", exec, async (row, trx) => {
        const now = clock.now();
        const visit = {
          visit_at: now.toISOString(),
          visit_reached: input.reached ? 1 : 0,
          visit_contacted: !input.reached ? 0 : input.contacted == null ? null : input.contacted ? 1 : 0,
          visit_resolved: !input.reached ? 0 : input.resolved == null ? null : input.resolved ? 1 : 0,
          satisfaction: input.reached ? (input.satisfaction ?? null) : null,
        };
        const data = { reached: input.reached, contacted: input.contacted, resolved: input.resolved, satisfaction: visit.satisfaction };
        if (input.reached && input.satisfaction === "unsatisfied") {
          const supervise = row.reopen_count >= 1;
          const urgency = (supervise ? "supervised" : row.urgency) as Urgency;
          const cat = await categoryByCode(trx, row.category_code);
          if (!cat) throw new Error(`category ${row.category_code} of case ${row.id} is missing`);
          const due = deadlineAfter(now, handlingHours(cat, urgency), timeZone).toISOString();
          return {
            patch: {
              ...visit,
              status: "dispatched",
              urgency,
              reopen_count: row.reopen_count + 1,
              dispatched_at: now.toISOString(),
              signed_at: null,
              sign_late: null,
              contacted_at: null,
              closed_at: null,
              closed_late: null,
              // Open again: its handling time is the one of its next close, not of the last.
              handling_minutes: null,
              resolved: null,
              answer: null,
              due_at: due,
            },
            note: input.note ?? null,
            data,
            after: async (t, r) => {
              await cases.addEvent(t, who, r, "reopen", "closed", "dispatched", null, { reopenCount: r.reopen_count, dueAt: due });
              if (supervise) await cases.addEvent(t, who, r, "supervise", "dispatched", "dispatched", null, { urgency: "supervised" });
            },
          };
        }
        return {
          patch: {
            ...visit,
            status: "archived",
            archived_at: now.toISOString(),
            ...(input.reached && input.resolved != null ? { resolved: input.resolved ? 1 : 0 } : {}),
          },
          note: input.note ?? null,
          data,
        };
      });
    },
  };
}
