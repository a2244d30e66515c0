import type { ColumnType } from 'kysely';

/** Row types of migrations 0020 (stock counts run from the console) and 0021 (transfer drafts). */
export interface CountTables {
  stock_takes: {
    id: string;
    location_id: string;
    /** Branch of the location; null for the central warehouse (administrators only). */
    branch_id: string | null;
    /** null: every product. */
    category: string | null;
    status: 'open' | 'approved' | 'cancelled';
    note: string;
    started_by: string;
    started_by_name: string;
    started_at: string;
    /** Server sequence when the count was started. */
    started_seq: number;
    closed_by: string | null;
    closed_by_name: string | null;
    closed_at: string | null;
    /** Sequence of the approval (its adjustments) or the cancellation. */
    closed_seq: number | null;
    /** Moves with every change, for the list's order and cursor. */
    seq: number;
  };
  stock_take_lines: {
    take_id: string;
    product_id: string;
    counted_quantity: number;
    /** Server sequence at which this quantity was recorded (SPEC S13): the book is the ledger there. */
    counted_seq: number;
    /** Server time it was recorded; the late-sale rule compares device sale times with it. */
    counted_at: string;
    /** manager:<id> or device:<id>. */
    counted_by: string;
    source: 'console' | 'pos';
    /** Frozen at approval: the book at counted_seq, late sales, the adjustment made, the master price. */
    book_quantity: number | null;
    late_quantity: number | null;
    adjustment: number | null;
    price_cents: number | null;
  };
  transfers: {
    created_at: ColumnType<string | null, string | null | undefined, string | null>;
    /** Sequence it was sent at; null while a draft (tablets pull only sent transfers). */
    sent_seq: ColumnType<number | null, number | null | undefined, number | null>;
  };
}
