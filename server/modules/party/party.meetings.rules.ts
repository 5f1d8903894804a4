import type { z } from "zod";
import type { MeetingType, ZComplianceItem } from "../../../contracts/party.js";
import { addDays, monthEnd } from "../../platform/dates.js";
import { rule } from "./party.common.js";

// The rules of party meetings [A, 支部工作条例 2018] (DOMAIN.md §5), pure: who holds which meeting,
// who is due, the quorum, and which meetings each branch owes in each period of a year.

/** Meeting types whose members due are the organisation's committee, not all its members. */
export const COMMITTEE_TYPES: readonly MeetingType[] = ["党委会议", "支委会"];
/** Meeting types that need more than half of those due present. */
export const QUORUM_TYPES: readonly MeetingType[] = ["党委会议", "支委会", "支部党员大会"];

/** A 党委会议 or 党建工作部署总结会 is a committee's; a 支委会 a branch's (or general branch's). */
export function mayHold(type: MeetingType, org: { name: string; level: string }) {
  if ((type === "党委会议" || type === "党建工作部署总结会") && !["党委", "党总支"].includes(org.level))
    throw rule(`${type}由党委（党总支）召开，${org.name}是${org.level}`, `A ${type} is held by a party committee; ${org.name} is a ${org.level}`);
  if (type === "支委会" && org.level !== "党支部" && org.level !== "党总支")
    throw rule(`支委会由党支部召开，${org.name}是${org.level}`, `A branch committee meeting is held by a branch; ${org.name} is a ${org.level}`);
}

/** The quorum of a meeting: required for some types, met with more than half of those due present [A]. */
export function quorum(type: MeetingType, due: number, present: number): { required: boolean; met: boolean | null } {
  const required = QUORUM_TYPES.includes(type);
  return { required, met: required ? present * 2 > due : null };
}

export type Period = { key: string; start: string; end: string };

/** The periods of a year for a rule held `perYear` times: months (2024-05), quarters (2024Q2), halves (2024H1) or the year. */
export function periods(year: number, perYear: 1 | 2 | 4 | 12): Period[] {
  const out: Period[] = [];
  const len = 12 / perYear;
  for (let i = 0; i < perYear; i++) {
    const m0 = i * len + 1;
    const m1 = m0 + len - 1;
    const start = `${year}-${String(m0).padStart(2, "0")}-01`;
    const end = monthEnd(`${year}-${String(m1).padStart(2, "0")}`);
    const key = perYear === 12 ? `${year}-${String(m0).padStart(2, "0")}` : perYear === 4 ? `${year}Q${i + 1}` : perYear === 2 ? `${year}H${i + 1}` : `${year}`;
    out.push({ key, start, end });
  }
  return out;
}

/**
 * What a branch owes [A]: 主题党日 monthly; 支委会 monthly where it has a committee (3 or more
 * posts); 党小组会 monthly where it has groups; 支部党员大会 quarterly; 党课 as the setting says;
 * 组织生活会 and 民主评议 yearly.
 */
export function requiredMeetings(b: { hasCommittee: boolean; hasGroups: boolean; lessonsPerYear: 1 | 2 | 4 | 12 }): Array<[MeetingType, 1 | 2 | 4 | 12]> {
  return [
    ["主题党日", 12],
    ...(b.hasCommittee ? ([["支委会", 12]] as Array<[MeetingType, 12]>) : []),
    ...(b.hasGroups ? ([["党小组会", 12]] as Array<[MeetingType, 12]>) : []),
    ["支部党员大会", 4],
    ["党课", b.lessonsPerYear],
    ["组织生活会", 1],
    ["民主评议", 1],
  ];
}

type Item = z.infer<typeof ZComplianceItem>;
export type HeldMeeting = { org_id: string; type: string; held_on: string; quorum_met: number | null };

/**
 * One branch's compliance in a year as of a date: each ended period of each required meeting is
 * met (held, with quorum where needed), short of quorum or missing; a current period is only a
 * reminder, `remindDays` before it ends. Periods wholly before the branch was founded owe nothing.
 */
export function branchCompliance(input: {
  /**
   * `posts`: the committee's size today; `postTerms`, when given, its posts with their terms, so
   * that a committee (3 or more posts, owing a monthly 支委会) is counted at each period's end: a
   * branch that gained its third post this year owed no 支委会 in the years before.
   */
  branch: { id: string; foundedOn: string | null; posts: number; postTerms?: ReadonlyArray<{ termStart: string; endedOn: string | null }> };
  groups: ReadonlySet<string>;
  meetings: readonly HeldMeeting[];
  year: number;
  asOf: string;
  lessonsPerYear: 1 | 2 | 4 | 12;
  remindDays: number;
}) {
  const { branch: b, groups, asOf } = input;
  const missing: Item[] = [];
  const reminders: Item[] = [];
  const items: Item[] = [];
  let required = 0;
  let met = 0;
  const terms = b.postTerms;
  const committeeOn = (day: string) => (terms ? terms.filter((t) => t.termStart <= day && (t.endedOn === null || t.endedOn > day)).length >= 3 : b.posts >= 3);
  const everCommittee = terms ? b.posts >= 3 || terms.some((t) => committeeOn(t.termStart)) : b.posts >= 3;
  for (const [type, perYear] of requiredMeetings({ hasCommittee: everCommittee, hasGroups: groups.size > 0, lessonsPerYear: input.lessonsPerYear })) {
    for (const p of periods(input.year, perYear)) {
      if (p.start > asOf) continue;
      if (b.foundedOn && b.foundedOn > p.end) continue;
      if (type === "支委会" && terms && !committeeOn(p.end)) continue;
      const held = input.meetings.filter(
        (m) => m.type === type && m.held_on >= p.start && m.held_on <= p.end && (m.org_id === b.id || (type === "党小组会" && groups.has(m.org_id))),
      );
      const ok = held.some((m) => m.quorum_met !== 0);
      const item = { type, period: p.key, periodEnd: p.end, held: held.length };
      if (p.end >= asOf) {
        // The current period: not yet missing; a reminder when its end is near.
        if (!ok && asOf >= addDays(p.end, -input.remindDays)) reminders.push({ ...item, status: "due_soon" });
        continue;
      }
      required++;
      if (ok) met++;
      else missing.push({ ...item, status: held.length ? "short_quorum" : "missing" });
      items.push({ ...item, status: ok ? "ok" : held.length ? "short_quorum" : "missing" });
    }
  }
  return { required, met, missing, reminders, items };
}
