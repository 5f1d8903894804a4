import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { regionById, type Scope } from "../../platform/scope.js";
import { defineSetting, type SettingDef, settingFrom } from "../../platform/settings.js";
import type { Who } from "../../platform/who.js";
import "./safety.tables.js";

// [B] rules of DOMAIN.md §4 are settings, with these defaults.
export const SAFETY_SETTINGS = {
  deadlineDays: defineSetting({
    key: "safety.hazard_deadline_days",
    schema: z.object({
      low: z.number().int().min(1).max(365),
      medium: z.number().int().min(1).max(365),
      high: z.number().int().min(1).max(365),
      major: z.number().int().min(1).max(365),
    }),
    default: { low: 15, medium: 7, high: 3, major: 1 },
    label: { zh: "隐患整改期限（天，按风险等级）", en: "Hazard rectification deadline (days, by risk level)" },
    regional: true,
  }),
  settleDays: defineSetting({
    key: "safety.dispute_settle_days",
    schema: z.number().int().min(1).max(365),
    default: 30,
    label: { zh: "矛盾纠纷调解办结目标（天）", en: "Dispute settlement target (days)" },
    regional: true,
  }),
  inspectionInterval: defineSetting({
    key: "safety.inspection_interval_days",
    schema: z.object({
      shop: z.number().int().min(1),
      rental: z.number().int().min(1),
      three_small: z.number().int().min(1),
      construction: z.number().int().min(1),
      venue: z.number().int().min(1),
      school: z.number().int().min(1),
    }),
    default: { shop: 30, rental: 60, three_small: 14, construction: 7, venue: 30, school: 30 },
    label: { zh: "安全检查周期（天，按场所类型）", en: "Inspection interval (days, by place kind)" },
    regional: true,
  }),
};

/** 人民调解: judicial confirmation is applied for jointly within 30 days of the agreement [A]. */
export const JUDICIAL_CONFIRM_DAYS = 30;
/** 劳动争议调解仲裁法 art. 14: no agreement within 15 days of the application → arbitration [A]. */
export const LABOR_MEDIATION_DAYS = 15;

export function json<T>(v: string | null | undefined, fallback: T): T {
  if (!v) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/** A grid in the caller's scope; a grid worker only in their own grid. Returns the grid and its community. */
export async function gridInScope(db: Kysely<DB>, scope: Scope, gridId: string) {
  const g = await db.selectFrom("regions").select(["id", "name", "path", "level", "community_id"]).where("id", "=", gridId).executeTakeFirst();
  if (g?.level !== "grid" || !g.community_id || !g.path.startsWith(scope.path))
    throw errors.badRequest("所选网格不存在或不在您的数据范围内", "The grid chosen does not exist or lies outside your data scope");
  return { id: g.id, name: g.name, communityId: g.community_id };
}

/** The grids of the caller's scope (a register names them by name). */
export const gridsIn = (db: Kysely<DB>, scope: Scope) =>
  db.selectFrom("regions").select(["id", "name", "path"]).where("level", "=", "grid").where("path", "like", `${scope.path}%`).execute();

export function notFuture(date: string, today: string, zh: string, en: string) {
  if (date > today) throw errors.badRequest(`${zh}不能晚于今天`, `${en} cannot be in the future`);
}

export const actorLabel = (who: Who) => who.user?.displayName ?? who.user?.username ?? "系统";

/** A setting's value for a region (by id), read through the given executor (a transaction, on SQLite). */
export async function settingIn<T>(exec: Kysely<DB>, def: SettingDef<T>, regionId: string): Promise<T> {
  const region = await regionById(exec, regionId);
  return settingFrom(exec, def, region?.path ?? "");
}
