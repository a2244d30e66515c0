import type { StockHistoryQuery, StockHistoryResponse } from '../../shared/console/reports-stock';
import type { Db } from '../db/database';
import { offlinePeriods } from './offline-periods';
import { reportDb } from './report-db';
import { productMovements } from './stock-history';

/** Enough points for a chart as wide as a screen; more movements than this share points. */
export const MAX_POINTS = 1500;

/**
 * A product's stock at a location over a range, from its ledger movements (the level at `from` is
 * the sum of every earlier movement), with the times the branch's tablets were offline. When the
 * range holds more movements than MAX_POINTS, the range is cut into that many equal slices and
 * each slice keeps its last level; the lowest and highest levels are kept exactly.
 */
export async function stockHistory(db: Db, q: StockHistoryQuery, now = new Date()): Promise<StockHistoryResponse> {
  const from = new Date(q.from).toISOString();
  const to = new Date(Math.min(Date.parse(q.to), now.getTime())).toISOString();
  // Stock as of a moment counts the movements recorded up to it (stockAsOf), so the line follows their times.
  // The level before the range is today's level less every movement recorded since `from`: no read of the
  // product's older history, which for a best seller is most of the work.
  const since = await productMovements(db, q.locationId, q.productId, undefined, from, 'time');
  const level = await db
    .selectFrom('stock_levels')
    .select('quantity')
    .where('location_id', '=', q.locationId)
    .where('product_id', '=', q.productId)
    .executeTakeFirst();
  const startLevel = Number(level?.quantity ?? 0) - since.reduce((sum, r) => sum + Number(r.delta), 0);
  const rows = since
    .filter((r) => r.created_at <= to)
    .sort((a, b) =>
      a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : Number(a.seq) - Number(b.seq),
    );
  const raw: { t: number; level: number }[] = [];
  for (const r of rows)
    raw.push({ t: Date.parse(r.created_at), level: (raw.at(-1)?.level ?? startLevel) + Number(r.delta) });
  let lowest = startLevel;
  let highest = startLevel;
  for (const p of raw) {
    lowest = Math.min(lowest, p.level);
    highest = Math.max(highest, p.level);
  }
  const points = raw.length <= MAX_POINTS ? raw : slices(raw, Date.parse(from), Date.parse(to));
  const branch = await db
    .selectFrom('branches')
    .select('id')
    .where('location_id', '=', q.locationId)
    .executeTakeFirst();
  return {
    from,
    to,
    startLevel,
    points: points.map((p) => ({ at: new Date(p.t).toISOString(), level: p.level })),
    movements: raw.length,
    lowest,
    highest,
    offline: branch ? await offlinePeriods(reportDb(db), branch.id, from, to, now) : [],
  };
}

function slices(raw: { t: number; level: number }[], from: number, to: number) {
  const width = Math.max(1, (to - from) / MAX_POINTS);
  const out: { t: number; level: number }[] = [];
  for (const p of raw) {
    const slice = Math.floor((p.t - from) / width);
    const last = out.at(-1);
    if (last && Math.floor((last.t - from) / width) === slice) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
