import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { can } from "../../contracts/roles.js";
import { errors } from "./errors.js";
import { authed, type Deps, withZod } from "./http.js";
import { whoOf } from "./who.js";

export function registerSettingsRoutes(app: FastifyInstance, deps: Deps) {
  const { db, settings, audit } = deps;
  const r = withZod(app);
  const tags = ["settings"];
  r.get(
    "/api/settings",
    {
      config: { permission: "settings.read" },
      schema: { operationId: "listSettings", tags, summary: "设置项 Settings", querystring: z.object({ regionId: z.string().optional() }) },
    },
    async (req) => {
      const ctx = authed(req);
      const regionId = req.query.regionId ?? "";
      if (regionId) {
        const reg = await db.selectFrom("regions").select("path").where("id", "=", regionId).executeTakeFirst();
        if (!reg?.path.startsWith(ctx.scope.path)) throw errors.notFound({ zh: "地区", en: "Region" });
      }
      return { items: await settings.list(regionId) };
    },
  );
  r.put(
    "/api/settings/:key",
    {
      // Writing needs settings.write, or security.manage for the security settings: checked below.
      config: { permission: "settings.read" },
      schema: {
        operationId: "putSetting",
        tags,
        summary: "修改设置 Change a setting",
        params: z.object({ key: z.string().min(1).max(100) }),
        body: z.object({ value: z.unknown(), regionId: z.string().optional() }),
      },
    },
    async (req) => {
      const ctx = authed(req);
      const def = settings.def(req.params.key);
      const needed = def.security ? "security.manage" : "settings.write";
      if (!can(ctx.user.role, needed)) throw errors.forbidden();
      const regionId = req.body.regionId ?? "";
      if (regionId) {
        const reg = await db.selectFrom("regions").select("path").where("id", "=", regionId).executeTakeFirst();
        if (!reg?.path.startsWith(ctx.scope.path)) throw errors.notFound({ zh: "地区", en: "Region" });
      } else if (ctx.scope.path.split("/").filter(Boolean).length > 1) {
        throw errors.badRequest(
          "只有全区范围的管理员可以修改默认值；请选择要覆盖的地区",
          "Only a deployment-wide administrator changes defaults; choose a region to override",
        );
      }
      const res = await db.transaction().execute(async (trx) => {
        const change = await settings.put(trx, def.key, regionId, req.body.value, ctx.user.id);
        await audit.record(trx, whoOf(req), {
          action: "setting.update",
          entity: "setting",
          entityId: `${def.key}@${regionId || "default"}`,
          before: change.before,
          after: change.after,
        });
        return change;
      });
      return { key: def.key, regionId, value: res.after };
    },
  );
}
