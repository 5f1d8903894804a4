export type Lang = "zh" | "en";
export type Msg = { zh: string; en: string };

/** An error a user can act on: a stable code, an HTTP status and a message in both languages. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly msg: Msg,
    public readonly details?: unknown,
  ) {
    super(msg.en);
  }
}

export const errors = {
  badRequest: (zh: string, en: string, details?: unknown) => new AppError(400, "BAD_REQUEST", { zh, en }, details),
  unauthenticated: () => new AppError(401, "UNAUTHENTICATED", { zh: "请先登录", en: "Please log in" }),
  forbidden: () => new AppError(403, "FORBIDDEN", { zh: "您的角色无权执行此操作", en: "Your role is not allowed to do this" }),
  notFound: (what: Msg = { zh: "记录", en: "Record" }) =>
    new AppError(404, "NOT_FOUND", { zh: `${what.zh}不存在或不在您的数据范围内`, en: `${what.en} not found or outside your data scope` }),
  conflict: (zh: string, en: string) => new AppError(409, "CONFLICT", { zh, en }),
  csrf: () => new AppError(403, "CSRF", { zh: "请求缺少有效的 CSRF 令牌，请刷新页面后重试", en: "Missing or invalid CSRF token; reload the page and retry" }),
};

/**
 * The database could not write for want of space: SQLite's SQLITE_FULL (or an I/O error that says
 * so), PostgreSQL's disk_full (53100). Nothing of the transaction was stored.
 */
export function isStorageFull(e: unknown): boolean {
  const x = e as { code?: unknown; message?: unknown } | null;
  if (!x || typeof x !== "object") return false;
  if (x.code === "SQLITE_FULL" || x.code === "53100") return true;
  return typeof x.code === "string" && x.code.startsWith("SQLITE_IOERR") && /ENOSPC|no space|disk is full/i.test(String(x.message ?? ""));
}
export const storageFull = () =>
  new AppError(503, "STORAGE_FULL", {
    zh: "存储空间不足：本次操作没有保存，请稍后再试，并请管理员清理磁盘空间",
    en: "Storage full: nothing of this was saved; try again later, and ask the administrator to free disk space",
  });

export function langOf(acceptLanguage: string | undefined, cookieLang?: string): Lang {
  if (cookieLang === "en" || cookieLang === "zh") return cookieLang;
  if (!acceptLanguage) return "zh";
  return acceptLanguage.trim().toLowerCase().startsWith("en") ? "en" : "zh";
}
