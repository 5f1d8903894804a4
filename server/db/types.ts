// Table types shared by the repo layer. Booleans are 0/1 integers; timestamps ISO-8601 UTC text;
// dates YYYY-MM-DD text in the deployment's time zone; money in integer fen.

export type RegionLevel = "district" | "subdistrict" | "community" | "grid" | "estate" | "building";

export interface RegionTable {
  id: string;
  parent_id: string | null;
  level: RegionLevel;
  name: string;
  code: string | null;
  /** Materialised path "/root/…/id/" so a subtree is one LIKE prefix query. */
  path: string;
  /** The community this region is, or lies in (null above community level). */
  community_id: string | null;
  /** GeoJSON geometry (Polygon / MultiPolygon) as text. */
  boundary: string | null;
  /** Representative point, for regions drawn as points. */
  lat: number | null;
  lng: number | null;
  sort: number;
  archived: number;
  created_at: string;
  updated_at: string;
  /** The local date the region was set up in the real world (optional; else the day it was entered counts). */
  established_on: string | null;
  /** When it was archived (null while it is not). */
  archived_at: string | null;
}

export interface OrganisationTable {
  id: string;
  community_id: string;
  grid_id: string | null;
  parent_id: string | null;
  kind: string;
  name: string;
  short_name: string | null;
  founded_on: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  note: string | null;
  archived: number;
  /** When it was archived (dissolved, left the register): platform.organisations counts it up to then. Null while on the register. */
  archived_at?: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  community_id: string;
  grid_id: string | null;
  /** 小区/楼栋 region where known. */
  estate_id: string | null;
  name: string;
  gender: "M" | "F";
  birth_date: string | null;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  kind: "registered" | "migrant" | "foreign";
  /** JSON array of tag codes. */
  tags: string;
  note: string | null;
  archived: number;
  /** Set when the person was anonymised on a PIPL deletion request (migration 031): irreversible. */
  anonymised_at: string | null;
  /** When it was archived (moved away, died …): the stock figures count it up to then. Null while on the registry. */
  archived_at?: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_region_id: string;
  person_id: string | null;
  phone: string | null;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  last_login_at: string | null;
  disabled: number;
  /** When it was disabled: platform.accounts counts it up to then. Null while enabled. */
  disabled_at?: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  current_region_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  community_id: string | null;
  before: string | null;
  after: string | null;
  success: number;
  reason: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  /** "" for the deployment default, else a region id that overrides it for its subtree. */
  region_id: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface FileTable {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  community_id: string | null;
  uploaded_by: string;
  created_at: string;
}

/** A scheduled job (server/platform/scheduler.ts): one row per registered job. */
export interface JobTable {
  key: string;
  next_run_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_result: string | null;
  last_error: string | null;
  runs: number;
  state: string | null;
  updated_at: string;
}

/** An alert in an account's notification centre (server/platform/notifications.ts). */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  module: string;
  severity: string;
  title_zh: string;
  title_en: string;
  body_zh: string | null;
  body_en: string | null;
  link: string;
  community_id: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface DB {
  regions: RegionTable;
  organisations: OrganisationTable;
  people: PersonTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditTable;
  settings: SettingTable;
  files: FileTable;
  jobs: JobTable;
  notifications: NotificationTable;
}
