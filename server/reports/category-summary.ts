import { sql, type Kysely } from 'kysely';
import { BulkInsert } from '../db/bulk-insert';
import type { Database } from '../db/schema';
import type { ReportDb } from './report-db';
import type { ReportTables } from './schema-reports';

/** Inserts gathered for the caller to write together (db/write-batch.ts's WriteBatch). */
interface Writes {
  add<R extends Record<string, string | number | null>>(insert: BulkInsert<R>, rows: readonly R[]): void;
}
type TicketRow = Pick<ReportTables['report_tickets'], 'sale_id' | 'branch_id' | 'local_date' | 'kind'>;
type CategoryRow = ReportTables['report_category_days'];
export interface CategoryLine {
  sale_id: string;
  product_id: string;
  quantity: number;
  unit_price_cents: number;
  tax_rate_bp: number;
  discount_cents: number;
  line_total_cents: number;
}

/** Whether a product is sold by measure (weighed, or by volume): a unit other than the piece, or decimals. */
export const soldByMeasure = (p: { unit: string; quantityDecimals: number }) =>
  p.unit !== 'each' || p.quantityDecimals > 0;

/**
 * What a line adds to a summary's "units", which are articles: a line of a product sold by measure
 * (1,250 kg) is one article, a product sold by the piece counts its pieces; grams are never added
 * to pieces. Its SQL twin: ARTICLES_SQL (explorer-queries' fromLines and the category rebuild).
 */
export const lineArticles = (quantity: number, byMeasure: boolean) => (byMeasure ? 1 : quantity);

/** A product as the summaries file it: its category now and how it is counted. */
export interface ProductFacts {
  category: string;
  unit: string;
  quantityDecimals: number;
}

/** Tax of one tax-inclusive line total, rounded half up (as explorer-queries' lineTax, in SQL there). */
export const lineTaxOf = (total: number, rateBp: number) =>
  Math.floor((2 * total * rateBp + 10_000 + rateBp) / (2 * (10_000 + rateBp)));

/**
 * The category rows a set of tickets adds up to: per branch, local day, category and kind, with a
 * ticket counted once in each category it has a line of, and the tax worked out per line (the
 * explorer's rule for categories), units as articles (lineArticles). `products` maps each product
 * to its category now and its decimals.
 */
export function categorySummaries(
  tickets: readonly TicketRow[],
  lines: readonly CategoryLine[],
  products: ReadonlyMap<string, ProductFacts>,
): CategoryRow[] {
  const ticketOf = new Map(tickets.map((t) => [t.sale_id, t]));
  const rows = new Map<string, CategoryRow>();
  const counted = new Set<string>();
  for (const l of lines) {
    const t = ticketOf.get(l.sale_id);
    const product = products.get(l.product_id);
    if (!t || product === undefined) continue;
    const category = product.category;
    const k = [t.branch_id, t.local_date, category, t.kind].join('\u0000');
    const row = rows.get(k) ?? {
      branch_id: t.branch_id,
      local_date: t.local_date,
      category,
      kind: t.kind,
      tickets: 0,
      gross_cents: 0,
      discount_cents: 0,
      tax_cents: 0,
      units: 0,
    };
    if (!counted.has(`${k}\u0000${t.sale_id}`)) {
      counted.add(`${k}\u0000${t.sale_id}`);
      row.tickets += 1;
    }
    // Worth before discounts by the shared line rule (a weighed line's grams are not kilograms).
    row.gross_cents += Number(l.line_total_cents) + Number(l.discount_cents);
    row.discount_cents += Number(l.discount_cents);
    row.tax_cents += lineTaxOf(Number(l.line_total_cents), Number(l.tax_rate_bp));
    row.units += lineArticles(Number(l.quantity), soldByMeasure(product));
    rows.set(k, row);
  }
  return [...rows.values()];
}

const SUMS = ['tickets', 'gross_cents', 'discount_cents', 'tax_cents', 'units'] as const;

const addCategoryDays = new BulkInsert<CategoryRow>(
  ['branch_id', 'local_date', 'category', 'kind', ...SUMS],
  (db, rows) =>
    db
      .withTables<ReportTables>()
      .insertInto('report_category_days')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['branch_id', 'local_date', 'category', 'kind'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              SUMS.map((c) => [c, eb(eb.ref(`report_category_days.${c}`), '+', eb.ref(`excluded.${c}`))]),
            ),
          ),
      ),
  100,
);

/** The categories, units and decimals of the products of some lines, as they are now. */
export async function productFactsOf(
  db: ReportDb,
  lines: readonly Pick<CategoryLine, 'product_id'>[],
): Promise<Map<string, ProductFacts>> {
  const ids = [...new Set(lines.map((l) => l.product_id))];
  const out = new Map<string, ProductFacts>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('products')
      .select(['id', 'category', 'unit', 'quantity_decimals'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.id, { category: r.category, unit: r.unit, quantityDecimals: Number(r.quantity_decimals) });
  }
  return out;
}

/** A line's articles in SQL (lineArticles), for queries of sale_lines `l` joined with products `p`. */
export const ARTICLES_SQL = sql<number>`case when p.unit <> 'each' or p.quantity_decimals > 0 then 1 else l.quantity end`;

/** Adds tickets' lines to the category summary, in the caller's transaction (or to its batch of writes). */
export async function writeCategorySummaries(
  trx: ReportDb,
  tickets: readonly TicketRow[],
  lines: readonly CategoryLine[],
  writes?: Writes,
  /** The lines' products' categories and decimals, when the caller has read them already. */
  products?: Map<string, ProductFacts>,
): Promise<void> {
  if (lines.length === 0) return;
  const rows = categorySummaries(tickets, lines, products ?? (await productFactsOf(trx, lines)));
  if (writes) writes.add(addCategoryDays, rows);
  else await addCategoryDays.execute(trx as unknown as Kysely<Database>, rows);
}

/**
 * A product moved to another category: its sales are filed again under the new one. The days it
 * sold on are summed again from the ledger for both categories, in the transaction that changes
 * the product, so the summary always files a sale under its product's category of now.
 */
export async function refileProductCategory(trx: ReportDb, productId: string, from: string, to: string) {
  const days = await trx
    .selectFrom('sale_lines as l')
    .innerJoin('report_tickets as t', 't.sale_id', 'l.sale_id')
    .select(['t.branch_id', 't.local_date'])
    .distinct()
    .where('l.product_id', '=', productId)
    .execute();
  for (const d of days) {
    await trx
      .deleteFrom('report_category_days')
      .where('branch_id', '=', d.branch_id)
      .where('local_date', '=', d.local_date)
      .where('category', 'in', [from, to])
      .execute();
    const tickets = await trx
      .selectFrom('report_tickets')
      .select(['sale_id', 'branch_id', 'local_date', 'kind'])
      .where('branch_id', '=', d.branch_id)
      .where('local_date', '=', d.local_date)
      .execute();
    const lines = await trx
      .selectFrom('sale_lines as l')
      .innerJoin('report_tickets as t', 't.sale_id', 'l.sale_id')
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .select(['l.sale_id', 'l.product_id', 'l.quantity', 'l.unit_price_cents', 'l.tax_rate_bp', 'l.discount_cents'])
      .select(['l.line_total_cents', 'p.category', 'p.unit', 'p.quantity_decimals'])
      .where('t.branch_id', '=', d.branch_id)
      .where('t.local_date', '=', d.local_date)
      .where('p.category', 'in', [from, to])
      .execute();
    const products = new Map(
      lines.map((l) => [
        l.product_id,
        { category: l.category, unit: l.unit, quantityDecimals: Number(l.quantity_decimals) },
      ]),
    );
    const rows = categorySummaries(tickets, lines, products);
    await addCategoryDays.execute(trx as unknown as Kysely<Database>, rows);
  }
}

/** The category summary of one branch or all, rebuilt from the ledger (with summary-rebuild.ts). */
export async function rebuildCategorySummaries(db: ReportDb, branchId?: string): Promise<void> {
  let del = db.deleteFrom('report_category_days');
  if (branchId !== undefined) del = del.where('branch_id', '=', branchId);
  await del.execute();
  let q = db
    .selectFrom('sale_lines as l')
    .innerJoin('report_tickets as t', 't.sale_id', 'l.sale_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select((eb) => [
      't.branch_id',
      't.local_date',
      'p.category',
      't.kind',
      sql<number>`count(distinct t.sale_id)`.as('tickets'),
      eb.fn.sum<number>(sql`l.line_total_cents + l.discount_cents`).as('gross_cents'),
      eb.fn.sum<number>('l.discount_cents').as('discount_cents'),
      eb.fn
        .sum<number>(
          sql`(2 * l.line_total_cents * l.tax_rate_bp + 10000 + l.tax_rate_bp) / (2 * (10000 + l.tax_rate_bp))`,
        )
        .as('tax_cents'),
      eb.fn.sum<number>(ARTICLES_SQL).as('units'),
    ])
    .groupBy(['t.branch_id', 't.local_date', 'p.category', 't.kind']);
  if (branchId !== undefined) q = q.where('t.branch_id', '=', branchId);
  const rows = (await q.execute()).map((r) => ({
    ...r,
    tickets: Number(r.tickets),
    gross_cents: Number(r.gross_cents),
    discount_cents: Number(r.discount_cents),
    tax_cents: Number(r.tax_cents),
    units: Number(r.units),
  }));
  await addCategoryDays.execute(db as unknown as Kysely<Database>, rows);
}
