import type { StockHistoryQuery, StockHistoryResponse } from '../../shared/console/reports-stock';
import type { Db } from '../db/database';
import { offlinePeriods } from './offline-periods';
import { reportDb } from './report-db';
import { stockLevelOf } from '../ledger/ledger-queries';
import { movementMoments, productMovements } from './stock-history';

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
  const { moments, movements: since } = await movementMoments(db, q.locationId, q.productId, from, MAX_POINTS);
  const startLevel = (await stockLevelOf(db, q.locationId, q.productId)) - (moments.at(-1)?.last ?? 0);
  const inRange = moments.filter((m) => m.createdAt <= to);
  const movements = inRange.reduce((n, m) => n + m.count, 0);
  let lowest = startLevel;
  let highest = startLevel;
  for (const m of inRange) {
    lowest = Math.min(lowest, startLevel + m.low);
    highest = Math.max(highest, startLevel + m.high);
  }
  // Few movements: a point after each. Many: a point per moment (its last level), then per slice.
  const points =
    movements <= MAX_POINTS
      ? levelAfterEach(
          since?.filter((m) => m.created_at <= to) ??
            (await productMovements(db, q.locationId, q.productId, to, from, 'time')),
          startLevel,
        )
      : slices(
          inRange.map((m) => ({ t: Date.parse(m.createdAt), level: startLevel + m.last })),
          Date.parse(from),
          Date.parse(to),
        );
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
    movements,
    lowest,
    highest,
    offline: branch ? await offlinePeriods(reportDb(db), branch.id, from, to, now) : [],
  };
}

/** The level after each movement of the range (given in the order of time, then sequence). */
function levelAfterEach(rows: readonly { delta: number; created_at: string }[], startLevel: number) {
  const raw: { t: number; level: number }[] = [];
  for (const r of rows)
    raw.push({ t: Date.parse(r.created_at), level: (raw.at(-1)?.level ?? startLevel) + Number(r.delta) });
  return raw;
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
