import type { Kysely } from "kysely";
import { type PatrolForce, type TPlan, type TPlanCreate, type TPlanUpdate, type TRound, ZPlanCreate } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { chunks, json, PLAN } from "./patrol.common.js";
import {
  activePlanRows,
  dropUnstartedRounds,
  insertPlan,
  insertRounds,
  namedPlanRow,
  planRow,
  planRows,
  roundRowsOn,
  toPlan,
  updatePlanRow,
  visitedPairs,
} from "./patrol.plans.repo.js";
import { mergedPlan, plannedRounds, roundStatus, roundsMadeOnLook } from "./patrol.plans.rules.js";
import { pointIdsInScope, pointNames, pointStates } from "./patrol.points.repo.js";
import type { PatrolPlanTable } from "./patrol.tables.js";
import { accountCount } from "./patrol.teams.repo.js";
import type { TeamsService } from "./patrol.teams.service.js";

// Patrol plans (巡查计划) and the rounds they make: which points, by whom, in which windows of which
// days (patrol.plans.rules.ts). Rounds are made on first look, so no scheduler is needed; a round's
// state follows from its window and its visits.

const POINTS_RULE = { zh: "计划中的巡查点须为本社区启用中的巡查点", en: "The plan's points must be active points of this community" };

export type PlansService = ReturnType<typeof createPlansService>;

export function createPlansService(
  deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string } },
  collaborators: { teams: Pick<TeamsService, "teamIn"> },
) {
  const { db, audit, clock } = deps;
  const tz = deps.config.timeZone;
  const { teams } = collaborators;
  const today = () => todayOf(clock.now(), tz);

  /** The plan's points must all be active points of its community, in the caller's scope. */
  async function checkPoints(trx: Kysely<DB>, scope: Scope, communityId: string, ids: string[]) {
    const found = await pointStates(trx, scope, ids);
    if (found.length !== ids.length || found.some((p) => p.community_id !== communityId || !p.active)) throw errors.badRequest(POINTS_RULE.zh, POINTS_RULE.en);
  }

  /** Makes the rounds of the active plans for the dates from..to (those already made stay as they are). */
  async function ensureRounds(exec: Kysely<DB>, scope: Scope, from: string, to: string) {
    const createdAt = clock.now().toISOString();
    const rows = (await activePlanRows(exec, scope)).flatMap((p) => plannedRounds(p, from, to, tz, createdAt));
    await insertRounds(exec, rows);
    return rows.length;
  }

  return {
    ensureRounds,

    /**
     * Makes a plan's rounds for every day it covered up to today (a plan carried over from paper,
     * or imported, back-dated): once, idempotently — rounds already made stay as they are.
     */
    async fillPastRounds(exec: Kysely<DB>, scope: Scope, planId: string) {
      const p = (await activePlanRows(exec, scope)).find((x) => x.id === planId);
      if (!p) return 0;
      const t = today();
      const to = p.ends_on && p.ends_on < t ? p.ends_on : t;
      const rows = plannedRounds(p, p.starts_on, to, tz, clock.now().toISOString());
      await insertRounds(exec, rows);
      return rows.length;
    },

    async createPlan(who: Who, input: TPlanCreate, exec?: Kysely<DB>): Promise<TPlan> {
      const v = ZPlanCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        await communityInScope(trx, who.scope, v.communityId);
        await teams.teamIn(trx, who.scope, v.teamId, v.communityId);
        const ids = [...new Set(v.pointIds)];
        await checkPoints(trx, who.scope, v.communityId, ids);
        const now = clock.now().toISOString();
        const row: PatrolPlanTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: v.communityId,
          name: v.name,
          force: v.force,
          team_id: v.teamId ?? null,
          assignee_ids: JSON.stringify(v.assigneeIds),
          point_ids: JSON.stringify(ids),
          frequency: v.frequency,
          every_n_days: v.frequency === "every_n_days" ? (v.everyNDays ?? null) : null,
          windows: JSON.stringify(v.windows),
          order_mode: v.order,
          starts_on: v.startsOn,
          ends_on: v.endsOn ?? null,
          active: 1,
          created_at: now,
          updated_at: now,
          activated_at: null,
        };
        await insertPlan(trx, row);
        await audit.record(trx, who, { action: "patrol.plan.create", entity: "patrol_plan", entityId: row.id, communityId: row.community_id, after: row });
        return toPlan(row);
      });
    },

    /**
     * Changes a plan, checked as a whole by the rules of a new one. Rounds already started (or with
     * a visit) keep the points they were made with, so past completion stays what it was; rounds not
     * yet started are dropped and made again from the changed plan on the next look at the day's rounds.
     */
    async updatePlan(who: Who, id: string, v: TPlanUpdate): Promise<TPlan> {
      return inTx(db, null, async (trx) => {
        const before = await planRow(trx, who.scope, id);
        if (!before) throw errors.notFound(PLAN);
        const ok = ZPlanCreate.safeParse(mergedPlan(toPlan(before), v));
        if (!ok.success) {
          const i = ok.error.issues[0];
          const [zh, en] = (i?.message ?? "").includes(" / ") ? i.message.split(" / ") : [i?.message ?? "无效", i?.message ?? "invalid"];
          throw errors.badRequest(`${i?.path.join(".")}：${zh}`, `${i?.path.join(".")}: ${en}`);
        }
        const p = ok.data;
        await teams.teamIn(trx, who.scope, p.teamId, p.communityId);
        const ids = [...new Set(p.pointIds)];
        if (v.pointIds) await checkPoints(trx, who.scope, p.communityId, ids);
        if (p.assigneeIds.length && (await accountCount(trx, p.assigneeIds)) !== new Set(p.assigneeIds).size)
          throw errors.badRequest("指定的巡查人员账号不存在", "An assigned account does not exist");
        const now = clock.now().toISOString();
        const patch = {
          name: p.name,
          force: p.force,
          team_id: p.teamId ?? null,
          assignee_ids: JSON.stringify(p.assigneeIds),
          point_ids: JSON.stringify(ids),
          frequency: p.frequency,
          every_n_days: p.frequency === "every_n_days" ? (p.everyNDays ?? null) : null,
          windows: JSON.stringify(p.windows),
          order_mode: p.order,
          starts_on: p.startsOn,
          ends_on: p.endsOn ?? null,
          updated_at: now,
        };
        await updatePlanRow(trx, id, patch);
        const remade = await dropUnstartedRounds(trx, id, now);
        const { created_at: _c, updated_at: _u, ...b } = before;
        await audit.record(trx, who, {
          action: "patrol.plan.update",
          entity: "patrol_plan",
          entityId: id,
          communityId: before.community_id,
          before: b,
          after: { ...patch, roundsRemade: remade },
        });
        return toPlan(await namedPlanRow(trx, who.scope, id));
      });
    },

    async setPlanActive(who: Who, id: string, active: boolean) {
      return inTx(db, null, async (trx) => {
        const p = await planRow(trx, who.scope, id);
        if (!p) throw errors.notFound(PLAN);
        const now = clock.now().toISOString();
        // Activating a stopped plan brings it into force now (rounds of windows already over are not made).
        const activated = active && !p.active ? { activated_at: now } : {};
        await updatePlanRow(trx, id, { active: active ? 1 : 0, updated_at: now, ...activated });
        await audit.record(trx, who, {
          action: active ? "patrol.plan.activate" : "patrol.plan.stop",
          entity: "patrol_plan",
          entityId: id,
          communityId: p.community_id,
        });
        return toPlan({ ...p, active: active ? 1 : 0 });
      });
    },

    async listPlans(scope: Scope) {
      return (await planRows(db, scope)).map(toPlan);
    },

    async getPlan(scope: Scope, id: string) {
      const r = await namedPlanRow(db, scope, id);
      if (!r) throw errors.notFound(PLAN);
      return toPlan(r);
    },

    /** Rounds of a day (today by default), each with its points in order and which are done. */
    async rounds(who: Who, f: { date?: string; mine?: boolean; planId?: string }): Promise<TRound[]> {
      const date = f.date ?? today();
      if (roundsMadeOnLook(date, today())) await inTx(db, null, (trx) => ensureRounds(trx, who.scope, date, date));
      let rows = await roundRowsOn(db, who.scope, date, f.planId);
      if (f.mine && who.user) {
        const uid = who.user.id;
        rows = rows.filter((r) => json<string[]>(r.assignee_ids, []).includes(uid) || json<string[]>(r.member_ids ?? "[]", []).includes(uid));
      }
      const nowIso = clock.now().toISOString();
      const visited = await visitedPairs(
        db,
        rows.map((r) => r.id),
      );
      const allPoints = [...new Set(rows.flatMap((r) => json<string[]>(r.point_order, [])))];
      const names = new Map<string, string>();
      for (const part of chunks(allPoints, 500)) for (const p of await pointNames(db, part)) names.set(p.id, p.name);
      // A grid worker's round shows the points of their own grid only.
      const gridPoints = who.scope.level === "grid" ? new Set(await pointIdsInScope(db, who.scope)) : null;
      return rows.map((r) => {
        const order = json<string[]>(r.point_order, []).filter((p) => !gridPoints || gridPoints.has(p));
        return {
          id: r.id,
          planId: r.plan_id,
          planName: r.plan_name,
          force: r.force as PatrolForce,
          teamName: r.team_name ?? null,
          date: r.date,
          windowStart: r.window_start,
          windowEnd: r.window_end,
          expected: r.expected,
          visited: r.visited,
          missed: r.window_end < nowIso ? r.expected - r.visited : 0,
          status: roundStatus(r, nowIso),
          points: order.map((p) => ({ id: p, name: names.get(p) ?? p, visited: visited.has(`${r.id}|${p}`) })),
        };
      });
    },
  };
}
