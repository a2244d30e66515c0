import type { ColumnType } from 'kysely';
/** Row types of migration 0004-catalogue: price history, product revisions, conflict log, branch settings, cashiers. */
export interface CatalogueTables {
  /** Every master price a product ever had, so a sale is checked against the price in force at sale time. */
  product_prices: {
    id: string;
    product_id: string;
    price_cents: number;
    /** Server time from which this price applies (until the next row of the product). */
    valid_from: string;
    seq: number;
  };
  /** The product as it stood after each change: the base a console edit names by its seq. */
  product_revisions: {
    product_id: string;
    seq: number;
    /** ProductDoc JSON. */
    doc: string;
    source: 'system' | 'console' | 'device' | 'legacy';
    /** Manager id, device id or 'system'. */
    actor: string;
    branch_id: string | null;
    created_at: string;
  };
  /** DESIGN invariant 6: every value that lost a field-level merge. */
  conflict_log: {
    id: string;
    /** Hash of (product, field, base, centre, device values, device): a retried push logs once. */
    conflict_key: string;
    product_id: string;
    field: string;
    /** JSON values. */
    centre_value: string;
    device_value: string;
    base_value: string;
    winner: 'centre';
    device_id: string;
    branch_id: string;
    created_at: string;
    seq: number;
  };
  /** Per-branch settings; a branch without a row has the defaults (server/catalogue/branch-settings.ts). */
  branch_settings: {
    branch_id: string;
    allow_oversell: number;
    idle_lock_seconds: number;
    receipt_header: string;
    receipt_footer: string;
    /** JSON array of ProductDoc fields the branch's devices may edit; [] = none. */
    product_edit_fields: string;
    /** Largest discount a cashier gives without a supervisor, in basis points (migration 0018; 10000 = any). */
    max_discount_bp: ColumnType<number, number | undefined, number>;
    seq: number;
    updated_at: string;
  };
  cashiers: {
    id: string;
    branch_id: string;
    name: string;
    role: 'cashier' | 'supervisor';
    pin_hash: string;
    pin_salt: string;
    pin_iterations: number;
    active: number;
    deleted: number;
    seq: number;
    created_at: string;
    updated_at: string;
  };
}
