import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZPartyOrg, ZPartyOrgCreate, ZPartyOrgUpdate, ZPostCreate } from "../../../contracts/party.js";
import { ZDate } from "../../../contracts/platform.js";
import { errors } from "../../platform/errors.js";
import { authed, withZod, ZOk } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import type { PartyServices } from "./party.services.js";

const tags = ["party"];
const id = z.object({ id: z.string() });
const created = z.object({ id: z.string() });

/** Party organisations and the posts of their committees. */
export function registerPartyOrgRoutes(app: FastifyInstance, { orgs }: Pick<PartyServices, "orgs">) {
  const r = withZod(app);
  r.get(
    "/api/party/orgs",
    {
      config: { permission: "party.read" },
      schema: { operationId: "listPartyOrgs", tags, summary: "党组织树（含班子、预警）Party organisations", response: { 200: z.array(ZPartyOrg) } },
    },
    async (req) => orgs.list(authed(req).scope),
  );
  r.post(
    "/api/party/orgs",
    { config: { permission: "party.write" }, schema: { operationId: "createPartyOrg", tags, body: ZPartyOrgCreate, response: { 201: created } } },
    async (req, reply) => reply.status(201).send({ id: await orgs.create(whoOf(req), req.body) }),
  );
  r.patch(
    "/api/party/orgs/:id",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "updatePartyOrg",
        tags,
        summary: "修改党组织（层级、类型、上级、所在单位、任期）Edit a party organisation",
        params: id,
        body: ZPartyOrgUpdate,
        response: { 200: ZPartyOrg },
      },
    },
    async (req) => {
      await orgs.update(whoOf(req), req.params.id, req.body);
      const o = (await orgs.list(authed(req).scope)).find((x) => x.id === req.params.id);
      if (!o) throw errors.notFound({ zh: "党组织", en: "Party organisation" });
      return o;
    },
  );
  r.post(
    "/api/party/posts",
    {
      config: { permission: "party.write" },
      schema: { operationId: "createPartyPost", tags, summary: "任职 Appoint to a committee post", body: ZPostCreate, response: { 201: created } },
    },
    async (req, reply) => reply.status(201).send({ id: await orgs.addPost(whoOf(req), req.body) }),
  );
  r.post(
    "/api/party/posts/:id/certify",
    {
      config: { permission: "party.write" },
      schema: {
        operationId: "certifyPartyPost",
        tags,
        summary: "登记持证（支部工作资格证）Record the post holder's certificate",
        params: id,
        body: z.object({ on: ZDate }),
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await orgs.certifyPost(whoOf(req), req.params.id, req.body.on);
      return { ok: true as const };
    },
  );
  r.post(
    "/api/party/posts/:id/end",
    { config: { permission: "party.write" }, schema: { operationId: "endPartyPost", tags, params: id, body: z.object({ on: ZDate }), response: { 200: ZOk } } },
    async (req) => {
      await orgs.endPost(whoOf(req), req.params.id, req.body.on);
      return { ok: true as const };
    },
  );
}
