import type { Kysely } from "kysely";
import { z } from "zod";
import { ROLES } from "../../contracts/roles.js";
import { arg, hot } from "../db/hot.js";
import type { DB } from "../db/types.js";
import type { Clock } from "./clock.js";
import { errors } from "./errors.js";

/**
 * Every [B]/[U] rule of DOMAIN.md is a setting with a default, never a constant in code.
 * A setting may be overridden for a region subtree (a subdistrict or a community).
 */
export type SettingDef<T = unknown> = {
  key: string;
  schema: z.ZodType<T>;
  default: T;
  label: { zh: string; en: string };
  /** Only the security administrator may change it. */
  security?: boolean;
  /** May be overridden per subdistrict/community. */
  regional?: boolean;
};

const registry = new Map<string, SettingDef>();

export function defineSetting<T>(def: SettingDef<T>): SettingDef<T> {
  registry.set(def.key, def as SettingDef);
  return def;
}

export function settingDefs(): SettingDef[] {
  return [...registry.values()];
}

/** The roles that must use two-factor sign-in whatever the setting says (三员). */
export const TWO_FACTOR_ALWAYS = ["sysadmin", "secadmin", "auditor"] as const;

export const SECURITY = {
  passwordMinLength: defineSetting({
    key: "security.password_min_length",
    schema: z.number().int().min(8).max(64),
    default: 8,
    label: { zh: "密码最短长度", en: "Minimum password length" },
    security: true,
  }),
  lockThreshold: defineSetting({
    key: "security.lock_threshold",
    schema: z.number().int().min(3).max(20),
    default: 5,
    label: { zh: "连续登录失败锁定次数", en: "Failed logins before lock" },
    security: true,
  }),
  lockMinutes: defineSetting({
    key: "security.lock_minutes",
    schema: z.number().int().min(1).max(1440),
    default: 30,
    label: { zh: "锁定时长（分钟）", en: "Lock duration (minutes)" },
    security: true,
  }),
  idleMinutes: defineSetting({
    key: "security.idle_minutes",
    schema: z.number().int().min(5).max(240),
    default: 30,
    label: { zh: "会话空闲超时（分钟）", en: "Session idle timeout (minutes)" },
    security: true,
  }),
  passwordMaxAgeDays: defineSetting({
    key: "security.password_max_age_days",
    schema: z.number().int().min(0).max(3650),
    default: 90,
    label: { zh: "密码更换提醒周期（天）", en: "Password change prompt after (days)" },
    security: true,
  }),
  /**
   * Roles whose accounts must sign in with a second factor (TOTP); 系统管理员, 安全管理员 and 审计员
   * always among them. Other accounts may enrol of their own accord.
   */
  twoFactorRoles: defineSetting({
    key: "security.two_factor_roles",
    schema: z
      .array(z.enum(ROLES))
      .refine((v) => TWO_FACTOR_ALWAYS.every((r) => v.includes(r)), {
        message: "系统管理员、安全管理员、审计员必须两步验证 sysadmin, secadmin and auditor always need two-factor sign-in",
      })
      .transform((v) => [...new Set(v)]),
    default: ["sysadmin", "secadmin", "auditor"],
    label: { zh: "须两步验证（TOTP）的角色", en: "Roles that must sign in with two-factor (TOTP)" },
    security: true,
  }),
  /** Off only in the demo (its passwords are published); a real deployment keeps it on. */
  twoFactorEnforced: defineSetting({
    key: "security.two_factor_enforced",
    schema: z.boolean(),
    default: true,
    label: { zh: "强制两步验证（关闭仅限演示）", en: "Enforce two-factor sign-in (off only for the demo)" },
    security: true,
  }),
  maxSessions: defineSetting({
    key: "security.max_sessions",
    schema: z.number().int().min(1).max(20),
    default: 5,
    label: { zh: "每个账号同时在线会话数上限", en: "Concurrent sessions per account" },
    security: true,
  }),
};

export const FILES = {
  maxMb: defineSetting({
    key: "files.max_mb",
    schema: z.number().min(0.1).max(100),
    default: 10,
    label: { zh: "附件大小上限（MB）", en: "Attachment size limit (MB)" },
  }),
};

export type Settings = ReturnType<typeof createSettings>;

const SETTING_ROWS = hot((db) => db.selectFrom("settings").select(["region_id", "value"]).where("key", "=", arg(0)));

/**
 * A setting's value for a region path: the override of the deepest region on the path, else the
 * global value, else the default. Read through the given executor (inside a transaction on SQLite,
 * pass the transaction: the pool's single connection is held by it).
 */
export async function settingFrom<T>(exec: Kysely<DB>, def: SettingDef<T>, regionPath?: string): Promise<T> {
  const rows = await SETTING_ROWS.rows(exec, [def.key]);
  if (rows.length === 0) return def.default;
  let best: { depth: number; value: string } | null = null;
  const ids = regionPath ? regionPath.split("/").filter(Boolean) : [];
  for (const r of rows) {
    const depth = r.region_id === "" ? 0 : ids.indexOf(r.region_id) + 1;
    if (r.region_id !== "" && depth === 0) continue;
    if (!best || depth > best.depth) best = { depth, value: r.value };
  }
  return parseSetting(def, best?.value);
}

/** A stored value (JSON text) of a setting, or its default when there is none or it no longer fits. */
export function parseSetting<T>(def: SettingDef<T>, stored: string | null | undefined): T {
  if (stored === null || stored === undefined) return def.default;
  const parsed = def.schema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : def.default;
}

export function createSettings(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db } = deps;
  return {
    /**
     * Value for a region path ("/a/b/c/"): the most specific override on the path, else the default.
     * Inside a transaction pass it as `exec`: on SQLite a read through `db` would wait for the
     * transaction's own connection.
     */
    async get<T>(def: SettingDef<T>, regionPath?: string, exec: Kysely<DB> = db): Promise<T> {
      return settingFrom(exec, def, regionPath);
    },
    async list(regionId = "") {
      const rows = await db.selectFrom("settings").selectAll().where("region_id", "=", regionId).execute();
      const byKey = new Map(rows.map((r) => [r.key, r]));
      return settingDefs().map((d) => {
        const row = byKey.get(d.key);
        return {
          key: d.key,
          label: d.label,
          default: d.default,
          value: row ? JSON.parse(row.value) : d.default,
          overridden: !!row,
          security: !!d.security,
          regional: !!d.regional,
          updatedAt: row?.updated_at ?? null,
        };
      });
    },
    def(key: string): SettingDef {
      const d = registry.get(key);
      if (!d) throw errors.notFound({ zh: `设置项 ${key}`, en: `Setting ${key}` });
      return d;
    },
    async put(trx: Kysely<DB>, key: string, regionId: string, value: unknown, userId: string) {
      const d = this.def(key);
      const parsed = d.schema.safeParse(value);
      if (!parsed.success)
        throw errors.badRequest(`设置项 ${key} 的值无效：${parsed.error.issues[0]?.message}`, `Invalid value for ${key}: ${parsed.error.issues[0]?.message}`);
      if (regionId !== "" && !d.regional) throw errors.badRequest(`设置项 ${key} 不能按地区覆盖`, `Setting ${key} cannot be overridden per region`);
      const before = await trx.selectFrom("settings").select("value").where("key", "=", key).where("region_id", "=", regionId).executeTakeFirst();
      const row = { key, region_id: regionId, value: JSON.stringify(parsed.data), updated_at: deps.clock.now().toISOString(), updated_by: userId };
      if (before) await trx.updateTable("settings").set(row).where("key", "=", key).where("region_id", "=", regionId).execute();
      else await trx.insertInto("settings").values(row).execute();
      return { before: before ? JSON.parse(before.value) : d.default, after: parsed.data };
    },
  };
}

/**
 * Settings read once per key and region path, for bulk work that changes none (the demo, an
 * import): a setting read is a query, and they ask the same ones thousands of times.
 */
export function memoisedSettings(s: Settings): Settings {
  const cache = new Map<string, Promise<unknown>>();
  return {
    ...s,
    get<T>(def: SettingDef<T>, regionPath?: string, exec?: Kysely<DB>): Promise<T> {
      const k = `${def.key}|${regionPath ?? ""}`;
      let v = cache.get(k);
      if (!v) {
        v = s.get(def, regionPath, exec);
        cache.set(k, v);
        // A failed read is not remembered.
        v.catch(() => cache.delete(k));
      }
      return v as Promise<T>;
    },
  };
}
