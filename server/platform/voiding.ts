// 作废 and 恢复, the same for every voidable record (issue 15): a record entered by mistake is voided
// with a reason by a permitted role; it leaves the figures and the lists (a list's `voided` filter
// shows it), stays in the audit log and on its timeline, and can be restored. Each module keeps its
// own columns (voided_at, voided_by, void_reason) and its own queries; these are the shared pieces:
// the filter its *InScope query applies, the patches, the refusals, and the two routes.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type TVoid, ZVoid } from "../../contracts/platform.js";
import type { Permission } from "../../contracts/roles.js";
import { errors, type Msg } from "./errors.js";
import { withZod } from "./http.js";
import { type Who, whoOf } from "./who.js";

export type VoidedChoice = "exclude" | "only" | "include";
export type VoidColumns = { voided_at: string | null; voided_by: string | null; void_reason: string | null };

/** A list's `voided` query parameter ("1": voided only, "all": both; else live records only). */
export const voidedChoice = (v: string | undefined): VoidedChoice => (v === "1" ? "only" : v === "all" ? "include" : "exclude");

/** Applies the choice to a query over a voidable table; `col` is its voided_at column (e.g. "mt.voided_at"). */
export function whereVoided<Q>(qb: Q, col: string, choice: VoidedChoice = "exclude"): Q {
  const q = qb as unknown as { where: (c: string, op: string, v: null) => Q };
  return choice === "include" ? qb : q.where(col, choice === "only" ? "is not" : "is", null);
}

/** The patch that voids a record, after checking it is not voided already. */
export function voidPatch(row: Pick<VoidColumns, "voided_at">, who: Who, now: Date, input: TVoid): VoidColumns {
  if (row.voided_at) throw errors.conflict("该记录已作废", "The record is already voided");
  const { reason } = ZVoid.parse(input);
  return { voided_at: now.toISOString(), voided_by: who.user?.displayName ?? who.user?.username ?? "系统", void_reason: reason };
}

/** The patch that restores a voided record. */
export function restorePatch(row: Pick<VoidColumns, "voided_at">): VoidColumns {
  if (!row.voided_at) throw errors.conflict("该记录未作废，无需恢复", "The record is not voided");
  return { voided_at: null, voided_by: null, void_reason: null };
}

/** The voiding as a record's API shows it. */
export const voidingOf = (r: VoidColumns) => (r.voided_at ? { at: r.voided_at, by: r.voided_by, reason: r.void_reason ?? "" } : null);

/** POST <path>/void {reason} and POST <path>/restore, for a record at `path` (e.g. "/api/party/meetings/:id"). */
export function voidRoutes(
  app: FastifyInstance,
  spec: {
    path: string;
    permission: Permission;
    tags: string[];
    /** The record's name in the operationIds: "PartyMeeting" → voidPartyMeeting, restorePartyMeeting. */
    op: string;
    what: Msg;
    void: (who: Who, id: string, input: TVoid) => Promise<unknown>;
    restore: (who: Who, id: string) => Promise<unknown>;
  },
) {
  const r = withZod(app);
  const params = z.object({ id: z.string() });
  r.post(
    `${spec.path}/void`,
    {
      config: { permission: spec.permission },
      schema: { operationId: `void${spec.op}`, tags: spec.tags, summary: `作废${spec.what.zh} Void a ${spec.what.en}`, params, body: ZVoid },
    },
    async (req) => spec.void(whoOf(req), req.params.id, req.body),
  );
  r.post(
    `${spec.path}/restore`,
    {
      config: { permission: spec.permission },
      schema: { operationId: `restore${spec.op}`, tags: spec.tags, summary: `恢复${spec.what.zh} Restore a ${spec.what.en}`, params },
    },
    async (req) => spec.restore(whoOf(req), req.params.id),
  );
}
