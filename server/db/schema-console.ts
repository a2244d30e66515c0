import type { ColumnType } from 'kysely';

/**
 * Row types of the console's migrations (0009 onwards). A column added to an older table is
 * declared here too: Database joins these with an intersection, so the table gets both sets.
 */
export interface ConsoleTables {
  /** One-time codes that create the first administrator; each works once, until it expires. */
  setup_codes: {
    /** sha256 of the normalized code. */
    code_hash: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  /** Migration 0010: the branch's time zone, beside the settings of migration 0004. */
  branch_settings: {
    time_zone: ColumnType<string, string | undefined, string>;
  };
  /** Migration 0011: what managers did to a reconciliation item, oldest first by seq. */
  reconciliation_events: {
    id: string;
    item_id: string;
    kind: 'assigned' | 'resolved' | 'corrected';
    actor_id: string | null;
    actor_name: string | null;
    note: string | null;
    /** JSON object. */
    details: string;
    created_at: string;
    seq: number;
  };
}
