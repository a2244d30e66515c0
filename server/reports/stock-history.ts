import { sql } from 'kysely';
import { isPostgres } from '../db/bulk-insert';
import type { Db } from '../db/database';
import { stockLevelOf } from '../ledger/ledger-queries';
import { productChain } from '../ledger/movement-queries';

/**
 * Writers take their clock just before the sequence lock, so created_at can run a little out of seq
 * order: a walk down the ledger (a product's chain, or a location's movements newest first) for the
 * movements recorded since a moment goes on this far past it.
 */
export const CLOCK_SKEW_MARGIN_MS = 60_000;

/** The walk down a product's chain that reaches every movement recorded since `from` (all of them without). */
function chainSince(db: Db, locationId: string, productId: string, from: string | undefined) {
  const since = from ? new Date(Date.parse(from) - CLOCK_SKEW_MARGIN_MS).toISOString() : '';
  return productChain(db, locationId, productId, null, { since });
}

/**
 * A product's movements at a location, oldest first (by sequence, or with `order` 'time' by the time
 * each was recorded, then sequence): its chain walked down from the newest to `from`.
 */
export async function productMovements(
  db: Db,
  locationId: string,
  productId: string,
  to?: string,
  from?: string,
  order: 'seq' | 'time' = 'seq',
) {
  const inRange = sql.join(
    [sql`true`, ...(to ? [sql`created_at <= ${to}`] : []), ...(from ? [sql`created_at >= ${from}`] : [])],
    sql` and `,
  );
  const orderBy = order === 'time' ? sql`created_at, seq, id` : sql`seq, id`;
  const result = await sql<{
    seq: number;
    delta: number;
    created_at: string;
  }>`${chainSince(db, locationId, productId, from)}
    select seq, delta, created_at from chain where ${inRange} order by ${orderBy}`.execute(db);
  return result.rows;
}

/** The sum of a product's movements at a location recorded after `at`: its chain walked down to that moment. */
export async function movedSince(db: Db, locationId: string, productId: string, at: string): Promise<number> {
  const since = await productMovements(db, locationId, productId, undefined, at);
  return since.filter((r) => r.created_at > at).reduce((sum, r) => sum + Number(r.delta), 0);
}

/** A product's stock at a location as of a past moment: today's level less its movements recorded since. */
export async function stockAsOf(db: Db, locationId: string, productId: string, at: string): Promise<number> {
  return (await stockLevelOf(db, locationId, productId)) - (await movedSince(db, locationId, productId, at));
}

/** The stock matrix's first page: products by name, with their level at every location asked for. */
export async function stockMatrixPage(db: Db, locationIds: readonly string[], limit: number) {
  const products = await db
    .selectFrom('products')
    .select(['id', 'name', 'sku'])
    .where('deleted', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
  const levels =
    products.length === 0
      ? []
      : await db
          .selectFrom('stock_levels')
          .select(['location_id', 'product_id', 'quantity'])
          .where(
            'product_id',
            'in',
            products.map((p) => p.id),
          )
          .where('location_id', 'in', [...locationIds])
          .execute();
  return products.map((p) => ({
    ...p,
    levels: Object.fromEntries(
      levels.filter((l) => l.product_id === p.id).map((l) => [l.location_id, Number(l.quantity)]),
    ),
  }));
}

export interface MovementMoment {
  createdAt: string;
  count: number;
  /** Lowest, highest and last of the running sum of deltas since `from`, through this moment's movements. */
  low: number;
  high: number;
  last: number;
}

/** A product's movements at a location since a moment, as movementMoments reads them. */
export interface MovementTimeline {
  moments: MovementMoment[];
  /** The movements themselves, in the order of time, then sequence, when they were read to make the moments; else null. */
  movements: { delta: number; created_at: string }[] | null;
}

/**
 * A product's movements at a location since `from`, one row per moment they were recorded (a push's
 * lines share one), oldest first: how many, and the lowest, highest and last of the running sum of
 * their deltas, counted from the first movement since `from` in the order of time, then sequence.
 * SQLite runs in the process, where reading the rows and summing them here is cheaper than its window
 * functions (on the demo chain, 31 ms of CPU against 37 for a 90-day best seller): the rows come back
 * with the moments. PostgreSQL reads at most `rowsUpTo` of them the same way; when there are more, it
 * sums them itself, so a long range of a best seller crosses the socket as a row per push, not per
 * movement, and the caller gets no rows.
 */
export async function movementMoments(
  db: Db,
  locationId: string,
  productId: string,
  from: string,
  rowsUpTo: number,
): Promise<MovementTimeline> {
  if (!isPostgres(db)) {
    const movements = await productMovements(db, locationId, productId, undefined, from, 'time');
    return { moments: momentsOf(movements), movements };
  }
  // Unordered, the walk down the chain (newest first) stops at the limit.
  const few = await sql<{ seq: number; id: string; delta: number; created_at: string }>`${chainSince(
    db,
    locationId,
    productId,
    from,
  )}
    select seq, id, delta, created_at from chain where created_at >= ${from} limit ${rowsUpTo + 1}`.execute(db);
  if (few.rows.length <= rowsUpTo) {
    const movements = few.rows.sort(byTimeThenSeq);
    return { moments: momentsOf(movements), movements };
  }
  const result = await sql<{ created_at: string; n: number; low: number; high: number; last: number }>`${chainSince(
    db,
    locationId,
    productId,
    from,
  )}, runs as (
      select created_at,
        sum(delta) over (order by created_at, seq, id rows between unbounded preceding and current row) as run,
        row_number() over (partition by created_at order by seq desc, id desc) as back
      from chain where created_at >= ${from}
    )
    select created_at, count(*) as n, min(run) as low, max(run) as high, max(case when back = 1 then run end) as last
    from runs group by created_at order by created_at`.execute(db);
  // PostgreSQL returns sums of bigint as numeric, which its driver gives as text.
  const moments = result.rows.map((r) => ({
    createdAt: r.created_at,
    count: Number(r.n),
    low: Number(r.low),
    high: Number(r.high),
    last: Number(r.last),
  }));
  return { moments, movements: null };
}

/** The order of productMovements' 'time': created_at, then seq, then id. */
function byTimeThenSeq(
  a: { created_at: string; seq: number; id: string },
  b: { created_at: string; seq: number; id: string },
): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return Number(a.seq) - Number(b.seq) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The moments of movements already read in the order of time, then sequence. */
export function momentsOf(rows: readonly { delta: number; created_at: string }[]): MovementMoment[] {
  const out: MovementMoment[] = [];
  let run = 0;
  for (const r of rows) {
    run += Number(r.delta);
    const m = out.at(-1);
    if (m && m.createdAt === r.created_at) {
      m.count += 1;
      m.low = Math.min(m.low, run);
      m.high = Math.max(m.high, run);
      m.last = run;
    } else out.push({ createdAt: r.created_at, count: 1, low: run, high: run, last: run });
  }
  return out;
}
