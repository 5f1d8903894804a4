// Table types of the 群团 mass organisations module, added to the DB type by module augmentation.

export interface MoMemberTable {
  id: string;
  org_id: string;
  community_id: string;
  person_id: string;
  role: string;
  joined_on: string;
  left_on: string | null;
  created_at: string;
}

export interface MoBrandProjectTable {
  id: string;
  org_id: string;
  community_id: string;
  name: string;
  description: string;
  started_on: string;
  created_at: string;
}

export interface MoApplicationTable {
  id: string;
  project_id: string;
  org_id: string;
  community_id: string;
  title: string;
  level: string;
  applied_on: string;
  result: string;
  result_on: string | null;
  note: string;
  created_at: string;
}

export interface MoNominationTable {
  id: string;
  community_id: string;
  nominee_kind: string;
  person_id: string | null;
  org_id: string | null;
  /** The organisation's name, or the person's (shown masked). */
  nominee_name: string;
  award: string;
  level: string;
  nominated_on: string;
  by_org_id: string | null;
  result: string;
  result_on: string | null;
  note: string;
  created_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    mo_members: MoMemberTable;
    mo_brand_projects: MoBrandProjectTable;
    mo_applications: MoApplicationTable;
    mo_nominations: MoNominationTable;
  }
}
