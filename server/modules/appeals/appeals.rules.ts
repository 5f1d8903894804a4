// The rules of DOMAIN.md §1 that need no database: settings, deadlines, the state machine.
import { z } from "zod";
import type { DeadlineState, Status, Urgency } from "../../../contracts/appeals.js";
import type { Permission } from "../../../contracts/roles.js";
import { addDays, endOfLocalDay, localDate } from "../../platform/dates.js";
import { defineSetting } from "../../platform/settings.js";

const ZHours = z
  .number()
  .min(0.25)
  .max(24 * 90);

/** Every [B]/[U] rule of §1 is a setting (DOMAIN.md: never a constant in code). */
export const APPEAL_SETTINGS = {
  deadlines: defineSetting({
    key: "appeals.deadlines",
    schema: z.object({
      dispatchHours: z.object({ normal: ZHours, urgent: ZHours, supervised: ZHours }),
      signHours: ZHours,
      contactHours: ZHours,
      dueSoonHours: ZHours,
      dueSoonShare: z.number().min(0.05).max(0.9),
    }),
    default: { dispatchHours: { normal: 2, urgent: 1, supervised: 1 }, signHours: 2, contactHours: 24, dueSoonHours: 24, dueSoonShare: 0.25 },
    label: {
      zh: "民意速办时限：派单（按紧急程度）、签收、首次联系（小时）及将到期提醒",
      en: "Appeal deadlines: dispatch (by urgency), sign, first contact (hours) and due-soon warning",
    },
    regional: true,
  }),
  weights: defineSetting({
    key: "appeals.rate_weights",
    schema: z
      .object({
        response: z.number().min(0).max(1),
        resolution: z.number().min(0).max(1),
        satisfaction: z.number().min(0).max(1),
        basicSatisfied: z.number().min(0).max(1),
      })
      .refine((w) => Math.abs(w.response + w.resolution + w.satisfaction - 1) < 1e-9, "三项权重之和须为 1 / weights must add up to 1"),
    default: { response: 0.1, resolution: 0.5, satisfaction: 0.4, basicSatisfied: 0.9 },
    label: {
      zh: "民意速办综合评分权重（响应率、解决率、满意率）及基本满意折算系数",
      en: "Appeal score weights (response, resolution, satisfaction) and the 'fairly satisfied' factor",
    },
    regional: true,
  }),
  windows: defineSetting({
    key: "appeals.windows",
    schema: z.object({ duplicateDays: z.number().int().min(1).max(365), repeatDays: z.number().int().min(1).max(365) }),
    default: { duplicateDays: 30, repeatDays: 30 },
    label: { zh: "疑似重复件识别窗口、重复诉求统计窗口（天）", en: "Duplicate detection and repeat-appeal windows (days)" },
    regional: true,
  }),
};
export type DeadlineSettings = z.infer<typeof APPEAL_SETTINGS.deadlines.schema>;

/**
 * A deadline `hours` after `from`. Whole days (multiples of 24) are calendar days in the deployment's
 * time zone and end at local midnight, as the platform counts "7 days"; shorter ones are exact hours.
 */
export function deadlineAfter(from: Date, hours: number, timeZone: string): Date {
  if (hours >= 24 && hours % 24 === 0) return endOfLocalDay(addDays(localDate(from, timeZone), hours / 24 - 1), timeZone);
  return new Date(from.getTime() + hours * 3_600_000);
}

export function handlingHours(cat: { deadline_hours: number; urgent_hours: number }, urgency: Urgency | string): number {
  return urgency === "normal" ? cat.deadline_hours : Math.min(cat.urgent_hours, cat.deadline_hours);
}

export const OPEN_STATUSES: Status[] = ["registered", "dispatched", "handling"];

/** 将到期 / 已超期 of a case at an instant. */
export function deadlineState(
  row: { status: string; due_at: string | null; registered_at: string },
  now: Date,
  s: Pick<DeadlineSettings, "dueSoonHours" | "dueSoonShare">,
): { state: DeadlineState; msLeft: number | null } {
  if (!OPEN_STATUSES.includes(row.status as Status) || !row.due_at) return { state: "done", msLeft: null };
  const due = new Date(row.due_at).getTime();
  const left = due - now.getTime();
  if (left < 0) return { state: "overdue", msLeft: left };
  const window = due - new Date(row.registered_at).getTime();
  const soon = Math.min(s.dueSoonHours * 3_600_000, s.dueSoonShare * window);
  return { state: left <= soon ? "due_soon" : "ok", msLeft: left };
}

export type Action = "dispatch" | "sign" | "contact" | "extension_request" | "extension_decide" | "return" | "assist" | "close" | "visit" | "merge";

/**
 * The state machine: which states an action starts from, the permission it needs, and whether the
 * actor must be the case's assignee (the handler's own steps).
 */
export const TRANSITIONS: Record<Action, { from: Status[]; perm: Permission; assignee?: boolean }> = {
  dispatch: { from: ["registered"], perm: "appeals.dispatch" },
  sign: { from: ["dispatched"], perm: "appeals.handle", assignee: true },
  contact: { from: ["handling"], perm: "appeals.handle", assignee: true },
  extension_request: { from: ["handling"], perm: "appeals.handle", assignee: true },
  extension_decide: { from: ["handling"], perm: "appeals.dispatch" },
  return: { from: ["dispatched", "handling"], perm: "appeals.handle", assignee: true },
  assist: { from: ["handling"], perm: "appeals.handle", assignee: true },
  close: { from: ["handling"], perm: "appeals.handle", assignee: true },
  visit: { from: ["closed"], perm: "appeals.dispatch" },
  merge: { from: ["registered", "dispatched"], perm: "appeals.dispatch" },
};
