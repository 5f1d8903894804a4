import { PARTY_LEVELS } from "../../../contracts/party.js";
import { addMonths } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { rule } from "./party.common.js";

// The rules of the party organisation tree and its committees (DOMAIN.md §5), pure: no database.

/** 0 for 党委 … 3 for 党小组; a parent ranks lower (above) its children. */
export const levelRank = (l: string) => PARTY_LEVELS.indexOf(l as (typeof PARTY_LEVELS)[number]);

/** 党委 > 党总支 > 党支部 > 党小组: a parent must rank above the organisation. */
export function parentRanksAbove(parentLevel: string, level: string) {
  if (levelRank(parentLevel) >= levelRank(level))
    throw rule(
      `上级党组织（${parentLevel}）的层级须高于${level}（党委 > 党总支 > 党支部 > 党小组）`,
      `The parent (${parentLevel}) must rank above a ${level} (committee > general branch > branch > group)`,
    );
}

/** Only a 党委 stands without a parent party organisation. */
export function needsParent(level: string) {
  if (level !== "党委") throw rule("党总支、党支部、党小组须有上级党组织", "A general branch, branch or group needs a parent party organisation");
}

/**
 * The new parent of `id` must not be `id` itself nor sit below it (that would make a loop):
 * `ancestorsOfParent` is the chain above the new parent, nearest first.
 */
export function notUnderItself(id: string, parentId: string, ancestorsOfParent: readonly string[]) {
  if (parentId === id) throw errors.badRequest("上级党组织不能是自己", "A party organisation cannot be its own parent");
  if (ancestorsOfParent.includes(id))
    throw errors.badRequest("上级党组织不能是本组织的下级", "The parent cannot be one of this organisation's own sub-organisations");
}

/** A sub-organisation must rank below its parent's (new) level. */
export function childrenRankBelow(level: string, children: ReadonlyArray<{ name: string; level: string }>) {
  for (const c of children)
    if (levelRank(c.level) <= levelRank(level))
      throw rule(
        `下级党组织${c.name}（${c.level}）的层级须低于${level}，请先调整下级党组织`,
        `The sub-organisation ${c.name} (${c.level}) must rank below a ${level}: change it first`,
      );
}

/** Terms of community party organisations: 5 years [A]; a group has no term of its own. */
export function defaultTermEnd(termStart: string | null | undefined, level: string): string | null {
  return termStart && level !== "党小组" ? addMonths(termStart, 60) : null;
}

/** How a term stands today: expired, ending within three months, fine, or none recorded. */
export function termFlag(termEnd: string | null, today: string): "none" | "expired" | "expiring" | "ok" {
  if (!termEnd) return "none";
  if (termEnd < today) return "expired";
  return termEnd <= addMonths(today, 3) ? "expiring" : "ok";
}

/**
 * The branch-setup warnings [A]: a branch needs ≥ 3 full members; ≥ 7 → a committee of 3–5 (≤ 7);
 * fewer → a secretary only; and a secretary in any case.
 */
export function branchWarnings(level: string, full: number, posts: ReadonlyArray<{ post: string }>) {
  const w: Array<{ code: string; zh: string; en: string }> = [];
  if (level !== "党支部") return w;
  if (full < 3) w.push({ code: "min_members", zh: `正式党员${full}人，党支部须有正式党员3人以上`, en: `${full} full members: a branch needs at least 3` });
  const committee = posts.length;
  if (full >= 7 && (committee < 3 || committee > 7))
    w.push({
      code: "committee_size",
      zh: `正式党员${full}人（7人以上），应设支部委员会（委员3至5人，最多7人），现有${committee}人`,
      en: `${full} full members (7 or more): a committee of 3–5 (at most 7) is needed, it has ${committee}`,
    });
  if (full < 7 && committee > 1)
    w.push({
      code: "no_committee",
      zh: `正式党员不足7人，不设支部委员会，只设书记1人（现有委员${committee}人）`,
      en: `Fewer than 7 full members: no committee, a secretary only (${committee} posts held)`,
    });
  if (!posts.some((p) => p.post === "书记")) w.push({ code: "no_secretary", zh: "未配备支部书记", en: "No branch secretary" });
  return w;
}

/** Two terms [start, end) overlap; an open end runs on. */
export const termsOverlap = (aStart: string, aEnd: string | null, bStart: string, bEnd: string | null) =>
  aStart < (bEnd ?? "9999-12-31") && bStart < (aEnd ?? "9999-12-31");
