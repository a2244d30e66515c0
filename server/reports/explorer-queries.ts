import { sql } from 'kysely';
import type { ExplorerQuery, ExplorerResponse, ExplorerRow, SalesTotals } from '../../shared/console/reports-sales';
import { weekStart } from '../../shared/console/reports-time';
import type { ReportDb } from './report-db';
import { singleCurrency, type ScopedBranch } from './report-scope';
import { ARTICLES_SQL } from './category-summary';
import { ticketConditions } from './sales-filter';

/** One aggregated row from SQL, before it is folded into its group. */
interface Raw {
  dim: string;
  label: string;
  kind: 'sale' | 'refund';
  tickets: number;
  gross: number;
  discount: number;
  tax: number;
  units: number;
  /** Articles, when `units` are a product's quantity (grouped by product): what the totals add. */
  articles?: number;
}

const TIME_GROUPS = new Set(['day', 'week', 'month']);

export const emptyTotals = (): SalesTotals => ({
  grossCents: 0,
  discountCents: 0,
  taxCents: 0,
  netCents: 0,
  totalCents: 0,
  units: 0,
  tickets: 0,
  refunds: 0,
});

function fold(into: SalesTotals, r: Raw, units = r.units): void {
  const sign = r.kind === 'refund' ? -1 : 1;
  into.grossCents += sign * r.gross;
  into.discountCents += sign * r.discount;
  into.taxCents += sign * r.tax;
  into.totalCents += sign * (r.gross - r.discount);
  into.netCents += sign * (r.gross - r.discount - r.tax);
  into.units += sign * units;
  if (r.kind === 'refund') into.refunds += r.tickets;
  else into.tickets += r.tickets;
}

function timeKey(groupBy: string, date: string): string {
  if (groupBy === 'week') return weekStart(date);
  if (groupBy === 'month') return date.slice(0, 7);
  return date;
}

const CATEGORY_GROUPS = new Set(['day', 'week', 'month', 'branch', 'category']);

/**
 * Which table answers: the hourly summary, the daily one per cashier, tablet and tender, the daily
 * one per category, or the lines themselves.
 */
export function explorerSource(q: ExplorerQuery): 'hours' | 'days' | 'categories' | 'lines' {
  const byCategory = q.groupBy === 'category' || q.category !== undefined;
  if (byCategory && !q.product && !q.cashier && !q.device && !q.tender && CATEGORY_GROUPS.has(q.groupBy))
    return 'categories';
  if (q.product || q.category || q.groupBy === 'product' || q.groupBy === 'category') return 'lines';
  if (q.cashier || q.device || q.tender || !(TIME_GROUPS.has(q.groupBy) || q.groupBy === 'branch')) return 'days';
  return 'hours';
}

/**
 * The sales explorer: the filtered sales grouped by one dimension, with totals. Answered from the
 * hourly summary when the filters allow (branches and dates only), else from the daily summary per
 * cashier, tablet and tender, else (product or category) from the sale lines. Grouped by product or category (or filtered by them) the tax is worked
 * out per line, so it may differ by a cent per ticket from the ticket's own tax breakdown.
 */
export async function exploreSales(
  db: ReportDb,
  q: ExplorerQuery,
  branches: readonly ScopedBranch[],
): Promise<ExplorerResponse> {
  const currency = singleCurrency(branches);
  const source = explorerSource(q);
  const read = { hours: fromHours, days: fromDays, categories: fromCategories, lines: fromLines }[source];
  const raws = await read(db, q, branches);
  const names = new Map(branches.map((b) => [b.id, b.name]));
  if (q.groupBy === 'device') {
    const ids = [...new Set(raws.map((r) => r.dim))];
    if (ids.length)
      for (const d of await db.selectFrom('devices').select(['id', 'name']).where('id', 'in', ids).execute())
        names.set(d.id, d.name);
  }
  const groups = new Map<string, ExplorerRow>();
  const totals = emptyTotals();
  for (const r of raws) {
    const key = TIME_GROUPS.has(q.groupBy) ? timeKey(q.groupBy, r.dim) : r.dim;
    let row = groups.get(key);
    if (!row) {
      const label =
        q.groupBy === 'branch' || q.groupBy === 'device'
          ? (names.get(key) ?? key)
          : TIME_GROUPS.has(q.groupBy)
            ? key
            : r.label;
      row = { key, label, ...emptyTotals() };
      groups.set(key, row);
    }
    fold(row, r);
    // The totals' units are articles: a weighed product's grams are not added to pieces.
    fold(totals, r, r.articles ?? r.units);
  }
  const rows = [...groups.values()].sort((a, b) =>
    TIME_GROUPS.has(q.groupBy) ? a.key.localeCompare(b.key) : b.totalCents - a.totalCents || a.key.localeCompare(b.key),
  );
  return { currency, groupBy: q.groupBy, rows, totals };
}

async function fromHours(db: ReportDb, q: ExplorerQuery, branches: readonly ScopedBranch[]): Promise<Raw[]> {
  const rows = await db
    .selectFrom('report_sales_hours')
    .select((eb) => [
      'branch_id',
      'local_date',
      eb.fn.sum<number>('sale_tickets').as('st'),
      eb.fn.sum<number>('sale_gross_cents').as('sg'),
      eb.fn.sum<number>('sale_discount_cents').as('sd'),
      eb.fn.sum<number>('sale_tax_cents').as('sx'),
      eb.fn.sum<number>('sale_units').as('su'),
      eb.fn.sum<number>('refund_tickets').as('rt'),
      eb.fn.sum<number>('refund_gross_cents').as('rg'),
      eb.fn.sum<number>('refund_discount_cents').as('rd'),
      eb.fn.sum<number>('refund_tax_cents').as('rx'),
      eb.fn.sum<number>('refund_units').as('ru'),
    ])
    .where('branch_id', 'in', branches.length ? branches.map((b) => b.id) : [''])
    .where('local_date', '>=', q.from)
    .where('local_date', '<=', q.to)
    .groupBy(['branch_id', 'local_date'])
    .execute();
  return rows.flatMap((r) => {
    const dim = q.groupBy === 'branch' ? r.branch_id : r.local_date;
    const sale: Raw = {
      dim,
      label: dim,
      kind: 'sale',
      tickets: Number(r.st),
      gross: Number(r.sg),
      discount: Number(r.sd),
      tax: Number(r.sx),
      units: Number(r.su),
    };
    const refund: Raw = {
      dim,
      label: dim,
      kind: 'refund',
      tickets: Number(r.rt),
      gross: Number(r.rg),
      discount: Number(r.rd),
      tax: Number(r.rx),
      units: Number(r.ru),
    };
    // The hourly summary keeps sales and refunds in one row: a day with sales only has no refunds to show.
    if (q.refundsOnly) return refund.tickets > 0 ? [refund] : [];
    return [sale, refund];
  });
}

const DAY_DIMENSIONS = {
  day: 'local_date',
  week: 'local_date',
  month: 'local_date',
  branch: 'branch_id',
  device: 'device_id',
  tender: 'tender',
  cashier: 'cashier_key',
} as const;

/** The sums of a daily summary (report_sales_days and report_category_days share their names). */
const DAY_SUMS = [
  sql<number>`sum(tickets)`.as('tickets'),
  sql<number>`sum(gross_cents)`.as('gross'),
  sql<number>`sum(discount_cents)`.as('discount'),
  sql<number>`sum(tax_cents)`.as('tax'),
  sql<number>`sum(units)`.as('units'),
];

type SummedRow = Record<'tickets' | 'gross' | 'discount' | 'tax' | 'units', unknown> & {
  dim: unknown;
  kind: Raw['kind'];
};

function rawOf(r: SummedRow, label: string): Raw {
  return {
    dim: String(r.dim),
    label,
    kind: r.kind,
    tickets: Number(r.tickets),
    gross: Number(r.gross),
    discount: Number(r.discount),
    tax: Number(r.tax),
    units: Number(r.units),
  };
}

async function fromDays(db: ReportDb, q: ExplorerQuery, branches: readonly ScopedBranch[]): Promise<Raw[]> {
  const dim = DAY_DIMENSIONS[q.groupBy as keyof typeof DAY_DIMENSIONS];
  let query = db
    .selectFrom('report_sales_days')
    .select((eb) => [eb.ref(dim).as('dim'), eb.fn.max('cashier_name').as('cashier_name'), 'kind', ...DAY_SUMS])
    .where('branch_id', 'in', branches.length ? branches.map((b) => b.id) : [''])
    .where('local_date', '>=', q.from)
    .where('local_date', '<=', q.to);
  if (q.cashier) query = query.where('cashier_key', '=', q.cashier);
  if (q.device) query = query.where('device_id', '=', q.device);
  if (q.tender) query = query.where('tender', '=', q.tender);
  if (q.refundsOnly) query = query.where('kind', '=', 'refund');
  const rows = await query.groupBy([dim, 'kind']).execute();
  return rows.map((r) => rawOf(r, q.groupBy === 'cashier' ? String(r.cashier_name) : String(r.dim)));
}

async function fromCategories(db: ReportDb, q: ExplorerQuery, branches: readonly ScopedBranch[]): Promise<Raw[]> {
  const dim = q.groupBy === 'category' ? 'category' : q.groupBy === 'branch' ? 'branch_id' : 'local_date';
  let query = db
    .selectFrom('report_category_days')
    .select((eb) => [eb.ref(dim).as('dim'), 'kind', ...DAY_SUMS])
    .where('branch_id', 'in', branches.length ? branches.map((b) => b.id) : [''])
    .where('local_date', '>=', q.from)
    .where('local_date', '<=', q.to);
  if (q.category !== undefined) query = query.where('category', '=', q.category);
  if (q.refundsOnly) query = query.where('kind', '=', 'refund');
  const rows = await query.groupBy([dim, 'kind']).execute();
  return rows.map((r) => rawOf(r, String(r.dim)));
}

/** Tax of one tax-inclusive line total, rounded half up (the rule of shared/sale/cart-math taxBreakdown). */
const lineTax = sql<number>`(2 * l.line_total_cents * l.tax_rate_bp + 10000 + l.tax_rate_bp) / (2 * (10000 + l.tax_rate_bp))`;

async function fromLines(db: ReportDb, q: ExplorerQuery, branches: readonly ScopedBranch[]): Promise<Raw[]> {
  const dims: Record<ExplorerQuery['groupBy'], ReturnType<typeof sql<string>>> = {
    day: sql`t.local_date`,
    week: sql`t.local_date`,
    month: sql`t.local_date`,
    branch: sql`t.branch_id`,
    device: sql`t.device_id`,
    tender: sql`t.tender`,
    cashier: sql`coalesce(t.cashier_id, '')`,
    product: sql`l.product_id`,
    category: sql`p.category`,
  };
  const dim = dims[q.groupBy];
  const ticketFilter = { ...q, product: undefined, category: undefined };
  let query = db
    .selectFrom('sale_lines as l')
    .innerJoin('report_tickets as t', 't.sale_id', 'l.sale_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select((eb) => [
      dim.as('dim'),
      eb.fn.max(q.groupBy === 'product' ? 'p.name' : 't.cashier_name').as('label'),
      't.kind',
      sql<number>`count(distinct t.sale_id)`.as('tickets'),
      // Worth before discounts by the shared line rule (a weighed line's grams are not kilograms).
      eb.fn.sum<number>(sql`l.line_total_cents + l.discount_cents`).as('gross'),
      eb.fn.sum<number>('l.discount_cents').as('discount'),
      eb.fn.sum<number>(lineTax).as('tax'),
      // By product, a product's quantity (in its unit); otherwise articles, never grams added to pieces.
      eb.fn.sum<number>(q.groupBy === 'product' ? sql`l.quantity` : ARTICLES_SQL).as('units'),
      eb.fn.sum<number>(ARTICLES_SQL).as('articles'),
    ])
    .where((eb) => ticketConditions(eb as never, ticketFilter, branches));
  if (q.product) query = query.where('l.product_id', '=', q.product);
  if (q.category) query = query.where('p.category', '=', q.category);
  const rows = await query
    .groupBy(q.groupBy === 'cashier' ? [dim, 't.kind', 't.cashier_name'] : [dim, 't.kind'])
    .execute();
  return rows.map((r) => {
    const key = q.groupBy === 'cashier' && !r.dim ? `name:${String(r.label)}` : String(r.dim);
    const label = q.groupBy === 'product' || q.groupBy === 'cashier' ? String(r.label) : key;
    return { ...rawOf({ ...r, dim: key }, label), articles: Number(r.articles) };
  });
}
