import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ORG_KIND_EN, ORG_KINDS, ZOrg, ZOrgCreate, ZOrgUpdate } from "../../../contracts/platform.js";
import { importRoutes, ZImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { localDate } from "../dates.js";
import { authed, type Deps, sendFile, withZod } from "../http.js";
import { whoOf } from "../who.js";
import { importOrganisations, organisationsTemplate } from "./organisations.io.js";
import { createOrganisationsService } from "./organisations.service.js";

const ZOrgQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(40).optional(),
  kind: z.enum(ORG_KINDS).optional(),
  communityId: z.string().optional(),
  archived: z.enum(["0", "1"]).optional(),
});

export function registerOrganisationRoutes(app: FastifyInstance, deps: Deps) {
  const svc = createOrganisationsService({ ...deps, timeZone: deps.config.timeZone });
  const r = withZod(app);
  const tags = ["organisations"];
  const id = z.object({ id: z.string() });
  r.get(
    "/api/organisations",
    {
      config: { permission: "orgs.read" },
      schema: {
        operationId: "listOrganisations",
        tags,
        querystring: ZOrgQuery,
        response: { 200: z.object({ items: z.array(ZOrg), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => svc.list(authed(req).scope, req.query),
  );
  importRoutes(app, {
    path: "/api/organisations/import",
    permission: "orgs.write",
    operationId: "importOrganisations",
    tags,
    summary: "导入组织 XLSX（全部成功或全部不导入，dryRun=1 只检查）Import organisations, all or nothing",
    query: ZImportQuery.extend({ communityId: z.string().min(1) }),
    template: {
      operationId: "organisationsImportTemplate",
      summary: "组织导入模板 XLSX template for the organisations import",
      filename: (lang) => (lang === "en" ? "organisations-template.xlsx" : "组织导入模板.xlsx"),
      build: (lang) => organisationsTemplate(lang === "en"),
    },
    run: ({ who, query, file, opts }) => importOrganisations(deps.db, svc, who, query.communityId, file.buf, opts),
  });
  r.get(
    "/api/organisations/export",
    { config: { permission: "orgs.read" }, schema: { operationId: "exportOrganisations", tags, querystring: ZOrgQuery } },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = await svc.exportRows(whoOf(req), req.query);
      const buf = await toXlsx(
        en ? "Organisations" : "组织",
        [
          { header: en ? "Name" : "名称", key: "name", width: 30 },
          { header: en ? "Kind" : "类型", key: "kind", value: (o) => (en ? ((ORG_KIND_EN as Record<string, string>)[o.kind] ?? o.kind) : o.kind) },
          { header: en ? "Community" : "社区", key: "communityName" },
          { header: en ? "Grid" : "网格", key: "gridName" },
          { header: en ? "Founded" : "成立日期", key: "foundedOn", width: 12 },
          { header: en ? "Address" : "地址", key: "address", width: 30 },
          { header: en ? "Contact" : "联系人", key: "contactName" },
          { header: en ? "Phone" : "联系电话", key: "contactPhone", width: 14 },
        ],
        rows,
      );
      return sendFile(reply, `organisations-${localDate(deps.clock.now(), deps.config.timeZone)}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/organisations/:id",
    { config: { permission: "orgs.read" }, schema: { operationId: "getOrganisation", tags, params: id, response: { 200: ZOrg } } },
    async (req) => svc.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/organisations",
    { config: { permission: "orgs.write" }, schema: { operationId: "createOrganisation", tags, body: ZOrgCreate, response: { 201: ZOrg } } },
    async (req, reply) => reply.status(201).send(await svc.create(whoOf(req), req.body)),
  );
  r.patch(
    "/api/organisations/:id",
    { config: { permission: "orgs.write" }, schema: { operationId: "updateOrganisation", tags, params: id, body: ZOrgUpdate, response: { 200: ZOrg } } },
    async (req) => svc.update(whoOf(req), req.params.id, req.body),
  );
}
