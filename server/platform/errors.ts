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

export function langOf(acceptLanguage: string | undefined, cookieLang?: string): Lang {
  if (cookieLang === "en" || cookieLang === "zh") return cookieLang;
  if (!acceptLanguage) return "zh";
  return acceptLanguage.trim().toLowerCase().startsWith("en") ? "en" : "zh";
}
