// What other modules may use of party: the only file of this module they import.
import type { PartyServices } from "./party.services.js";

export type { TCentralTraining } from "../../../contracts/party.js";

/**
 * Handed to other modules by modules/index.ts. The activities module asks which of the people
 * signed up for an activity are in the development pipeline (and which candidates, 发展对象, still
 * need their central training), and records a central training they attended as step 11 of the
 * pipeline, under the same rules as the page: in order, dated, with its certificate, ≥ 24 hours.
 *
 * - `applicantsAmong(scope, personIds, exec?)`: of these people, those applying or on probation in
 *   scope, each with `applicantId`, `orgId`, `status`, `stage` (1–5), `lastStep`, `next` (the next
 *   step and its earliest/due dates) and `needsCentralTraining` (stage 3, step 11 not yet done).
 * - `recordCentralTraining(who, applicantId, { doneOn, hours, documents, note? }, exec?)`: step 11;
 *   refused with the rule it breaks (e.g. before the political review, or under 24 hours). Pass
 *   the caller's transaction as `exec` to make it part of its own write. Answers `stepId`, the record made.
 * - `withdrawCentralTraining(who, stepId, exec?)`: withdraws that record (its attendance was removed):
 *   only a step 11 record, of an applicant still at step 11 with nothing after it; else refused.
 */
export type PartyApi = {
  /** Elections (换届选举 and by-elections) in scope, filtered by org, kind and date: for the 三务公开 portal's results. */
  elections: PartyServices["elections"]["list"];
  /** The member register in scope (names and personal data masked as on the page): new members' 公示 on the portal. */
  members: PartyServices["members"]["list"];
  applicantsAmong: PartyServices["pipeline"]["among"];
  recordCentralTraining: PartyServices["pipeline"]["recordCentralTraining"];
  withdrawCentralTraining: PartyServices["pipeline"]["withdrawCentralTraining"];
};
