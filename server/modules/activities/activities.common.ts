import { z } from "zod";
import { localDate, localParts } from "../../platform/dates.js";
import { type AppError, errors } from "../../platform/errors.js";
import { defineSetting } from "../../platform/settings.js";
import type { Who } from "../../platform/who.js";
import "./activities.tables.js";

// [B] rules of this module are settings, with these defaults.
export const ACTIVITY_SETTINGS = {
  checkinWindow: defineSetting({
    key: "activities.checkin_window_minutes",
    schema: z.object({ before: z.number().int().min(0).max(1440), after: z.number().int().min(0).max(10080) }),
    default: { before: 60, after: 120 },
    label: { zh: "活动签到时间窗（开始前/结束后分钟）", en: "Activity check-in window (minutes before start / after end)" },
    regional: true,
  }),
  issueDeadlineDays: defineSetting({
    key: "activities.issue_deadline_days",
    schema: z.number().int().min(1).max(365),
    default: 15,
    label: { zh: "阵地自查问题整改期限（天）", en: "Venue self-inspection issue deadline (days)" },
    regional: true,
  }),
};

/** The default self-inspection checklist of a venue kind (editable per kind). */
export const DEFAULT_CHECKLIST = [
  "消防器材完好有效",
  "安全出口和疏散通道畅通",
  "用电线路规范无私拉乱接",
  "标识标牌规范清晰",
  "开放时间公示并按时开放",
  "环境卫生整洁",
  "设施设备完好",
  "台账资料齐全",
];

export function json<T>(v: string | null | undefined, fallback: T): T {
  if (!v) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

export const actorLabel = (who: Who) => who.user?.displayName ?? who.user?.username ?? "系统";

/** A short code a person can read out or type: no 0/O or 1/I. */
export function shortCode(n: number, rnd: () => number = Math.random): string {
  const A = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let s = "";
  for (let i = 0; i < n; i++) s += A[Math.floor(rnd() * A.length)];
  return s;
}

/** The checked-in identity of a participant, so a person checked in twice counts once per activity. */
export function whoKey(e: { personId?: string | null; signupId?: string | null; phone?: string | null; name?: string | null }): string {
  if (e.personId) return `p:${e.personId}`;
  if (e.signupId) return `s:${e.signupId}`;
  if (e.phone) return `t:${e.phone}`;
  return `n:${(e.name ?? "").trim()}`;
}

/** "YYYY-MM-DD HH:MM" in the deployment's zone. */
export function localStamp(iso: string, tz: string): string {
  const d = new Date(iso);
  const p = localParts(d, tz);
  return `${localDate(d, tz)} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/**
 * Why a check-in by the activity's QR code (code `k`) is refused now, or null: a wrong or expired
 * code, a cancelled activity, before the window opens or after it closes (setting checkinWindow).
 * The same rules for a participant's check-in and a volunteer's sign-in by the same code.
 */
export function checkinRefusal(
  a: { checkin_code: string; status: string; starts_at: string; ends_at: string } | undefined | null,
  k: string | null | undefined,
  w: { before: number; after: number },
  nowMs: number,
): AppError | null {
  if (!a || !k || a.checkin_code !== k)
    return errors.badRequest("签到码无效或已过期，请重新扫描现场二维码", "The check-in code is wrong or expired: scan the code at the activity again");
  if (a.status === "cancelled") return errors.conflict("该活动已取消", "The activity was cancelled");
  if (nowMs < new Date(a.starts_at).getTime() - w.before * 60_000)
    return errors.conflict(`签到尚未开始（活动开始前 ${w.before} 分钟开放）`, `Check-in has not opened yet (it opens ${w.before} minutes before the start)`);
  if (nowMs > new Date(a.ends_at).getTime() + w.after * 60_000) return errors.conflict("签到已结束", "Check-in has closed");
  return null;
}
