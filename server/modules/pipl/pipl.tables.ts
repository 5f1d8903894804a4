// Table types of the 个人信息权利 PIPL module (migration 031), added to the DB type by module augmentation.

export interface PiplRequestTable {
  id: string;
  community_id: string;
  person_id: string;
  /** access | copy | correct | delete */
  kind: string;
  requester: string;
  channel: string;
  detail: string | null;
  /** Local dates: received, and the deadline (the setting's working days after it). */
  received_on: string;
  due_on: string;
  recorded_by: string;
  responsible_user_id: string | null;
  /** open | done | partial | refused */
  status: string;
  result: string | null;
  answered_on: string | null;
  answered_by: string | null;
  created_at: string;
  updated_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    pipl_requests: PiplRequestTable;
  }
}
