// Table types of the 活动与阵地 activities module, added to the DB type by module augmentation.
// Booleans 0/1; timestamps ISO-8601 UTC text; dates YYYY-MM-DD local.

export interface ActVenueTable {
  id: string;
  community_id: string;
  grid_id: string | null;
  name: string;
  kind: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  org_id: string | null;
  /** planning 筹建 / open 开放 / paused 暂停 / closed 关闭 */
  state: string;
  opened_on: string | null;
  hours: string | null;
  photos: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActRoomTable {
  id: string;
  venue_id: string;
  community_id: string;
  name: string;
  capacity: number;
  archived: number;
  created_at: string;
}

export interface ActBookingTable {
  id: string;
  community_id: string;
  venue_id: string;
  room_id: string;
  activity_id: string | null;
  title: string;
  starts_at: string;
  ends_at: string;
  /** booked / cancelled */
  status: string;
  booked_by: string;
  cancel_reason: string | null;
  /** Its length in minutes (migration 033): the hours booked are a sum over the bookings. */
  minutes: number;
  created_at: string;
}

export interface ActChecklistTable {
  venue_kind: string;
  items: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ActInspectionTable {
  id: string;
  community_id: string;
  grid_id: string | null;
  venue_id: string;
  inspected_on: string;
  inspected_month: string;
  inspector: string;
  items_total: number;
  failed_count: number;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface ActIssueTable {
  id: string;
  inspection_id: string;
  community_id: string;
  grid_id: string | null;
  venue_id: string;
  item: string;
  note: string | null;
  photos: string;
  found_on: string;
  found_month: string;
  assignee: string | null;
  deadline: string | null;
  /** open / rectified / verified */
  status: string;
  rectified_on: string | null;
  rectified_by: string | null;
  rectified_by_id: string | null;
  evidence: string;
  rectify_note: string | null;
  verified_on: string | null;
  verified_by: string | null;
  hazard_id: string | null;
  created_at: string;
}

export interface ActTypeTable {
  code: string;
  name: string;
  name_en: string;
  /** regular, training, tea_talk, safety, brand, featured, outreach, other: which figure counts it. */
  class: string;
  sort: number;
  active: number;
}

export interface ActSeriesTable {
  id: string;
  community_id: string;
  name: string;
  /** walkathon, basketball, cinema, other */
  kind: string;
  type_code: string | null;
  first_year: number;
  yearly: number;
  org_id: string | null;
  note: string | null;
  created_at: string;
}

export interface ActPartnerTable {
  id: string;
  community_id: string;
  org_id: string;
  /** JSON array of what the partner offers: venue, volunteers, money, services. */
  offers: string;
  from_date: string;
  to_date: string | null;
  note: string | null;
  created_at: string;
}

export interface ActActivityTable {
  id: string;
  code: string;
  community_id: string;
  grid_id: string | null;
  title: string;
  type_code: string;
  type_class: string;
  organiser_id: string | null;
  /** The organiser's organisation kind when the activity was made (妇联 …), for the women's-outreach figure. */
  organiser_kind: string | null;
  venue_id: string | null;
  room_id: string | null;
  location: string | null;
  online: number;
  starts_at: string;
  ends_at: string;
  start_date: string;
  start_month: string;
  capacity: number | null;
  audience: string;
  series_id: string | null;
  description: string | null;
  public: number;
  /** planned / held / cancelled */
  status: string;
  cancel_reason: string | null;
  checkin_code: string;
  checked_in: number;
  head_count: number | null;
  head_count_note: string | null;
  /** Person-times: persons checked in + the head count. */
  attendance: number;
  signed_up: number;
  /** A training's study hours (学时, migration 033); a central training hands them to the party pipeline. */
  training_hours: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One row per activity and audience (migration 033): the breakdown by audience. */
export interface ActActivityAudienceTable {
  activity_id: string;
  community_id: string;
  audience: string;
}

export interface ActCoorganiserTable {
  activity_id: string;
  org_id: string;
  community_id: string;
}

export interface ActSignupTable {
  id: string;
  activity_id: string;
  community_id: string;
  person_id: string | null;
  name: string;
  phone: string | null;
  party_size: number;
  /** confirmed / waitlist / cancelled */
  status: string;
  code: string;
  created_at: string;
  cancelled_at: string | null;
}

export interface ActAttendanceTable {
  id: string;
  activity_id: string;
  community_id: string;
  grid_id: string | null;
  type_class: string;
  start_date: string;
  /** One row per participant and activity: person id, sign-up or phone. */
  who_key: string;
  person_id: string | null;
  signup_id: string | null;
  name: string;
  phone: string | null;
  persons: number;
  /** Trainings: staff / applicant / volunteer / other. */
  category: string | null;
  /** qr / list / import */
  method: string;
  at: string;
}

/**
 * An attendance at a central training that recorded a party candidate's step 11, with the record it
 * made (party's step id): removing the attendance withdraws that record, never another (migration 037).
 */
export interface ActCentralCreditTable {
  attendance_id: string;
  activity_id: string;
  community_id: string;
  party_step_id: string;
  created_at: string;
}

/** An account's private iCalendar feed: a hash of its secret address (migration 024). */
export interface ActCalendarFeedTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    act_venues: ActVenueTable;
    act_rooms: ActRoomTable;
    act_bookings: ActBookingTable;
    act_checklists: ActChecklistTable;
    act_inspections: ActInspectionTable;
    act_issues: ActIssueTable;
    act_types: ActTypeTable;
    act_series: ActSeriesTable;
    act_partners: ActPartnerTable;
    act_activities: ActActivityTable;
    act_coorganisers: ActCoorganiserTable;
    act_activity_audiences: ActActivityAudienceTable;
    act_signups: ActSignupTable;
    act_attendance: ActAttendanceTable;
    act_central_credits: ActCentralCreditTable;
    act_calendar_feeds: ActCalendarFeedTable;
  }
}
