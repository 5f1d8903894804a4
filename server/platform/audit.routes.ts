import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZAuditEntry, ZDate } from "../../contracts/platform.js";
import { ilike } from "../db/connect.js";
import { verifyAudit } from "./audit.js";
import { authed, type Deps, withZod } from "./http.js";

// A day, optionally followed by a time (only the day is used); it must exist, or new Date() below throws.
const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/)
  .refine((s) => ZDate.safeParse(s.slice(0, 10)).success, "日期不存在 / no such date");

export function registerAuditRoutes(app: FastifyInstance, deps: Deps) {
  const { db } = deps;
  const r = withZod(app);
  const tags = ["audit"];
  r.get(
    "/api/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        operationId: "searchAudit",
        tags,
        summary: "审计日志检索 Search the audit log",
        querystring: z.object({
          q: z.string().trim().max(80).optional(),
          action: z.string().max(60).optional(),
          entity: z.string().max(40).optional(),
          actor: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          from: ZDay.optional(),
          to: ZDay.optional(),
          success: z.enum(["0", "1"]).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(ZAuditEntry), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const f = req.query;
      const scope = authed(req).scope;
      let q = db.selectFrom("audit_log");
      // An auditor scoped to a subdistrict sees entries of its communities and the entries with no community.
      if (scope.level !== "district")
        q = q.where((eb) =>
          eb.or([eb("community_id", "is", null), eb("community_id", "in", eb.selectFrom("regions").select("id").where("path", "like", `${scope.path}%`))]),
        );
      if (f.action) q = q.where("action", "like", `${f.action}%`);
      if (f.entity) q = q.where("entity", "=", f.entity);
      if (f.entityId) q = q.where("entity_id", "=", f.entityId);
      if (f.actor) q = q.where("actor_name", "=", f.actor);
      if (f.success) q = q.where("success", "=", Number(f.success));
      if (f.from) q = q.where("at", ">=", new Date(`${f.from.slice(0, 10)}T00:00:00+08:00`).toISOString());
      if (f.to) q = q.where("at", "<", new Date(new Date(`${f.to.slice(0, 10)}T00:00:00+08:00`).getTime() + 86_400_000).toISOString());
      if (f.q)
        q = q.where((eb) =>
          eb.or([ilike("action", f.q as string), ilike("actor_name", f.q as string), ilike("reason", f.q as string), ilike("entity_id", f.q as string)]),
        );
      const total = Number((await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await q
        .selectAll()
        .orderBy("seq", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return {
        items: rows.map((r) => ({
          seq: Number(r.seq),
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          before: r.before ? JSON.parse(r.before) : null,
          after: r.after ? JSON.parse(r.after) : null,
          success: !!r.success,
          reason: r.reason,
          ip: r.ip,
          hash: r.hash,
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );
  r.get(
    "/api/audit/verify",
    { config: { permission: "audit.read" }, schema: { operationId: "verifyAudit", tags, summary: "校验哈希链 Verify the hash chain" } },
    async () => verifyAudit(db),
  );
}
