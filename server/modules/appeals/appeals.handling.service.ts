// 派单 and 办理 (DOMAIN.md §1): dispatch to a unit or a person (with assisting units), sign for it,
// first contact with the appellant, extensions, return, assistance, answer and close. Each is one
// step of the state machine (appeals.cases.service.ts `step`).
import type { Kysely } from "kysely";
import type { TDispatch } from "../../../contracts/appeals.js";
import { can } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import { type AppealsDeps, type CasesService, HOUR, json } from "./appeals.cases.service.js";
import { deactivateAssignments, dispatchTargets, insertAssignments, orgById, regionPath, userWithScope } from "./appeals.repo.js";
import type { AppealTable } from "./appeals.tables.js";

type Exec = Kysely<DB>;

export type HandlingService = ReturnType<typeof createHandlingService>;

export function createHandlingService(deps: Pick<AppealsDeps, "db" | "clock"> & { cases: Pick<CasesService, "step" | "communityPath" | "deadlineSettings"> }) {
  const { db, clock, cases } = deps;
  const { step } = cases;

  async function checkOrg(exec: Exec, communityId: string, orgId: string) {
    const o = await orgById(exec, orgId);
    if (!o || o.archived || o.community_id !== communityId)
      throw errors.badRequest("承办单位须为本社区的在册组织", "The handling unit must be an organisation of this community");
    return o;
  }

  async function checkHandler(exec: Exec, row: AppealTable, userId: string) {
    const u = await userWithScope(exec, userId);
    const casePath = row.grid_id ? ((await regionPath(exec, row.grid_id)) ?? "") : await cases.communityPath(exec, row.community_id);
    if (!u || u.disabled || !can(u.role, "appeals.handle") || !casePath.startsWith(u.path))
      throw errors.badRequest("承办人须为能办理该网格案件的在岗人员", "The handler must be an active account that handles cases in this place");
    return u;
  }

  return {
    dispatch(who: Who, id: string, input: TDispatch, exec?: Exec) {
      return step(who, id, "dispatch", exec, async (row, trx) => {
        const org = input.orgId ? await checkOrg(trx, row.community_id, input.orgId) : null;
        const user = input.userId ? await checkHandler(trx, row, input.userId) : null;
        const assists: Array<{ id: string; name: string }> = [];
        for (const oid of input.assistOrgIds ?? []) if (oid !== input.orgId) assists.push(await checkOrg(trx, row.community_id, oid));
        const now = clock.now().toISOString();
        return {
          patch: {
            status: "dispatched",
            dispatched_at: now,
            assignee_org_id: org?.id ?? null,
            assignee_user_id: user?.id ?? null,
            signed_at: null,
            sign_late: null,
          },
          note: input.note ?? null,
          data: {
            org: org?.name ?? null,
            user: user?.display_name ?? null,
            toCommunity: !org && !user,
            assists: assists.map((a) => a.name),
          },
          after: async (t) => {
            await deactivateAssignments(t, id);
            const rows = [{ org_id: org?.id ?? null, user_id: user?.id ?? null, lead: 1 }, ...assists.map((a) => ({ org_id: a.id, user_id: null, lead: 0 }))];
            await insertAssignments(
              t,
              rows.map((r) => ({ ...r, id: uuidv7(), appeal_id: id, community_id: row.community_id, active: 1, assigned_at: now })),
            );
          },
        };
      });
    },

    sign(who: Who, id: string, exec?: Exec) {
      return step(who, id, "sign", exec, async (row, trx) => {
        const now = clock.now();
        const dl = await cases.deadlineSettings(await cases.communityPath(trx, row.community_id), trx);
        const late = row.dispatched_at ? now.getTime() - new Date(row.dispatched_at).getTime() > dl.signHours * HOUR : false;
        return { patch: { status: "handling", signed_at: now.toISOString(), sign_late: late ? 1 : 0 }, data: { late } };
      });
    },

    contact(who: Who, id: string, note: string | null | undefined, exec?: Exec) {
      return step(who, id, "contact", exec, async (row) => {
        const now = clock.now();
        const late = row.contact_due_at ? now.toISOString() > row.contact_due_at : false;
        return { patch: { contacted_at: now.toISOString() }, note: note ?? null, data: { late } };
      });
    },

    requestExtension(who: Who, id: string, input: { hours: number; reason: string }, exec?: Exec) {
      if (!input.reason?.trim()) throw errors.badRequest("申请延期须填写原因", "An extension needs a reason");
      return step(who, id, "extension_request", exec, async () => ({
        patch: {
          pending_extension: JSON.stringify({
            hours: input.hours,
            reason: input.reason,
            requestedBy: who.user?.displayName ?? null,
            requestedAt: clock.now().toISOString(),
          }),
        },
        note: input.reason,
        data: { hours: input.hours },
      }));
    },

    decideExtension(who: Who, id: string, input: { approve: boolean; note?: string | null }, exec?: Exec) {
      return step(who, id, "extension_decide", exec, async (row) => {
        const ext = json<{ hours: number }>(row.pending_extension, { hours: 0 });
        const due = row.due_at ? new Date(new Date(row.due_at).getTime() + ext.hours * HOUR).toISOString() : row.due_at;
        return {
          patch: { pending_extension: null, ...(input.approve ? { due_at: due } : {}) },
          note: input.note ?? null,
          data: { approved: input.approve, hours: ext.hours, ...(input.approve ? { dueAt: due } : {}) },
        };
      });
    },

    returnCase(who: Who, id: string, reason: string, exec?: Exec) {
      if (!reason?.trim()) throw errors.badRequest("退单须填写原因", "A return needs a reason");
      return step(who, id, "return", exec, async () => ({
        patch: {
          status: "registered",
          dispatched_at: null,
          signed_at: null,
          sign_late: null,
          assignee_org_id: null,
          assignee_user_id: null,
          pending_extension: null,
        },
        note: reason,
        after: (t) => deactivateAssignments(t, id),
      }));
    },

    assist(who: Who, id: string, input: { orgId: string; note?: string | null }, exec?: Exec) {
      return step(who, id, "assist", exec, async (row, trx) => {
        const org = await checkOrg(trx, row.community_id, input.orgId);
        return {
          patch: {},
          note: input.note ?? null,
          data: { org: org.name },
          after: (t) =>
            insertAssignments(t, [
              {
                id: uuidv7(),
                appeal_id: id,
                community_id: row.community_id,
                org_id: org.id,
                user_id: null,
                lead: 0,
                active: 1,
                assigned_at: clock.now().toISOString(),
              },
            ]),
        };
      });
    },

    close(who: Who, id: string, input: { answer: string; resolved: boolean }, exec?: Exec) {
      return step(who, id, "close", exec, async (row) => {
        if (row.appellant_phone && !row.contacted_at)
          throw errors.conflict("办结前须先联系诉求人（首次联系）", "Contact the appellant before closing the case");
        const now = clock.now();
        const needsVisit = row.kind === "appeal" && !!row.appellant_phone;
        return {
          patch: {
            status: needsVisit ? "closed" : "archived",
            answer: input.answer,
            closed_at: now.toISOString(),
            closed_late: row.due_at && now.toISOString() > row.due_at ? 1 : 0,
            handling_minutes: Math.round((now.getTime() - new Date(row.registered_at).getTime()) / 60_000),
            resolved: input.resolved ? 1 : 0,
            ...(needsVisit ? {} : { archived_at: now.toISOString() }),
          },
          note: input.answer,
          data: { resolved: input.resolved, late: !!(row.due_at && now.toISOString() > row.due_at) },
        };
      });
    },

    /** Who a case of a community can be dispatched to: its organisations and the accounts that handle cases. */
    async handlers(who: Who, communityId: string) {
      const c = await communityInScope(db, who.scope, communityId);
      const { orgs, users } = await dispatchTargets(db, c);
      return {
        orgs: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
        users: users.filter((u) => can(u.role, "appeals.handle")).map((u) => ({ id: u.id, name: u.display_name, role: u.role, scope: u.scope_name })),
      };
    },
  };
}
