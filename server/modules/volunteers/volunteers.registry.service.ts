import type { Kysely } from "kysely";
import type { z } from "zod";
import { maskName } from "../../../contracts/mask.js";
import {
  type TTeam,
  type TVolunteer,
  type TVolunteerCreate,
  VOLUNTEER_STATES,
  ZMemberAdd,
  ZTeamCreate,
  ZVolunteerCreate,
  ZVolunteerPatch,
} from "../../../contracts/volunteers.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope, inScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { bad, refused, TEAM, todayFn, VOLUNTEER, type VolunteerDeps } from "./volunteers.common.js";
import { communityPath, levelsOn, toVolunteer, VOLUNTEER_COLS, type VolunteerRow, volunteerRow, volunteersInScope } from "./volunteers.repo.js";
import { VOLUNTEER_SETTINGS } from "./volunteers.settings.js";
import { foundedOn } from "./volunteers.stars.rules.js";
import type { VolTeamTable, VolVolunteerTable } from "./volunteers.tables.js";

// The volunteer registry (linked to the people registry, masked) and the teams (志愿服务队) with
// their members; a team is founded (成熟即建) on the first date it has its leader and N members.

export type VolunteerFilter = { q?: string; state?: string; star?: number; teamId?: string; on?: string };

export function createRegistryService(deps: VolunteerDeps) {
  const { db, audit, clock, settings } = deps;
  const today = todayFn(deps);

  function filtered(exec: Kysely<DB>, scope: Scope, f: VolunteerFilter, on: string) {
    let q = volunteersInScope(exec, scope);
    if (f.state) q = q.where("v.state", "=", f.state);
    if (f.q) q = q.where((eb) => eb.or([eb("p.name", "like", `%${f.q}%`), eb("v.code", "like", `%${f.q}%`)]));
    if (f.teamId) {
      const teamId = f.teamId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("vol_team_members as tm")
            .select("tm.id")
            .whereRef("tm.volunteer_id", "=", "v.id")
            .where("tm.team_id", "=", teamId)
            .where("tm.left_on", "is", null),
        ),
      );
    }
    if (f.star !== undefined) {
      // Driven from the star dates (an index on level and date), not a level worked out per volunteer.
      const star = f.star;
      const reached = (level: number) =>
        exec
          .selectFrom("vol_star_levels as s")
          .select("s.volunteer_id")
          .where(inScope(scope, { community: "s.community_id", grid: "s.grid_id" }))
          .where("s.level", "=", level)
          .where("s.reached_on", "<=", on);
      if (star > 0) q = q.where("v.id", "in", reached(star)).where("v.id", "not in", reached(star + 1));
      else q = q.where("v.id", "not in", reached(1));
    }
    return q;
  }

  return {
    today,

    async create(who: Who, input: TVolunteerCreate, exec?: Kysely<DB>) {
      const v = ZVolunteerCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        const p = await trx
          .selectFrom("people as p")
          .select(["p.id", "p.name", "p.community_id", "p.grid_id"])
          .where(inScope(who.scope, { community: "p.community_id", grid: "p.grid_id" }))
          .where("p.id", "=", v.personId)
          .executeTakeFirst();
        if (!p) throw errors.notFound({ zh: "居民", en: "Person" });
        if (v.joinedOn > today()) throw bad("注册日期不能晚于今天", "The joining date cannot be in the future");
        const dup = await trx
          .selectFrom("vol_volunteers")
          .select("code")
          .where("person_id", "=", p.id)
          .where("community_id", "=", p.community_id)
          .executeTakeFirst();
        if (dup) throw errors.conflict(`该居民已登记为志愿者（${dup.code}）`, `This person is already a volunteer (${dup.code})`);
        const n = Number(
          (
            await trx
              .selectFrom("vol_volunteers")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("community_id", "=", p.community_id)
              .executeTakeFirst()
          )?.n ?? 0,
        );
        const now = clock.now().toISOString();
        const row: VolVolunteerTable = {
          id: uuidv7(clock.now().getTime()),
          code: `ZY${String(n + 1).padStart(5, "0")}`,
          community_id: p.community_id,
          grid_id: p.grid_id,
          person_id: p.id,
          user_id: v.userId ?? null,
          skills: JSON.stringify(v.skills),
          availability: v.availability ?? null,
          joined_on: v.joinedOn,
          state: "active",
          left_on: null,
          minutes_total: 0,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("vol_volunteers").values(row).execute();
        await audit.record(trx, who, {
          action: "volunteers.create",
          entity: "volunteer",
          entityId: row.id,
          communityId: row.community_id,
          after: { ...row, person: maskName(p.name) },
        });
        return row.id;
      });
    },

    async update(who: Who, id: string, input: z.input<typeof ZVolunteerPatch>) {
      const v = ZVolunteerPatch.parse(input);
      return inTx(db, null, async (trx) => {
        const r = await volunteerRow(trx, who.scope, id);
        if (!r) throw errors.notFound(VOLUNTEER);
        const patch: Partial<VolVolunteerTable> = { updated_at: clock.now().toISOString() };
        if (v.skills) patch.skills = JSON.stringify(v.skills);
        if (v.availability !== undefined) patch.availability = v.availability ?? null;
        if (v.userId !== undefined) patch.user_id = v.userId ?? null;
        if (v.state && (VOLUNTEER_STATES as readonly string[]).includes(v.state)) {
          patch.state = v.state;
          patch.left_on = v.state === "left" ? today() : null;
        }
        await trx.updateTable("vol_volunteers").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, { action: "volunteers.update", entity: "volunteer", entityId: id, communityId: r.community_id, after: patch });
      });
    },

    async get(scope: Scope, id: string, on = today(), exec: Kysely<DB> = db): Promise<TVolunteer> {
      const r = await volunteerRow(exec, scope, id);
      if (!r) throw errors.notFound(VOLUNTEER);
      return toVolunteer(r, (await levelsOn(exec, [id], on)).get(id) ?? 0);
    },

    async byUser(userId: string, exec: Kysely<DB> = db) {
      return exec.selectFrom("vol_volunteers").select(["id", "community_id"]).where("user_id", "=", userId).where("state", "!=", "left").executeTakeFirst();
    },

    async list(scope: Scope, f: VolunteerFilter & { page: number; pageSize: number }) {
      const on = f.on ?? today();
      const base = filtered(db, scope, f, on);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = (await base
        .select(VOLUNTEER_COLS)
        .orderBy("v.code")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute()) as VolunteerRow[];
      const lv = await levelsOn(
        db,
        rows.map((r) => r.id),
        on,
      );
      return { items: rows.map((r) => toVolunteer(r, lv.get(r.id) ?? 0)), total, page: f.page, pageSize: f.pageSize };
    },

    async all(scope: Scope, f: VolunteerFilter) {
      const on = f.on ?? today();
      const rows = (await filtered(db, scope, f, on).select(VOLUNTEER_COLS).orderBy("v.code").limit(100_000).execute()) as VolunteerRow[];
      const lv = await levelsOn(
        db,
        rows.map((r) => r.id),
        on,
      );
      return rows.map((r) => ({ ...toVolunteer(r, lv.get(r.id) ?? 0), raw: r }));
    },

    // ---- teams
    async createTeam(who: Who, input: z.input<typeof ZTeamCreate>, exec?: Kysely<DB>) {
      const v = ZTeamCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        const c = await communityInScope(trx, who.scope, v.communityId);
        const ids = [v.leaderId, ...v.memberIds.filter((m) => m !== v.leaderId)];
        const found = await trx
          .selectFrom("vol_volunteers")
          .select(["id", "state", "joined_on"])
          .where("id", "in", ids)
          .where("community_id", "=", c.id)
          .execute();
        if (found.length !== ids.length) throw errors.notFound(VOLUNTEER);
        if (found.some((f) => f.state === "left")) throw refused({ zh: "已退出的志愿者不能加入队伍", en: "A volunteer who has left cannot join a team" });
        if (found.some((f) => f.joined_on > v.startedOn))
          throw bad("队员须在入队日期前已注册为志愿者", "Members must have joined as volunteers before joining the team");
        if (await trx.selectFrom("vol_teams").select("id").where("community_id", "=", c.id).where("name", "=", v.name).executeTakeFirst())
          throw errors.conflict(`已有同名队伍「${v.name}」`, `A team named "${v.name}" exists`);
        if (v.orgId) {
          const o = await trx.selectFrom("organisations").select("community_id").where("id", "=", v.orgId).executeTakeFirst();
          if (!o || o.community_id !== c.id) throw errors.notFound({ zh: "组织", en: "Organisation" });
        }
        const now = clock.now().toISOString();
        const team: VolTeamTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: c.id,
          name: v.name,
          org_id: v.orgId ?? null,
          leader_id: v.leaderId,
          founded_on: null,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("vol_teams").values(team).execute();
        for (const vid of ids)
          await trx
            .insertInto("vol_team_members")
            .values({
              id: uuidv7(clock.now().getTime()),
              team_id: team.id,
              volunteer_id: vid,
              role: vid === v.leaderId ? "leader" : "member",
              joined_on: v.startedOn,
              left_on: null,
            })
            .execute();
        await refreshFounded(trx, team.id);
        await audit.record(trx, who, {
          action: "volunteers.team.create",
          entity: "vol_team",
          entityId: team.id,
          communityId: c.id,
          after: { ...team, members: ids.length },
        });
        return team.id;
      });
    },

    async addMember(who: Who, teamId: string, input: z.input<typeof ZMemberAdd>, exec?: Kysely<DB>) {
      const v = ZMemberAdd.parse(input);
      return inTx(db, exec, async (trx) => {
        const t = await teamRow(trx, who.scope, teamId);
        const vol = await trx
          .selectFrom("vol_volunteers")
          .select(["id", "state", "community_id", "joined_on"])
          .where("id", "=", v.volunteerId)
          .executeTakeFirst();
        if (!vol || vol.community_id !== t.community_id) throw errors.notFound(VOLUNTEER);
        if (vol.state === "left") throw refused({ zh: "已退出的志愿者不能加入队伍", en: "A volunteer who has left cannot join a team" });
        if (vol.joined_on > v.joinedOn) throw bad("队员须在入队日期前已注册为志愿者", "Members must have joined as volunteers before joining the team");
        const on = await trx
          .selectFrom("vol_team_members")
          .select("id")
          .where("team_id", "=", teamId)
          .where("volunteer_id", "=", v.volunteerId)
          .where("left_on", "is", null)
          .executeTakeFirst();
        if (on) throw errors.conflict("该志愿者已是队员", "This volunteer is already a member");
        await trx
          .insertInto("vol_team_members")
          .values({ id: uuidv7(clock.now().getTime()), team_id: teamId, volunteer_id: v.volunteerId, role: "member", joined_on: v.joinedOn, left_on: null })
          .execute();
        await refreshFounded(trx, teamId);
        await audit.record(trx, who, { action: "volunteers.team.join", entity: "vol_team", entityId: teamId, communityId: t.community_id, after: v });
      });
    },

    async leaveMember(who: Who, teamId: string, volunteerId: string, leftOn: string) {
      return inTx(db, null, async (trx) => {
        const t = await teamRow(trx, who.scope, teamId);
        if (volunteerId === t.leader_id) throw refused({ zh: "队长不能直接退出，请先更换队长", en: "The leader cannot leave; appoint another leader first" });
        const m = await trx
          .selectFrom("vol_team_members")
          .select(["id", "joined_on"])
          .where("team_id", "=", teamId)
          .where("volunteer_id", "=", volunteerId)
          .where("left_on", "is", null)
          .executeTakeFirst();
        if (!m) throw errors.notFound({ zh: "队员", en: "Member" });
        if (leftOn < m.joined_on) throw bad("离队日期不能早于入队日期", "Leaving cannot precede joining");
        await trx.updateTable("vol_team_members").set({ left_on: leftOn }).where("id", "=", m.id).execute();
        await audit.record(trx, who, {
          action: "volunteers.team.leave",
          entity: "vol_team",
          entityId: teamId,
          communityId: t.community_id,
          after: { volunteerId, leftOn },
        });
      });
    },

    async team(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<TTeam> {
      const t = await teamRow(exec, scope, id);
      return (await teamsOf(exec, [t]))[0];
    },

    async teams(scope: Scope) {
      const rows = await db
        .selectFrom("vol_teams as t")
        .selectAll("t")
        .where(inScope(scope, { community: "t.community_id" }))
        .orderBy("t.name")
        .execute();
      return teamsOf(db, rows);
    },

    teamRow: (exec: Kysely<DB>, scope: Scope, id: string) => teamRow(exec, scope, id),
  };

  async function teamRow(exec: Kysely<DB>, scope: Scope, id: string) {
    const t = await exec
      .selectFrom("vol_teams as t")
      .selectAll("t")
      .where(inScope(scope, { community: "t.community_id" }))
      .where("t.id", "=", id)
      .executeTakeFirst();
    if (!t) throw errors.notFound(TEAM);
    return t;
  }

  /** 成熟即建: the founding date from the memberships (kept once set: a team founded stays founded). */
  async function refreshFounded(trx: Kysely<DB>, teamId: string) {
    const t = await trx.selectFrom("vol_teams").selectAll().where("id", "=", teamId).executeTakeFirstOrThrow();
    if (t.founded_on) return;
    const min = await settings.get(VOLUNTEER_SETTINGS.teamMinMembers, await communityPath(trx, t.community_id), trx);
    const ms = await trx.selectFrom("vol_team_members").select(["volunteer_id", "joined_on", "left_on", "role"]).where("team_id", "=", teamId).execute();
    const leader = ms.find((m) => m.role === "leader");
    if (!leader) return;
    const on = foundedOn(
      leader.joined_on,
      ms.map((m) => ({ joinedOn: m.joined_on, leftOn: m.left_on, leader: m.role === "leader" })),
      min,
    );
    if (on) await trx.updateTable("vol_teams").set({ founded_on: on, updated_at: clock.now().toISOString() }).where("id", "=", teamId).execute();
  }

  async function teamsOf(exec: Kysely<DB>, rows: VolTeamTable[]): Promise<TTeam[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const members = await exec
      .selectFrom("vol_team_members as m")
      .innerJoin("vol_volunteers as v", "v.id", "m.volunteer_id")
      .innerJoin("people as p", "p.id", "v.person_id")
      .select(["m.id", "m.team_id", "m.volunteer_id", "m.role", "m.joined_on", "m.left_on", "p.name"])
      .where("m.team_id", "in", ids)
      .orderBy("m.joined_on")
      .execute();
    const orgIds = rows.map((r) => r.org_id).filter((x): x is string => !!x);
    const orgs = orgIds.length ? await exec.selectFrom("organisations").select(["id", "name"]).where("id", "in", orgIds).execute() : [];
    return rows.map((t) => {
      const ms = members.filter((m) => m.team_id === t.id);
      return {
        id: t.id,
        communityId: t.community_id,
        name: t.name,
        orgId: t.org_id,
        orgName: orgs.find((o) => o.id === t.org_id)?.name ?? null,
        leaderId: t.leader_id,
        leaderName: maskName(ms.find((m) => m.volunteer_id === t.leader_id)?.name) ?? "",
        foundedOn: t.founded_on,
        members: ms.map((m) => ({
          id: m.id,
          volunteerId: m.volunteer_id,
          name: maskName(m.name) ?? "",
          role: m.role,
          joinedOn: m.joined_on,
          leftOn: m.left_on,
        })),
      };
    });
  }
}
export type RegistryService = ReturnType<typeof createRegistryService>;
