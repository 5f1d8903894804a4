// Table types of the 三务公开 portal module, added to the DB type by module augmentation.
// Timestamps ISO-8601 UTC text; dates YYYY-MM-DD local; JSON in text.

export interface PortalColumnTable {
  key: string;
  parent_key: string | null;
  section: string;
  name: string;
  period: string;
  proposer_roles: string;
  sort: number;
  active: number;
  updated_at: string;
}

export interface PortalItemTable {
  id: string;
  community_id: string;
  column_key: string;
  title: string;
  body: string;
  attachments: string;
  period_from: string;
  period_to: string;
  source_module: string | null;
  source_kind: string | null;
  source_id: string | null;
  status: string;
  version: number;
  previous_id: string | null;
  superseded_by: string | null;
  drafted_by: string;
  proposed_by_id: string | null;
  proposed_by: string | null;
  proposed_at: string | null;
  reviewed_by_id: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_confirmed: string;
  approved_by: string | null;
  published_at: string | null;
  published_on: string | null;
  published_month: string | null;
  withdrawn_at: string | null;
  withdrawn_on: string | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface PortalEventTable {
  id: string;
  item_id: string;
  community_id: string;
  step: string;
  at: string;
  actor: string;
  note: string;
}

export interface PortalFeedbackTable {
  id: string;
  item_id: string;
  community_id: string;
  appeal_id: string;
  tracking_no: string;
  received_on: string;
  created_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    portal_columns: PortalColumnTable;
    portal_items: PortalItemTable;
    portal_events: PortalEventTable;
    portal_feedback: PortalFeedbackTable;
  }
}
