// Table types of the 平安 safety module, added to the DB type by module augmentation.
// Booleans 0/1; timestamps ISO-8601 UTC text; dates YYYY-MM-DD local; money integer fen.

export interface SafetyHazardTable {
  id: string;
  /** Human-readable number YH-YYYYMMDD-xxxx. */
  code: string;
  community_id: string;
  grid_id: string;
  source: string;
  source_ref: string | null;
  kind: string;
  place: string;
  description: string;
  risk: string;
  photos: string;
  lng: number | null;
  lat: number | null;
  found_on: string;
  /** YYYY-MM of found_on, so month breakdowns are a plain GROUP BY. */
  found_month: string;
  found_by_id: string | null;
  found_by: string;
  status: string;
  assignee_name: string | null;
  deadline: string | null;
  assigned_at: string | null;
  rectified_on: string | null;
  rectified_by_id: string | null;
  rectified_by: string | null;
  rectification_note: string | null;
  evidence: string;
  verified_by_id: string | null;
  verified_by: string | null;
  verified_at: string | null;
  verify_note: string | null;
  closed_on: string | null;
  /** YYYY-MM of closed_on (breakdowns of hazards closed in a period). */
  closed_month: string | null;
  closed_by: string | null;
  /** Missed the deadline (rectified late, or escalated while open). */
  overdue: number;
  escalated: number;
  escalated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SafetyPlaceTable {
  id: string;
  community_id: string;
  grid_id: string;
  kind: string;
  name: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  interval_days: number;
  last_inspected_on: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface SafetyChecklistTable {
  place_kind: string;
  items: string;
  updated_at: string;
  updated_by: string | null;
}

export interface SafetyInspectionTable {
  id: string;
  community_id: string;
  grid_id: string;
  place_id: string;
  place_kind: string;
  inspected_on: string;
  inspected_month: string;
  inspectors: string;
  result: string;
  failed_count: number;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface SafetyInspectionItemTable {
  id: string;
  inspection_id: string;
  community_id: string;
  sort: number;
  item: string;
  passed: number;
  note: string | null;
  photos: string;
  hazard_id: string | null;
}

export interface SafetyDisputeTable {
  id: string;
  code: string;
  community_id: string;
  grid_id: string;
  type: string;
  is_labor: number;
  source: string;
  source_ref: string | null;
  summary: string;
  registered_on: string;
  registered_month: string;
  level: string;
  status: string;
  outcome: string | null;
  closed_on: string | null;
  closed_month: string | null;
  close_reason: string | null;
  referral: string | null;
  employer: string | null;
  workers: number | null;
  claimed_fen: number | null;
  recovered_fen: number | null;
  advance_fen: number | null;
  agreement: string | null;
  created_by: string;
  /** 作废 (server/platform/voiding.ts). */
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface SafetyDisputePartyTable {
  id: string;
  dispute_id: string;
  community_id: string;
  sort: number;
  person_id: string | null;
  name: string;
  role: string;
  phone: string | null;
  id_number: string | null;
}

export interface SafetyDisputeEventTable {
  id: string;
  dispute_id: string;
  community_id: string;
  /** Order of the case's history (several steps may share one instant). */
  seq: number;
  kind: string;
  on_date: string;
  at: string;
  actor: string;
  from_level: string | null;
  to_level: string | null;
  reason: string | null;
  mediators: string;
  attendees: string | null;
  record: string | null;
  performed: string | null;
}

declare module "../../db/types.js" {
  interface DB {
    safety_hazards: SafetyHazardTable;
    safety_places: SafetyPlaceTable;
    safety_checklists: SafetyChecklistTable;
    safety_inspections: SafetyInspectionTable;
    safety_inspection_items: SafetyInspectionItemTable;
    safety_disputes: SafetyDisputeTable;
    safety_dispute_parties: SafetyDisputePartyTable;
    safety_dispute_events: SafetyDisputeEventTable;
  }
}
