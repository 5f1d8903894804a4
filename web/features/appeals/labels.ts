// Display helpers of the appeals vocabularies (contracts/appeals.ts holds both languages).
import {
  ACTION_LABELS,
  APPEAL_TYPE_LABELS,
  APPEAL_TYPES,
  CASE_KIND_LABELS,
  CASE_KINDS,
  CHANNEL_LABELS,
  CHANNELS,
  DEADLINE_LABELS,
  SATISFACTION_LABELS,
  STATUS_LABELS,
  STATUSES,
  URGENCIES,
  URGENCY_LABELS,
} from "../../../contracts/appeals";
import type { Lang } from "../../api/types";

type L = { zh: string; en: string };
const get = (m: Record<string, L>, k: string | null | undefined, lang: Lang) => (k ? (m[k]?.[lang] ?? k) : "—");

export const channelLabel = (k: string, lang: Lang) => get(CHANNEL_LABELS, k, lang);
export const kindLabel = (k: string, lang: Lang) => get(CASE_KIND_LABELS, k, lang);
export const typeLabel = (k: string | null, lang: Lang) => get(APPEAL_TYPE_LABELS, k, lang);
export const urgencyLabel = (k: string, lang: Lang) => get(URGENCY_LABELS, k, lang);
export const statusLabel = (k: string | null, lang: Lang) => get(STATUS_LABELS, k, lang);
export const satisfactionLabel = (k: string | null, lang: Lang) => get(SATISFACTION_LABELS, k, lang);
export const actionLabel = (k: string, lang: Lang) => get(ACTION_LABELS, k, lang);
export const deadlineLabel = (k: string, lang: Lang) => get(DEADLINE_LABELS, k, lang);

export const channelOptions = (lang: Lang) => CHANNELS.map((c) => ({ value: c, label: channelLabel(c, lang) }));
export const kindOptions = (lang: Lang) => CASE_KINDS.map((c) => ({ value: c, label: kindLabel(c, lang) }));
export const typeOptions = (lang: Lang) => APPEAL_TYPES.map((c) => ({ value: c, label: typeLabel(c, lang) }));
export const urgencyOptions = (lang: Lang) => URGENCIES.map((c) => ({ value: c, label: urgencyLabel(c, lang) }));
export const statusOptions = (lang: Lang) => [
  { value: "open", label: lang === "zh" ? "未办结" : "Open" },
  ...STATUSES.map((c) => ({ value: c, label: statusLabel(c, lang) })),
];

export const statusColor = (s: string) =>
  ({ registered: "orange", dispatched: "gold", handling: "blue", closed: "cyan", archived: "green", merged: "default" })[s] ?? "default";
export const urgencyColor = (u: string) => ({ normal: "default", urgent: "volcano", supervised: "red" })[u] ?? "default";
export const deadlineColor = (d: string) => ({ ok: "green", due_soon: "orange", overdue: "red", done: "default" })[d] ?? "default";

/** 2 天 3 小时 / 2 d 3 h; negative = overdue by. */
export function fmtLeft(ms: number | null, lang: Lang): string {
  if (ms == null) return "—";
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = lang === "zh" ? (d ? `${d}天${h}小时` : h ? `${h}小时${m}分` : `${m}分钟`) : d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
  return ms < 0 ? (lang === "zh" ? `超期 ${s}` : `${s} overdue`) : lang === "zh" ? `剩余 ${s}` : `${s} left`;
}
