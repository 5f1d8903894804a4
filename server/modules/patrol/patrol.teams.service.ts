import type { Kysely } from "kysely";
import { type TTeam, type TTeamCreate, type TTeamUpdate, ZTeamCreate, ZTeamUpdate } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { json, TEAM } from "./patrol.common.js";
import { activePlansOfTeam } from "./patrol.plans.repo.js";
import { activePointOfTeam } from "./patrol.points.repo.js";
import {
  accountsForTeam,
  activeAccountsUnder,
  insertTeam,
  organisationCommunity,
  teamNameTaken,
  teamRow,
  teamRows,
  toTeam,
  updateTeamRow,
} from "./patrol.teams.repo.js";
import { addedMembers, mayPatrol, memberRefusal } from "./patrol.teams.rules.js";

// Patrol teams (巡查队伍) of the three forces: a name unique in the community, members who are
// patrol officers of that community (patrol.teams.rules.ts), changes and archiving audited. The
// rules run here, so the demo's teams pass them as the teams page's do.

export type TeamsService = ReturnType<typeof createTeamsService>;

export function createTeamsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock }) {
  const { db, audit, clock } = deps;

  /**
   * The rules a team's name and members follow, checked inside the caller's transaction: the name is
   * unique in its community (archived teams included, so one can be brought back); each member
   * added is an active account with a patrol role (one that may check in) scoped to the team's
   * community or one of its grids.
   */
  async function checkTeamRules(
    trx: Kysely<DB>,
    scope: Scope,
    t: { communityId: string; communityPath?: string; name?: string; added?: string[]; exceptId?: string; orgId?: string | null },
  ): Promise<void> {
    if (t.name !== undefined && (await teamNameTaken(trx, t.communityId, t.name.trim(), t.exceptId)))
      throw errors.conflict(`本社区已有名为「${t.name.trim()}」的巡查队伍`, `This community already has a patrol team named ${t.name.trim()}`);
    if (t.orgId) {
      const o = await organisationCommunity(trx, t.orgId);
      if (!o || o.community_id !== t.communityId) throw errors.badRequest("所选组织不存在或不属于该社区", "The organisation chosen is not of this community");
    }
    const added = [...new Set(t.added ?? [])];
    if (!added.length) return;
    const path = t.communityPath ?? (await communityInScope(trx, scope, t.communityId)).path;
    const users = await accountsForTeam(trx, added);
    if (users.length !== added.length) throw errors.badRequest("队员账号不存在", "A member account does not exist");
    for (const u of users) {
      const no = memberRefusal(u, path);
      if (no) throw errors.badRequest(no.zh, no.en);
    }
  }

  /** A team of the community in scope (null when none is given); anything else is a bad request. */
  async function teamIn(exec: Kysely<DB>, scope: Scope, id: string | null | undefined, communityId: string) {
    if (!id) return null;
    const t = await teamRow(exec, scope, id);
    if (!t || t.community_id !== communityId)
      throw errors.badRequest("所选巡查队伍不存在或不属于该社区", "The patrol team chosen does not exist or is not of this community");
    return t;
  }

  return {
    teamIn,

    /** A new team, checked by the team rules (name, members) in the same transaction as the write. */
    async createTeam(who: Who, input: TTeamCreate, exec?: Kysely<DB>): Promise<TTeam> {
      const v = ZTeamCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        const community = await communityInScope(trx, who.scope, v.communityId);
        const members = v.memberIds ?? [];
        await checkTeamRules(trx, who.scope, { communityId: community.id, communityPath: community.path, name: v.name, added: members, orgId: v.orgId });
        const now = clock.now().toISOString();
        const row = {
          id: uuidv7(clock.now().getTime()),
          community_id: v.communityId,
          name: v.name,
          force: v.force,
          org_id: v.orgId ?? null,
          member_ids: JSON.stringify(members),
          archived: 0,
          created_at: now,
          updated_at: now,
        };
        await insertTeam(trx, row);
        await audit.record(trx, who, { action: "patrol.team.create", entity: "patrol_team", entityId: row.id, communityId: row.community_id, after: row });
        return toTeam(row);
      });
    },

    async listTeams(scope: Scope): Promise<TTeam[]> {
      return (await teamRows(db, scope)).map(toTeam);
    },

    /** Changes a team's name, force, organisation or members. */
    async updateTeam(who: Who, id: string, input: TTeamUpdate): Promise<TTeam> {
      const v = ZTeamUpdate.parse(input);
      return inTx(db, null, async (trx) => {
        const before = await teamRow(trx, who.scope, id);
        if (!before) throw errors.notFound(TEAM);
        const members = json<string[]>(before.member_ids, []);
        const next = v.memberIds ? [...new Set(v.memberIds)] : members;
        await checkTeamRules(trx, who.scope, {
          communityId: before.community_id,
          name: v.name !== undefined && v.name !== before.name ? v.name : undefined,
          added: addedMembers(members, next),
          exceptId: id,
          orgId: v.orgId !== undefined && v.orgId !== before.org_id ? v.orgId : undefined,
        });
        if (v.force && v.force !== before.force) {
          // Plans and points of the team count their check-ins for its force: changing it would split them.
          const [plan] = await activePlansOfTeam(trx, id);
          const point = await activePointOfTeam(trx, id);
          if (plan || point)
            throw errors.conflict(
              `队伍仍负责${plan ? `计划「${plan.name}」` : `点位「${point?.name}」`}，不能更改巡查力量`,
              `The team still runs ${plan ? `the plan ${plan.name}` : `the point ${point?.name}`}, so its force cannot change`,
            );
        }
        const patch = {
          name: v.name ?? before.name,
          force: v.force ?? before.force,
          org_id: v.orgId !== undefined ? (v.orgId ?? null) : before.org_id,
          member_ids: JSON.stringify(next),
          updated_at: clock.now().toISOString(),
        };
        await updateTeamRow(trx, id, patch);
        const { created_at: _c, updated_at: _u, ...b } = before;
        await audit.record(trx, who, {
          action: "patrol.team.update",
          entity: "patrol_team",
          entityId: id,
          communityId: before.community_id,
          before: b,
          after: patch,
        });
        return toTeam({ ...before, ...patch });
      });
    },

    /**
     * Archives a team (it no longer shows in the pickers nor takes its members' check-ins) or brings it
     * back. A team that still runs an active plan cannot be archived: stop the plan or give it another team.
     */
    async setTeamArchived(who: Who, id: string, archived: boolean): Promise<TTeam> {
      return inTx(db, null, async (trx) => {
        const before = await teamRow(trx, who.scope, id);
        if (!before) throw errors.notFound(TEAM);
        if (!!before.archived === archived) return toTeam(before);
        if (archived) {
          const plans = await activePlansOfTeam(trx, id);
          if (plans.length)
            throw errors.conflict(
              `队伍仍在执行计划「${plans.map((p) => p.name).join("、")}」，请先停止这些计划或改派其他队伍`,
              `The team still runs ${plans.map((p) => p.name).join(", ")}; stop those plans or give them another team first`,
            );
        }
        const patch = { archived: archived ? 1 : 0, updated_at: clock.now().toISOString() };
        await updateTeamRow(trx, id, patch);
        await audit.record(trx, who, {
          action: archived ? "patrol.team.archive" : "patrol.team.unarchive",
          entity: "patrol_team",
          entityId: id,
          communityId: before.community_id,
          before: { archived: before.archived },
          after: { archived: patch.archived },
        });
        return toTeam({ ...before, ...patch });
      });
    },

    /** Who can be assigned to a plan or a team: active accounts of the community that may check in. */
    async officers(scope: Scope, communityId: string) {
      const c = await communityInScope(db, scope, communityId);
      const users = await activeAccountsUnder(db, c.path);
      return users.filter((u) => mayPatrol(u.role)).map((u) => ({ id: u.id, name: u.display_name, role: u.role, scope: u.scope_name }));
    },
  };
}
