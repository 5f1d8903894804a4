import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { DEMO_PASSWORD } from "../demo/world.js";
import type { Agent, TestEnv } from "./helpers.js";

/** A syntactically valid UUIDv7 that no seeded record has. */
export const NO_SUCH_ID = "01900000-0000-7000-8000-000000000000";

/**
 * A login attempt from a given client address, so a file that logs in often stays under the
 * per-address login rate limit.
 */
export function loginRequest(env: TestEnv, username: string, password = DEMO_PASSWORD, opts: { ip?: string; lang?: string } = {}) {
  return env.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    headers: { "accept-language": opts.lang ?? "zh" },
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

/** An agent built from a successful login response (same shape as env.login's). */
export function agentFrom(env: TestEnv, username: string, res: LightMyRequestResponse, lang = "zh"): Agent {
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === "shequ_sid")?.value;
  const csrf = res.json().csrfToken as string;
  const headers = { cookie: `shequ_sid=${sid}`, "x-csrf-token": csrf, "accept-language": lang };
  const req: Agent["req"] = (method, url, body, extra = {}) =>
    env.app.inject({ method: method as any, url, payload: body as any, ...extra, headers: { ...headers, ...(extra.headers ?? {}) } });
  return {
    username,
    csrf,
    cookie: headers.cookie,
    req,
    get: (url) => req("GET", url),
    post: (url, body) => req("POST", url, body ?? {}),
    patch: (url, body) => req("PATCH", url, body ?? {}),
    put: (url, body) => req("PUT", url, body ?? {}),
  };
}

export async function loginFrom(env: TestEnv, username: string, ip: string, password = DEMO_PASSWORD): Promise<Agent> {
  return agentFrom(env, username, await loginRequest(env, username, password, { ip }));
}

/** A multipart/form-data body with one file field named "file", built by hand. */
export function multipartFile(filename: string, content: Buffer, mime = "application/octet-stream") {
  const boundary = `----shequtest${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** The first sheet of an XLSX as an array of header-keyed rows (cell text). */
export async function readXlsx(buf: Buffer): Promise<Array<Record<string, string>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const ws = wb.worksheets[0];
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, col) => {
    headers[col] = String(c.text);
  });
  const rows: Array<Record<string, string>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const r: Record<string, string> = {};
    row.eachCell({ includeEmpty: true }, (c, col) => {
      if (headers[col]) r[headers[col]] = String(c.text ?? "");
    });
    rows.push(r);
  });
  return rows;
}

/** A real 1×1 PNG. */
export const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

/**
 * The round trip every import's template test makes: download a register's template (one example
 * row), upload a file to its import (dry run or not) and compare the report. `agent` and
 * `communityId` are read at each call (the tests sign in after the module loads).
 */
export function importKit(agent: () => Agent, communityId: () => string) {
  const upload = async (url: string, buf: Buffer, q = "", lang = "zh") => {
    const m = multipartFile("template.xlsx", buf);
    const res = await agent().req("POST", `${url}?communityId=${communityId()}${q}`, m.payload, { headers: { ...m.headers, "accept-language": lang } });
    if (res.statusCode !== 200) throw new Error(`import ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const ok = (created: number, unchanged = 0, dryRun = false) => ({ created, unchanged, errors: [], dryRun });
  const template = async (url: string) => {
    const t = await agent().get(`${url}/template`);
    if (t.statusCode !== 200) throw new Error(`template ${url}: ${t.statusCode} ${t.body}`);
    const rows = await readXlsx(t.rawPayload);
    if (rows.length !== 1) throw new Error(`template ${url}: ${rows.length} example rows, not 1`);
    return { buf: t.rawPayload, row: rows[0] };
  };
  return { upload, ok, template };
}
