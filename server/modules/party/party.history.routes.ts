import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { TImportReport } from "../../../contracts/platform.js";
import { type ImportCtx, importRoutes, ZImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, sendFile, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import type { Ex } from "./party.common.js";
import {
  applicantsTemplate,
  electionsTemplate,
  importApplicants,
  importElections,
  importPartyOrgs,
  importPartyPosts,
  partyOrgColumns,
  partyOrgsTemplate,
  partyPostColumns,
  partyPostsTemplate,
} from "./party.history.io.js";
import type { PartyServices } from "./party.services.js";

const tags = ["party"];

/**
 * Bringing the party's history in (and out) as XLSX: organisations, committee posts, elections,
 * applicants with their steps. Each import has its template, is all or nothing with a row report
 * (dryRun=1 only checks), and reads the same file twice without change.
 */
export function registerPartyHistoryRoutes(app: FastifyInstance, services: PartyServices, db: Ex) {
  const r = withZod(app);
  const { orgs } = services;
  const registers = [
    { path: "orgs", op: "PartyOrgs", zh: "党组织", en: "party organisations", file: "party-orgs", template: partyOrgsTemplate },
    { path: "posts", op: "PartyPosts", zh: "班子成员（任职）", en: "committee posts", file: "party-posts", template: partyPostsTemplate },
    { path: "elections", op: "PartyElections", zh: "换届、补选、任免", en: "elections", file: "party-elections", template: electionsTemplate },
    {
      path: "applicants",
      op: "PartyApplicants",
      zh: "发展党员及各步骤日期",
      en: "applicants with their steps",
      file: "party-applicants",
      template: applicantsTemplate,
    },
  ] as const;
  const importRoute = <Q extends typeof ZImportQuery>(
    g: (typeof registers)[number],
    query: Q,
    run: (ctx: ImportCtx<z.infer<Q>, unknown>) => Promise<TImportReport>,
  ) =>
    importRoutes(app, {
      path: `/api/party/${g.path}/import`,
      permission: "party.write",
      operationId: `import${g.op}`,
      tags,
      summary: `导入${g.zh} XLSX（全部成功或全部不导入，逐行报告；dryRun=1 只检查）Import ${g.en}, all or nothing`,
      query,
      template: {
        operationId: `import${g.op}Template`,
        summary: `${g.zh}导入模板 XLSX`,
        filename: (lang) => (lang === "en" ? `${g.file}-template.xlsx` : `${g.zh}导入模板.xlsx`),
        build: (lang) => g.template(lang === "en"),
      },
      run,
    });
  importRoute(registers[0], ZImportQuery.extend({ communityId: z.string().min(1).optional() }), ({ req, who, query, file, opts }) =>
    importPartyOrgs(db, services, who, query.communityId ?? authed(req).scope.communityId ?? "", file.buf, opts),
  );
  importRoute(registers[1], ZImportQuery, ({ who, file, opts }) => importPartyPosts(db, services, who, file.buf, opts));
  importRoute(registers[2], ZImportQuery, ({ who, file, opts }) => importElections(db, services, who, file.buf, opts));
  importRoute(registers[3], ZImportQuery, ({ who, file, opts }) => importApplicants(db, services, who, file.buf, opts));

  r.get(
    "/api/party/orgs/export",
    { config: { permission: "party.export" }, schema: { operationId: "exportPartyOrgs", tags, summary: "导出党组织 XLSX" } },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = await orgs.list(authed(req).scope);
      const buf = await toXlsx(en ? "Party organisations" : "党组织", partyOrgColumns(en, rows), rows);
      return sendFile(reply, `party-orgs-${orgs.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.get(
    "/api/party/posts/export",
    { config: { permission: "party.export" }, schema: { operationId: "exportPartyPosts", tags, summary: "导出班子成员任职记录 XLSX（身份证号脱敏）" } },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = await orgs.postExportRows(whoOf(req));
      const buf = await toXlsx(en ? "Committee posts" : "班子成员", partyPostColumns(en), rows);
      return sendFile(reply, `party-posts-${orgs.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
}
