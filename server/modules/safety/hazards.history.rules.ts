import type { HazardStatus } from "../../../contracts/safety.js";
import { AppError } from "../../platform/errors.js";

// A hazard brought in with its history (an old register): the dates of each step, checked in the
// order the rectification flow (隐患联清) takes them, and the state they add up to. Pure.

export type HazardHistory = {
  foundOn: string;
  assigneeName: string | null;
  deadline: string | null;
  rectifiedOn: string | null;
  rectifiedBy: string | null;
  verifiedOn: string | null;
  verifiedBy: string | null;
  closedOn: string | null;
};

const bad = (zh: string, en: string) => new AppError(400, "BAD_REQUEST", { zh, en });

/** The state the dates add up to, and whether the deadline was missed (by `today` for one still open). */
export function historyState(h: HazardHistory, today: string): { status: HazardStatus; overdue: boolean } {
  const later = (a: string | null, b: string | null, zh: string, en: string) => {
    if (a && b && a < b) throw bad(zh, en);
  };
  for (const [d, zh, en] of [
    [h.foundOn, "发现日期", "The date found"],
    [h.rectifiedOn, "整改日期", "The rectification date"],
    [h.verifiedOn, "核查日期", "The verification date"],
    [h.closedOn, "销号日期", "The closing date"],
  ] as const)
    if (d && d > today) throw bad(`${zh}不能晚于今天`, `${en} cannot be in the future`);
  if (h.deadline && !h.assigneeName) throw bad("有整改期限须填写责任人", "A deadline needs the person responsible");
  if (h.rectifiedOn && !h.deadline) throw bad("整改前须先交办（填写责任人和整改期限）", "A hazard is assigned (person and deadline) before it is rectified");
  if (h.verifiedOn && !h.rectifiedOn) throw bad("核查前须先整改（填写整改日期）", "A hazard is rectified before it is verified");
  if (h.closedOn && !h.verifiedOn) throw bad("销号前须核查通过（填写核查日期）", "A hazard is verified before it is closed");
  later(h.deadline, h.foundOn, "整改期限不能早于发现日期", "The deadline cannot be before the date found");
  later(h.rectifiedOn, h.foundOn, "整改日期不能早于发现日期", "The rectification date cannot be before the date found");
  later(h.verifiedOn, h.rectifiedOn, "核查日期不能早于整改日期", "The check cannot be before the rectification");
  later(h.closedOn, h.verifiedOn, "销号日期不能早于核查日期", "Closing cannot be before the check");
  if (h.verifiedOn && !h.verifiedBy) throw bad("请填写核查人", "Name who verified it");
  if (h.verifiedBy && h.rectifiedBy && h.verifiedBy === h.rectifiedBy)
    throw bad("整改人不能核查自己的整改，请填写其他核查人", "The person who rectified a hazard cannot verify it");
  const status: HazardStatus = h.closedOn ? "closed" : h.verifiedOn ? "verified" : h.rectifiedOn ? "rectified" : h.deadline ? "assigned" : "found";
  const overdue = !!h.deadline && (h.rectifiedOn ? h.rectifiedOn > h.deadline : h.deadline < today);
  return { status, overdue };
}
