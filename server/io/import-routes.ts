import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { type TImportReport, ZCommunityImportQuery, ZImportQuery, ZImportReport } from "../../contracts/platform.js";
import type { Permission } from "../../contracts/roles.js";
import type { DB } from "../db/types.js";
import { errors, type Lang } from "../platform/errors.js";
import { sendFile, uploadedFile, withZod } from "../platform/http.js";
import { communityInScope } from "../platform/scope.js";
import { type Who, whoOf } from "../platform/who.js";
import { type ImportOpts, importRows, readSheet, type Sheet, type SheetRow } from "./import.js";
import { XLSX_MIME } from "./xlsx.js";

// The routes of a register's XLSX import, wired once for every register: `GET <path>/template` (the
// sheet to fill in) and `POST <path>` (multipart field "file"; dryRun=1 only checks), answering
// ZImportReport. The upload, its size check, the dry-run flag and the language are read here; a
// register says what its rows become: either `run` (it reads the file itself: `ctx.sheet()`), or `row`
// (one row in the import's transaction, after the sheet is read and the community of the query's
// `communityId`, if any, is checked to be in the caller's scope).

export { ZCommunityImportQuery, ZImportQuery };

type AnyObject = z.ZodObject<z.ZodRawShape>;

export type ImportCtx<Q, P> = {
  req: FastifyRequest;
  query: Q;
  params: P;
  who: Who;
  /** lang and dryRun, as importRows takes them. */
  opts: ImportOpts;
  /** The uploaded file (multipart field "file"). */
  file: Upload;
  /** The uploaded file's first sheet (refused whole when it is no XLSX or has no rows). */
  sheet: () => Promise<Sheet>;
};
/** On a route that also takes a JSON body: no file when the request is not multipart. */
export type JsonImportCtx<Q, P> = Omit<ImportCtx<Q, P>, "file"> & { file: Upload | null; body: unknown };
type Upload = { buf: Buffer; filename: string };

type Community = { id: string; path: string; name: string };
/** The community a row-by-row import is into: checked from the query's communityId when it has one. */
type CommunityOf<Q> = Q extends { communityId: string } ? Community : Q extends { communityId?: string } ? Community | null : null;
type RowFn = (trx: Kysely<DB>, r: SheetRow) => Promise<"created" | "unchanged">;

export type ImportRouteSpec<Q extends AnyObject, P extends AnyObject> = {
  /** The import's path; its template is at `${path}/template`. */
  path: string;
  permission: Permission;
  operationId: string;
  tags: string[];
  summary: string;
  /** Defaults to ZImportQuery; a register's own query extends it. */
  query?: Q;
  params?: P;
  /** Other route config (a rate limit). */
  config?: Record<string, unknown>;
  template?: {
    operationId: string;
    summary?: string;
    /** The download's file name. */
    filename: (lang: Lang) => string;
    build: (lang: Lang) => Promise<Buffer>;
  };
} & (
  | { run: (ctx: ImportCtx<z.infer<Q>, z.infer<P>>) => Promise<TImportReport>; json?: false; row?: never }
  | {
      /** Also takes a JSON body instead of a file (patrol points' GeoJSON). */
      json: true;
      run: (ctx: JsonImportCtx<z.infer<Q>, z.infer<P>>) => Promise<TImportReport>;
      row?: never;
    }
  | {
      db: Kysely<DB>;
      /** Called once the sheet is read and the query's community (if any) checked; answers what one row does. */
      row: (ctx: ImportCtx<z.infer<Q>, z.infer<P>>, community: CommunityOf<z.infer<Q>>) => RowFn | Promise<RowFn>;
      run?: never;
      json?: false;
    }
);

/** Registers a register's import (and its template) route. */
export function importRoutes<Q extends AnyObject = typeof ZImportQuery, P extends AnyObject = z.ZodObject<Record<never, never>>>(
  app: FastifyInstance,
  spec: ImportRouteSpec<Q, P>,
) {
  const r = withZod(app);
  const { template } = spec;
  if (template)
    r.get(
      `${spec.path}/template`,
      {
        config: { permission: spec.permission },
        schema: {
          operationId: template.operationId,
          tags: spec.tags,
          ...(template.summary ? { summary: template.summary } : {}),
          ...(spec.params ? { params: spec.params } : {}),
        },
      },
      async (req, reply) => sendFile(reply, template.filename(req.ctx.lang), XLSX_MIME, await template.build(req.ctx.lang)),
    );
  r.post(
    spec.path,
    {
      config: { ...spec.config, permission: spec.permission },
      schema: {
        operationId: spec.operationId,
        tags: spec.tags,
        summary: spec.summary,
        consumes: spec.json ? ["multipart/form-data", "application/json"] : ["multipart/form-data"],
        querystring: spec.query ?? ZImportQuery,
        ...(spec.params ? { params: spec.params } : {}),
        response: { 200: ZImportReport },
      },
    },
    async (req) => {
      let file: Upload | null = null;
      if (!spec.json || req.isMultipart()) {
        const { buf, filename, truncated } = await uploadedFile(req);
        if (truncated) throw errors.badRequest("文件过大", "The file is too large");
        file = { buf, filename };
      }
      const query = req.query as z.infer<Q> & { dryRun?: string; communityId?: string };
      const ctx: JsonImportCtx<z.infer<Q>, z.infer<P>> = {
        req,
        query,
        params: req.params as z.infer<P>,
        who: whoOf(req),
        opts: { lang: req.ctx.lang, dryRun: query.dryRun === "1" },
        file,
        body: req.body,
        sheet: () => {
          if (!file) throw errors.badRequest("请上传 XLSX 文件", "Upload an XLSX file");
          return readSheet(file.buf);
        },
      };
      if (spec.json) return spec.run(ctx);
      const withFile = { ...ctx, file: file as Upload };
      if (spec.run) return spec.run(withFile);
      const sheet = await ctx.sheet();
      const community = query.communityId ? await communityInScope(spec.db, ctx.who.scope, query.communityId) : null;
      return importRows(spec.db, sheet, ctx.opts, await spec.row(withFile, community as CommunityOf<z.infer<Q>>));
    },
  );
}
