import type { TicketTender } from '../../shared/console/reports-sales';

/**
 * Row types of the reports' tables (migration 0013-reports). report_tickets and
 * report_sales_hours summarize the sales ledger: written in the same transaction as the sales
 * they summarize (summary-writer.ts), or rebuilt from it (summary-rebuild.ts).
 */
/** What a day table sums per row, for sales and refunds apart. */
type DaySums = {
  kind: 'sale' | 'refund';
  tickets: number;
  gross_cents: number;
  discount_cents: number;
  tax_cents: number;
  units: number;
};

// A type, not an interface: Kysely's withTables needs an index-compatible record.
export type ReportTables = {
  /** Per branch: the cash difference allowed at a shift's close (its time zone is in branch_settings). */
  report_branch_settings: {
    branch_id: string;
    max_cash_difference_cents: number;
    updated_at: string;
  };
  /** One row per sale or refund, with its local day and hour and its totals, for filtering by time. */
  report_tickets: {
    sale_id: string;
    branch_id: string;
    device_id: string;
    cashier_id: string | null;
    cashier_name: string;
    shift_id: string | null;
    kind: 'sale' | 'refund';
    /** saleTime(device clock, received): ISO UTC. */
    sold_at: string;
    local_date: string;
    local_hour: number;
    tender: TicketTender;
    gross_cents: number;
    discount_cents: number;
    tax_cents: number;
    total_cents: number;
    units: number;
    /** What the ticket's payments took (a refund's: gave back) per tender. */
    cash_cents: number;
    card_cents: number;
    seq: number;
  };
  /** Sales and refunds per branch, local date and local hour. */
  report_sales_hours: {
    branch_id: string;
    local_date: string;
    local_hour: number;
    sale_tickets: number;
    sale_gross_cents: number;
    sale_discount_cents: number;
    sale_tax_cents: number;
    sale_units: number;
    refund_tickets: number;
    refund_gross_cents: number;
    refund_discount_cents: number;
    refund_tax_cents: number;
    refund_units: number;
  };
  /** Sales and refunds per branch, local date, cashier (id, or name when there is none), tablet and tender. */
  report_sales_days: {
    branch_id: string;
    local_date: string;
    cashier_key: string;
    cashier_name: string;
    device_id: string;
    tender: TicketTender;
  } & DaySums;
  /**
   * Sales and refunds per branch, local day, category (the product's category now) and kind
   * (migration 0023): a ticket counts once in each category it has a line of; tax per line.
   */
  report_category_days: {
    branch_id: string;
    local_date: string;
    category: string;
  } & DaySums;
  /** A device's live streams as the server saw them (migration 0023): the record offline periods are read from. */
  device_links: {
    id: string;
    device_id: string;
    branch_id: string;
    /** Server clock, as every time of this table. */
    connected_at: string;
    /** The last time the server heard from the device while the link was open (its connection, its status reports). */
    alive_at: string;
    ended_at: string | null;
  };
};
