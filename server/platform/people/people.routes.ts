import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { PERSON_KIND_LABELS, ZPerson, ZPersonCreate, ZPersonQuery, ZPersonUpdate, ZReveal } from "../../../contracts/platform.js";
import { can } from "../../../contracts/roles.js";
import { importRoutes, ZImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { localDate } from "../dates.js";
import { authed, type Deps, sendFile, withZod } from "../http.js";
import { whoOf } from "../who.js";
import { importPeople, peopleTemplate } from "./people.io.js";
import { createPeopleService } from "./people.service.js";

export function registerPeopleRoutes(app: FastifyInstance, deps: Deps) {
  const svc = createPeopleService({ ...deps, timeZone: deps.config.timeZone });
  const r = withZod(app);
  const tags = ["people"];
  const id = z.object({ id: z.string() });

  r.get(
    "/api/people",
    {
      config: { permission: "people.read" },
      schema: {
        operationId: "listPeople",
        tags,
        summary: "实有人口列表（脱敏）People registry, masked",
        querystring: ZPersonQuery,
        response: { 200: z.object({ items: z.array(ZPerson), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => svc.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/people/export",
    {
      config: { permission: "people.export" },
      schema: {
        operationId: "exportPeople",
        tags,
        summary: "导出 XLSX（脱敏，除非有查看权限并选择显示）Export XLSX",
        querystring: ZPersonQuery.extend({ reveal: z.enum(["0", "1"]).default("0") }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const reveal = req.query.reveal === "1" && can(ctx.user.role, "people.reveal");
      const rows = await svc.exportRows(whoOf(req), req.query, reveal);
      const en = ctx.lang === "en";
      const buf = await toXlsx(
        en ? "People" : "实有人口",
        [
          { header: en ? "Name" : "姓名", key: "name" },
          { header: en ? "Gender" : "性别", key: "gender", value: (p) => (p.gender === "M" ? (en ? "M" : "男") : en ? "F" : "女") },
          { header: en ? "Birth date" : "出生日期", key: "birthDate", width: 12 },
          { header: en ? "ID number" : "身份证号", key: "idNumber", width: 22 },
          { header: en ? "Phone" : "手机号", key: "phone", width: 14 },
          { header: en ? "Address" : "住址", key: "address", width: 30 },
          { header: en ? "Community" : "社区", key: "communityName" },
          { header: en ? "Grid" : "网格", key: "gridName" },
          { header: en ? "Kind" : "人口类型", key: "kind", value: (p) => PERSON_KIND_LABELS[p.kind as keyof typeof PERSON_KIND_LABELS][ctx.lang] },
          { header: en ? "Tags" : "标签", key: "tags", width: 24 },
        ],
        rows,
      );
      return sendFile(reply, `people-${localDate(deps.clock.now(), deps.config.timeZone)}.xlsx`, XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/people/import",
    permission: "people.write",
    operationId: "importPeople",
    tags,
    summary: "导入实有人口 XLSX（全部成功或全部不导入，dryRun=1 只检查）Import people, all or nothing",
    query: ZImportQuery.extend({ communityId: z.string().min(1) }),
    template: {
      operationId: "peopleImportTemplate",
      summary: "实有人口导入模板 XLSX template for the people import",
      filename: (lang) => (lang === "en" ? "people-template.xlsx" : "实有人口导入模板.xlsx"),
      build: (lang) => peopleTemplate(lang === "en"),
    },
    run: ({ who, query, file, opts }) => importPeople(deps.db, svc, who, query.communityId, file.buf, opts),
  });
  r.get(
    "/api/people/:id",
    { config: { permission: "people.read" }, schema: { operationId: "getPerson", tags, params: id, response: { 200: ZPerson } } },
    async (req) => svc.get(authed(req).scope, req.params.id),
  );
  r.post(
    "/api/people",
    { config: { permission: "people.write" }, schema: { operationId: "createPerson", tags, body: ZPersonCreate, response: { 201: ZPerson } } },
    async (req, reply) => {
      const newId = await svc.create(whoOf(req), req.body);
      return reply.status(201).send(await svc.get(authed(req).scope, newId));
    },
  );
  r.patch(
    "/api/people/:id",
    { config: { permission: "people.write" }, schema: { operationId: "updatePerson", tags, params: id, body: ZPersonUpdate, response: { 200: ZPerson } } },
    async (req) => svc.update(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/people/:id/reveal",
    {
      config: { permission: "people.reveal", rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        operationId: "revealPerson",
        tags,
        summary: "查看完整个人信息（留痕）Reveal one full value (audited)",
        params: id,
        body: ZReveal,
        response: { 200: z.object({ field: z.string(), value: z.string().nullable() }) },
      },
    },
    async (req) => svc.reveal(whoOf(req), req.params.id, req.body.field, req.body.reason),
  );
}
