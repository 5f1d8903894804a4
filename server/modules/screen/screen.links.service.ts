// Signed screen links: a duty room's display opens /screen?t=<secret> with no personal login.
// The secret is 24 random bytes; only its sha256 is stored. A link is valid until it expires or is
// revoked; making, revoking and every refused use are audited, and each screen's opening (its live
// feed connecting) too.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { TScreenLink, TScreenLinkCreate } from "../../../contracts/screen.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { AppError, errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { regionScope } from "../../platform/map-layers.js";
import { type Scope, scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import { actorName } from "../../platform/who.js";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export type LinkDeps = { db: Kysely<DB>; audit: Audit; clock: Clock };

/** Why a link does not open the screen: 401 in both languages, the screen shows it. */
export const LINK_ERRORS = {
  invalid: () =>
    new AppError(401, "SCREEN_LINK_INVALID", { zh: "大屏链接无效，请向社区索取新链接", en: "This screen link is not valid; ask the community for a new one" }),
  revoked: () => new AppError(401, "SCREEN_LINK_REVOKED", { zh: "大屏链接已被撤销", en: "This screen link has been revoked" }),
  expired: () => new AppError(401, "SCREEN_LINK_EXPIRED", { zh: "大屏链接已过期", en: "This screen link has expired" }),
};

const stateOf = (r: { revoked_at: string | null; expires_at: string }, now: string): TScreenLink["state"] =>
  r.revoked_at ? "revoked" : r.expires_at <= now ? "expired" : "active";

export function createScreenLinks(deps: LinkDeps) {
  const { db, audit, clock } = deps;

  const select = () =>
    db
      .selectFrom("screen_links as l")
      .innerJoin("regions as r", "r.id", "l.region_id")
      .select([
        "l.id",
        "l.name",
        "l.region_id",
        "r.name as region_name",
        "r.path as region_path",
        "l.created_by",
        "l.created_at",
        "l.expires_at",
        "l.revoked_at",
        "l.revoked_by",
        "l.last_used_at",
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirstOrThrow"]>>;
  const out = (r: Row, now: string): TScreenLink => ({
    id: r.id,
    name: r.name,
    regionId: r.region_id,
    regionName: r.region_name,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    lastUsedAt: r.last_used_at,
    state: stateOf(r, now),
  });

  async function inScopeOr404(scope: Scope, id: string) {
    const r = await select().where("l.id", "=", id).executeTakeFirst();
    if (!r || !r.region_path.startsWith(scope.path)) throw errors.notFound({ zh: "大屏链接", en: "Screen link" });
    return r;
  }

  return {
    async create(who: Who, input: TScreenLinkCreate) {
      const region = await regionScope(db, who.scope, input.regionId);
      const now = clock.now();
      const token = randomBytes(24).toString("base64url");
      const id = uuidv7(now.getTime());
      const expiresAt = new Date(now.getTime() + input.days * 86_400_000).toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("screen_links")
          .values({
            id,
            community_id: region.communityId,
            region_id: region.regionId,
            name: input.name,
            token_hash: sha256(token),
            created_by: actorName(who),
            created_at: now.toISOString(),
            expires_at: expiresAt,
            revoked_at: null,
            revoked_by: null,
            last_used_at: null,
          })
          .execute();
        await audit.record(trx, who, {
          action: "screen.link_create",
          entity: "screen_link",
          entityId: id,
          communityId: region.communityId,
          after: { name: input.name, regionId: region.regionId, expiresAt },
        });
      });
      const r = await inScopeOr404(who.scope, id);
      return { ...out(r, now.toISOString()), token };
    },

    async list(scope: Scope) {
      const now = clock.now().toISOString();
      const rows = await select().where("r.path", "like", `${scope.path}%`).orderBy("l.created_at", "desc").limit(200).execute();
      return rows.map((r) => out(r, now));
    },

    async revoke(who: Who, id: string) {
      const r = await inScopeOr404(who.scope, id);
      if (r.revoked_at) throw errors.conflict("该链接已撤销", "This link is already revoked");
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("screen_links")
          .set({ revoked_at: now, revoked_by: actorName(who) })
          .where("id", "=", id)
          .execute();
        await audit.record(trx, who, {
          action: "screen.link_revoke",
          entity: "screen_link",
          entityId: id,
          before: { expiresAt: r.expires_at },
          after: { revokedAt: now },
        });
      });
      return out(await inScopeOr404(who.scope, id), now);
    },

    /**
     * The scope a link's secret opens, or a 401 saying why not (audited as a refused access, so a
     * leaked old link trying its luck shows in the log).
     */
    async resolve(token: string, ip: string | null): Promise<{ linkId: string; scope: Scope }> {
      const row = await db
        .selectFrom("screen_links")
        .select(["id", "region_id", "community_id", "expires_at", "revoked_at", "last_used_at"])
        .where("token_hash", "=", sha256(token))
        .executeTakeFirst();
      const now = clock.now();
      const iso = now.toISOString();
      const refuse = async (e: AppError, id: string | null) => {
        await audit.append(db, {
          actorId: null,
          actorName: "screen-link",
          action: "screen.open",
          entity: "screen_link",
          entityId: id,
          communityId: row?.community_id ?? null,
          success: false,
          reason: e.code,
          ip,
        });
        return e;
      };
      if (!row) throw await refuse(LINK_ERRORS.invalid(), null);
      if (row.revoked_at) throw await refuse(LINK_ERRORS.revoked(), row.id);
      if (row.expires_at <= iso) throw await refuse(LINK_ERRORS.expired(), row.id);
      const scope = await scopeOf(db, row.region_id);
      if (!scope) throw await refuse(LINK_ERRORS.invalid(), row.id);
      // Kept to the minute: a screen refreshing every half minute need not write each time.
      if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000)
        await db.updateTable("screen_links").set({ last_used_at: iso }).where("id", "=", row.id).execute();
      return { linkId: row.id, scope };
    },

    /** A screen opened (its live feed connected): one audit entry per opening, not per refresh. */
    async opened(linkId: string, scope: Scope, ip: string | null) {
      await audit.append(db, {
        actorId: null,
        actorName: "screen-link",
        action: "screen.open",
        entity: "screen_link",
        entityId: linkId,
        communityId: scope.communityId,
        success: true,
        ip,
      });
    },
  };
}

export type ScreenLinks = ReturnType<typeof createScreenLinks>;
