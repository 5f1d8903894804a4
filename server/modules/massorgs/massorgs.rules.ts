import type { Msg } from "../../platform/errors.js";

// The pure rules of 群团, tested at fixed dates (massorgs.rules.unit.test.ts).

/** A result (of an application or a nomination) is given once, on or after the day it was made, not in the future. */
export function resultRefusal(current: string, madeOn: string, on: string, today: string): Msg | null {
  if (current !== "pending") return { zh: "结果已登记，不能重复登记", en: "The result is already recorded" };
  if (on < madeOn) return { zh: `结果日期 ${on} 早于申报/推荐日期 ${madeOn}`, en: `The result date ${on} is before the date it was made (${madeOn})` };
  if (on > today) return { zh: `结果日期 ${on} 晚于今天`, en: `The result date ${on} is after today` };
  return null;
}

/** A member joins once at a time; leaves on or after joining. */
export function joinRefusal(activeAlready: boolean, joinedOn: string, today: string, foundedOn: string | null): Msg | null {
  if (activeAlready) return { zh: "此人已是该组织成员", en: "This person is already a member" };
  if (joinedOn > today) return { zh: "加入日期不能晚于今天", en: "The joining date cannot be after today" };
  if (foundedOn && joinedOn < foundedOn)
    return { zh: `加入日期早于组织成立日期 ${foundedOn}`, en: `The joining date is before the organisation was founded (${foundedOn})` };
  return null;
}
export function leaveRefusal(m: { joinedOn: string; leftOn: string | null }, on: string, today: string): Msg | null {
  if (m.leftOn) return { zh: "该成员已退出", en: "The member has already left" };
  if (on < m.joinedOn) return { zh: `退出日期早于加入日期 ${m.joinedOn}`, en: `The leaving date is before joining (${m.joinedOn})` };
  if (on > today) return { zh: "退出日期不能晚于今天", en: "The leaving date cannot be after today" };
  return null;
}

/** An award must be on the setting's list. */
export const awardRefusal = (award: string, allowed: string[]): Msg | null =>
  allowed.includes(award) ? null : { zh: `奖项“${award}”不在设置的奖项列表中`, en: `The award "${award}" is not on the settings' list of awards` };
