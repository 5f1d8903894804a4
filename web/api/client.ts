// The one way the web app talks to the server: same-origin cookie session, CSRF header on writes,
// UI language sent along so that server messages come back in it, errors as ApiError.
import type { Lang } from "./types";

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Params = Record<string, string | number | boolean | null | undefined>;

const state: { csrf: string; session: number; lang: Lang; onUnauthorized: ((err: ApiError) => void) | null } = {
  csrf: "",
  // Counts session changes (a login, a change of scope gives the session a new id): a 401 to a
  // request sent under an earlier one is about a session already replaced, not a reason to sign out.
  session: 0,
  lang: "zh",
  onUnauthorized: null,
};

export function setCsrfToken(token: string | null | undefined) {
  if ((token ?? "") !== state.csrf) state.session++;
  state.csrf = token ?? "";
}
export function setApiLang(lang: Lang) {
  state.lang = lang;
}
/** Called on a 401 from any request except the login and "who am I" calls, which handle it themselves. */
export function setUnauthorizedHandler(fn: ((err: ApiError) => void) | null) {
  state.onUnauthorized = fn;
}

/** `?a=1&b=x`, skipping empty values; keys keep their dots (f.grid=…). */
export function qs(params?: Params): string {
  if (!params) return "";
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    sp.set(k, typeof v === "boolean" ? (v ? "1" : "0") : String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

function headers(method: string, body: boolean): HeadersInit {
  const h: Record<string, string> = { "Accept-Language": state.lang === "zh" ? "zh-CN" : "en" };
  if (body) h["Content-Type"] = "application/json";
  if (method !== "GET" && method !== "HEAD" && state.csrf) h["x-csrf-token"] = state.csrf;
  return h;
}

async function toError(res: Response, url: string, session = state.session): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = state.lang === "zh" ? `请求失败（${res.status}）` : `Request failed (${res.status})`;
  let details: unknown;
  try {
    const j = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (j?.error) {
      code = j.error.code ?? code;
      message = j.error.message ?? message;
      details = j.error.details;
    }
  } catch {
    // not JSON (a proxy's error page …): keep the generic message
  }
  const err = new ApiError(res.status, code, message, details);
  const selfHandled = url.startsWith("/api/auth/login") || url.startsWith("/api/auth/me") || url.startsWith("/api/auth/logout");
  if (res.status === 401 && !selfHandled && session === state.session) state.onUnauthorized?.(err);
  return err;
}

async function send(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  // A FormData (a file upload) goes as multipart, with the boundary the browser sets.
  const form = body instanceof FormData;
  try {
    return await fetch(url, {
      method,
      credentials: "same-origin",
      headers: headers(method, body !== undefined && !form),
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if ((e as Error)?.name === "AbortError") throw e;
    throw new ApiError(0, "NETWORK", state.lang === "zh" ? "无法连接服务器，请检查网络" : "Cannot reach the server; check the network");
  }
}

/**
 * GETs the entry starts before the app's code is evaluated (web/app/early.ts): the first screen's
 * requests go out while React and antd are still being loaded, and the app's own call for the same
 * URL takes the answer instead of asking again. Taken once; an answer sent in another language or
 * under an earlier session, or left untaken for EARLY_MS, is not used.
 */
const early = new Map<string, { res: Promise<Response>; lang: Lang; session: number; at: number }>();
const EARLY_MS = 10_000;

export function startEarly(url: string) {
  if (early.has(url)) return;
  const res = send("GET", url);
  // An answer nobody takes (the app went elsewhere) must not surface as an unhandled rejection.
  res.catch(() => undefined);
  early.set(url, { res, lang: state.lang, session: state.session, at: Date.now() });
}

function takeEarly(url: string) {
  const e = early.get(url);
  if (!e) return undefined;
  early.delete(url);
  if (e.lang !== state.lang || e.session !== state.session || Date.now() - e.at > EARLY_MS) return undefined;
  return e;
}

export async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const pre = method === "GET" && body === undefined ? takeEarly(url) : undefined;
  const session = pre?.session ?? state.session;
  const res = await (pre?.res ?? send(method, url, body, signal));
  if (!res.ok) throw await toError(res, url, session);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) return (await res.json()) as T;
  return (await res.text()) as T;
}

export const api = {
  get: <T>(url: string, params?: Params, signal?: AbortSignal) => request<T>("GET", url + qs(params), undefined, signal),
  post: <T>(url: string, body: unknown = {}) => request<T>("POST", url, body),
  put: <T>(url: string, body: unknown) => request<T>("PUT", url, body),
  patch: <T>(url: string, body: unknown) => request<T>("PATCH", url, body),
  /** POST a file as multipart (`file`), e.g. to /api/files or an import route. */
  upload: <T>(url: string, file: Blob, params?: Params) => {
    const fd = new FormData();
    fd.append("file", file);
    const q = qs(params);
    return request<T>("POST", url + (q && url.includes("?") ? `&${q.slice(1)}` : q), fd);
  },
};

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get("content-disposition") ?? "";
  const star = cd.match(/filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = cd.match(/filename\s*=\s*"?([^";]+)"?/i);
  return plain ? plain[1] : fallback;
}

/** GET a file (XLSX export) and save it; errors come back as ApiError instead of a JSON page. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await send("GET", url);
  if (!res.ok) throw await toError(res, url);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
