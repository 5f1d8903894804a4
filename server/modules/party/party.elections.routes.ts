import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZBoardCreate, ZBoardEnd, ZBoardMember, ZElection, ZElectionCreate, ZElectionQuery } from "../../../contracts/party.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { authed, sendFile, withZod, ZOk } from "../../platform/http.js";
import { voidRoutes } from "../../platform/voiding.js";
import { whoOf } from "../../platform/who.js";
import { electionColumns } from "./party.io.js";
import type { PartyServices } from "./party.services.js";

const tags = ["party"];
const id = z.object({ id: z.string() });
const created = z.object({ id: z.string() });
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** Elections (换届, 补选, 任免) and the boards of joint-stock cooperatives. */
export function registerPartyElectionRoutes(app: FastifyInstance, { elections, boards, orgs }: Pick<PartyServices, "elections" | "boards" | "orgs">) {
  const r = withZod(app);
  r.get(
    "/api/party/elections",
    {
      config: { permission: "party.read" },
      schema: { operationId: "listPartyElections", tags, querystring: ZElectionQuery, response: { 200: page(ZElection) } },
    },
    async (req) => elections.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/party/elections/export",
    {
      config: { permission: "party.export" },
      schema: {
        operationId: "exportPartyElections",
        tags,
        summary: "导出换届、补选、任免记录 XLSX",
        querystring: ZElectionQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const en = req.ctx.lang === "en";
      const rows = await elections.exportRows(whoOf(req), req.query);
      const buf = await toXlsx(en ? "Elections" : "换届补选任免", electionColumns(en), rows);
      return sendFile(reply, `party-elections-${orgs.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.post(
    "/api/party/elections",
    {
      config: { permission: "party.write" },
      schema: { operationId: "createPartyElection", tags, summary: "换届、补选、任免", body: ZElectionCreate, response: { 201: created } },
    },
    async (req, reply) => reply.status(201).send({ id: await elections.create(whoOf(req), req.body) }),
  );
  voidRoutes(app, {
    path: "/api/party/elections/:id",
    permission: "party.admin",
    tags,
    op: "PartyElection",
    what: { zh: "选举/任免记录", en: "election" },
    void: elections.voidElection,
    restore: elections.restoreElection,
  });
  r.get(
    "/api/party/boards",
    {
      config: { permission: "party.read" },
      schema: { operationId: "listCompanyBoards", tags, summary: "股份合作公司董事会（含党内职务）", response: { 200: z.array(ZBoardMember) } },
    },
    async (req) => boards.list(authed(req).scope),
  );
  r.post(
    "/api/party/boards",
    { config: { permission: "party.write" }, schema: { operationId: "createBoardMember", tags, body: ZBoardCreate, response: { 201: created } } },
    async (req, reply) => reply.status(201).send({ id: await boards.add(whoOf(req), req.body) }),
  );
  r.post(
    "/api/party/boards/:id/end",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "endBoardMember",
        tags,
        summary: "董事会、监事会成员离任 End a board membership",
        params: id,
        body: ZBoardEnd,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await boards.end(whoOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
}
