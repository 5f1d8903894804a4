// Table types of the 志愿服务 volunteers module, added to the DB type by module augmentation.
// Timestamps ISO-8601 UTC text; dates YYYY-MM-DD local; service time in whole minutes.

export interface VolVolunteerTable {
  id: string;
  /** ZY-NNNNN, unique in the community. */
  code: string;
  community_id: string;
  grid_id: string | null;
  person_id: string;
  /** The volunteer's own account (role 志愿者), if any. */
  user_id: string | null;
  skills: string;
  availability: string | null;
  joined_on: string;
  state: string;
  left_on: string | null;
  /** Confirmed minutes of every record, kept with each record in the same transaction. */
  minutes_total: number;
  created_at: string;
  updated_at: string;
}

export interface VolTeamTable {
  id: string;
  community_id: string;
  name: string;
  /** The platform organisation (志愿服务队) it is, if registered there. */
  org_id: string | null;
  leader_id: string;
  /** 成熟即建: the first date it had a leader and the setting's number of members; null while forming. */
  founded_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface VolTeamMemberTable {
  id: string;
  team_id: string;
  volunteer_id: string;
  role: string;
  joined_on: string;
  left_on: string | null;
}

export interface VolNightPatrolTable {
  id: string;
  /** YX-YYYYMMDD-NN. */
  code: string;
  community_id: string;
  grid_id: string | null;
  team_id: string;
  patrol_date: string;
  patrol_month: string;
  starts_at: string;
  ends_at: string;
  route_kind: string;
  route: string | null;
  point_ids: string;
  note: string | null;
  /** How many hazards it opened in safety (the hazards themselves are safety's, by sourceRef). */
  hazards: number;
  created_by: string;
  created_at: string;
}

export interface VolRecordTable {
  id: string;
  community_id: string;
  grid_id: string | null;
  volunteer_id: string;
  kind: string;
  activity_id: string | null;
  night_patrol_id: string | null;
  team_id: string | null;
  title: string;
  /** Local date of the sign-in: the date the hours count on. */
  service_date: string;
  service_month: string;
  sign_in_at: string;
  sign_out_at: string | null;
  minutes: number;
  method: string;
  state: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  corrections: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface VolRecordCorrectionTable {
  id: string;
  record_id: string;
  at: string;
  actor: string;
  before: string;
  after: string;
  reason: string;
}

/** The date each star level was first reached, worked out from the confirmed records and tenure. */
export interface VolStarLevelTable {
  volunteer_id: string;
  level: number;
  community_id: string;
  grid_id: string | null;
  reached_on: string;
}

export interface VolSignupTable {
  id: string;
  volunteer_id: string;
  activity_id: string;
  created_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    vol_volunteers: VolVolunteerTable;
    vol_teams: VolTeamTable;
    vol_team_members: VolTeamMemberTable;
    vol_night_patrols: VolNightPatrolTable;
    vol_records: VolRecordTable;
    vol_record_corrections: VolRecordCorrectionTable;
    vol_star_levels: VolStarLevelTable;
    vol_signups: VolSignupTable;
  }
}
