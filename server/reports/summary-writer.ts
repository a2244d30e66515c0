import type { Kysely, Transaction } from 'kysely';
import { localParts } from '../../shared/console/reports-time';
import { taxBreakdown } from '../../shared/sale/cart-math';
import type { Database } from '../db/schema';
import { BulkInsert } from '../db/bulk-insert';
import { WriteBatch } from '../db/write-batch';
import { saleTime } from '../ledger/master-price';
import {
  lineArticles,
  productFactsOf,
  soldByMeasure,
  writeCategorySummaries,
  type CategoryLine,
  type ProductFacts,
} from './category-summary';
import { reportTrx, type ReportDb } from './report-db';
import { timeZones } from './report-settings';
import type { ReportTables } from './schema-reports';

type SaleRow = Pick<
  Database['sales'],
  | 'id'
  | 'kind'
  | 'branch_id'
  | 'device_id'
  | 'cashier_id'
  | 'cashier_name'
  | 'shift_id'
  | 'device_created_at'
  | 'received_at'
  | 'body'
  | 'seq'
>;
type LineRow = Pick<
  Database['sale_lines'],
  'sale_id' | 'product_id' | 'quantity' | 'unit_price_cents' | 'tax_rate_bp' | 'discount_cents' | 'line_total_cents'
>;
type TicketRow = ReportTables['report_tickets'];
type HourRow = ReportTables['report_sales_hours'];
type DayRow = ReportTables['report_sales_days'];

/**
 * A ticket's summary row: its local day and hour in the branch's zone, its totals and its tender.
 * Its units are articles (category-summary.ts lineArticles): `byMeasure` holds the products sold
 * by measure (kg, g, l); the others count by the piece.
 */
export function ticketSummary(
  sale: SaleRow,
  lines: readonly LineRow[],
  timeZone: string,
  byMeasure: ReadonlySet<string> = new Set(),
): TicketRow {
  const soldAt = saleTime(sale.device_created_at, sale.received_at);
  const local = localParts(soldAt, timeZone);
  const { cash, card, tender } = tenderOf(paymentsOf(sale.body));
  let gross = 0;
  let discount = 0;
  let total = 0;
  let units = 0;
  for (const l of lines) {
    // A line's worth before discounts is its total plus its discount (the shared line rule): price ×
    // quantity would take a weighed line's grams for kilograms.
    gross += Number(l.line_total_cents) + Number(l.discount_cents);
    discount += Number(l.discount_cents);
    total += Number(l.line_total_cents);
    units += lineArticles(Number(l.quantity), byMeasure.has(l.product_id));
  }
  const tax = taxBreakdown(
    lines.map((l) => ({ taxRateBp: Number(l.tax_rate_bp), lineTotalCents: Number(l.line_total_cents) })),
  ).reduce((sum, g) => sum + g.taxCents, 0);
  return {
    sale_id: sale.id,
    branch_id: sale.branch_id,
    device_id: sale.device_id,
    cashier_id: sale.cashier_id,
    cashier_name: sale.cashier_name,
    shift_id: sale.shift_id,
    kind: sale.kind,
    sold_at: soldAt,
    local_date: local.date,
    local_hour: local.hour,
    tender,
    gross_cents: gross,
    discount_cents: discount,
    tax_cents: tax,
    total_cents: total,
    units,
    cash_cents: cash,
    card_cents: card,
    seq: Number(sale.seq),
  };
}

/**
 * A ticket's tenders as its stored body has them. The body is the validated document as JSON
 * (validate-rows.ts), where only the document itself has a key "payments" and no tender holds a
 * "]": its array is read alone, without parsing the whole ticket again for it (it cost as much as
 * the rest of a summary: docs/benchmarks.md, issue 14). Any other body is parsed whole.
 */
export function paymentsOf(body: string): readonly { method: string; amountCents: number }[] {
  const key = body.indexOf('"payments":[');
  if (key >= 0) {
    try {
      const list: unknown = JSON.parse(body.slice(key + 11, body.indexOf(']', key) + 1));
      if (Array.isArray(list)) return list as { method: string; amountCents: number }[];
    } catch {
      // not the shape expected: read below as a whole
    }
  }
  return (JSON.parse(body) as { payments?: { method: string; amountCents: number }[] }).payments ?? [];
}

/**
 * The ticket's tender and its cash and card figures. SPEC S14: a ticket of an exchange is told
 * apart; its cash and card figures are the money that moved. More than one method: mixed.
 */
function tenderOf(payments: readonly { method: string; amountCents: number }[]): {
  cash: number;
  card: number;
  tender: TicketRow['tender'];
} {
  let cash = 0;
  let card = 0;
  let methods: string | null = null;
  let several = false;
  let exchange = false;
  for (const p of payments) {
    if (p.method === 'cash') cash += p.amountCents;
    else if (p.method === 'card') card += p.amountCents;
    else if (p.method === 'exchange') exchange = true;
    if (methods === null) methods = p.method;
    else if (methods !== p.method) several = true;
  }
  const tender = exchange ? 'exchange' : several ? 'mixed' : methods === 'card' ? 'card' : 'cash';
  return { cash, card, tender };
}

/** The hourly rows that a set of tickets adds up to. */
export function hourSummaries(tickets: readonly TicketRow[]): HourRow[] {
  const hours = new Map<string, HourRow>();
  for (const t of tickets) {
    const k = `${t.branch_id}\u0000${t.local_date}\u0000${t.local_hour}`;
    let h = hours.get(k);
    if (!h) {
      h = {
        branch_id: t.branch_id,
        local_date: t.local_date,
        local_hour: t.local_hour,
        sale_tickets: 0,
        sale_gross_cents: 0,
        sale_discount_cents: 0,
        sale_tax_cents: 0,
        sale_units: 0,
        refund_tickets: 0,
        refund_gross_cents: 0,
        refund_discount_cents: 0,
        refund_tax_cents: 0,
        refund_units: 0,
      };
      hours.set(k, h);
    }
    if (t.kind === 'sale') {
      h.sale_tickets += 1;
      h.sale_gross_cents += t.gross_cents;
      h.sale_discount_cents += t.discount_cents;
      h.sale_tax_cents += t.tax_cents;
      h.sale_units += t.units;
    } else {
      h.refund_tickets += 1;
      h.refund_gross_cents += t.gross_cents;
      h.refund_discount_cents += t.discount_cents;
      h.refund_tax_cents += t.tax_cents;
      h.refund_units += t.units;
    }
  }
  return [...hours.values()];
}

/** The daily rows (per cashier, tablet, tender and kind) that a set of tickets adds up to. */
export function daySummaries(tickets: readonly TicketRow[]): DayRow[] {
  const days = new Map<string, DayRow>();
  for (const t of tickets) {
    const cashierKey = t.cashier_id ?? `name:${t.cashier_name}`;
    const k = [t.branch_id, t.local_date, cashierKey, t.device_id, t.tender, t.kind].join('\u0000');
    const d = days.get(k) ?? {
      branch_id: t.branch_id,
      local_date: t.local_date,
      cashier_key: cashierKey,
      cashier_name: t.cashier_name,
      device_id: t.device_id,
      tender: t.tender,
      kind: t.kind,
      tickets: 0,
      gross_cents: 0,
      discount_cents: 0,
      tax_cents: 0,
      units: 0,
    };
    d.tickets += 1;
    d.gross_cents += t.gross_cents;
    d.discount_cents += t.discount_cents;
    d.tax_cents += t.tax_cents;
    d.units += t.units;
    days.set(k, d);
  }
  return [...days.values()];
}

const DAY_SUMS = ['tickets', 'gross_cents', 'discount_cents', 'tax_cents', 'units'] as const;

const addDays = new BulkInsert<DayRow>(
  ['branch_id', 'local_date', 'cashier_key', 'cashier_name', 'device_id', 'tender', 'kind', ...DAY_SUMS],
  (db, rows) =>
    reportTrxOf(db)
      .insertInto('report_sales_days')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['branch_id', 'local_date', 'cashier_key', 'device_id', 'tender', 'kind'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              DAY_SUMS.map((c) => [c, eb(eb.ref(`report_sales_days.${c}`), '+', eb.ref(`excluded.${c}`))]),
            ),
          ),
      ),
  100,
);

const insertTickets = new BulkInsert<TicketRow>(
  [
    'sale_id',
    'branch_id',
    'device_id',
    'cashier_id',
    'cashier_name',
    'shift_id',
    'kind',
    'sold_at',
    'local_date',
    'local_hour',
    'tender',
    'gross_cents',
    'discount_cents',
    'tax_cents',
    'total_cents',
    'units',
    'cash_cents',
    'card_cents',
    'seq',
  ],
  (db, rows) => reportTrxOf(db).insertInto('report_tickets').values(rows),
  100,
);

const HOUR_SUMS = [
  'sale_tickets',
  'sale_gross_cents',
  'sale_discount_cents',
  'sale_tax_cents',
  'sale_units',
  'refund_tickets',
  'refund_gross_cents',
  'refund_discount_cents',
  'refund_tax_cents',
  'refund_units',
] as const;

const addHours = new BulkInsert<HourRow>(
  ['branch_id', 'local_date', 'local_hour', ...HOUR_SUMS],
  (db, rows) =>
    reportTrxOf(db)
      .insertInto('report_sales_hours')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['branch_id', 'local_date', 'local_hour'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              HOUR_SUMS.map((c) => [c, eb(eb.ref(`report_sales_hours.${c}`), '+', eb.ref(`excluded.${c}`))]),
            ),
          ),
      ),
  100,
);

// BulkInsert is typed with the core Database; these statements need the reports' tables typed too.
function reportTrxOf(db: Kysely<Database>) {
  return db.withTables<ReportTables>();
}

/** Writes the summaries of tickets in the caller's transaction, or adds them to `writes` for the caller to flush. */
export async function writeTicketSummaries(
  trx: ReportDb,
  tickets: readonly TicketRow[],
  writes?: WriteBatch,
): Promise<void> {
  if (tickets.length === 0) return;
  const batch = writes ?? new WriteBatch();
  batch.add(insertTickets, tickets);
  batch.add(addHours, hourSummaries(tickets));
  batch.add(addDays, daySummaries(tickets));
  if (!writes) await batch.flush(trx as unknown as Kysely<Database>);
}

/**
 * The branches' time zones and the products' categories the summaries read, kept for the works of
 * one group commit (its GroupScope memo): neither changes while the group holds the sequence lock
 * (a settings or product change takes it too), so each is read once per group instead of once per
 * push — two PostgreSQL round trips a push (docs/benchmarks.md, issue 14).
 */
export class SummaryReads {
  private readonly zones = new Map<string, string>();
  private readonly products = new Map<string, ProductFacts>();

  async zonesOf(trx: ReportDb, branchIds: readonly string[]): Promise<Map<string, string>> {
    const missing = [...new Set(branchIds)].filter((id) => !this.zones.has(id));
    if (missing.length > 0) for (const [id, zone] of await timeZones(trx, missing)) this.zones.set(id, zone);
    return this.zones;
  }

  /** A branch's time zone already read in this group (sales-batch.ts, with the push's other reads). */
  knowZone(branchId: string, zone: string): void {
    this.zones.set(branchId, zone);
  }

  /** A product's facts already read in this group (the catalogue's read of a push: sales-batch.ts), so productsOf need not read them again. */
  know(productId: string, facts: ProductFacts): void {
    this.products.set(productId, facts);
  }

  /** The lines' products' categories, units and decimals (one read for those not known yet). */
  async productsOf(trx: ReportDb, lines: readonly CategoryLine[]): Promise<Map<string, ProductFacts>> {
    const missing = lines.filter((l) => !this.products.has(l.product_id));
    if (missing.length > 0) for (const [id, facts] of await productFactsOf(trx, missing)) this.products.set(id, facts);
    return this.products;
  }
}

/**
 * The reports' hook in the sales ingest: called with the sales and lines just inserted, in the
 * same transaction, so the summaries never disagree with the ledger that a commit made visible.
 * `reads`: the group's SummaryReads (a new one, reading everything, when absent).
 */
export async function summarizeSales(
  trx: Transaction<Database>,
  sales: readonly SaleRow[],
  lines: readonly LineRow[],
  writes?: WriteBatch,
  reads = new SummaryReads(),
): Promise<void> {
  if (sales.length === 0) return;
  const rtrx = reportTrx(trx);
  const zones = await reads.zonesOf(rtrx, [...new Set(sales.map((s) => s.branch_id))]);
  const linesBySale = new Map<string, LineRow[]>();
  for (const l of lines) {
    const list = linesBySale.get(l.sale_id);
    if (list) list.push(l);
    else linesBySale.set(l.sale_id, [l]);
  }
  const products = await reads.productsOf(rtrx, lines);
  // Only this push's products: the group's memo holds every product its pushes sold.
  const byMeasure = new Set<string>();
  for (const l of lines) {
    const p = products.get(l.product_id);
    if (p && soldByMeasure(p)) byMeasure.add(l.product_id);
  }
  const tickets = sales.map((s) => ticketSummary(s, linesBySale.get(s.id) ?? [], zones.get(s.branch_id)!, byMeasure));
  await writeTicketSummaries(rtrx, tickets, writes);
  await writeCategorySummaries(rtrx, tickets, lines, writes, products);
}
