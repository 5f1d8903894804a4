import type { FastifyInstance } from "fastify";
import { ZCompare, ZCompareQuery, ZLayout, ZLayoutAnswer } from "../../../contracts/alerts.js";
import { localDate } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { authed, type Deps, withZod } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import type { createCompareService } from "./alerts.compare.js";
import type { LayoutsService } from "./alerts.layouts.js";

export function registerAlertRoutes(
  app: FastifyInstance,
  deps: Pick<Deps, "db" | "clock" | "config">,
  services: { layouts: LayoutsService; compare: ReturnType<typeof createCompareService> },
) {
  const r = withZod(app);
  const tags = ["workbench"];

  r.get(
    "/api/workbench/layout",
    {
      config: { permission: "dashboard.view" },
      schema: {
        operationId: "getWorkbenchLayout",
        tags,
        summary: "我的工作台布局（置顶、排序、隐藏；已不存在的指标列于 skipped）My workbench layout",
        response: { 200: ZLayoutAnswer },
      },
    },
    async (req) => services.layouts.get(authed(req).user.id),
  );
  r.put(
    "/api/workbench/layout",
    {
      config: { permission: "dashboard.view" },
      schema: { operationId: "saveWorkbenchLayout", tags, summary: "保存我的工作台布局 Save my layout", body: ZLayout, response: { 200: ZLayoutAnswer } },
    },
    async (req) => services.layouts.save(authed(req).user.id, req.body),
  );
  r.delete(
    "/api/workbench/layout",
    {
      config: { permission: "dashboard.view" },
      schema: { operationId: "resetWorkbenchLayout", tags, summary: "恢复默认布局 Back to the default layout", response: { 200: ZLayoutAnswer } },
    },
    async (req) => services.layouts.reset(authed(req).user.id),
  );

  r.get(
    "/api/workbench/compare",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "compareCommunities",
        tags,
        summary: "社区对比：街道（区）内各社区的指标并列 Communities side by side",
        querystring: ZCompareQuery,
        response: { 200: ZCompare },
      },
    },
    async (req) => {
      const ctx = authed(req);
      let scope = ctx.scope;
      if (req.query.region && req.query.region !== scope.regionId) {
        const s = await scopeOf(deps.db, req.query.region);
        if (!s?.path.startsWith(ctx.scope.path)) throw errors.notFound({ zh: "地区", en: "Region" });
        scope = s;
      }
      const year = localDate(deps.clock.now(), deps.config.timeZone).slice(0, 4);
      const from = req.query.from ?? `${year}-01-01`;
      const to = req.query.to ?? `${year}-12-31`;
      if (from > to) throw errors.badRequest("开始日期不能晚于结束日期", "from must not be after to");
      const keys = req.query.keys
        ? req.query.keys
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : undefined;
      return services.compare.compare(scope, { from, to, keys }, ctx.lang);
    },
  );
}
