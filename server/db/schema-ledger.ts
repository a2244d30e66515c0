import type { ColumnType } from 'kysely';

/** Row types of the ledger's tables (migration 0003-ledger). */
export type ReconciliationKind =
  | 'oversell'
  | 'price_mismatch'
  | 'count_discrepancy'
  | 'double_refund'
  | 'transfer_discrepancy'
  | 'cash_difference'
  | 'sync_conflict'
  | 'refused_document'
  | 'unapproved_ticket'
  | 'unapproved_shift_event'
  | 'unit_mismatch';
export type ReconciliationStatus = 'open' | 'assigned' | 'resolved';

export interface LedgerTables {
  reconciliation_items: {
    id: string;
    kind: ReconciliationKind;
    status: ReconciliationStatus;
    /**
     * One item per cause: unique. Oversell keeps `oversell:<location>:<product>` while it is not
     * resolved (later oversells update it); resolving renames it so a new oversell opens a new item.
     */
    cause_key: string;
    /** Branch concerned, null for the central location (only head-office managers see those). */
    branch_id: string | null;
    location_id: string;
    product_id: string | null;
    sale_id: string | null;
    /** The count, refund, transfer or receipt that caused it. */
    document_id: string | null;
    summary: string;
    /** JSON object with the figures of the cause (expected/charged/difference, counted/believed, …). */
    details: string;
    assigned_to: string | null;
    assigned_to_name: string | null;
    assigned_at: string | null;
    resolved_by: string | null;
    resolved_by_name: string | null;
    resolution_note: string | null;
    resolved_at: string | null;
    created_at: string;
    updated_at: string;
    seq: number;
  };
  /** Read by the replication engineer's transfers pull (TransferDoc). */
  transfers: {
    id: string;
    from_location_id: string;
    to_location_id: string;
    /** JSON array of {productId, quantity}. */
    lines: string;
    status: 'draft' | 'sent' | 'received' | 'cancelled';
    note: string;
    sent_at: string;
    received_at: string | null;
    seq: number;
    created_by: string;
    /** JSON array of {productId, quantity} as confirmed on arrival; null until received. Optional on insert. */
    received_lines: ColumnType<string | null, string | null | undefined, string | null>;
  };
  stock_counts: {
    id: string;
    branch_id: string;
    device_id: string;
    location_id: string;
    product_id: string;
    counted_quantity: number;
    believed_quantity: number;
    believed_level_seq: number;
    /** Ledger level just before the adjustment was applied. */
    level_at_apply: number;
    delta: number;
    received_at: string;
    content_hash: string;
    body: string;
    applied_seq: number;
  };
  shift_events: {
    id: string;
    shift_id: string;
    kind: 'open' | 'cash_in' | 'cash_out' | 'close' | 'no_sale';
    branch_id: string;
    device_id: string;
    cashier_id: string | null;
    cashier_name: string;
    amount_cents: number;
    reason: string;
    device_at: string;
    received_at: string;
    content_hash: string;
    body: string;
    applied_seq: number;
  };
  transfer_receipts: {
    id: string;
    transfer_id: string;
    branch_id: string;
    device_id: string;
    location_id: string;
    /** JSON array of {productId, quantity} as arrived. */
    lines: string;
    received_at: string;
    content_hash: string;
    body: string;
    applied_seq: number;
  };
  /**
   * Documents a device delivered for another device of its branch (recovery relay). The relaying
   * device's stock pull carries their acks too (SPEC S4).
   */
  document_relays: {
    document_id: string;
    collection: 'sales' | 'counts' | 'shiftevents' | 'transferreceipts';
    author_device_id: string;
    relayed_by_device_id: string;
    applied_seq: number;
    created_at: string;
  };
  /** Every refused device document other than sales (sales keep rejected_sales), for the log. */
  rejected_documents: {
    id: string;
    collection: string;
    device_id: string;
    document_id: string;
    code: string;
    message: string;
    body: string;
    created_at: string;
  };
}
