// Table types of the party module, added to the DB type by module augmentation.
export interface PartyOrgTable {
  org_id: string;
  community_id: string;
  level: string;
  party_kind: string;
  host_org_id: string | null;
  founded_on: string | null;
  term_start: string | null;
  term_end: string | null;
  created_at: string;
  updated_at: string;
}
export interface PartyMemberTable {
  id: string;
  community_id: string;
  person_id: string;
  org_id: string;
  group_id: string | null;
  status: "full" | "probationary" | "transferred_out";
  joined_on: string;
  full_on: string | null;
  education: string | null;
  transfer_in_on: string | null;
  transfer_in_from: string | null;
  transfer_out_on: string | null;
  transfer_out_to: string | null;
  mobile: number;
  lost_contact: number;
  appraisal_year: number | null;
  appraisal_result: string | null;
  created_at: string;
  updated_at: string;
}
export interface PartyPostTable {
  id: string;
  community_id: string;
  org_id: string;
  person_id: string;
  post: string;
  term_start: string;
  term_end: string | null;
  ended_on: string | null;
  certified: number;
  /** The certificate's date (null: certified at an unknown date, counted as certified throughout). */
  certified_on?: string | null;
  created_at: string;
  /** Set while the election that made this post is voided (作废): the post is then not held. */
  voided_at?: string | null;
}
export interface PartyMeetingTable {
  id: string;
  community_id: string;
  org_id: string;
  type: string;
  held_on: string;
  held_month: string;
  place: string | null;
  topic: string;
  host: string | null;
  due: number;
  present: number;
  on_leave: number;
  absent: number;
  quorum_required: number;
  quorum_met: number | null;
  minutes: string | null;
  resolutions: string | null;
  photos: string;
  created_at: string;
  /** 作废 (server/platform/voiding.ts). */
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}
export interface PartyAttendanceTable {
  meeting_id: string;
  member_id: string;
  community_id: string;
  status: string;
}
export interface PartyElectionTable {
  id: string;
  community_id: string;
  org_id: string;
  kind: string;
  held_on: string;
  term_start: string | null;
  term_end: string | null;
  approving_body: string;
  document_no: string | null;
  post: string | null;
  person_id: string | null;
  removed_person_id: string | null;
  votes_due: number | null;
  votes_cast: number | null;
  votes_for: number | null;
  note: string | null;
  created_at: string;
  voided_at?: string | null;
  voided_by?: string | null;
  void_reason?: string | null;
  /** A 换届's organisation's term before it, JSON {"start","end"} (voiding puts it back); null before migration 032. */
  prev_term?: string | null;
}
export interface CompanyBoardTable {
  id: string;
  community_id: string;
  company_id: string;
  person_id: string;
  post: string;
  term_start: string;
  term_end: string | null;
  ended_on: string | null;
  created_at: string;
}
export interface PartyApplicantTable {
  id: string;
  community_id: string;
  person_id: string;
  org_id: string;
  status: "active" | "probationary" | "full" | "stopped";
  last_step: number;
  stage: number;
  last_step_on: string;
  applied_on: string;
  admitted_on: string | null;
  probation_start: string | null;
  probation_end: string | null;
  extended_months: number;
  member_id: string | null;
  /** Left the pipeline (status stopped): when and why. */
  stopped_on: string | null;
  stop_reason: string | null;
  created_at: string;
  updated_at: string;
}
export interface PartyStepTable {
  id: string;
  community_id: string;
  applicant_id: string;
  step: number;
  done_on: string;
  passed: number;
  member_ids: string;
  documents: string;
  vote: string | null;
  training_hours: number | null;
  conclusion: string | null;
  note: string | null;
  recorded_by: string;
  created_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    party_orgs: PartyOrgTable;
    party_members: PartyMemberTable;
    party_posts: PartyPostTable;
    party_meetings: PartyMeetingTable;
    party_attendance: PartyAttendanceTable;
    party_elections: PartyElectionTable;
    company_board: CompanyBoardTable;
    party_applicants: PartyApplicantTable;
    party_steps: PartyStepTable;
  }
}
