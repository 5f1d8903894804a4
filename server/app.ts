import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import helmet, { type HelmetOptions } from "helmet";
import type { Config } from "./config.js";
import { connect, type Database } from "./db/connect.js";
import { migrateToLatest } from "./db/migrate.js";
import { buildModules } from "./modules/index.js";
import { ROOT } from "./paths.js";
import { createAudit } from "./platform/audit.js";
import { authHook, registerAuthRoutes } from "./platform/auth/auth.routes.js";
import { type Clock, systemClock } from "./platform/clock.js";
import { AppError, isStorageFull, langOf, storageFull } from "./platform/errors.js";
import { createFigureValues } from "./platform/figure-values.js";
import { createFigureRegistry } from "./platform/figures.js";
import type { Deps } from "./platform/http.js";
import { registerPlatform } from "./platform/index.js";
import { createMapLayerRegistry } from "./platform/map-layers.js";
import { createNotifications } from "./platform/notifications.js";
import { createPersonalDataRegistry } from "./platform/personal-data.js";
import { createScheduler } from "./platform/scheduler.js";
import { createSettings } from "./platform/settings.js";
import { createTodoRegistry } from "./platform/todos.js";
import { checkDurability } from "./platform/trust/durability.js";

export type BuildOptions = { clock?: Clock; database?: Database; migrate?: boolean };

export const WEB_DIST = path.join(ROOT, "dist", "web");

export async function buildApp(config: Config, opts: BuildOptions = {}) {
  const database = opts.database ?? connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile, synchronous: config.sqliteSync });
  if (opts.migrate !== false) await migrateToLatest(database.db);
  // An acknowledged write must survive a power loss: say so at start when the database would not.
  const durability = await checkDurability(database.db, database.dialect);
  if (config.logLevel !== "silent") for (const w of durability.warnings) console.warn(`! ${w}`);
  const clock = opts.clock ?? systemClock;
  const deps: Deps = {
    config,
    database,
    db: database.db,
    clock,
    audit: createAudit({ dialect: database.dialect, clock }),
    settings: createSettings({ db: database.db, clock }),
    figures: createFigureRegistry(),
    figureValues: createFigureValues({ db: database.db, clock, timeZone: config.timeZone }),
    todos: createTodoRegistry(),
    mapLayers: createMapLayerRegistry(),
    personalData: createPersonalDataRegistry(),
    jobs: createScheduler({ db: database.db, dialect: database.dialect, clock, pollMs: config.schedulerPollMs }),
    notifications: createNotifications({ db: database.db, database, config, clock }),
  };

  const errorFormats: ErrorFormat[] = [];
  const app = Fastify({
    logger:
      config.logLevel === "silent"
        ? false
        : {
            level: config.logLevel,
            // Personal data never reaches the logs: no bodies, no query strings with values.
            serializers: { req: (r) => ({ method: r.method, url: r.url.split("?")[0] }) },
          },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // A URL the router refuses (an undecodable one, a parameter past its length) answers in the
    // app's error form and the caller's language, not in Fastify's own.
    frameworkErrors: (err, req, reply) => {
      const foreign = errorFormats.find((f) => req.url.startsWith(f.prefix));
      if (foreign)
        return foreign.send(
          req,
          reply as FastifyReply,
          400,
          err.code === "FST_ERR_MAX_PARAM_LENGTH" ? "a parameter in the URL is too long" : "invalid request URL",
        );
      const lang = langOf(req.headers["accept-language"]);
      const zh: Record<string, string> = { FST_ERR_BAD_URL: "请求地址无效", FST_ERR_MAX_PARAM_LENGTH: "请求地址中的参数过长" };
      const en: Record<string, string> = { FST_ERR_BAD_URL: "Invalid request URL", FST_ERR_MAX_PARAM_LENGTH: "A parameter in the request URL is too long" };
      const code = err.code ?? "BAD_REQUEST";
      return (reply as FastifyReply)
        .status(400)
        .send({ error: { code, message: lang === "zh" ? (zh[code] ?? "请求无效") : (en[code] ?? `Invalid request: ${err.message}`) } });
    },
  });
  app.decorate("deps", deps);
  app.decorate("errorFormats", errorFormats);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every /api route must say who may call it; one that does not fails at start-up (and in tests).
  const routeTable: Array<{ method: string; url: string; permission?: string; public?: boolean; anyRole?: boolean; operationId?: string; schema?: unknown }> =
    [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (r) => {
    if (!r.url.startsWith("/api/") || r.url.startsWith("/api/docs")) return;
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const c = (r.config ?? {}) as { permission?: string; public?: boolean; anyRole?: boolean };
    if (methods.includes("HEAD") && methods.length === 1) return;
    if (!c.permission && !c.public && !c.anyRole) throw new Error(`route ${methods.join(",")} ${r.url} declares no permission`);
    if (!(r.schema as any)?.operationId) throw new Error(`route ${methods.join(",")} ${r.url} has no operationId`);
    for (const m of methods) if (m !== "HEAD") routeTable.push({ method: m, url: r.url, ...c, operationId: (r.schema as any).operationId, schema: r.schema });
  });

  await app.register(cookie);
  // Security headers (helmet's), worked out once: the same on every response, so setting them is
  // one call per request instead of helmet's dozen middlewares.
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: "Shequ 社区 API", version: "0.1.0", description: "数字社区工作台 — digital community workbench" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "shequ_sid" } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  app.setErrorHandler(async (err: FastifyError | AppError, req, reply) => {
    // Under an API with an error format of its own (a refusal by the app's hooks before its routes).
    const foreign = errorFormats.find((f) => req.url.startsWith(f.prefix));
    if (foreign) {
      const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
      if (status >= 500) req.log.error(err);
      const code = (err as FastifyError).code;
      const description =
        status >= 500
          ? "internal error"
          : err instanceof AppError
            ? err.msg.en
            : code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
              ? "unsupported content type"
              : code === "FST_ERR_CTP_BODY_TOO_LARGE"
                ? "the request body is too large"
                : status === 429
                  ? "too many requests: try again later"
                  : `the request is not valid (${code ?? status})`;
      return foreign.send(req, reply, status >= 500 ? 500 : status, description);
    }
    const lang = req.ctx?.lang ?? langOf(req.headers["accept-language"], req.cookies?.lang);
    if (err instanceof AppError) {
      // A refused action is a security event: who tried what (等保 audits failures too).
      if (err.status === 403 && req.ctx?.user)
        await deps.audit
          .append(deps.db, {
            actorId: req.ctx.user.id,
            actorName: req.ctx.user.username,
            action: "access.denied",
            entity: "route",
            entityId: `${req.method} ${req.routeOptions.url ?? req.url.split("?")[0]}`,
            success: false,
            reason: err.code,
            ip: req.ip,
          })
          .catch((e) => req.log.error(e));
      return reply.status(err.status).send({ error: { code: err.code, message: err.msg[lang], details: err.details } });
    }
    // A full disk: the write is refused whole (its transaction rolled back), reads go on, and the
    // next write succeeds by itself once there is space again. 503, so clients retry later.
    if (isStorageFull(err)) {
      req.log.error(err);
      const e = storageFull();
      return reply
        .status(503)
        .header("retry-after", "60")
        .send({ error: { code: e.code, message: e.msg[lang] } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const where = `${err.validationContext ?? ""}${v.instancePath ? v.instancePath.replace(/\//g, ".") : ""}`;
        return { path: where, message: v.message };
      });
      const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
      return reply.status(400).send({
        error: { code: "VALIDATION", message: lang === "zh" ? `请求数据有误：${list}` : `Invalid request: ${list}`, details: issues },
      });
    }
    const e = err as FastifyError;
    // PostgreSQL's refusal of a character in text (a backstop for what the hooks above do not see).
    if (e.code === "22021" || e.code === "22P05") return reply.status(400).send({ error: { code: "INVALID_CHARACTER", message: nulRefused().msg[lang] } });
    if (e.statusCode && e.statusCode < 500) {
      // @fastify/rate-limit throws its 429 without a code.
      const code = e.code ?? (e.statusCode === 429 ? "FST_ERR_RATE_LIMIT" : "BAD_REQUEST");
      const zh: Record<string, string> = {
        FST_REQ_FILE_TOO_LARGE: "文件超过大小上限",
        FST_ERR_CTP_INVALID_MEDIA_TYPE: "不支持的请求内容类型",
        FST_ERR_CTP_EMPTY_JSON_BODY: "请求体为空",
        FST_ERR_CTP_INVALID_JSON_BODY: "请求体不是有效的 JSON",
        FST_ERR_RATE_LIMIT: "请求过于频繁，请稍后再试",
      };
      const message = lang === "zh" ? (zh[code] ?? `请求无效：${e.message}`) : e.message;
      return reply.status(e.statusCode).send({ error: { code, message } });
    }
    req.log.error(err);
    return reply.status(500).send({ error: { code: "INTERNAL", message: lang === "zh" ? "服务器内部错误" : "Internal server error" } });
  });
  app.setNotFoundHandler((req, reply) => {
    const foreign = errorFormats.find((f) => req.url.startsWith(f.prefix));
    if (foreign) return foreign.send(req, reply, 404, "no such resource");
    if (req.url.startsWith("/api/")) {
      const lang = langOf(req.headers["accept-language"], req.cookies?.lang);
      return reply.status(404).send({ error: { code: "NOT_FOUND", message: lang === "zh" ? "接口不存在" : "No such endpoint" } });
    }
    // The web app routes on the client: every other GET serves index.html.
    const index = path.join(WEB_DIST, "index.html");
    if (req.method === "GET" && fs.existsSync(index)) return reply.type("text/html").send(fs.readFileSync(index));
    return reply.status(404).type("text/plain").send("Not found");
  });

  // NUL (U+0000) is in no text anyone types, and PostgreSQL refuses it in text (SQLite would store
  // it): a URL or JSON body carrying one is refused here, the same on both databases, before any
  // handler or query sees it.
  app.addHook("onRequest", async (req) => {
    if (/%00/i.test(req.url)) throw nulRefused();
  });
  app.addHook("preValidation", async (req) => {
    if (req.body !== undefined && holdsNul(req.body, 0)) throw nulRefused();
  });
  app.addHook("onRequest", authHook(deps));
  await app.register(async (api) => {
    registerAuthRoutes(api, deps);
    registerPlatform(api, deps);
    for (const m of buildModules(deps)) m.register(api);
  });
  app.get("/api/openapi.json", { config: { public: true }, schema: { operationId: "openapi", hide: true } }, async () => app.swagger());

  if (fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: "/", wildcard: true, index: ["index.html"] });
  }
  // Open SSE streams would keep the server from closing.
  app.addHook("preClose", async () => {
    deps.notifications.endStreams();
  });
  app.addHook("onClose", async () => {
    await deps.jobs.stop();
    await deps.notifications.close();
    if (!opts.database) await database.close();
  });
  await app.ready();
  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
    routeTable: Array<{ method: string; url: string; permission?: string; public?: boolean; anyRole?: boolean; operationId?: string; schema?: unknown }>;
    /** Error answers of APIs with a format of their own (Open311), by URL prefix: the router's refusals and 404s use them. */
    errorFormats: ErrorFormat[];
  }
}

/** How an API outside /api words its errors (an English description; the API's own format and status). */
export type ErrorFormat = { prefix: string; send: (req: FastifyRequest, reply: FastifyReply, status: number, description: string) => unknown };

const nulRefused = () => new AppError(400, "INVALID_CHARACTER", { zh: "请求中含有无效字符（U+0000）", en: "The request holds an invalid character (U+0000)" });

/** Whether a parsed body holds U+0000 in any string or key (bounded depth: bodies are shallow). */
function holdsNul(v: unknown, depth: number): boolean {
  if (typeof v === "string") return v.includes("\u0000");
  if (!v || typeof v !== "object" || depth > 20 || Buffer.isBuffer(v)) return false;
  if (Array.isArray(v)) return v.some((x) => holdsNul(x, depth + 1));
  for (const [k, x] of Object.entries(v)) if (k.includes("\u0000") || holdsNul(x, depth + 1)) return true;
  return false;
}

/** The headers helmet sets for these options, read off it once. */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (k: string, v: unknown) => {
      headers[k.toLowerCase()] = String(v);
    },
    removeHeader: (k: string) => {
      delete headers[k.toLowerCase()];
    },
  };
  helmet(options)({} as never, res as never, () => {});
  return headers;
}
