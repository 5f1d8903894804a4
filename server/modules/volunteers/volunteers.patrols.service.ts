import type { Kysely } from "kysely";
import {
  type TFinding,
  type TNightPatrol,
  type TNightPatrolCreate,
  type TNightPatrolDetail,
  ZFinding,
  ZNightPatrolCreate,
} from "../../../contracts/volunteers.js";
import type { DB } from "../../db/types.js";
import { localDate } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { actorLabel, bad, json, NIGHT_PATROL, refused, type VolunteerCollaborators, type VolunteerDeps } from "./volunteers.common.js";
import type { RecordsService } from "./volunteers.records.service.js";
import type { RegistryService } from "./volunteers.registry.service.js";
import { type RecordRow, toRecord } from "./volunteers.repo.js";
import { hoursOf } from "./volunteers.stars.rules.js";
import type { VolNightPatrolTable } from "./volunteers.tables.js";

// Night patrols (夜巡): a session of a founded volunteer team, its route (patrol points of the patrol
// module, or free), its participants with their hours (a confirmed service record each: the team
// leader or staff recording it is the organiser) and what was found — each problem opens a hazard
// through safety's hazard service, source night_patrol and sourceRef this session's id. The session
// shows those hazards and their states, read through safety's api.

export type PatrolFilter = { teamId?: string; from?: string; to?: string };

export function createPatrolsService(deps: VolunteerDeps, col: VolunteerCollaborators, registry: RegistryService, records: RecordsService) {
  const { db, audit, clock, config } = deps;
  const dateOf = (iso: string) => localDate(new Date(iso), config.timeZone);

  function patrolsInScope(exec: Kysely<DB>, scope: Scope) {
    return exec
      .selectFrom("vol_night_patrols as n")
      .innerJoin("vol_teams as t", "t.id", "n.team_id")
      .where(inScope(scope, { community: "n.community_id", grid: "n.grid_id" }));
  }

  async function totals(exec: Kysely<DB>, ids: string[]) {
    if (!ids.length) return new Map<string, { n: number; minutes: number }>();
    const rows = await exec
      .selectFrom("vol_records")
      .select((eb) => ["night_patrol_id", eb.fn.countAll().as("n"), eb.fn.sum<number>("minutes").as("m")])
      .where("night_patrol_id", "in", ids)
      .where("state", "!=", "void")
      .groupBy("night_patrol_id")
      .execute();
    return new Map(rows.map((r) => [r.night_patrol_id as string, { n: Number(r.n), minutes: Number(r.m ?? 0) }]));
  }

  const toPatrol = (r: VolNightPatrolTable & { team_name: string }, t?: { n: number; minutes: number }): TNightPatrol => ({
    id: r.id,
    code: r.code,
    communityId: r.community_id,
    teamId: r.team_id,
    teamName: r.team_name,
    gridId: r.grid_id,
    date: r.patrol_date,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    routeKind: r.route_kind,
    route: r.route,
    pointIds: json<string[]>(r.point_ids, []),
    note: r.note,
    participants: t?.n ?? 0,
    hours: hoursOf(t?.minutes ?? 0),
    hazards: Number(r.hazards),
  });

  async function openHazard(trx: Kysely<DB>, who: Who, p: { id: string; patrol_date: string }, f: TFinding) {
    const v = ZFinding.parse(f);
    return col.safety.hazards.create(
      who,
      {
        gridId: v.gridId,
        source: "night_patrol",
        sourceRef: p.id,
        kind: v.kind,
        place: v.place,
        description: v.description,
        risk: v.risk,
        foundOn: p.patrol_date,
      },
      trx,
    );
  }

  async function get(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<TNightPatrolDetail> {
    const r = await patrolsInScope(exec, scope).selectAll("n").select("t.name as team_name").where("n.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(NIGHT_PATROL);
    const recs = await exec
      .selectFrom("vol_records as r")
      .innerJoin("vol_volunteers as v", "v.id", "r.volunteer_id")
      .innerJoin("people as p", "p.id", "v.person_id")
      .selectAll("r")
      .select("p.name")
      .where("r.night_patrol_id", "=", id)
      .orderBy("r.sign_in_at")
      .execute();
    const hz = await col.safety.hazards.bySourceRef(scope, "night_patrol", [id], exec);
    return {
      ...toPatrol(r, (await totals(exec, [id])).get(id)),
      records: recs.map((x) => toRecord(x as RecordRow)),
      hazardList: hz.map((h) => ({ id: h.id, code: h.code, kind: h.kind, place: h.place, description: h.description, status: h.status, risk: h.risk })),
    };
  }

  return {
    get,

    /** Records a night patrol: the session, each participant's confirmed hours, and a hazard per problem found, in one transaction. */
    async create(who: Who, input: TNightPatrolCreate, exec?: Kysely<DB>) {
      const v = ZNightPatrolCreate.parse(input);
      if (v.routeKind === "points" && !v.pointIds.length) throw bad("按巡查点位巡逻须选择点位", "A route along patrol points needs the points");
      // Patrol's api reads through its own connection: before the transaction (on SQLite one inside it would wait forever).
      if (v.routeKind === "points" && col.patrol && v.gridId) {
        const pts = await col.patrol.pointsInGrid(who.scope, v.gridId, exec);
        const known = new Set(pts.map((p: { id: string }) => p.id));
        if (v.pointIds.some((p) => !known.has(p))) throw bad("所选点位不是该网格的巡查点位", "A point chosen is not a patrol point of the grid");
      }
      return inTx(db, exec, async (trx) => {
        const team = await registry.teamRow(trx, who.scope, v.teamId);
        const startsAt = new Date(v.startsAt).toISOString();
        const endsAt = new Date(v.endsAt).toISOString();
        if (endsAt <= startsAt) throw bad("夜巡结束时间须晚于开始时间", "A night patrol must end after it starts");
        if (endsAt > clock.now().toISOString()) throw bad("夜巡结束时间不能晚于现在", "A night patrol cannot end in the future");
        const date = dateOf(startsAt);
        if (!team.founded_on || team.founded_on > date)
          throw refused({
            zh: `「${team.name}」在${date}尚未组建（成熟即建：须有队长和足够队员）`,
            en: `"${team.name}" was not yet founded on ${date} (a leader and enough members are needed)`,
          });
        if (v.gridId) {
          const g = await trx.selectFrom("regions").select(["id", "community_id"]).where("id", "=", v.gridId).executeTakeFirst();
          if (!g || g.community_id !== team.community_id) throw errors.notFound({ zh: "网格", en: "Grid" });
        }
        const members = await trx
          .selectFrom("vol_team_members")
          .select(["volunteer_id"])
          .where("team_id", "=", team.id)
          .where("joined_on", "<=", date)
          .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">", date)]))
          .execute();
        const inTeam = new Set(members.map((m) => m.volunteer_id));
        if (new Set(v.participantIds).size !== v.participantIds.length) throw bad("参加人员有重复", "A participant is listed twice");
        for (const pid of v.participantIds)
          if (!inTeam.has(pid)) throw refused({ zh: "参加人员须是当日在队的队员", en: "Participants must be members of the team on the day" });
        const n = Number(
          (
            await trx
              .selectFrom("vol_night_patrols")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("community_id", "=", team.community_id)
              .where("patrol_date", "=", date)
              .executeTakeFirst()
          )?.n ?? 0,
        );
        const row: VolNightPatrolTable = {
          id: uuidv7(clock.now().getTime()),
          code: `YX${date.replace(/-/g, "")}-${String(n + 1).padStart(2, "0")}`,
          community_id: team.community_id,
          grid_id: v.gridId ?? null,
          team_id: team.id,
          patrol_date: date,
          patrol_month: date.slice(0, 7),
          starts_at: startsAt,
          ends_at: endsAt,
          route_kind: v.routeKind,
          route: v.route ?? null,
          point_ids: JSON.stringify(v.pointIds),
          note: v.note ?? null,
          hazards: v.findings.length,
          created_by: actorLabel(who),
          created_at: clock.now().toISOString(),
        };
        await trx.insertInto("vol_night_patrols").values(row).execute();
        for (const pid of v.participantIds)
          await records.create(
            who,
            { volunteerId: pid, kind: "night_patrol", title: `夜巡 ${row.code}`, signInAt: startsAt, signOutAt: endsAt },
            { nightPatrolId: row.id, teamId: team.id, method: "leader", confirm: true },
            trx,
          );
        const hazardIds: string[] = [];
        for (const f of v.findings) hazardIds.push((await openHazard(trx, who, row, f)).id);
        await audit.record(trx, who, {
          action: "volunteers.night_patrol.create",
          entity: "vol_night_patrol",
          entityId: row.id,
          communityId: row.community_id,
          after: { ...row, participants: v.participantIds.length, hazardIds },
        });
        return { id: row.id, hazardIds };
      });
    },

    /** A problem found later on the same patrol: one more hazard with this session as its source. */
    async addFinding(who: Who, id: string, f: TFinding) {
      return inTx(db, null, async (trx) => {
        const r = await patrolsInScope(trx, who.scope).selectAll("n").where("n.id", "=", id).executeTakeFirst();
        if (!r) throw errors.notFound(NIGHT_PATROL);
        const h = await openHazard(trx, who, r, f);
        await trx
          .updateTable("vol_night_patrols")
          .set({ hazards: r.hazards + 1 })
          .where("id", "=", id)
          .execute();
        await audit.record(trx, who, {
          action: "volunteers.night_patrol.finding",
          entity: "vol_night_patrol",
          entityId: id,
          communityId: r.community_id,
          after: { hazardId: h.id },
        });
        return h;
      });
    },

    async list(scope: Scope, f: PatrolFilter & { page: number; pageSize: number }) {
      let q = patrolsInScope(db, scope);
      if (f.teamId) q = q.where("n.team_id", "=", f.teamId);
      if (f.from) q = q.where("n.patrol_date", ">=", f.from);
      if (f.to) q = q.where("n.patrol_date", "<=", f.to);
      const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await q
        .selectAll("n")
        .select("t.name as team_name")
        .orderBy("n.starts_at", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const t = await totals(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => toPatrol(r, t.get(r.id))), total, page: f.page, pageSize: f.pageSize };
    },
  };
}
export type PatrolsService = ReturnType<typeof createPatrolsService>;
