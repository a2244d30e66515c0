import { sql } from 'kysely';
import { lineGrossCents } from '../../shared/sale/line-amount';
import type { CountDetail, CountSheet, CountSheetLine, CountTotals, SHEET_FILTERS } from '../../shared/console/counts';
import type { LocationInfo } from '../ledger/manager-movements';
import { countFigures, type LineFigures } from './count-figures';
import { currencyOf, productsInScope, summaryOf, type Reader, type TakeRow } from './count-takes';

/** At most this many products in one answer of the sheet; the console narrows with its search. */
export const SHEET_MAX = 5000;

/** What the shelf should hold, the variance in units and in money (SPEC S13). */
export function varianceOf(f: LineFigures): { expected: number; variance: number; varianceCents: number } {
  const expected = f.book + f.late;
  const variance = f.counted - expected;
  // Valued by the shared line rule: a weighed product's grams at its price per kilogram.
  const worth = lineGrossCents({
    unitPriceCents: f.priceCents,
    quantity: Math.abs(variance),
    quantityDecimals: f.quantityDecimals,
  });
  return { expected, variance, varianceCents: variance < 0 ? -worth : worth };
}

/** The count with its variance report's totals and its late sales. */
export async function countDetail(db: Reader, take: TakeRow, location: LocationInfo): Promise<CountDetail> {
  const { lines, lateSales } = await countFigures(db, take);
  const inScope = await productsInScope(db, take)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const totals: CountTotals = {
    products: Math.max(Number(inScope.n), lines.size),
    counted: lines.size,
    notCounted: Math.max(0, Number(inScope.n) - lines.size),
    withVariance: 0,
    varianceUnits: 0,
    varianceCents: 0,
    shortCents: 0,
    overCents: 0,
    lateSales: lateSales.length,
  };
  for (const f of lines.values()) {
    const v = varianceOf(f);
    if (v.variance === 0) continue;
    totals.withVariance += 1;
    // Units of products sold by the piece only: a product sold by measure (kg with decimals, or whole grams) does not
    // add to pieces; its variance is in the money.
    if (f.byThePiece) totals.varianceUnits += v.variance;
    totals.varianceCents += v.varianceCents;
    if (v.variance < 0) totals.shortCents += v.varianceCents;
    else totals.overCents += v.varianceCents;
  }
  return {
    ...summaryOf(take, location.name, lines.size),
    currency: await currencyOf(db, location),
    totals,
    lateSales,
  };
}

/** The count sheet: products of the count by name, with what was counted and each variance. */
export async function countSheet(
  db: Reader,
  take: TakeRow,
  q: { query: string; filter: (typeof SHEET_FILTERS)[number] },
): Promise<CountSheet> {
  const { lines } = await countFigures(db, take);
  let query = productsInScope(db, take)
    .leftJoin('stock_take_lines as l', (j) => j.onRef('l.product_id', '=', 'products.id').on('l.take_id', '=', take.id))
    .leftJoin('stock_levels as s', (j) =>
      j.onRef('s.product_id', '=', 'products.id').on('s.location_id', '=', take.location_id),
    )
    .select([
      'products.id',
      'products.sku',
      'products.name',
      'products.category',
      'products.price_cents',
      'products.unit',
      'products.quantity_decimals',
      's.quantity as level',
    ]);
  if (q.query) {
    const like = `%${q.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        (['products.name', 'products.sku', 'products.barcode'] as const).map((c) =>
          eb(sql`lower(coalesce(${sql.ref(c)}, ''))`, 'like', sql`${like} escape '\\'`),
        ),
      ),
    );
  }
  if (q.filter === 'counted' || q.filter === 'variance') query = query.where('l.product_id', 'is not', null);
  if (q.filter === 'uncounted') query = query.where('l.product_id', 'is', null);
  const rows = await query
    .orderBy('products.name')
    .orderBy('products.id')
    .limit(SHEET_MAX + 1)
    .execute();
  const items = rows.slice(0, SHEET_MAX).map((r): CountSheetLine => {
    const f = lines.get(r.id);
    const base = {
      productId: r.id,
      sku: r.sku,
      name: r.name,
      category: r.category,
      unit: r.unit,
      quantityDecimals: Number(r.quantity_decimals),
    };
    if (!f) {
      const book = Number(r.level ?? 0);
      const price = Number(r.price_cents);
      return {
        ...base,
        priceCents: price,
        counted: null,
        countedAt: null,
        source: null,
        book,
        late: 0,
        expected: book,
        variance: null,
        varianceCents: null,
      };
    }
    return {
      ...base,
      priceCents: f.priceCents,
      counted: f.counted,
      countedAt: f.countedAt,
      source: f.source,
      book: f.book,
      late: f.late,
      ...varianceOf(f),
    };
  });
  return {
    items: q.filter === 'variance' ? items.filter((i) => i.variance !== 0) : items,
    truncated: rows.length > SHEET_MAX,
  };
}
