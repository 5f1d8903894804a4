// Table types of the 民生微实事 projects module, added to the DB type by module augmentation.
// Booleans 0/1; timestamps ISO-8601 UTC text; dates YYYY-MM-DD local; money integer fen.

export interface ProjectTable {
  id: string;
  /** MS-YYYY-NNN, unique in the community. */
  code: string;
  community_id: string;
  /** The budget year once approved (立项), the year proposed before. */
  year: number;
  title: string;
  kind: string;
  place: string;
  reason: string;
  estimated_fen: number;
  proposer_kind: string;
  proposer_name: string;
  proposer_phone: string | null;
  proposer_org_id: string | null;
  proposed_on: string;
  stage: string;
  reviewed_on: string | null;
  voted_on: string | null;
  publicised_on: string | null;
  publicity_ends_on: string | null;
  approved_on: string | null;
  budget_fen: number | null;
  contractor: string | null;
  planned_start: string | null;
  planned_end: string | null;
  /** The first progress report. */
  started_on: string | null;
  progress_pct: number;
  /** Sum of the payments not voided (kept with each payment, in the same transaction). */
  spent_fen: number;
  accepted_on: string | null;
  acceptors: string;
  acceptance_note: string | null;
  evaluated_on: string | null;
  satisfaction: number | null;
  survey_count: number;
  /** Rejected (初审 or vote) or cancelled: the day and which. */
  closed_on: string | null;
  closed_stage: string | null;
  close_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectMeetingTable {
  id: string;
  community_id: string;
  title: string;
  held_on: string;
  members_present: number;
  created_at: string;
}

export interface ProjectVoteTable {
  id: string;
  meeting_id: string;
  project_id: string;
  community_id: string;
  members_present: number;
  votes_for: number;
  votes_against: number;
  abstentions: number;
  passed: number;
  created_at: string;
}

export interface ProjectObjectionTable {
  id: string;
  project_id: string;
  community_id: string;
  received_on: string;
  by_name: string;
  content: string;
  resolution: string | null;
  resolved_on: string | null;
  created_at: string;
}

export interface ProjectProgressTable {
  id: string;
  project_id: string;
  community_id: string;
  month: string;
  reported_on: string;
  percent: number;
  note: string;
  /** JSON array of platform file ids. */
  photos: string;
  created_at: string;
}

export interface ProjectPaymentTable {
  id: string;
  project_id: string;
  community_id: string;
  paid_on: string;
  /** YYYY-MM of paid_on, for month breakdowns. */
  paid_month: string;
  amount_fen: number;
  voucher: string;
  payee: string;
  note: string;
  voided: number;
  void_reason: string | null;
  created_at: string;
}

export interface ProjectSurveyResponseTable {
  id: string;
  project_id: string;
  community_id: string;
  submitted_on: string;
  answer: string;
  comment: string;
  /** online (the public form) or paper (entered by staff). */
  channel: string;
  created_at: string;
}

export interface ProjectEventTable {
  id: string;
  project_id: string;
  community_id: string;
  step: string;
  on_date: string;
  at: string;
  actor: string;
  note: string;
  detail: string;
}

declare module "../../db/types.js" {
  interface DB {
    projects: ProjectTable;
    project_meetings: ProjectMeetingTable;
    project_votes: ProjectVoteTable;
    project_objections: ProjectObjectionTable;
    project_progress: ProjectProgressTable;
    project_payments: ProjectPaymentTable;
    project_survey_responses: ProjectSurveyResponseTable;
    project_events: ProjectEventTable;
  }
}
