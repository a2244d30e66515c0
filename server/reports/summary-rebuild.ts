import type { ReportDb } from './report-db';
import { timeZones } from './report-settings';
import { soldByMeasure } from './category-summary';
import { ticketSummary, writeTicketSummaries } from './summary-writer';

const CHUNK = 2000;

/**
 * Rebuilds the sales summaries from the ledger (sales and sale_lines), for one branch or all:
 * after a branch's time zone changes, and when the reports' migration meets a database that
 * already has sales. Run it in a transaction (or on a database nobody else writes to).
 */
export async function rebuildReportSummaries(db: ReportDb, branchId?: string): Promise<number> {
  let tickets = db.deleteFrom('report_tickets');
  let hours = db.deleteFrom('report_sales_hours');
  let days = db.deleteFrom('report_sales_days');
  if (branchId !== undefined) {
    tickets = tickets.where('branch_id', '=', branchId);
    hours = hours.where('branch_id', '=', branchId);
    days = days.where('branch_id', '=', branchId);
  }
  await tickets.execute();
  await hours.execute();
  await days.execute();
  let after = -1;
  let done = 0;
  for (;;) {
    let q = db
      .selectFrom('sales')
      .select([
        'id',
        'kind',
        'branch_id',
        'device_id',
        'cashier_id',
        'cashier_name',
        'shift_id',
        'device_created_at',
        'received_at',
        'body',
        'seq',
      ])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(CHUNK);
    if (branchId !== undefined) q = q.where('branch_id', '=', branchId);
    const sales = await q.execute();
    if (sales.length === 0) return done;
    const lines = await db
      .selectFrom('sale_lines as l')
      .leftJoin('products as p', 'p.id', 'l.product_id')
      .select([
        'l.sale_id',
        'l.product_id',
        'l.quantity',
        'l.unit_price_cents',
        'l.tax_rate_bp',
        'l.discount_cents',
        'l.line_total_cents',
        'p.unit',
        'p.quantity_decimals',
      ])
      .where(
        'l.sale_id',
        'in',
        sales.map((s) => s.id),
      )
      .execute();
    // Units are articles: a weighed product's line is one (summary-writer.ts ticketSummary).
    const byMeasure = new Set(
      lines
        .filter((l) => soldByMeasure({ unit: l.unit ?? 'each', quantityDecimals: Number(l.quantity_decimals ?? 0) }))
        .map((l) => l.product_id),
    );
    const zones = await timeZones(db, [...new Set(sales.map((s) => s.branch_id))]);
    const bySale = new Map<string, typeof lines>();
    for (const l of lines) (bySale.get(l.sale_id) ?? bySale.set(l.sale_id, []).get(l.sale_id)!).push(l);
    await writeTicketSummaries(
      db,
      sales.map((s) => ticketSummary(s, bySale.get(s.id) ?? [], zones.get(s.branch_id)!, byMeasure)),
    );
    done += sales.length;
    after = Number(sales.at(-1)!.seq);
  }
}
