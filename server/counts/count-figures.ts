import type { LateSale } from '../../shared/console/counts';
import type { Reader, TakeRow } from './count-takes';

export interface LineFigures {
  counted: number;
  countedAt: string;
  source: 'console' | 'pos';
  /** Ledger level at the line's counted_seq. */
  book: number;
  /** Late sales and refunds the shelf already reflected (SPEC S13). */
  late: number;
  priceCents: number;
  /** Quantities are integers of 10^-quantityDecimals of the product's unit (grams of kg). */
  quantityDecimals: number;
  /** Sold by the piece ('each'), or by measure (kg, g, l): only pieces add up across products. */
  byThePiece: boolean;
}

/**
 * SPEC S13: for every counted line, the book is the ledger at the sequence the line was counted
 * (the level now minus every movement applied after it), and a sale or refund of that product at
 * that location applied after the line, whose device made it before the line was counted, is a
 * late sale: the shelf already reflected it, so it is added to what the shelf should hold. An
 * approved count answers from the figures frozen at approval, and lists late sales that came after.
 */
export async function countFigures(
  db: Reader,
  take: TakeRow,
): Promise<{ lines: Map<string, LineFigures>; lateSales: LateSale[] }> {
  const rows = await db
    .selectFrom('stock_take_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('stock_levels as s', (j) =>
      j.onRef('s.product_id', '=', 'l.product_id').on('s.location_id', '=', take.location_id),
    )
    .select([
      'l.product_id',
      'l.counted_quantity',
      'l.counted_at',
      'l.source',
      'l.book_quantity',
      'l.late_quantity',
      'l.price_cents',
      'p.price_cents as master_price',
      'p.quantity_decimals',
      'p.unit',
      's.quantity as level',
    ])
    .where('l.take_id', '=', take.id)
    .execute();
  const frozen = take.status === 'approved';
  const after = frozen ? new Map<string, number>() : await movementsAfterCount(db, take);
  const lateSales = await lateSalesOf(db, take);
  const late = new Map<string, number>();
  for (const s of lateSales) if (!s.afterApproval) late.set(s.productId, (late.get(s.productId) ?? 0) + s.delta);
  const lines = new Map<string, LineFigures>();
  for (const r of rows) {
    lines.set(r.product_id, {
      counted: Number(r.counted_quantity),
      countedAt: r.counted_at,
      source: r.source,
      book: frozen ? Number(r.book_quantity) : Number(r.level ?? 0) - (after.get(r.product_id) ?? 0),
      late: frozen ? Number(r.late_quantity) : (late.get(r.product_id) ?? 0),
      priceCents: Number(frozen ? r.price_cents : r.master_price),
      quantityDecimals: Number(r.quantity_decimals),
      byThePiece: r.unit === 'each',
    });
  }
  return { lines, lateSales };
}

/** Sum of the movements of each counted product applied after its line was counted. */
async function movementsAfterCount(db: Reader, take: TakeRow): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('stock_movements as m')
    .innerJoin('stock_take_lines as l', (j) =>
      j.onRef('l.product_id', '=', 'm.product_id').on('l.take_id', '=', take.id),
    )
    .select(['m.product_id', (eb) => eb.fn.sum<number | string>('m.delta').as('total')])
    .where('m.location_id', '=', take.location_id)
    .whereRef('m.seq', '>', 'l.counted_seq')
    .groupBy('m.product_id')
    .execute();
  return new Map(rows.map((r) => [r.product_id, Number(r.total)]));
}

/** Sales and refunds applied after their line was counted but made (device clock) before it. */
async function lateSalesOf(db: Reader, take: TakeRow): Promise<LateSale[]> {
  const rows = await db
    .selectFrom('stock_movements as m')
    .innerJoin('stock_take_lines as l', (j) =>
      j.onRef('l.product_id', '=', 'm.product_id').on('l.take_id', '=', take.id),
    )
    .innerJoin('sales as s', 's.id', 'm.sale_id')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .select([
      'm.product_id',
      'm.delta',
      'm.seq',
      's.id as sale_id',
      's.kind',
      's.receipt_number',
      's.device_created_at',
      's.received_at',
      'l.counted_at',
      'p.name',
    ])
    .where('m.location_id', '=', take.location_id)
    .where('m.kind', 'in', ['sale', 'refund'])
    .whereRef('m.seq', '>', 'l.counted_seq')
    .orderBy('m.seq')
    .execute();
  const closedSeq = take.status === 'approved' ? Number(take.closed_seq) : Infinity;
  return rows
    .filter((r) => madeAt(r.device_created_at, r.received_at) <= Date.parse(r.counted_at))
    .map((r) => ({
      saleId: r.sale_id,
      receiptNumber: r.receipt_number,
      kind: r.kind,
      productId: r.product_id,
      productName: r.name,
      delta: Number(r.delta),
      madeAt: r.device_created_at,
      receivedAt: r.received_at,
      afterApproval: Number(r.seq) > closedSeq,
    }));
}

/** The device's time, never later than when the server received it (as for prices, SPEC S11). */
function madeAt(deviceAt: string, receivedAt: string): number {
  return Math.min(Date.parse(deviceAt), Date.parse(receivedAt));
}
