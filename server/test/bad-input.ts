import fc from "fast-check";

// Requests a careless or hostile caller could send, generated from the OpenAPI document's JSON
// Schemas (what the routes' zod schemas become): path parameters that are no ids, queries and
// bodies of the wrong types, out of range, too long, missing what is required, broken JSON, files
// that are no spreadsheets — and some that are valid by their schema but name nothing (the ones
// that reach the handlers). Used by server/bad-input.test.ts, for every operation of the app.

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};

export type Operation = {
  method: string;
  /** Fastify's form: /api/x/:id */
  url: string;
  operationId: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body: JsonSchema | null;
  multipart: boolean;
};

export type Lang = "zh" | "en";
export type BadRequest = {
  lang: Lang;
  url: string;
  payload?: string | Buffer;
  headers: Record<string, string>;
};

/** A valid UUIDv7 that no record has. */
export const NO_SUCH_ID = "01900000-0000-7000-8000-000000000000";

const JUNK = [
  "",
  " ",
  "0",
  "-1",
  "1.5",
  "1e309",
  "NaN",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "abc",
  "' OR '1'='1",
  "1; DROP TABLE people;--",
  "../../etc/passwd",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "😀👨‍👩‍👧",
  "２０２４-０１-０１",
  "2024-02-30",
  "9999-99-99",
  "2024-13-01T25:61:00Z",
  NO_SUCH_ID,
  "<script>alert(1)</script>",
  "%s%n%x",
  "__proto__",
  "x".repeat(5000),
];

export const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const variants = (s: JsonSchema) => s.anyOf ?? s.oneOf ?? null;

/** A value the schema accepts (as well as can be made without a solver): junk that names nothing. */
export function validOf(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const vs = variants(s);
  if (vs?.length) return fc.oneof(...vs.map((v) => validOf(v, depth)));
  if (s.allOf?.length) return validOf(Object.assign({}, ...s.allOf), depth);
  const t = typesOf(s).find((x) => x !== "null") ?? (s.properties ? "object" : "string");
  const orNull = (a: fc.Arbitrary<unknown>) => (s.nullable || typesOf(s).includes("null") ? fc.oneof({ weight: 4, arbitrary: a }, fc.constant(null)) : a);
  switch (t) {
    case "string":
      return orNull(validString(s));
    case "integer":
    case "number": {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 100_000);
      const lo = Math.max(min, -1e9);
      const hi = Math.min(max, 1e9);
      const ends = fc.constantFrom(lo, hi);
      const inner = t === "integer" ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
      return orNull(hi < lo ? fc.constant(lo) : fc.oneof(inner, ends));
    }
    case "boolean":
      return orNull(fc.boolean());
    case "array": {
      if (depth > 3) return fc.constant([]);
      const minLength = s.minItems ?? 0;
      return orNull(fc.array(validOf(s.items ?? {}, depth + 1), { minLength, maxLength: Math.min(s.maxItems ?? 3, minLength + 3) }));
    }
    case "object":
      return orNull(depth > 3 ? fc.constant({}) : validObject(s, depth));
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 40, minLength + 40);
  if (s.pattern) {
    try {
      const re = new RegExp(s.pattern);
      return fc.stringMatching(re).filter((x) => x.length >= minLength && x.length <= (s.maxLength ?? Number.POSITIVE_INFINITY));
    } catch {
      /* a pattern JavaScript does not read: fall through */
    }
  }
  switch (s.format) {
    case "date-time":
      return fc.date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
    case "date":
      return fc.date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case "uuid":
      return fc.uuid();
    case "email":
      return fc.emailAddress();
  }
  return fc.oneof(fc.string({ minLength, maxLength }), fc.constant(NO_SUCH_ID.slice(0, Math.max(minLength, Math.min(maxLength, 36)))));
}

function validObject(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = validOf(v, depth + 1);
  return fc.record(model, { requiredKeys: [...required].filter((k) => k in props) });
}

/** A value the schema refuses: a wrong type, out of range, too long, an enum it lacks, a required key missing. */
export function invalidOf(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const out: fc.Arbitrary<unknown>[] = [];
  const nullable = s.nullable || typesOf(s).includes("null");
  const t = typesOf(s).find((x) => x !== "null") ?? (s.properties ? "object" : s.enum ? "enum" : variants(s) ? "any" : "string");
  if (!nullable && t !== "any") out.push(fc.constant(null));
  if (s.enum) out.push(junkString.filter((x) => !s.enum?.includes(x)));
  switch (t) {
    case "string":
      out.push(fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([])));
      if (s.minLength) out.push(fc.string({ maxLength: s.minLength - 1 }).filter((x) => x.length < (s.minLength ?? 0)));
      if (s.maxLength !== undefined) out.push(fc.constant("长".repeat(s.maxLength + 1)), fc.constant("x".repeat(s.maxLength + 1000)));
      if (s.pattern || s.format) out.push(junkString);
      break;
    case "integer":
    case "number":
      out.push(junkString, fc.constant({}), fc.constant(true));
      if (t === "integer") out.push(fc.constant(1.5));
      if (s.minimum !== undefined) out.push(fc.constant(s.minimum - 1));
      if (s.maximum !== undefined) out.push(fc.constant(s.maximum + 1));
      out.push(fc.constantFrom(1e308, -1e308, 2 ** 53 + 1));
      break;
    case "boolean":
      out.push(fc.constantFrom("yes", 1, 0, "true", {}));
      break;
    case "array":
      out.push(fc.constant({}), junkString);
      if (s.maxItems !== undefined) out.push(fc.array(validOf(s.items ?? {}, depth + 1), { minLength: s.maxItems + 1, maxLength: s.maxItems + 2 }));
      if (s.items && depth < 3) out.push(invalidOf(s.items, depth + 1).map((x) => [x]));
      if (s.minItems) out.push(fc.constant([]));
      break;
    case "object":
      out.push(fc.constant([]), junkString);
      if (depth < 3 && s.properties) out.push(invalidObject(s, depth));
      break;
    default:
      out.push(fc.jsonValue({ maxDepth: 2 }));
  }
  return fc.oneof(...out);
}

/** An object close to valid with one thing wrong: a required key left out, or one key's value invalid. */
function invalidObject(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const keys = Object.keys(s.properties ?? {});
  const required = (s.required ?? []).filter((k) => keys.includes(k));
  const base = validObject(s, depth);
  const options: fc.Arbitrary<unknown>[] = [];
  if (keys.length)
    options.push(
      fc.tuple(base, fc.constantFrom(...keys)).chain(([obj, k]) => invalidOf(s.properties?.[k] ?? {}, depth + 1).map((bad) => ({ ...obj, [k]: bad }))),
    );
  if (required.length)
    options.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([obj, k]) => {
        const o = { ...obj };
        delete o[k];
        return o;
      }),
    );
  // Keys that reach a prototype if anything merges bodies carelessly.
  options.push(base.map((obj) => ({ ...obj, ["__proto__"]: { polluted: 1 }, constructor: { prototype: { polluted: 1 } } })));
  return fc.oneof(...options);
}

/** A path parameter that names nothing: an id no record has, or junk (encoded into the URL). */
const pathParam = fc.oneof({ weight: 2, arbitrary: fc.constant(NO_SUCH_ID) }, { weight: 5, arbitrary: junkString.filter((x) => x.length > 0) });

/** A value for a query string: junk or what the schema takes. */
const queryValue = (s: JsonSchema) =>
  fc.oneof(invalidOf(s), validOf(s), junkString).map((v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)));

/** A multipart upload of a file that is no spreadsheet (or a truncated zip) under an .xlsx name. */
const junkFile = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.from(b)])),
  fc.constant(Buffer.from("name,phone\n张三,13800000000\n")),
  fc.constant(Buffer.alloc(0)),
);
function multipart(file: Buffer, filename: string): { payload: Buffer; contentType: string } {
  const boundary = "----shequ-bad-input";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Text as it can travel in a URL: a lone surrogate becomes U+FFFD (encodeURIComponent refuses it). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

const hasBody = (m: string) => m !== "GET" && m !== "DELETE" && m !== "HEAD";

/** Every bad request for one operation, in either language. */
export function badRequest(op: Operation): fc.Arbitrary<BadRequest> {
  const params = fc.tuple(...op.pathParams.map(() => pathParam));
  const queryKeys = Object.keys(op.query);
  const query = fc.tuple(
    queryKeys.length
      ? fc.record(Object.fromEntries(queryKeys.map((k) => [k, queryValue(op.query[k])])), { requiredKeys: [] })
      : fc.constant({} as Record<string, string>),
    fc.dictionary(fc.constantFrom("page", "pageSize", "q", "x", "__proto__", "id", "from", "to", "year", "since"), junkString, { maxKeys: 2 }),
  );
  type Body = { payload?: string | Buffer; contentType?: string };
  const bodies: fc.Arbitrary<Body>[] = [];
  if (hasBody(op.method)) {
    const json = (a: fc.Arbitrary<unknown>) => a.map((v): Body => ({ payload: JSON.stringify(v) ?? "null", contentType: "application/json" }));
    if (op.body) bodies.push(json(invalidOf(op.body)), json(invalidOf(op.body)), json(validOf(op.body)));
    bodies.push(
      json(fc.jsonValue({ maxDepth: 2 })),
      fc.constantFrom<Body>(
        { payload: "{", contentType: "application/json" },
        { payload: '{"a":', contentType: "application/json" },
        { payload: "", contentType: "application/json" },
        { payload: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
        { payload: "hello", contentType: "text/plain" },
        { payload: '{"x":1}', contentType: "application/xml" },
      ),
    );
    if (op.multipart)
      bodies.push(
        junkFile.map((f) => multipart(f, "导入.xlsx")),
        junkFile.map((f) => multipart(f, "x.csv")),
      );
  } else bodies.push(fc.constant<Body>({}));
  return fc
    .record({
      lang: fc.constantFrom<Lang>("zh", "en"),
      params,
      query,
      body: fc.oneof(...bodies),
    })
    .map(({ lang, params: ps, query: [known, extra], body }) => {
      let url = op.url;
      op.pathParams.forEach((p, i) => {
        url = url.replace(`:${p}`, encodeURIComponent(wellFormed(ps[i] as string)));
      });
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...extra, ...known })) qs.append(k, v as string);
      const q = qs.toString();
      const headers: Record<string, string> = { "accept-language": lang === "zh" ? "zh-CN,zh;q=0.9" : "en-US,en;q=0.9" };
      if (body.contentType) headers["content-type"] = body.contentType;
      return { lang, url: q ? `${url}?${q}` : url, payload: body.payload, headers };
    });
}

/** The operations of the app, from its route table and OpenAPI document (a new route is here by itself). */
export function operationsOf(
  routes: ReadonlyArray<{ method: string; url: string; operationId?: string; schema?: unknown }>,
  doc: { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>; requestBody?: any }>> },
): Operation[] {
  return routes
    .filter((r) => r.operationId)
    .map((r) => {
      const docPath = r.url.replace(/:(\w+)/g, "{$1}");
      const op = doc.paths[docPath]?.[r.method.toLowerCase()];
      const query: Record<string, JsonSchema> = {};
      for (const p of op?.parameters ?? []) if (p.in === "query") query[p.name] = p.schema ?? {};
      const consumes = ((r.schema as { consumes?: string[] } | undefined)?.consumes ?? []) as string[];
      return {
        method: r.method,
        url: r.url,
        operationId: r.operationId as string,
        pathParams: [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]),
        query,
        body: (op?.requestBody?.content?.["application/json"]?.schema as JsonSchema | undefined) ?? null,
        multipart: consumes.includes("multipart/form-data"),
      };
    });
}

const CJK = /[\u3400-\u9fff]/;
const STACK = /\n\s+at \S|\bat (?:async )?\S+ \(?(?:\/|file:|node:)|node_modules|\/work\/|[\w-]+\.(?:ts|js):\d+/;
const SQL =
  /SQLITE_[A-Z]|sqlite3?_|syntax error at or near|violates (?:not-null|foreign key|unique|check) constraint|duplicate key value|relation "[^"]+" does not exist|no such (?:table|column)|constraint failed|invalid input syntax for|\binsert into\b|\bdelete from\b|\bselect\b[^。.]{0,80}\bfrom\b|kysely/i;

/** Whether an answer shows the server's insides: a stack trace, a source path or SQL (what of them, or null). */
export function leaksInternals(body: string): string | null {
  if (STACK.test(body)) return `stack trace in the answer: ${body.slice(0, 300)}`;
  if (SQL.test(body)) return `SQL in the answer: ${body.slice(0, 300)}`;
  return null;
}

/** What is wrong with an answer to a bad request, or null: no 5xx, no stack or SQL, code and message in the request's language. */
export function problemOf(status: number, contentType: string | undefined, body: string, lang: Lang): string | null {
  if (status >= 500) return `server error ${status}: ${body.slice(0, 300)}`;
  if (status < 400) return null;
  const leak = leaksInternals(body);
  if (leak) return leak;
  if (!String(contentType ?? "").includes("application/json")) return `error answered as ${contentType}: ${body.slice(0, 120)}`;
  let e: { code?: unknown; message?: unknown } | undefined;
  try {
    e = JSON.parse(body).error;
  } catch {
    return `error answer is no JSON: ${body.slice(0, 120)}`;
  }
  if (typeof e?.code !== "string" || !e.code) return `error without a code: ${body.slice(0, 200)}`;
  if (typeof e.message !== "string" || !e.message.trim()) return `error without a message: ${body.slice(0, 200)}`;
  if (lang === "zh" && !CJK.test(e.message)) return `message not in Chinese for Accept-Language zh: ${e.message.slice(0, 200)}`;
  if (lang === "en" && (CJK.test(e.message.slice(0, 1)) || !/[A-Za-z]{2}/.test(e.message)))
    return `message not in English for Accept-Language en: ${e.message.slice(0, 200)}`;
  return null;
}

/** A 32-bit seed per (base seed, caller, operation), so one operation's run can be replayed alone. */
export function seedFor(base: number, ...parts: string[]): number {
  let h = base >>> 0;
  for (const c of parts.join("|")) h = (Math.imul(h ^ c.charCodeAt(0), 16777619) + 0x9e3779b9) >>> 0;
  return h | 0;
}
