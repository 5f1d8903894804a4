import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { errors } from "./errors.js";
import { authed, type Deps, uploadedFile, withZod } from "./http.js";
import { uuidv7 } from "./ids.js";
import { FILES } from "./settings.js";
import { whoOf } from "./who.js";

/** Allowed attachment types: the extension must agree with the file's first bytes. */
const TYPES: Array<{ ext: string[]; mime: string; magic: (b: Buffer) => boolean }> = [
  { ext: ["jpg", "jpeg"], mime: "image/jpeg", magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: ["png"], mime: "image/png", magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: ["gif"], mime: "image/gif", magic: (b) => b.subarray(0, 3).toString() === "GIF" },
  { ext: ["webp"], mime: "image/webp", magic: (b) => b.subarray(0, 4).toString() === "RIFF" && b.subarray(8, 12).toString() === "WEBP" },
  { ext: ["pdf"], mime: "application/pdf", magic: (b) => b.subarray(0, 5).toString() === "%PDF-" },
  { ext: ["docx"], mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  { ext: ["xlsx"], mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  { ext: ["doc", "xls"], mime: "application/octet-stream", magic: (b) => b.readUInt32BE(0) === 0xd0cf11e0 },
  { ext: ["txt"], mime: "text/plain; charset=utf-8", magic: (b) => !b.includes(0) },
];

export const ZFileMeta = z.object({ id: z.string(), sha256: z.string(), name: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() });

export function registerFileRoutes(app: FastifyInstance, deps: Deps) {
  const { db, audit, clock, settings, config } = deps;
  const r = withZod(app);
  const tags = ["files"];
  const dir = path.join(config.dataDir, "files");
  const blobPath = (sha: string) => path.join(dir, sha.slice(0, 2), sha);

  r.post(
    "/api/files",
    {
      config: { permission: "files.write", rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        operationId: "uploadFile",
        tags,
        summary: "上传附件（multipart，字段 file）Upload an attachment",
        consumes: ["multipart/form-data"],
        response: { 201: ZFileMeta, 200: ZFileMeta },
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const part = await uploadedFile(req);
      const buf = part.buf;
      const maxBytes = Math.round((await settings.get(FILES.maxMb, ctx.scope.path)) * 1024 * 1024);
      if (part.truncated || buf.length > maxBytes)
        throw errors.badRequest(`文件超过 ${(maxBytes / 1048576).toFixed(1)} MB 上限`, `File exceeds the ${(maxBytes / 1048576).toFixed(1)} MB limit`);
      if (buf.length === 0) throw errors.badRequest("文件为空", "The file is empty");
      const name = path.basename(part.filename || "file").slice(0, 120);
      const ext = name.includes(".") ? (name.split(".").pop()?.toLowerCase() ?? "") : "";
      const type = TYPES.find((t) => t.ext.includes(ext));
      if (!type)
        throw errors.badRequest(
          `不支持的文件类型 .${ext}（允许图片、PDF、Word、Excel、文本）`,
          `File type .${ext} not allowed (images, PDF, Word, Excel, text)`,
        );
      if (!type.magic(buf)) throw errors.badRequest(`文件内容与扩展名 .${ext} 不符`, `The file's content does not match its .${ext} extension`);
      const sha = createHash("sha256").update(buf).digest("hex");
      const communityId = ctx.scope.communityId;
      // Idempotent: the same content uploaded again in the same community is the same attachment.
      const existing = await db
        .selectFrom("files")
        .selectAll()
        .where("sha256", "=", sha)
        .where((eb) => (communityId ? eb("community_id", "=", communityId) : eb("community_id", "is", null)))
        .executeTakeFirst();
      if (existing)
        return reply
          .status(200)
          .send({ id: existing.id, sha256: sha, name: existing.name, mime: existing.mime, size: existing.size, createdAt: existing.created_at });
      fs.mkdirSync(path.dirname(blobPath(sha)), { recursive: true });
      if (!fs.existsSync(blobPath(sha))) {
        const tmp = `${blobPath(sha)}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, buf);
        fs.renameSync(tmp, blobPath(sha));
      }
      const row = {
        id: uuidv7(),
        sha256: sha,
        name,
        mime: type.mime,
        size: buf.length,
        community_id: communityId,
        uploaded_by: ctx.user.id,
        created_at: clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("files").values(row).execute();
        await audit.record(trx, whoOf(req), {
          action: "file.upload",
          entity: "file",
          entityId: row.id,
          communityId,
          after: { name, size: row.size, sha256: sha },
        });
      });
      return reply.status(201).send({ id: row.id, sha256: sha, name, mime: row.mime, size: row.size, createdAt: row.created_at });
    },
  );

  async function fileInScope(req: any, id: string) {
    const scope = authed(req).scope;
    const f = await db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
    if (!f) throw errors.notFound({ zh: "附件", en: "Attachment" });
    if (f.community_id) {
      const c = await db.selectFrom("regions").select("path").where("id", "=", f.community_id).executeTakeFirst();
      if (!c || !(c.path.startsWith(scope.path) || scope.path.startsWith(c.path))) throw errors.notFound({ zh: "附件", en: "Attachment" });
    } else if (scope.level !== "district" && f.uploaded_by !== authed(req).user.id) throw errors.notFound({ zh: "附件", en: "Attachment" });
    return f;
  }

  r.get(
    "/api/files/:id/meta",
    { config: { permission: "files.read" }, schema: { operationId: "fileMeta", tags, params: z.object({ id: z.string() }), response: { 200: ZFileMeta } } },
    async (req) => {
      const f = await fileInScope(req, req.params.id);
      return { id: f.id, sha256: f.sha256, name: f.name, mime: f.mime, size: f.size, createdAt: f.created_at };
    },
  );
  r.get(
    "/api/files/:id",
    { config: { permission: "files.read" }, schema: { operationId: "downloadFile", tags, summary: "下载附件 Download", params: z.object({ id: z.string() }) } },
    async (req, reply) => {
      const f = await fileInScope(req, req.params.id);
      const p = blobPath(f.sha256);
      if (!fs.existsSync(p)) throw errors.notFound({ zh: "附件内容", en: "Attachment content" });
      const inline = f.mime.startsWith("image/") || f.mime === "application/pdf";
      return reply
        .header("content-type", f.mime)
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(fs.createReadStream(p));
    },
  );
}
