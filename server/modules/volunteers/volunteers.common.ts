import type { Kysely } from "kysely";
import { z } from "zod";
import type { Config } from "../../config.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate } from "../../platform/dates.js";
import { AppError, errors, type Msg } from "../../platform/errors.js";
import type { Settings } from "../../platform/settings.js";
import type { Who } from "../../platform/who.js";
import type { ActivitiesApi } from "../activities/activities.api.js";
import type { PatrolApi } from "../patrol/patrol.api.js";
import type { SafetyApi } from "../safety/safety.api.js";
import "./volunteers.tables.js";

export type VolunteerDeps = { db: Kysely<DB>; audit: Audit; clock: Clock; config: Config; settings: Settings };
export type VolunteerCollaborators = { safety: SafetyApi; activities: ActivitiesApi; patrol?: PatrolApi };

export const VOLUNTEER: Msg = { zh: "志愿者", en: "Volunteer" };
export const TEAM: Msg = { zh: "志愿服务队", en: "Volunteer team" };
export const RECORD: Msg = { zh: "服务记录", en: "Service record" };
export const NIGHT_PATROL: Msg = { zh: "夜巡", en: "Night patrol" };
export const ZIdParam = z.object({ id: z.string().min(1).max(64) });

export const refused = (m: Msg) => new AppError(409, "RULE", m);
export const bad = (zh: string, en: string) => errors.badRequest(zh, en);
export const actorLabel = (who: Who) => who.user?.displayName ?? who.user?.username ?? "系统";

export function json<T>(v: string | null | undefined, fallback: T): T {
  if (!v) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

export const todayFn = (deps: Pick<VolunteerDeps, "clock" | "config">) => () => localDate(deps.clock.now(), deps.config.timeZone);
