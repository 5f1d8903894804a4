import type { Kysely } from "kysely";
import type { TUser, TUserCreate } from "../../../contracts/platform.js";
import { ROLE_LABELS, ROLE_SCOPE_LEVELS, type Role } from "../../../contracts/roles.js";
import { ilike } from "../../db/connect.js";
import type { DB, UserTable } from "../../db/types.js";
import type { Audit } from "../audit.js";
import type { Clock } from "../clock.js";
import { AppError, errors } from "../errors.js";
import { uuidv7 } from "../ids.js";
import { hashPassword, passwordProblem, unusablePasswordHash } from "../password.js";
import type { Scope } from "../scope.js";
import { SECURITY, type Settings } from "../settings.js";
import { inTx } from "../tx.js";
import { actorId, actorName, type Who } from "../who.js";

const NOT_FOUND = { zh: "账号", en: "Account" };
/** password_changed_at of a password to be changed at next login (after a reset, or none set yet). */
const MUST_CHANGE = "1970-01-01T00:00:00.000Z";
/** 三员分立: these three are created from the command line only, never by one another through the API. */
export const ADMIN_ROLES: Role[] = ["sysadmin", "secadmin", "auditor"];

function toUser(r: any, now: Date): TUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    scopeRegionId: r.scope_region_id,
    scopeName: r.scope_name ?? null,
    phone: r.phone ? `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}` : null,
    disabled: !!r.disabled,
    locked: !!r.locked_until && new Date(r.locked_until) > now,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    mustReset: r.password_changed_at === MUST_CHANGE,
  };
}

const COLS = [
  "u.id",
  "u.username",
  "u.display_name",
  "u.role",
  "u.scope_region_id",
  "u.phone",
  "u.disabled",
  "u.locked_until",
  "u.last_login_at",
  "u.created_at",
  "u.password_changed_at",
  "r.name as scope_name",
] as const;

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; settings: Settings }) {
  const { db, audit, clock, settings } = deps;
  const usersInScope = (exec: Kysely<DB>, scope: Scope) =>
    exec.selectFrom("users as u").innerJoin("regions as r", "r.id", "u.scope_region_id").where("r.path", "like", `${scope.path}%`);

  async function get(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await usersInScope(exec, scope)
      .select([...COLS])
      .where("u.id", "=", id)
      .executeTakeFirst();
    if (!r) throw errors.notFound(NOT_FOUND);
    return toUser(r, clock.now());
  }

  async function checkScope(exec: Kysely<DB>, scope: Scope, role: Role, regionId: string) {
    const reg = await exec.selectFrom("regions").select(["path", "level"]).where("id", "=", regionId).executeTakeFirst();
    if (!reg?.path.startsWith(scope.path)) throw errors.notFound({ zh: "数据范围地区", en: "Scope region" });
    if (!ROLE_SCOPE_LEVELS[role].includes(reg.level))
      throw errors.badRequest(
        `${ROLE_LABELS[role].zh}的数据范围应为：${ROLE_SCOPE_LEVELS[role].map((l) => ({ district: "区", subdistrict: "街道", community: "社区", grid: "网格" })[l]).join("/")}`,
        `A ${ROLE_LABELS[role].en.toLowerCase()}'s scope must be a ${ROLE_SCOPE_LEVELS[role].join(" or ")}`,
      );
  }

  async function checkPassword(pw: string) {
    const problem = passwordProblem(pw, await settings.get(SECURITY.passwordMinLength));
    if (problem) throw new AppError(400, "WEAK_PASSWORD", problem);
  }

  return {
    get,
    async list(scope: Scope, f: { q?: string; role?: string; page: number; pageSize: number }) {
      let q = usersInScope(db, scope);
      if (f.role) q = q.where("u.role", "=", f.role);
      if (f.q) q = q.where((eb) => eb.or([ilike("u.username", f.q as string), ilike("u.display_name", f.q as string)]));
      const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await q
        .select([...COLS])
        .orderBy("u.role")
        .orderBy("u.username")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const now = clock.now();
      return { items: rows.map((r) => toUser(r, now)), total, page: f.page, pageSize: f.pageSize };
    },

    /** Every account in scope with its scope region's code, for the XLSX export; the export is written to the audit log. */
    async exportRows(who: Who) {
      const rows = await usersInScope(db, who.scope)
        .select([...COLS, "r.code as scope_code"])
        .orderBy("u.role")
        .orderBy("u.username")
        .execute();
      await audit.record(db, who, { action: "user.export", entity: "user", after: { rows: rows.length } });
      const now = clock.now();
      return rows.map((r) => ({ ...toUser(r, now), scopeCode: r.scope_code }));
    },
    /** The account of a username, in any scope (usernames are unique), read through `exec`. */
    byUsername: (username: string, exec: Kysely<DB> = db) =>
      exec.selectFrom("users").select(["id", "role", "scope_region_id"]).where("username", "=", username).executeTakeFirst(),
    /** Regions in scope whose code or name is `ref` (at most two: a name two regions share needs the code). */
    regionsNamed: (scope: Scope, ref: string, exec: Kysely<DB> = db) =>
      exec
        .selectFrom("regions")
        .select(["id", "name", "code", "level"])
        .where("path", "like", `${scope.path}%`)
        .where((eb) => eb.or([eb("code", "=", ref), eb("name", "=", ref)]))
        .limit(3)
        .execute(),
    /**
     * Through the API (who.user set) admin roles are refused; the CLI and the demo seed pass system.
     * Without a password (an import: `password` null) the account gets none that works and must be
     * given one by the security administrator's reset, which the user changes at first login.
     */
    async create(who: Who, input: Omit<TUserCreate, "password"> & { password: string | null }, exec?: Kysely<DB>) {
      if (who.user && ADMIN_ROLES.includes(input.role))
        throw errors.badRequest(
          "系统管理员、安全管理员和审计员账号只能通过命令行创建（三员分立）",
          "Administrator, security and auditor accounts are created from the command line only (separation of duties)",
        );
      if (input.password !== null) await checkPassword(input.password);
      const hash = input.password === null ? unusablePasswordHash() : await hashPassword(input.password);
      return inTx(db, exec, async (trx) => {
        await checkScope(trx, who.scope, input.role, input.scopeRegionId);
        const dup = await trx.selectFrom("users").select("id").where("username", "=", input.username).executeTakeFirst();
        if (dup) throw errors.conflict(`用户名 ${input.username} 已存在`, `Username ${input.username} is taken`);
        const now = clock.now().toISOString();
        const row: UserTable = {
          id: uuidv7(),
          username: input.username,
          display_name: input.displayName,
          password_hash: hash,
          role: input.role,
          scope_region_id: input.scopeRegionId,
          person_id: null,
          phone: input.phone ?? null,
          failed_logins: 0,
          locked_until: null,
          // The epoch marks the password as to be changed at next login, as a reset does.
          password_changed_at: input.password === null ? MUST_CHANGE : now,
          last_login_at: null,
          disabled: 0,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("users").values(row).execute();
        const { password_hash, ...safe } = row;
        await audit.record(trx, who, {
          action: "user.create",
          entity: "user",
          entityId: row.id,
          after: safe,
        });
        return get(who.scope, row.id, trx);
      });
    },

    async update(who: Who, id: string, input: { displayName?: string; role?: Role; scopeRegionId?: string; phone?: string | null; disabled?: boolean }) {
      return db.transaction().execute(async (trx) => {
        await get(who.scope, id, trx);
        const before = await trx.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
        if (who.user && (ADMIN_ROLES.includes(before.role as Role) || (input.role && ADMIN_ROLES.includes(input.role))) && before.id !== who.user.id)
          throw errors.badRequest(
            "管理员、安全管理员、审计员账号不能通过界面互相修改（三员分立）",
            "Administrator, security and auditor accounts cannot be changed by one another (separation of duties)",
          );
        if (who.user?.id === id && (input.disabled || (input.role && input.role !== before.role)))
          throw errors.badRequest("不能停用自己或修改自己的角色", "You cannot disable your own account or change your own role");
        const role = (input.role ?? before.role) as Role;
        if (input.role || input.scopeRegionId) await checkScope(trx, who.scope, role, input.scopeRegionId ?? before.scope_region_id);
        const patch: Partial<UserTable> = { updated_at: clock.now().toISOString() };
        if (input.displayName !== undefined) patch.display_name = input.displayName;
        if (input.role !== undefined) patch.role = input.role;
        if (input.scopeRegionId !== undefined) patch.scope_region_id = input.scopeRegionId;
        if (input.phone !== undefined) patch.phone = input.phone;
        if (input.disabled !== undefined && !!input.disabled !== !!before.disabled) {
          patch.disabled = input.disabled ? 1 : 0;
          patch.disabled_at = input.disabled ? (patch.updated_at as string) : null;
        }
        await trx.updateTable("users").set(patch).where("id", "=", id).execute();
        // A changed role, scope or a disabled account ends the user's sessions at once.
        if (input.role || input.scopeRegionId || input.disabled) await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
        const { password_hash, ...safeBefore } = before;
        await audit.record(trx, who, {
          action: "user.update",
          entity: "user",
          entityId: id,
          before: safeBefore,
          after: { ...safeBefore, ...patch },
        });
        return get(who.scope, id, trx);
      });
    },

    async unlock(who: Who, id: string) {
      return db.transaction().execute(async (trx) => {
        await get(who.scope, id, trx);
        await trx.updateTable("users").set({ locked_until: null, failed_logins: 0 }).where("id", "=", id).execute();
        await audit.record(trx, who, { action: "user.unlock", entity: "user", entityId: id });
        return get(who.scope, id, trx);
      });
    },

    /** Sets a temporary password; the user is prompted to change it at next login. */
    async resetPassword(who: Who | null, id: string, password: string, scope?: Scope) {
      await checkPassword(password);
      const hash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        if (who) await get(who.scope, id, trx);
        else if (scope) await get(scope, id, trx);
        await trx
          .updateTable("users")
          .set({ password_hash: hash, password_changed_at: MUST_CHANGE, locked_until: null, failed_logins: 0 })
          .where("id", "=", id)
          .execute();
        await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
        await audit.append(trx, {
          actorId: who ? actorId(who) : null,
          actorName: who ? actorName(who) : "system",
          action: "user.reset_password",
          entity: "user",
          entityId: id,
          ip: who?.ip,
        });
      });
    },
  };
}
