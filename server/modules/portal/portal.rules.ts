// Pure rules of 三务公开: what the 保密审核 looks for in a body, and the disclosure schedule of a
// column (which periods are due when), unit-tested at fixed dates.
import { maskIdNumber, maskName, maskPhone } from "../../../contracts/mask.js";
import type { FindingKind, PortalPeriod, TFinding } from "../../../contracts/portal.js";
import { addDays } from "../../platform/dates.js";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** A mainland ID number (GB 11643): 18 characters whose last is the check digit of the first 17. */
export function isIdNumber(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === s[17].toUpperCase();
}

/**
 * What looks like personal data in a text: ID numbers (with a valid check digit), mobile phones
 * (11 digits from 13–19, not inside a longer number) and the full names given (the residents of
 * the community, read from the people registry by the caller). Each distinct text once, counted.
 */
export function findPersonalData(text: string, residentNames: Iterable<string> = []): TFinding[] {
  const found = new Map<string, TFinding>();
  const add = (kind: FindingKind, t: string, masked: string) => {
    const k = `${kind}:${t}`;
    const f = found.get(k);
    if (f) f.count++;
    else found.set(k, { kind, text: t, masked, count: 1 });
  };
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g))
    if (isIdNumber(m[0])) add("id_number", m[0].toUpperCase(), maskIdNumber(m[0]) ?? "");
  for (const m of text.matchAll(/(?<!\d)1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g)) {
    const digits = m[0].replace(/[\s-]/g, "");
    add("phone", digits, maskPhone(digits) ?? "");
  }
  for (const name of new Set(residentNames)) {
    // A one-character name would match everywhere; the registry's names are two characters or more.
    if (Array.from(name).length < 2) continue;
    let at = text.indexOf(name);
    while (at >= 0) {
      add("name", name, maskName(name) ?? "");
      at = text.indexOf(name, at + name.length);
    }
  }
  return [...found.values()];
}

/** The findings the reviewer has not confirmed (by kind and text). */
export function unconfirmed(findings: TFinding[], confirmed: Array<{ kind: string; text: string }>): TFinding[] {
  const ok = new Set(confirmed.map((c) => `${c.kind}:${c.text.replace(/[\s-]/g, "").toUpperCase()}`));
  return findings.filter((f) => !ok.has(`${f.kind}:${f.text.toUpperCase()}`));
}

/** Replace every finding by its masked form (张*, 138****1234, 110***********1234). */
export function maskFindings(text: string, findings: TFinding[]): string {
  let out = text;
  for (const f of [...findings].sort((a, b) => b.text.length - a.text.length)) out = out.split(f.text).join(f.masked);
  return out;
}

export type Slot = { from: string; to: string; dueOn: string };

/**
 * Days after a period's end by which its disclosure is due: 一般事项 quarterly and finances monthly
 * within the first days of the next period; a yearly disclosure (the year's report, assets) within
 * the first quarter. Major matters (immediate) have no schedule: they are published at once.
 */
export const GRACE_DAYS: Record<"monthly" | "quarterly" | "yearly", number> = { monthly: 10, quarterly: 15, yearly: 90 };

const pad = (n: number) => String(n).padStart(2, "0");
function endOf(y: number, m: number): string {
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * The periods of a scheduled column that start on or after `since` and whose disclosure falls due
 * in [from, to] (due = the period's last day + the grace days). Other periods give none.
 */
export function slotsDue(period: PortalPeriod, since: string, from: string, to: string): Slot[] {
  if (period !== "monthly" && period !== "quarterly" && period !== "yearly") return [];
  const step = period === "monthly" ? 1 : period === "quarterly" ? 3 : 12;
  const grace = GRACE_DAYS[period];
  const out: Slot[] = [];
  let y = Number(since.slice(0, 4));
  let m = period === "yearly" ? 1 : Math.floor((Number(since.slice(5, 7)) - 1) / step) * step + 1;
  for (let guard = 0; guard < 2000; guard++) {
    const sFrom = `${y}-${pad(m)}-01`;
    const em = m + step - 1;
    const sTo = endOf(y, em);
    const dueOn = addDays(sTo, grace);
    if (dueOn > to) break;
    if (sFrom >= since && dueOn >= from) out.push({ from: sFrom, to: sTo, dueOn });
    m += step;
    if (m > 12) {
      m -= 12;
      y++;
    }
  }
  return out;
}

/** An item fills a slot when the period it covers ends inside the slot and it was published by the slot's due day. */
export const fills = (slot: Slot, item: { periodTo: string; publishedOn: string }) =>
  item.periodTo >= slot.from && item.periodTo <= slot.to && item.publishedOn <= slot.dueOn;

/** The steps of an item's flow and who may take them: the flow's state machine. */
export type Step = "submit" | "review" | "approve" | "withdraw" | "correct" | "edit";
const FROM: Record<Step, readonly string[]> = {
  edit: ["draft"],
  submit: ["draft"],
  review: ["proposed"],
  approve: ["reviewed"],
  withdraw: ["published"],
  correct: ["published", "withdrawn"],
};
export const STEP_LABELS: Record<Step, { zh: string; en: string }> = {
  edit: { zh: "修改", en: "edit" },
  submit: { zh: "提出", en: "propose" },
  review: { zh: "保密审核", en: "confidentiality review" },
  approve: { zh: "审批", en: "approval" },
  withdraw: { zh: "撤回", en: "withdrawal" },
  correct: { zh: "更正", en: "correction" },
};
export const stepAllowed = (step: Step, status: string) => FROM[step].includes(status);
