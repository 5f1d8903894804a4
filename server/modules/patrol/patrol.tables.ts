// Table types of the patrol module, added to the DB type by module augmentation.

export interface PatrolTeamTable {
  id: string;
  community_id: string;
  name: string;
  force: string;
  org_id: string | null;
  member_ids: string;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface PatrolPointTable {
  id: string;
  community_id: string;
  grid_id: string;
  code: string;
  name: string;
  kind: string;
  lng: number;
  lat: number;
  radius_m: number;
  force: string;
  team_id: string | null;
  checklist: string;
  note: string | null;
  token: string;
  active: number;
  created_on: string;
  retired_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface PatrolPlanTable {
  id: string;
  community_id: string;
  name: string;
  force: string;
  team_id: string | null;
  assignee_ids: string;
  point_ids: string;
  frequency: string;
  every_n_days: number | null;
  windows: string;
  order_mode: string;
  starts_on: string;
  ends_on: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  /** When the plan was last activated after a stop (null: in force since it was created). */
  activated_at: string | null;
}

export interface PatrolRoundTable {
  id: string;
  plan_id: string;
  community_id: string;
  force: string;
  team_id: string | null;
  date: string;
  month: string;
  window_start: string;
  window_end: string;
  point_order: string;
  expected: number;
  visited: number;
  created_at: string;
}

export interface PatrolCheckinTable {
  id: string;
  client_id: string;
  community_id: string;
  grid_id: string;
  point_id: string;
  round_id: string | null;
  user_id: string | null;
  user_name: string;
  team_id: string | null;
  force: string;
  method: string;
  result: string;
  note: string | null;
  photos: string;
  checklist: string;
  lat: number;
  lng: number;
  accuracy_m: number | null;
  distance_m: number;
  token_ok: number;
  device_time: string;
  server_time: string;
  local_date: string;
  month: string;
  flags: string;
  flag_count: number;
  review_status: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  hazard_id: string | null;
  source: string;
  /** 作废 (server/platform/voiding.ts): a check-in entered by mistake leaves the figures, lists and counters. */
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface PatrolPointDayTable {
  point_id: string;
  date: string;
  month: string;
  community_id: string;
  grid_id: string;
  force: string;
  checkins: number;
  abnormal: number;
  flagged: number;
  last_at: string;
}

export interface PatrolUserLastTable {
  user_key: string;
  point_id: string;
  lat: number;
  lng: number;
  device_time: string;
}

declare module "../../db/types.js" {
  interface DB {
    patrol_teams: PatrolTeamTable;
    patrol_points: PatrolPointTable;
    patrol_plans: PatrolPlanTable;
    patrol_rounds: PatrolRoundTable;
    patrol_checkins: PatrolCheckinTable;
    patrol_point_days: PatrolPointDayTable;
    patrol_user_last: PatrolUserLastTable;
  }
}
