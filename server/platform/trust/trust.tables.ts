/** One archive of the oldest audit entries (migration 021). */
export interface AuditArchiveTable {
  id: string;
  first_seq: number;
  last_seq: number;
  /** The hash the first archived entry chains to (the genesis, or the previous archive's last). */
  prev_hash: string;
  /** The last archived entry's hash: the first entry left in the database chains to it. */
  last_hash: string;
  entries: number;
  /** Entries before this time were archived. */
  before_at: string;
  file_name: string;
  file_sha256: string;
  archived_at: string;
}

declare module "../../db/types.js" {
  interface DB {
    audit_archives: AuditArchiveTable;
  }
}
