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
