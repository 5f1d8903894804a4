import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZTeam, ZTeamCreate, ZTeamUpdate } from "../../../contracts/patrol.js";
import { authed, withZod } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import { ZIdParam as id } from "./patrol.common.js";
import type { TeamsService } from "./patrol.teams.service.js";

export function registerTeamRoutes(app: FastifyInstance, teams: TeamsService) {
  const r = withZod(app);
  const tags = ["patrol"];
  r.get(
    "/api/patrol/teams",
    { config: { permission: "patrol.read" }, schema: { operationId: "listPatrolTeams", tags, response: { 200: z.array(ZTeam) } } },
    async (req) => teams.listTeams(authed(req).scope),
  );
  r.post(
    "/api/patrol/teams",
    { config: { permission: "patrol.admin" }, schema: { operationId: "createPatrolTeam", tags, body: ZTeamCreate, response: { 201: ZTeam } } },
    async (req, reply) => reply.status(201).send(await teams.createTeam(whoOf(req), req.body)),
  );
  r.patch(
    "/api/patrol/teams/:id",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "updatePatrolTeam",
        tags,
        summary: "修改巡查队伍（名称、力量、所属组织、队员）Change a patrol team",
        params: id,
        body: ZTeamUpdate,
        response: { 200: ZTeam },
      },
    },
    async (req) => teams.updateTeam(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/patrol/teams/:id/archive",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "archivePatrolTeam",
        tags,
        summary: "归档巡查队伍（仍有执行中的计划时不可归档）Archive a team",
        params: id,
        response: { 200: ZTeam },
      },
    },
    async (req) => teams.setTeamArchived(whoOf(req), req.params.id, true),
  );
  r.post(
    "/api/patrol/teams/:id/unarchive",
    {
      config: { permission: "patrol.admin" },
      schema: { operationId: "unarchivePatrolTeam", tags, summary: "恢复已归档的巡查队伍 Bring an archived team back", params: id, response: { 200: ZTeam } },
    },
    async (req) => teams.setTeamArchived(whoOf(req), req.params.id, false),
  );

  /** Who can be assigned to a plan or a team: active accounts of the community that may check in. */
  r.get(
    "/api/patrol/officers",
    {
      config: { permission: "patrol.admin" },
      schema: {
        operationId: "listPatrolOfficers",
        tags,
        summary: "可指派的巡查人员（本社区可打卡的账号）People a plan can be assigned to",
        querystring: z.object({ communityId: z.string().min(1).max(64) }),
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), scope: z.string() })) },
      },
    },
    async (req) => teams.officers(authed(req).scope, req.query.communityId),
  );
}
