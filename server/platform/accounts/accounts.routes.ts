import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZUser, ZUserCreate, ZUserUpdate } from "../../../contracts/platform.js";
import { ROLES } from "../../../contracts/roles.js";
import { importRoutes } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { localDate } from "../dates.js";
import { authed, type Deps, sendFile, withZod, ZOk } from "../http.js";
import { whoOf } from "../who.js";
import { accountColumns, accountsTemplate, importAccounts } from "./accounts.io.js";
import { createAccountsService } from "./accounts.service.js";

export function registerAccountRoutes(app: FastifyInstance, deps: Deps) {
  const svc = createAccountsService(deps);
  const r = withZod(app);
  const tags = ["accounts"];
  const id = z.object({ id: z.string() });
  r.get(
    "/api/users",
    {
      config: { permission: "accounts.read" },
      schema: {
        operationId: "listUsers",
        tags,
        querystring: z.object({
          q: z.string().trim().max(40).optional(),
          role: z.enum(ROLES).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(ZUser), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => svc.list(authed(req).scope, req.query),
  );
  r.post(
    "/api/users",
    { config: { permission: "accounts.write" }, schema: { operationId: "createUser", tags, body: ZUserCreate, response: { 201: ZUser } } },
    async (req, reply) => reply.status(201).send(await svc.create(whoOf(req), req.body)),
  );
  importRoutes(app, {
    path: "/api/users/import",
    permission: "accounts.write",
    operationId: "importUsers",
    tags,
    summary:
      "导入账号 XLSX（不含密码：每个账号由安全管理员重置密码后首次登录修改；全部成功或全部不导入，dryRun=1 只检查）Import accounts without passwords, all or nothing",
    template: {
      operationId: "usersImportTemplate",
      summary: "账号导入模板 XLSX（不含密码）",
      filename: (lang) => (lang === "en" ? "accounts-template.xlsx" : "账号导入模板.xlsx"),
      build: (lang) => accountsTemplate(lang === "en"),
    },
    run: ({ who, file, opts }) => importAccounts(deps.db, svc, who, file.buf, opts),
  });
  r.get(
    "/api/users/export",
    { config: { permission: "accounts.read" }, schema: { operationId: "exportUsers", tags, summary: "导出账号 XLSX（不含密码，手机号脱敏）" } },
    async (req, reply) => {
      const en = authed(req).lang === "en";
      const rows = await svc.exportRows(whoOf(req));
      const buf = await toXlsx(en ? "Accounts" : "账号", accountColumns(en), rows);
      return sendFile(reply, `accounts-${localDate(deps.clock.now(), deps.config.timeZone)}.xlsx`, XLSX_MIME, buf);
    },
  );
  r.patch(
    "/api/users/:id",
    { config: { permission: "accounts.write" }, schema: { operationId: "updateUser", tags, params: id, body: ZUserUpdate, response: { 200: ZUser } } },
    async (req) => svc.update(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/users/:id/unlock",
    { config: { permission: "security.manage" }, schema: { operationId: "unlockUser", tags, params: id, response: { 200: ZUser } } },
    async (req) => svc.unlock(whoOf(req), req.params.id),
  );
  r.post(
    "/api/users/:id/reset-password",
    {
      config: { permission: "security.manage" },
      schema: { operationId: "resetUserPassword", tags, params: id, body: z.object({ password: z.string().min(1).max(128) }), response: { 200: ZOk } },
    },
    async (req) => {
      await svc.resetPassword(whoOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
}
