// Open311 GeoReport v2 facade at /open311/v2 over the same cases (its tests hold it to the spec's
// JSON Schemas, kept in open311-schemas/): discovery, services from the catalogue, service
// definitions, POST requests with an api_key administered per channel, GET requests with the spec's
// filters plus page/page_size, GET one request.
// JSON and XML; errors in Open311's own format. Outside /api: no session, no CSRF.
import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { CHANNELS, STATUS_LABELS, type Status, URGENCY_LABELS } from "../../../contracts/appeals.js";
import { maskAddress } from "../../../contracts/mask.js";
import { isoWithOffset } from "../../platform/dates.js";
import { AppError } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import { withZod } from "../../platform/http.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { actorId, whoOf } from "../../platform/who.js";
import { insertKey, jurisdictionOf, keyInScope, keysOf, liveKeyByHash, publicRequests, revokeKey } from "./appeals.open311.repo.js";
import { residentWho } from "./appeals.public.js";
import { categoryByCode } from "./appeals.repo.js";
import { OPEN_STATUSES } from "./appeals.rules.js";
import type { AppealsServices } from "./appeals.services.js";

const BASE = "/open311/v2";
const DAY = 86_400_000;

class O311Error extends Error {
  constructor(
    public status: number,
    public description: string,
  ) {
    super(description);
  }
}

// ——— XML ———
const esc = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] as string);
function xmlValue(name: string, v: unknown, itemName: (n: string) => string): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (Array.isArray(v)) return `<${name}>${v.map((x) => xmlValue(itemName(name), x, itemName)).join("")}</${name}>`;
  if (typeof v === "object")
    return `<${name}>${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => xmlValue(k, x, itemName))
      .join("")}</${name}>`;
  return `<${name}>${esc(String(v))}</${name}>`;
}
const ITEM: Record<string, string> = {
  services: "service",
  service_requests: "request",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  errors: "error",
};
export function toXml(root: string, v: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${xmlValue(root, v, (n) => ITEM[n] ?? "item")}`;
}

export const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export function registerOpen311(app: FastifyInstance, deps: Deps, svc: AppealsServices) {
  const { db } = deps;
  const tz = deps.config.timeZone;

  const send = (reply: FastifyReply, fmt: string, root: string, body: unknown, status = 200) =>
    fmt === "xml"
      ? reply.status(status).type("text/xml; charset=utf-8").send(toXml(root, body))
      : reply.status(status).type("application/json; charset=utf-8").send(JSON.stringify(body));
  const fail = (reply: FastifyReply, fmt: string, status: number, description: string) => send(reply, fmt, "errors", [{ code: status, description }], status);

  /** Splits "services/GY01.json" into path and format; only .json and .xml exist. */
  const parse = (req: FastifyRequest) => {
    const rest = ((req.params as Record<string, string>)["*"] ?? "").replace(/\/+$/, "");
    const m = rest.match(/^(.*)\.(json|xml)$/);
    return m ? { path: m[1], fmt: m[2] } : { path: rest, fmt: "xml" };
  };

  async function jurisdiction(j: string | undefined) {
    if (!j) return null;
    const c = await jurisdictionOf(db, j);
    if (!c) throw new O311Error(404, "jurisdiction_id not found");
    return c;
  }

  async function service(code: string) {
    const c = await categoryByCode(db, code);
    if (!c?.parent_code || c.archived) throw new O311Error(404, `service_code ${code} not found`);
    return c;
  }

  const definitionOf = (code: string) => ({
    service_code: code,
    attributes: [
      {
        variable: true,
        code: "appeal_type",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: "诉求类型 Appeal type",
        order: 1,
        description: "咨询/求助/投诉/举报/建议",
        values: [
          { key: "consult", name: "咨询 Enquiry" },
          { key: "help", name: "求助 Request for help" },
          { key: "complaint", name: "投诉 Complaint" },
          { key: "report", name: "举报 Report" },
          { key: "suggestion", name: "建议 Suggestion" },
        ],
      },
      {
        variable: true,
        code: "urgency",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: "紧急程度 Urgency",
        order: 2,
        description: "一般件/紧急件",
        values: [
          { key: "normal", name: `${URGENCY_LABELS.normal.zh} ${URGENCY_LABELS.normal.en}` },
          { key: "urgent", name: `${URGENCY_LABELS.urgent.zh} ${URGENCY_LABELS.urgent.en}` },
        ],
      },
    ],
  });

  function toRequest(r: Record<string, any>) {
    const st = STATUS_LABELS[r.status as Status];
    return {
      service_request_id: r.tracking_no,
      status: OPEN_STATUSES.includes(r.status) ? "open" : "closed",
      status_notes: `${st?.zh ?? r.status} (${r.status})${r.answer && !OPEN_STATUSES.includes(r.status) ? `: ${r.answer}` : ""}`,
      service_name: r.category_name ?? null,
      service_code: r.category_code,
      // The title only: what residents write can hold personal data, and this list is public.
      description: r.title,
      agency_responsible: r.org_name ?? (r.status === "registered" ? null : (r.community_name ?? null)),
      service_notice: null,
      requested_datetime: isoWithOffset(r.registered_at, tz),
      updated_datetime: isoWithOffset(r.updated_at, tz),
      expected_datetime: isoWithOffset(r.due_at, tz),
      address: maskAddress(r.address) ?? null,
      address_id: null,
      zipcode: null,
      lat: r.lat ?? null,
      long: r.lng ?? null,
      media_url: null,
    };
  }

  const requestsBase = () => publicRequests(db);

  const dateParam = (v: unknown, name: string) => {
    if (v === undefined || v === "") return null;
    const d = new Date(String(v));
    if (Number.isNaN(d.getTime())) throw new O311Error(400, `${name} is not an ISO 8601 date-time`);
    return d;
  };

  async function handleGet(req: FastifyRequest, path: string) {
    const q = req.query as Record<string, string | undefined>;
    const juris = await jurisdiction(q.jurisdiction_id);
    if (path === "discovery") {
      const url = `${req.protocol}://${req.headers.host ?? "localhost"}${BASE}`;
      return {
        root: "discovery",
        body: {
          changeset: "2024-01-01T00:00:00+08:00",
          contact: "社区党群服务中心 Community service centre",
          key_service: "API keys per channel are issued by the community's administrator (民意速办 → 分类与时限 → Open311).",
          endpoints: [
            {
              specification: "http://wiki.open311.org/GeoReport_v2",
              url,
              changeset: "2024-01-01T00:00:00+08:00",
              type: "production",
              formats: ["application/json", "text/xml"],
            },
          ],
        },
      };
    }
    if (path === "services") {
      const cats = await svc.catalogue.categories();
      const parent = new Map(cats.filter((c) => !c.parentCode).map((c) => [c.code, c]));
      return {
        root: "services",
        body: cats
          .filter((c) => c.parentCode)
          .map((c) => ({
            service_code: c.code,
            service_name: c.name,
            description: `${parent.get(c.parentCode as string)?.name ?? ""} / ${c.name}${c.nameEn ? ` (${c.nameEn})` : ""}`,
            metadata: true,
            type: "realtime",
            keywords: [parent.get(c.parentCode as string)?.name, c.nameEn].filter(Boolean).join(","),
            group: parent.get(c.parentCode as string)?.name ?? null,
          })),
      };
    }
    const svcMatch = path.match(/^services\/([^/]+)$/);
    if (svcMatch) {
      const c = await service(svcMatch[1]);
      return { root: "service_definition", body: definitionOf(c.code) };
    }
    const one = path.match(/^requests\/([^/]+)$/);
    if (one) {
      let qb = requestsBase().where("a.tracking_no", "=", one[1]);
      if (juris) qb = qb.where("a.community_id", "=", juris.id);
      const r = await qb.executeTakeFirst();
      if (!r) throw new O311Error(404, `service_request_id ${one[1]} not found`);
      return { root: "service_requests", body: [toRequest(r)] };
    }
    if (path === "requests") {
      let qb = requestsBase();
      if (juris) qb = qb.where("a.community_id", "=", juris.id);
      if (q.service_request_id) {
        qb = qb.where(
          "a.tracking_no",
          "in",
          q.service_request_id
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
            .slice(0, 1000),
        );
      } else {
        const end = dateParam(q.end_date, "end_date") ?? (q.start_date ? null : new Date(deps.clock.now()));
        const start = dateParam(q.start_date, "start_date") ?? new Date((end ?? deps.clock.now()).getTime() - 90 * DAY);
        const until = end ?? new Date(start.getTime() + 90 * DAY);
        if (until.getTime() < start.getTime()) throw new O311Error(400, "end_date is before start_date");
        if (until.getTime() - start.getTime() > 90 * DAY) throw new O311Error(400, "start_date to end_date spans more than 90 days");
        qb = qb.where("a.registered_at", ">=", start.toISOString()).where("a.registered_at", "<=", until.toISOString());
        if (q.service_code)
          qb = qb.where(
            "a.category_code",
            "in",
            q.service_code.split(",").map((s) => s.trim()),
          );
        if (q.status === "open") qb = qb.where("a.status", "in", OPEN_STATUSES);
        else if (q.status === "closed") qb = qb.where("a.status", "in", ["closed", "archived"]);
        else if (q.status) throw new O311Error(400, "status must be open or closed");
      }
      const pageSize = Math.min(1000, Math.max(1, Number(q.page_size) || 1000));
      const page = Math.max(1, Number(q.page) || 1);
      if ((q.page && !/^\d+$/.test(q.page)) || (q.page_size && !/^\d+$/.test(q.page_size)))
        throw new O311Error(400, "page and page_size are positive integers");
      const rows = await qb
        .orderBy("a.registered_at", "desc")
        .orderBy("a.tracking_no", "desc")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { root: "service_requests", body: rows.map(toRequest) };
    }
    throw new O311Error(404, `no such resource: ${path}`);
  }

  async function handlePost(req: FastifyRequest, path: string) {
    if (path !== "requests") throw new O311Error(404, `no such resource: ${path}`);
    const raw = req.body instanceof URLSearchParams ? req.body : new URLSearchParams(typeof req.body === "object" && req.body ? (req.body as any) : "");
    const f = (k: string) => raw.get(k)?.trim() || undefined;
    const apiKey = f("api_key");
    if (!apiKey) throw new O311Error(403, "api_key is required");
    const key = await liveKeyByHash(db, hashKey(apiKey));
    if (!key) throw new O311Error(403, "api_key is not valid");
    const juris = await jurisdiction(f("jurisdiction_id"));
    if (juris && juris.id !== key.community_id) throw new O311Error(404, "jurisdiction_id does not match the api_key's community");
    const code = f("service_code");
    if (!code) throw new O311Error(400, "service_code is required");
    const cat = await service(code);
    const lat = f("lat") !== undefined ? Number(f("lat")) : null;
    const lng = f("long") !== undefined ? Number(f("long")) : null;
    if ((lat === null) !== (lng === null) || (lat !== null && (Number.isNaN(lat) || Number.isNaN(lng as number))))
      throw new O311Error(400, "lat and long must both be given as numbers");
    const address = f("address_string") ?? (f("address_id") ? `address_id ${f("address_id")}` : undefined);
    if (lat === null && !address) throw new O311Error(400, "a location is required: lat and long, address_string or address_id");
    const description = f("description");
    if (description && description.length > 4000) throw new O311Error(400, "description is longer than 4000 characters");
    if (description && /<[a-z/!][^>]*>/i.test(description)) throw new O311Error(400, "description must not contain HTML");
    const phone = f("phone")
      ?.replace(/[\s-]/g, "")
      .replace(/^\+?86/, "");
    if (phone && !/^1\d{10}$|^0\d{9,11}$/.test(phone)) throw new O311Error(400, "phone is not a valid number");
    const appealType = f("attribute[appeal_type]") ?? "help";
    if (!["consult", "help", "complaint", "report", "suggestion"].includes(appealType))
      throw new O311Error(400, "attribute[appeal_type] is not one of its values");
    const urgency = f("attribute[urgency]") ?? "normal";
    if (!["normal", "urgent"].includes(urgency)) throw new O311Error(400, "attribute[urgency] is not one of its values");
    const name = [f("last_name"), f("first_name")].filter(Boolean).join("") || null;
    const who = { ...(await residentWho(deps, key.community_id, `Open311：${key.name}`)), ip: req.ip };
    const text = description ?? cat.name;
    const id = await svc.intake.register(who, {
      communityId: key.community_id,
      channel: key.channel as (typeof CHANNELS)[number],
      kind: "appeal",
      appealType: appealType as any,
      categoryCode: cat.code,
      urgency: urgency as any,
      title: text.length > 30 ? `${text.slice(0, 30)}…` : text.length >= 2 ? text : cat.name,
      content: text.length >= 2 ? text : cat.name,
      address: address ?? null,
      lat,
      lng,
      appellantName: name,
      appellantPhone: phone ?? null,
      externalNo: f("service_request_id") ?? null,
    });
    const row = await svc.cases.raw(who.scope, id);
    return {
      root: "service_requests",
      status: 201,
      body: [
        {
          service_request_id: row.tracking_no,
          service_notice: `已受理，预计 ${isoWithOffset(row.due_at, tz)} 前答复 / Accepted; answer expected by ${isoWithOffset(row.due_at, tz)}`,
        },
      ],
    };
  }

  // What is refused outside the handler — the app's hooks (NUL characters, rate limits), a body the
  // parsers do not take, the router's refusals, unknown paths — in Open311's format too (app.ts).
  app.errorFormats.push({
    prefix: "/open311/",
    send: (req, reply, status, description) => fail(reply, /\.json\/*(\?|$)/.test(req.url) ? "json" : "xml", status, description),
  });
  app.register(async (o311) => {
    // Open311 documents itself (GeoReport v2 + discovery), so these stay out of the app's OpenAPI document.
    o311.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => done(null, new URLSearchParams(String(body))));
    const handler = (method: "GET" | "POST") => async (req: FastifyRequest, reply: FastifyReply) => {
      const { path, fmt } = parse(req);
      try {
        const out = method === "GET" ? await handleGet(req, path) : await handlePost(req, path);
        return send(reply, fmt, out.root, out.body, (out as { status?: number }).status ?? 200);
      } catch (e) {
        if (e instanceof O311Error) return fail(reply, fmt, e.status, e.description);
        if (e instanceof AppError) return fail(reply, fmt, e.status === 409 ? 400 : e.status, e.msg.en);
        req.log.error(e);
        return fail(reply, fmt, 500, "internal error");
      }
    };
    o311.get(
      `${BASE}/*`,
      { config: { public: true, rateLimit: { max: 120, timeWindow: "1 minute" } }, schema: { hide: true, operationId: "open311Get" } },
      handler("GET"),
    );
    o311.post(
      `${BASE}/*`,
      { config: { public: true, rateLimit: { max: 30, timeWindow: "1 minute" } }, schema: { hide: true, operationId: "open311Post" } },
      handler("POST"),
    );
  });

  // Keys are administered per channel, in the app.
  const r = withZod(app);
  const ZKey = z.object({
    id: z.string(),
    name: z.string(),
    channel: z.string(),
    keyPrefix: z.string(),
    communityId: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  });
  const toKey = (k: any) => ({
    id: k.id,
    name: k.name,
    channel: k.channel,
    keyPrefix: k.key_prefix,
    communityId: k.community_id,
    createdAt: k.created_at,
    revokedAt: k.revoked_at,
  });
  r.get(
    "/api/appeals/open311-keys",
    {
      config: { permission: "appeals.admin" },
      schema: { operationId: "listOpen311Keys", tags: ["appeals"], response: { 200: z.object({ items: z.array(ZKey) }) } },
    },
    async (req) => {
      const who = whoOf(req);
      return { items: (await keysOf(db, who.scope)).map(toKey) };
    },
  );
  r.post(
    "/api/appeals/open311-keys",
    {
      config: { permission: "appeals.admin" },
      schema: {
        operationId: "createOpen311Key",
        tags: ["appeals"],
        summary: "签发 Open311 api_key（只显示一次）Issue an Open311 key, shown once",
        body: z.object({ name: z.string().trim().min(1).max(60), channel: z.enum(CHANNELS), communityId: z.string().min(1) }),
        response: { 201: ZKey.extend({ key: z.string() }) },
      },
    },
    async (req, reply) => {
      const who = whoOf(req);
      const c = await communityInScope(db, who.scope, req.body.communityId);
      const key = `o311_${randomBytes(24).toString("base64url")}`;
      const now = deps.clock.now().toISOString();
      const row = {
        id: uuidv7(),
        name: req.body.name,
        channel: req.body.channel,
        key_hash: hashKey(key),
        key_prefix: key.slice(0, 9),
        community_id: c.id,
        created_by: actorId(who),
        created_at: now,
        revoked_at: null,
      };
      await inTx(db, undefined, async (trx) => {
        await insertKey(trx, row);
        await deps.audit.record(trx, who, {
          action: "open311_key.create",
          entity: "open311_key",
          entityId: row.id,
          communityId: c.id,
          after: { ...row, key_hash: undefined },
        });
      });
      return reply.status(201).send({ ...toKey(row), key });
    },
  );
  r.post(
    "/api/appeals/open311-keys/:id/revoke",
    {
      config: { permission: "appeals.admin" },
      schema: { operationId: "revokeOpen311Key", tags: ["appeals"], params: z.object({ id: z.string() }), response: { 200: ZKey } },
    },
    async (req) => {
      const who = whoOf(req);
      const k = await keyInScope(db, who.scope, req.params.id);
      if (!k) throw new AppError(404, "NOT_FOUND", { zh: "密钥不存在", en: "Key not found" });
      const now = deps.clock.now().toISOString();
      await inTx(db, undefined, async (trx) => {
        await revokeKey(trx, k.id, k.revoked_at ?? now);
        await deps.audit.record(trx, who, { action: "open311_key.revoke", entity: "open311_key", entityId: k.id, communityId: k.community_id });
      });
      return toKey({ ...k, revoked_at: k.revoked_at ?? now });
    },
  );
}
