// Table types of the appeals module, added to the DB type by module augmentation.

export interface AppealCategoryTable {
  /** Stable code (also the Open311 service_code), e.g. "GY" (大类) or "GY01" (小类). */
  code: string;
  parent_code: string | null;
  name: string;
  name_en: string | null;
  /** Handling deadline of a 一般件, hours (multiples of 24 are calendar days ending at local midnight). */
  deadline_hours: number;
  /** Handling deadline of a 紧急件 / 督办件, hours. */
  urgent_hours: number;
  sort: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface AppealTable {
  id: string;
  community_id: string;
  grid_id: string | null;
  /** Number a resident tracks the case by; also the Open311 service_request_id. */
  tracking_no: string;
  /** Number on the platform it came from (民意速办, 12345 …), kept on import; unique per channel. */
  external_no: string | null;
  channel: string;
  kind: string;
  appeal_type: string | null;
  category_code: string;
  urgency: string;
  title: string;
  content: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  appellant_name: string | null;
  appellant_phone: string | null;
  appellant_person_id: string | null;
  /** JSON array of file ids. */
  photos: string;
  /** JSON array of tags (急难愁盼 …). */
  tags: string;
  status: string;
  /** Local calendar date and month of registration: a year's figures count by these. */
  reg_date: string;
  reg_month: string;
  registered_at: string;
  registered_by: string | null;
  dispatch_due_at: string | null;
  contact_due_at: string | null;
  /** Handling (答复) deadline. */
  due_at: string | null;
  dispatched_at: string | null;
  assignee_org_id: string | null;
  assignee_user_id: string | null;
  signed_at: string | null;
  sign_late: number | null;
  contacted_at: string | null;
  /** JSON {hours, reason, requestedBy, requestedAt} while an extension waits for approval. */
  pending_extension: string | null;
  answer: string | null;
  closed_at: string | null;
  closed_late: number | null;
  /** Minutes from registration to the (last) close. */
  handling_minutes: number | null;
  resolved: number | null;
  visit_at: string | null;
  visit_reached: number | null;
  visit_contacted: number | null;
  visit_resolved: number | null;
  satisfaction: string | null;
  reopen_count: number;
  /** Same appellant appealed within the repeat window before this one (重复诉求). */
  is_repeat: number;
  merged_into_id: string | null;
  /** The record of another module the case was registered from (module, kind, id), or nulls. */
  source_module: string | null;
  source_kind: string | null;
  source_id: string | null;
  archived_at: string | null;
  /** 作废 (server/platform/voiding.ts). */
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface AppealEventTable {
  id: string;
  appeal_id: string;
  community_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: string | null;
}

export interface AppealAssignmentTable {
  id: string;
  appeal_id: string;
  community_id: string;
  org_id: string | null;
  user_id: string | null;
  lead: number;
  active: number;
  assigned_at: string;
}

export interface AppealApiKeyTable {
  id: string;
  name: string;
  channel: string;
  /** sha256 of the key; the key itself is shown once. */
  key_hash: string;
  key_prefix: string;
  community_id: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

declare module "../../db/types.js" {
  interface DB {
    appeal_categories: AppealCategoryTable;
    appeals: AppealTable;
    appeal_events: AppealEventTable;
    appeal_assignments: AppealAssignmentTable;
    appeal_api_keys: AppealApiKeyTable;
  }
}
