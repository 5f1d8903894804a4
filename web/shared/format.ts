import dayjs from "dayjs";
import type { Lang } from "../api/types";

export const fmtDateTime = (v: string | null | undefined) => (v ? dayjs(v).format("YYYY-MM-DD HH:mm") : "—");
export const fmtDateTimeSec = (v: string | null | undefined) => (v ? dayjs(v).format("YYYY-MM-DD HH:mm:ss") : "—");
export const fmtDate = (v: string | null | undefined) => (v ? dayjs(v).format("YYYY-MM-DD") : "—");

const trim = (s: string) => s.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1");

export function fmtNumber(n: number, lang: Lang, digits = 0): string {
  return n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits });
}

/** A figure value with its unit: 4,469 件 / 156 万元 / 100%. Returns [number, unit]. */
export function fmtFigure(value: number, unit: "count" | "yuan" | "ratio", lang: Lang): [string, string] {
  if (unit === "ratio") return [trim((value * 100).toFixed(1)), "%"];
  if (unit === "yuan") {
    if (lang === "zh") {
      if (Math.abs(value) >= 100_000_000) return [trim((value / 100_000_000).toFixed(2)), "亿元"];
      if (Math.abs(value) >= 10_000) return [fmtNumber(Number((value / 10_000).toFixed(2)), lang, 2), "万元"];
      return [fmtNumber(value, lang, 2), "元"];
    }
    if (Math.abs(value) >= 1_000_000) return [`¥${trim((value / 1_000_000).toFixed(2))}`, "M"];
    return [`¥${fmtNumber(value, lang, 2)}`, ""];
  }
  return [fmtNumber(value, lang), ""];
}

/** A drill-down cell: null → —, booleans in words, objects as JSON. */
export function fmtCell(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? (lang === "zh" ? "是" : "Yes") : lang === "zh" ? "否" : "No";
  if (typeof v === "number") return fmtNumber(v, lang, 2);
  if (typeof v === "object") return JSON.stringify(v);
  const s = String(v);
  // ISO timestamps read better local and without seconds
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return fmtDateTime(s);
  return s;
}
