import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import { inScope, type Scope } from "../../platform/scope.js";
import type { AppealsApi } from "../appeals/appeals.api.js";
import type { PartyApi } from "../party/party.api.js";
import type { SafetyApi } from "../safety/safety.api.js";
import type { Module } from "../types.js";
import type { ActivitiesApi, ActivityRef } from "./activities.api.js";
import { ACTIVITY_SETTINGS, checkinRefusal } from "./activities.common.js";
import { seedActivities } from "./activities.demo.js";
import { registerActivityFigures } from "./activities.figures.js";
import { registerActivityMapLayers } from "./activities.map.js";
import { registerActivitiesPersonalData } from "./activities.personal.js";
import { registerActivityRoutes } from "./activities.routes.js";
import { createActivitiesServices } from "./activities.services.js";

const REF_COLS = ["id", "community_id", "title", "type_code", "type_class", "starts_at", "ends_at", "start_date", "status", "attendance"] as const;
const toRef = (r: Record<(typeof REF_COLS)[number], any>): ActivityRef => ({
  id: r.id,
  communityId: r.community_id,
  title: r.title,
  typeCode: r.type_code,
  typeClass: r.type_class,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  startDate: r.start_date,
  status: r.status,
  attendance: Number(r.attendance),
});

function activitiesApi(deps: Deps): ActivitiesApi {
  const { db } = deps;
  const scoped = (scope: Scope, exec: Kysely<DB> = db) =>
    exec
      .selectFrom("act_activities")
      .select([...REF_COLS])
      .where(inScope(scope, { community: "community_id" }));
  return {
    async activityById(scope, id, exec) {
      const r = await scoped(scope, exec).where("id", "=", id).executeTakeFirst();
      return r ? toRef(r) : null;
    },
    async teaTalks(communityId, year) {
      const rows = await db
        .selectFrom("act_activities")
        .select([...REF_COLS])
        .where("community_id", "=", communityId)
        .where("type_class", "=", "tea_talk")
        .where("status", "=", "held")
        .where("start_date", ">=", `${year}-01-01`)
        .where("start_date", "<=", `${year}-12-31`)
        .orderBy("starts_at")
        .execute();
      return rows.map(toRef);
    },
    async activitiesBetween(scope, from, to) {
      const rows = await scoped(scope).where("start_date", ">=", from).where("start_date", "<=", to).orderBy("starts_at").limit(1000).execute();
      return rows.map(toRef);
    },
    async checkinByCode(scope, id, k, exec) {
      const r = await (exec ?? db)
        .selectFrom("act_activities")
        .select([...REF_COLS, "checkin_code"])
        .where(inScope(scope, { community: "community_id" }))
        .where("id", "=", id)
        .executeTakeFirst();
      if (!r) throw errors.notFound({ zh: "活动", en: "Activity" });
      const w = await deps.settings.get(ACTIVITY_SETTINGS.checkinWindow, "", exec);
      const refusal = checkinRefusal(r, k, w, deps.clock.now().getTime());
      if (refusal) throw refusal;
      return toRef(r);
    },
    async attendanceOf(scope, id) {
      const r = await scoped(scope).where("id", "=", id).executeTakeFirst();
      return r ? Number(r.attendance) : null;
    },
  };
}

/** 活动与阵地: venues and their self-inspections, activities with sign-up, QR check-in and attendance, series, partners. */
export function createActivitiesModule(deps: Deps, collaborators: { safety: SafetyApi; appeals: AppealsApi; party?: PartyApi }): Module<ActivitiesApi> {
  const services = createActivitiesServices(deps, collaborators);
  return {
    name: "activities",
    api: activitiesApi(deps),
    register: (app) => {
      registerActivitiesPersonalData(deps.personalData);
      registerActivityRoutes(app, deps, services);
      registerActivityFigures(deps.figures, deps.config.timeZone, deps.clock);
      registerActivityMapLayers(deps.mapLayers, deps.config.timeZone);
    },
    seedDemo: (ctx) => seedActivities(services, deps, ctx),
  };
}
