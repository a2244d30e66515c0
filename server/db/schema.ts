import type { AuthTables } from './schema-auth';
import type { LedgerTables } from './schema-ledger';
import type { CatalogueTables } from './schema-catalogue';
import type { LegacyTables } from './schema-legacy';
import type { ConsoleTables } from './schema-console';
import type { ShiftTables } from './schema-shift';
import type { CountTables } from './schema-counts';
import type { WeighedTables } from './schema-weighed';
/** Row types of the core tables (migration 0001); migrations create them, queries are checked against them. */
export interface CoreTables {
  server_sequence: { id: number; value: number };
  locations: { id: string; name: string; kind: 'centre' | 'branch' };
  branches: {
    id: string;
    name: string;
    location_id: string;
    receipt_prefix: string;
    currency: string;
    created_at: string;
  };
  products: {
    id: string;
    sku: string;
    barcode: string | null;
    name: string;
    category: string;
    price_cents: number;
    tax_rate_bp: number;
    legacy_id: number | null;
    deleted: number;
    seq: number;
    updated_at: string;
  };
  stock_levels: {
    location_id: string;
    product_id: string;
    quantity: number;
    reorder_level: number | null;
    /** The sequence number of the level's last movement, and only that: the head of its history (migration 0026). */
    seq: number;
    updated_at: string;
  };
  stock_movements: {
    id: string;
    seq: number;
    location_id: string;
    product_id: string;
    delta: number;
    kind:
      'sale' | 'refund' | 'receipt' | 'transfer_out' | 'transfer_in' | 'count_adjustment' | 'correction' | 'initial';
    sale_id: string | null;
    actor: string;
    reason: string;
    created_at: string;
    /** Sequence number of the previous movement of this product at this location; null for the first (migration 0026). */
    prev_seq: number | null;
  };
  sales: {
    id: string;
    kind: 'sale' | 'refund';
    refund_of: string | null;
    cashier_id: string | null;
    shift_id: string | null;
    branch_id: string;
    device_id: string;
    device_seq: number;
    receipt_number: string;
    cashier_name: string;
    device_created_at: string;
    received_at: string;
    currency: string;
    total_cents: number;
    content_hash: string;
    body: string;
    applied_seq: number;
    seq: number;
  };
  sale_lines: {
    sale_id: string;
    line_no: number;
    product_id: string;
    name: string;
    quantity: number;
    unit_price_cents: number;
    tax_rate_bp: number;
    discount_cents: number;
    discount_reason: string | null;
    line_total_cents: number;
  };
  devices: {
    id: string;
    branch_id: string;
    number: number;
    name: string;
    token_hash: string;
    created_at: string;
    revoked_at: string | null;
    last_seen_at: string | null;
  };
  pairing_codes: {
    code_hash: string;
    branch_id: string;
    expires_at: string;
    used_at: string | null;
    created_at: string;
  };
  rejected_sales: {
    id: string;
    device_id: string;
    sale_id: string;
    code: string;
    message: string;
    body: string;
    created_at: string;
  };
}

/**
 * Every table. Each part of the server keeps its tables' row types in a file of its own
 * (schema-<part>.ts) and joins it here: `CoreTables & AuthTables & …`.
 */
export type Database = CoreTables &
  AuthTables &
  LedgerTables &
  LegacyTables &
  CatalogueTables &
  ConsoleTables &
  ShiftTables &
  CountTables &
  WeighedTables;
