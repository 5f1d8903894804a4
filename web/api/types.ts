// Response shapes of the platform API that have no zod schema in contracts/ (auth, paging, settings, figures).
export type Lang = "zh" | "en";
/** The server sometimes sends a label in both languages, sometimes already in the request's language. */
export type Msg = { zh: string; en: string };
export type Label = string | Msg;

export type Me = {
  user: { id: string; username: string; displayName: string; role: string };
  permissions: string[];
  scope: { regionId: string; name: string; level: string; path: string };
  home: { regionId: string; name: string; level: string };
  csrfToken: string;
  passwordExpired: boolean;
};

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export type TSetting = {
  key: string;
  label: Label;
  default: unknown;
  value: unknown;
  overridden: boolean;
  security: boolean;
  regional: boolean;
  updatedAt: string | null;
};

/** A group of a breakdown; a ratio figure's groups carry their numerator and denominator. */
export type TFigureGroup = { key: string | null; label: Label; value: number; numerator?: number; denominator?: number };
export type TFigureRecords = {
  columns: Array<{ key: string; label: Label }>;
  rows: Array<Record<string, unknown>>;
  total: number;
  page: number;
  pageSize: number;
};

export type AuditVerify = { ok: boolean; count: number; seq?: number; id?: string; problem?: string };
