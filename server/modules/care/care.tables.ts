// Table types of the 关爱帮扶 care module, added to the DB type by module augmentation.
// Dates YYYY-MM-DD local; money integer fen; JSON arrays as text.

export interface CareHouseholdTable {
  id: string;
  community_id: string;
  grid_id: string | null;
  head_person_id: string;
  /** JSON array of difficulty kinds (the setting's list). */
  kinds: string;
  /** The first of `kinds`: the one breakdowns group by. */
  primary_kind: string;
  /** JSON array of needs. */
  needs: string;
  grid_worker_id: string | null;
  state: string;
  enrolled_on: string;
  archived_on: string | null;
  archive_reason: string | null;
  /** The latest visit's date (kept with each visit, in its transaction). */
  last_visited_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface CareHouseholdPersonTable {
  id: string;
  household_id: string;
  community_id: string;
  person_id: string;
  /** head | member | paired */
  role: string;
  since: string;
  until: string | null;
}

export interface CareVisitTable {
  id: string;
  community_id: string;
  visited_on: string;
  visit_month: string;
  title: string;
  kind: string;
  visitor_user_ids: string;
  visitor_person_ids: string;
  partner_org_ids: string;
  household_count: number;
  money_fen: number;
  note: string;
  created_at: string;
  /** 作废 (server/platform/voiding.ts): a visit entered by mistake leaves the figures and lists. */
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface CareVisitHouseholdTable {
  id: string;
  visit_id: string;
  household_id: string;
  community_id: string;
  grid_id: string | null;
  visited_on: string;
  visit_month: string;
  goods: string;
  money_fen: number;
  services: string;
  follow_up: string;
  follow_up_closed_on: string | null;
}

declare module "../../db/types.js" {
  interface DB {
    care_households: CareHouseholdTable;
    care_household_people: CareHouseholdPersonTable;
    care_visits: CareVisitTable;
    care_visit_households: CareVisitHouseholdTable;
  }
}
