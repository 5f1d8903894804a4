import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { junkString, leaksInternals, seedFor } from "../../test/bad-input.js";
import type { TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

// Bad input on the Open311 GeoReport v2 facade (issue 17). It is outside the app's OpenAPI document
// (Open311 documents itself), so the OpenAPI-driven suite (server/bad-input.test.ts) does not reach
// it: here its resources, formats, query parameters and form fields are generated — junk, and junk
// mixed with valid values and a valid api_key. No answer may be a 5xx or show a stack or SQL; every
// error is in Open311's own format (a list of {code, description}, in JSON or XML as asked) with the
// status as its code; a refused POST writes nothing, an accepted one exactly one request.
//   SHEQU_FUZZ_SEED=123 SHEQU_FUZZ_RUNS=200 npx vitest run --project sqlite server/modules/appeals/appeals.open311.fuzz.test.ts

const BASE_SEED = process.env.SHEQU_FUZZ_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.SHEQU_FUZZ_SEED ?? 17);
const RUNS = Number(process.env.SHEQU_FUZZ_RUNS ?? 60);

const clock = fixedClock("2025-05-06T02:00:00Z");
let env: TestEnv;
let key = "";
let n = 0;
// Each request from an address of its own: the facade is rate-limited per address.
const nextIp = () => {
  n++;
  return `10.31.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};

beforeAll(async () => {
  env = await testEnv({ clock });
  const leader = await env.login("leader");
  const k = await leader.post("/api/appeals/open311-keys", { name: "fuzz", channel: "12345", communityId: env.world.communityId });
  expect(k.statusCode).toBe(201);
  key = k.json().key;
});
afterAll(() => env?.close());

/** A path segment as a client would escape it (a lone surrogate, which cannot be, sent as its raw bytes). */
const enc = (x: string) => {
  try {
    return encodeURIComponent(x);
  } catch {
    return "%ED%A0%80";
  }
};
const format = fc.constantFrom(".json", ".xml", ".json", ".xml", "", ".csv", ".JSON", ".json.xml", ".");
const segment = fc.oneof(junkString, fc.constantFrom("GY04", "requests", "services", "discovery", "..", "%2e%2e", "%00", "%E4%B8"));
const resource = fc.oneof(
  fc.constantFrom("discovery", "services", "requests"),
  segment.map((s) => `services/${enc(s)}`),
  segment.map((s) => `requests/${enc(s)}`),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((xs) => xs.map(enc).join("/")),
);
const QUERY_KEYS = ["jurisdiction_id", "start_date", "end_date", "status", "service_code", "service_request_id", "page", "page_size", "api_key"];
const query = fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), junkString), junkString, { maxKeys: 5 });
const FORM_KEYS = [
  "jurisdiction_id",
  "service_code",
  "lat",
  "long",
  "address_string",
  "address_id",
  "description",
  "phone",
  "first_name",
  "last_name",
  "email",
  "device_id",
  "service_request_id",
  "attribute[appeal_type]",
  "attribute[urgency]",
  "media_url",
];
/** Form fields: junk, or a value a client might really send, so that some requests get past the first checks. */
const plausible: Record<string, fc.Arbitrary<string>> = {
  service_code: fc.constantFrom("GY04", "GY01", "XX99", ""),
  lat: fc.constantFrom("22.68", "-91", "abc", "1e309", ""),
  long: fc.constantFrom("114.05", "181", "NaN", ""),
  address_string: fc.constantFrom("福民路1号", "", "x".repeat(5000)),
  description: fc.constantFrom("路灯不亮了，晚上很黑", "<b>hi</b>", "x".repeat(4001), "好"),
  phone: fc.constantFrom("13800138000", "+86 138-0013-8000", "12345", "0755-12345678"),
  "attribute[appeal_type]": fc.constantFrom("help", "complaint", "nope"),
  "attribute[urgency]": fc.constantFrom("normal", "urgent", "later"),
};
/** A form that would be accepted as it is; the generator spoils some of it (or none). */
const VALID_FORM: Record<string, string> = { service_code: "GY04", lat: "22.68", long: "114.05", description: "路灯不亮了，晚上很黑", phone: "13800138000" };
/** One change to a form: a field set to junk, or to a value a client might really send (valid or not). */
const spoil = fc.oneof(
  fc.tuple(fc.constantFrom(...FORM_KEYS), junkString),
  fc.constantFrom(...Object.keys(plausible)).chain((k) => plausible[k].map((v) => [k, v] as [string, string])),
);
const formBody = fc.record({
  key: fc.constantFrom("valid", "valid", "none", "junk"),
  base: fc.boolean(),
  changes: fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as Array<[string, string]>) },
    { weight: 3, arbitrary: fc.array(spoil, { minLength: 1, maxLength: 3 }) },
  ),
});
const contentType = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded",
  "application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
  "",
);

/** What is wrong with an Open311 answer, or null. */
function problemOf(status: number, type: string, body: string, fmt: "xml" | "json"): string | null {
  if (status >= 500) return `server error ${status}: ${body.slice(0, 300)}`;
  const leak = leaksInternals(body);
  if (leak) return leak;
  if (status < 400) return null;
  if (fmt === "xml") {
    if (!type.includes("xml")) return `error answered as ${type} for an XML request: ${body.slice(0, 120)}`;
    if (!new RegExp(`<errors>\\s*<error>\\s*<code>${status}</code>\\s*<description>[^<]+</description>`).test(body))
      return `not an Open311 XML error with code ${status}: ${body.slice(0, 200)}`;
    return null;
  }
  let e: unknown;
  try {
    e = JSON.parse(body);
  } catch {
    return `error answer is no JSON: ${body.slice(0, 120)}`;
  }
  const first = Array.isArray(e) ? (e[0] as { code?: unknown; description?: unknown }) : undefined;
  if (!first || first.code !== status || typeof first.description !== "string" || !first.description.trim())
    return `not an Open311 error [{code: ${status}, description}]: ${body.slice(0, 200)}`;
  return null;
}

// GeoReport v2: the format is the resource's extension, .json or .xml; without one (or another) XML, its default.
const fmtOf = (path: string): "xml" | "json" => (/\.json\/*$/.test(path) ? "json" : "xml");
const appeals = async () =>
  Number(
    (
      await env.app.deps.db
        .selectFrom("appeals")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("Open311 facade: generated bad input", () => {
  it("GET: any resource, format and query — no 5xx, no stack or SQL, errors in Open311's format", async () => {
    const failures: string[] = [];
    const out = await fc.check(
      fc.asyncProperty(resource, format, query, async (path, f, q) => {
        const url = `/open311/v2/${path}${f}?${new URLSearchParams(q).toString()}`;
        const res = await env.app.inject({ method: "GET", url, remoteAddress: nextIp() });
        const p = problemOf(res.statusCode, String(res.headers["content-type"] ?? ""), res.body, fmtOf(path + f));
        if (p) throw new Error(`${url.slice(0, 300)}: ${p}`);
      }),
      { seed: seedFor(BASE_SEED, "open311", "GET"), numRuns: RUNS * 4, endOnFailure: true },
    );
    if (out.failed) failures.push(String((out.errorInstance as Error | undefined)?.message));
    expect(failures, failures.join("\n")).toEqual([]);
  }, 120_000);

  it("POST: junk and half-valid forms — a refusal writes nothing, an acceptance one request", async () => {
    const failures: string[] = [];
    let accepted = 0;
    const out = await fc.check(
      fc.asyncProperty(fc.constantFrom("requests", "requests", "requests", "services", "x"), format, contentType, formBody, async (path, f, type, b) => {
        const fields: Record<string, string> = { ...(b.base ? VALID_FORM : {}), ...Object.fromEntries(b.changes) };
        if (b.key === "valid") fields.api_key = key;
        else if (b.key === "junk") fields.api_key = fields.api_key ?? "o311_nope";
        const payload = type === "application/json" ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
        const before = await appeals();
        const res = await env.app.inject({
          method: "POST",
          url: `/open311/v2/${path}${f}`,
          payload,
          headers: type ? { "content-type": type } : {},
          remoteAddress: nextIp(),
        });
        const after = await appeals();
        const p = problemOf(res.statusCode, String(res.headers["content-type"] ?? ""), res.body, fmtOf(path + f));
        if (p) throw new Error(`POST ${path}${f} (${type}) ${JSON.stringify(fields).slice(0, 300)}: ${p}`);
        if (res.statusCode === 201) {
          accepted++;
          if (after !== before + 1) throw new Error(`accepted, but ${after - before} requests were written`);
        } else if (after !== before) throw new Error(`refused ${res.statusCode}, but ${after - before} requests were written: ${res.body.slice(0, 200)}`);
      }),
      { seed: seedFor(BASE_SEED, "open311", "POST"), numRuns: RUNS * 2, endOnFailure: true },
    );
    if (out.failed) failures.push(String((out.errorInstance as Error | undefined)?.message));
    expect(failures, failures.join("\n")).toEqual([]);
    console.log(`open311 fuzz: seed ${BASE_SEED}, ${RUNS * 2} POSTs, ${accepted} accepted`);
  }, 120_000);
});
