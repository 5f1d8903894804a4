// Table types of the workbench's own records (migration 019), added to the DB type by module augmentation.

/** An account's own workbench layout: pinned, ordered and hidden figure keys (JSON of TLayout). */
export interface DashboardLayoutTable {
  user_id: string;
  layout: string;
  updated_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    dashboard_layouts: DashboardLayoutTable;
  }
}
