// Table types of the 大屏 screen module, added to the DB type by module augmentation.

export interface ScreenLinkTable {
  id: string;
  community_id: string | null;
  /** The region the screen shows (a community, a subdistrict …). */
  region_id: string;
  name: string;
  /** sha256 of the link's secret; the secret itself is shown once, when the link is made. */
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

declare module "../../db/types.js" {
  interface DB {
    screen_links: ScreenLinkTable;
  }
}
