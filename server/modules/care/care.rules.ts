import { maskName } from "../../../contracts/mask.js";
import { addMonths } from "../../platform/dates.js";
import type { Msg } from "../../platform/errors.js";

// The pure rules of care, tested at fixed dates (care.rules.unit.test.ts).

export type HouseholdState = { state: string; enrolledOn: string; archivedOn: string | null };

/** Why a household may not be visited on a day (null: it may). */
export function visitRefusal(h: HouseholdState, visitedOn: string, today: string): Msg | null {
  if (visitedOn > today) return { zh: `走访日期 ${visitedOn} 晚于今天`, en: `The visit date ${visitedOn} is after today` };
  if (h.state === "archived" && (!h.archivedOn || h.archivedOn <= visitedOn))
    return {
      zh: `该困难户已于 ${h.archivedOn ?? "此前"} 归档，不能登记走访`,
      en: `The household was archived on ${h.archivedOn ?? "an earlier date"}; a visit to it cannot be recorded`,
    };
  if (visitedOn < h.enrolledOn)
    return {
      zh: `走访日期 ${visitedOn} 早于该户纳入帮扶的日期 ${h.enrolledOn}`,
      en: `The visit date ${visitedOn} is before the household was taken into care (${h.enrolledOn})`,
    };
  return null;
}

/** Why a household may not be archived on a day. */
export function archiveRefusal(h: HouseholdState & { lastVisitedOn: string | null }, on: string, today: string): Msg | null {
  if (h.state === "archived") return { zh: "该困难户已归档", en: "The household is already archived" };
  if (on > today) return { zh: `归档日期 ${on} 晚于今天`, en: `The archive date ${on} is after today` };
  if (on < h.enrolledOn)
    return { zh: `归档日期早于纳入帮扶日期 ${h.enrolledOn}`, en: `The archive date is before the household was taken into care (${h.enrolledOn})` };
  if (h.lastVisitedOn && on < h.lastVisitedOn)
    return { zh: `归档日期早于最近一次走访 ${h.lastVisitedOn}`, en: `The archive date is before the latest visit (${h.lastVisitedOn})` };
  return null;
}

/** Households last visited before this day (or never since enrolled before it) count as not visited for `months`. */
export const unvisitedCutoff = (today: string, months: number) => addMonths(today, -months);

/** Not visited for `months` as of `today`: in care, and neither visited nor enrolled since the cutoff. */
export function isUnvisited(h: { state: string; enrolledOn: string; lastVisitedOn: string | null }, today: string, months: number): boolean {
  if (h.state !== "active") return false;
  const cutoff = unvisitedCutoff(today, months);
  return (h.lastVisitedOn ?? h.enrolledOn) < cutoff;
}

/** A household's name as lists show it: the head's name masked, 张*家. */
export const householdName = (headName: string) => `${maskName(headName) ?? ""}家`;

/** Difficulty kinds chosen must be on the setting's list; the first is the one breakdowns use. */
export function kindsRefusal(kinds: string[], allowed: string[]): Msg | null {
  const bad = kinds.filter((k) => !allowed.includes(k));
  if (bad.length) return { zh: `困难类型不在设置的列表中：${bad.join("、")}`, en: `Difficulty kinds not on the settings' list: ${bad.join(", ")}` };
  if (new Set(kinds).size !== kinds.length) return { zh: "困难类型重复", en: "A difficulty kind is given twice" };
  return null;
}
