import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Permission } from "../../contracts/roles.js";
import type { Config } from "../config.js";
import type { Database } from "../db/connect.js";
import type { DB } from "../db/types.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";
import { errors, type Lang } from "./errors.js";
import type { FigureValues } from "./figure-values.js";
import type { FigureRegistry } from "./figures.js";
import type { MapLayerRegistry } from "./map-layers.js";
import type { Notifications } from "./notifications.js";
import type { PersonalDataRegistry } from "./personal-data.js";
import type { Scheduler } from "./scheduler.js";
import type { Scope } from "./scope.js";
import type { Settings } from "./settings.js";
import type { TodoRegistry } from "./todos.js";

export type Deps = {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  clock: Clock;
  audit: Audit;
  settings: Settings;
  figures: FigureRegistry;
  /** The figures' values as the workbench reads them, kept per data version (figure-values.ts). */
  figureValues: FigureValues;
  todos: TodoRegistry;
  mapLayers: MapLayerRegistry;
  /** What each module holds about a person (PIPL 查阅/复制/删除); modules register theirs in `<m>.personal.ts`. */
  personalData: PersonalDataRegistry;
  /** Jobs that run in the server (reminders, escalations); modules register theirs in `<m>.jobs.ts`. */
  jobs: Scheduler;
  /** Alerts to accounts, by scope and permission; pushed live (SSE). */
  notifications: Notifications;
};

export type Actor = { id: string; username: string; displayName: string; role: string; scopeRegionId: string };

/** Who is asking, in which data scope, in which language. Set by the auth hook on every /api request. */
export type Ctx = {
  lang: Lang;
  ip: string;
  user: Actor | null;
  scope: Scope | null;
  sessionId: string | null;
};

/** A signed-in request: user and scope are known. */
export type AuthedCtx = Ctx & { user: Actor; scope: Scope };

declare module "fastify" {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** The permission a route needs; every /api route declares one, or `public: true`. */
    permission?: Permission;
    /** Reachable without a session (login, public pages). */
    public?: boolean;
    /** Signed-in users of any role (own session, own profile). */
    anyRole?: boolean;
  }
}

export type App = FastifyInstance;
export type ZApp = ReturnType<FastifyInstance["withTypeProvider"]> & FastifyInstance;
export const withZod = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export function authed(req: FastifyRequest): AuthedCtx {
  return req.ctx as AuthedCtx;
}

/** Standard error body, also used as the documented error response. */
export const ZError = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

export const ZPage = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T>(rows: T[], total: number, page: number, pageSize: number) {
  return { items: rows, total, page, pageSize };
}

export const ZOk = z.object({ ok: z.literal(true) });

export function sendFile(reply: FastifyReply, name: string, mime: string, body: Buffer) {
  return reply
    .header("content-type", mime)
    .header("content-disposition", `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
}

/**
 * The one file of a multipart/form-data request (field `file`): its bytes, name and whether it
 * was cut at the upload size limit. Refuses, in both languages, a request that carries no file.
 */
export async function uploadedFile(req: FastifyRequest): Promise<{ buf: Buffer; filename: string; truncated: boolean }> {
  if (!req.isMultipart()) throw errors.badRequest("请以 multipart/form-data 上传文件（字段 file）", "Upload as multipart/form-data with a field named file");
  const part = await req.file();
  if (!part) throw errors.badRequest("没有收到文件", "No file received");
  const buf = await part.toBuffer();
  return { buf, filename: part.filename ?? "", truncated: part.file.truncated };
}
