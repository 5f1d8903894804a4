import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { ZDate, ZFigure } from "../../contracts/platform.js";
import { can } from "../../contracts/roles.js";
import { localDate } from "./dates.js";
import { errors } from "./errors.js";
import { type FigureDef, type FigureQuery, scopeLevelOf } from "./figures.js";
import { authed, type Deps, withZod } from "./http.js";
import { scopeOf } from "./scope.js";

const ZQuery = z.object({ region: z.string().optional(), from: ZDate.optional(), to: ZDate.optional() });

export function registerFigureRoutes(app: FastifyInstance, deps: Deps) {
  const { db, figures, figureValues, clock, config } = deps;
  const r = withZod(app);
  const tags = ["figures"];

  /** Region defaults to the caller's current scope; one outside it is not found. Period defaults to this year. */
  async function query(req: FastifyRequest, q: z.infer<typeof ZQuery>, filters: Record<string, string> = {}): Promise<FigureQuery & { regionName: string }> {
    const ctx = authed(req);
    let scope = ctx.scope;
    if (q.region && q.region !== scope.regionId) {
      const s = await scopeOf(db, q.region);
      if (!s?.path.startsWith(ctx.scope.path)) throw errors.notFound({ zh: "地区", en: "Region" });
      scope = s;
    }
    const year = localDate(clock.now(), config.timeZone).slice(0, 4);
    const from = q.from ?? `${year}-01-01`;
    const to = q.to ?? `${year}-12-31`;
    if (from > to) throw errors.badRequest("开始日期不能晚于结束日期", "from must not be after to");
    const reg = await db.selectFrom("regions").select("name").where("id", "=", scope.regionId).executeTakeFirst();
    return { scope, from, to, filters, regionName: reg?.name ?? "" };
  }

  function figureOr404(key: string): FigureDef {
    const f = figures.get(key);
    if (!f) throw errors.notFound({ zh: `指标 ${key}`, en: `Figure ${key}` });
    return f;
  }

  const describe = (f: FigureDef, value: number, lang: "zh" | "en") => ({
    key: f.key,
    module: f.module,
    value,
    unit: f.unit,
    label: f.label[lang],
    definition: f.definition[lang],
    dimensions: Object.entries(f.dimensions ?? {}).map(([key, d]) => ({ key, label: d.label[lang] })),
    scopeLevel: scopeLevelOf(f),
  });

  r.get(
    "/api/figures",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "listFigures",
        tags,
        summary: "全部指标（数据范围、期间）Every registered figure for a region and period",
        querystring: ZQuery.extend({ module: z.string().max(40).optional(), keys: z.string().max(2000).optional() }),
        response: {
          200: z.object({ items: z.array(ZFigure), region: z.object({ id: z.string(), name: z.string() }), from: z.string(), to: z.string() }),
        },
      },
    },
    async (req) => {
      const q = await query(req, req.query);
      const keys = req.query.keys ? new Set(req.query.keys.split(",")) : null;
      const defs = figures.all().filter((f) => (!req.query.module || f.module === req.query.module) && (!keys || keys.has(f.key)));
      // Each value kept per data version (figure-values.ts): read the version once for all of them.
      const at = await figureValues.version();
      const items = [];
      for (const f of defs) items.push(describe(f, await figureValues.value(f, q, at), req.ctx.lang));
      return { items, region: { id: q.scope.regionId, name: q.regionName }, from: q.from, to: q.to };
    },
  );

  r.get(
    "/api/figures/:key",
    {
      config: { permission: "figures.read" },
      schema: { operationId: "getFigure", tags, params: z.object({ key: z.string().max(80) }), querystring: ZQuery, response: { 200: ZFigure } },
    },
    async (req) => {
      const f = figureOr404(req.params.key);
      return describe(f, await figureValues.value(f, await query(req, req.query)), req.ctx.lang);
    },
  );

  r.get(
    "/api/figures/:key/groups",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "figureGroups",
        tags,
        summary: "指标分组（下钻）A figure broken down by one dimension",
        params: z.object({ key: z.string().max(80) }),
        querystring: ZQuery.extend({ by: z.string().max(40) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ key: z.string(), label: z.string(), value: z.number(), numerator: z.number().optional(), denominator: z.number().optional() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const f = figureOr404(req.params.key);
      const d = f.dimensions?.[req.query.by];
      if (!d) throw errors.badRequest(`指标 ${f.key} 不能按 ${req.query.by} 分组`, `Figure ${f.key} has no dimension ${req.query.by}`);
      return { items: await figureValues.groups(f, req.query.by, await query(req, req.query), req.ctx.lang) };
    },
  );

  r.get(
    "/api/figures/:key/records",
    {
      config: { permission: "figures.read" },
      schema: {
        operationId: "figureRecords",
        tags,
        summary: "指标明细记录 The records behind a figure (filters as f.<dimension>=<key>)",
        params: z.object({ key: z.string().max(80) }),
        querystring: ZQuery.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }).catchall(z.string()),
        response: {
          200: z.object({
            columns: z.array(z.object({ key: z.string(), label: z.string() })),
            rows: z.array(z.record(z.string(), z.unknown())),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const f = figureOr404(req.params.key);
      if (f.recordsPermission && !can(authed(req).user.role, f.recordsPermission)) throw errors.forbidden();
      const filters: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.query)) {
        if (!k.startsWith("f.")) continue;
        const dim = k.slice(2);
        if (!f.dimensions?.[dim]) throw errors.badRequest(`指标 ${f.key} 没有维度 ${dim}`, `Figure ${f.key} has no dimension ${dim}`);
        filters[dim] = String(v);
      }
      const q = await query(req, req.query, filters);
      const page = { page: req.query.page as number, pageSize: req.query.pageSize as number };
      const res = await f.records(db, q, page);
      const lang = req.ctx.lang;
      return { columns: res.columns.map((c) => ({ key: c.key, label: c.label[lang] })), rows: res.rows, total: res.total, ...page };
    },
  );
}
