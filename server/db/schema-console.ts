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
  /** Migration 0012: a price that takes effect at a future moment (server/catalogue/price-schedule.ts). */
  scheduled_prices: {
    id: string;
    product_id: string;
    price_cents: number;
    previous_price_cents: number;
    /** Server time from which the price applies. */
    effective_at: string;
    state: 'pending' | 'applied' | 'cancelled';
    /** The product_prices row (valid_from = effective_at) the master price rule reads from the start. */
    price_row_id: string;
    /** Product seq at which tablets get the new price; null until applied. */
    applied_seq: number | null;
    created_by: string;
    created_at: string;
  };
  /** Migration 0012: a product's chain-wide reorder minimum and maximum. */
  product_stock_rules: {
    product_id: string;
    reorder_min: number | null;
    reorder_max: number | null;
    updated_at: string;
  };
}
