import { sql } from 'kysely';
import type { MovementRow, Page } from '../../shared/console/ledger-api';
import { isPostgres } from '../db/bulk-insert';
import type { Db } from '../db/database';
import { splitCursor } from './ledger-queries';
import { currentSequence } from './server-sequence';

/**
 * Divisor of the product-history index (migration 0007-ledger-indexes): its entries are grouped by
 * `seq / MOVEMENT_HISTORY_BUCKET`, so a push's movements land among a few recent pages instead of
 * all over the index. Must stay equal to the 4096 in that migration, or the index goes unused
 * (movement-queries.test.ts checks the plan).
 */
export const MOVEMENT_HISTORY_BUCKET = 4096;

type Cursor = { seq: number; id: string };

function inScope(db: Db, locations: 'all' | readonly string[], cursor: Cursor | null) {
  let query = db
    .selectFrom('stock_movements')
    .leftJoin('products', 'products.id', 'stock_movements.product_id')
    .selectAll('stock_movements')
    .select('products.name as product_name');
  if (locations !== 'all') query = query.where('stock_movements.location_id', 'in', locations);
  if (cursor) {
    // (seq, id) < cursor, with the bound on seq on its own so that an index can start there.
    query = query
      .where('stock_movements.seq', '<=', cursor.seq)
      .where((eb) => eb.or([eb('stock_movements.seq', '<', cursor.seq), eb('stock_movements.id', '<', cursor.id)]));
  }
  return query;
}

/** Movements of the locations (or all), newest first: a walk down stock_movements_location_seq or stock_movements_seq. */
export function movementsNewestFirst(
  db: Db,
  locations: 'all' | readonly string[],
  cursor: Cursor | null,
  limit: number,
) {
  return inScope(db, locations, cursor)
    .orderBy('stock_movements.seq', 'desc')
    .orderBy('stock_movements.id', 'desc')
    .limit(limit);
}

/** One product's movements at the locations within the given buckets, newest first: seeks in stock_movements_product_history. */
export function productMovementsInBuckets(
  db: Db,
  locations: readonly string[],
  productId: string,
  buckets: readonly number[],
  cursor: Cursor | null,
  limit: number,
) {
  return (
    inScope(db, locations, cursor)
      .where('stock_movements.product_id', '=', productId)
      .where(sql<number>`stock_movements.seq / ${sql.lit(MOVEMENT_HISTORY_BUCKET)}`, 'in', buckets)
      // "seq + 0", not "seq": SQLite would otherwise walk the location's whole history in
      // stock_movements_location_seq, which already has the order, rather than seek and sort.
      .orderBy(sql`stock_movements.seq + 0`, 'desc')
      .orderBy('stock_movements.id', 'desc')
      .limit(limit)
  );
}

/**
 * PostgreSQL's form of productMovementsInBuckets: one index seek per (location, bucket), each a
 * LATERAL subquery of its own, then the newest `limit` of them. Asked with `bucket in (…)`,
 * PostgreSQL's planner costs the list as one descent per bucket and, past a hundred or so buckets,
 * prefers to read the location's whole section of the index and filter on the product: 28 ms at
 * 1,000,000 movements and growing with the ledger (docs/benchmarks.md, issue 14). A LATERAL with
 * its own LIMIT cannot be flattened, so each bucket is an equality seek on the index's first three
 * columns (movement-queries.pg.test.ts checks the plan).
 */
export function productMovementsInBucketsPostgres(
  db: Db,
  locations: readonly string[],
  productId: string,
  buckets: readonly number[],
  cursor: Cursor | null,
  limit: number,
) {
  return db
    .selectFrom(sql<{ l: string }>`unnest(${sql.val(locations)}::text[])`.as('l'))
    .innerJoin(sql<{ b: number }>`unnest(${sql.val(buckets)}::bigint[])`.as('b'), (join) => join.onTrue())
    .innerJoinLateral(
      (eb) => {
        let bucket = eb
          .selectFrom('stock_movements')
          .selectAll('stock_movements')
          .where('stock_movements.location_id', '=', sql<string>`l.l`)
          .where(sql<number>`stock_movements.seq / ${sql.lit(MOVEMENT_HISTORY_BUCKET)}`, '=', sql<number>`b.b`)
          .where('stock_movements.product_id', '=', productId);
        if (cursor) {
          bucket = bucket
            .where('stock_movements.seq', '<=', cursor.seq)
            .where((w) => w.or([w('stock_movements.seq', '<', cursor.seq), w('stock_movements.id', '<', cursor.id)]));
        }
        return bucket.orderBy('stock_movements.seq', 'desc').orderBy('stock_movements.id', 'desc').limit(limit).as('m');
      },
      (join) => join.onTrue(),
    )
    .leftJoin('products', 'products.id', 'm.product_id')
    .selectAll('m')
    .select('products.name as product_name')
    .orderBy('m.seq', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit);
}

type MovementQueryRow = Awaited<ReturnType<ReturnType<typeof movementsNewestFirst>['execute']>>[number];

/** Movements newest first, by (seq, id) descending; `locations` limits a branch manager's view. */
export async function listMovements(
  db: Db,
  q: { locations: 'all' | string[]; locationId?: string; productId?: string; cursor?: string; limit: number },
): Promise<Page<MovementRow>> {
  const scope = q.locationId
    ? q.locations === 'all' || q.locations.includes(q.locationId)
      ? [q.locationId]
      : []
    : q.locations;
  if (scope !== 'all' && scope.length === 0) return { items: [], nextCursor: null };
  const cursor = q.cursor ? splitCursor(q.cursor) : null;

  let rows: MovementQueryRow[] = [];
  if (q.productId) {
    // Buckets newest first, a widening window of them per query (16, 128, then 1,024): a product
    // that sells often is found in the first one, a rare one in about one query per 4,000,000
    // movements of history (each bucket of the window is one index seek). The index
    // leads with the location, so every location in scope is named.
    const locations =
      scope === 'all' ? (await db.selectFrom('locations').select('id').execute()).map((l) => l.id) : scope;
    let high = Math.floor((cursor ? cursor.seq : await currentSequence(db)) / MOVEMENT_HISTORY_BUCKET);
    for (let width = 16; high >= 0 && rows.length <= q.limit; width = Math.min(width * 8, 1024)) {
      const low = Math.max(0, high - width + 1);
      const buckets = Array.from({ length: high - low + 1 }, (_, i) => high - i);
      const inBuckets = isPostgres(db) ? productMovementsInBucketsPostgres : productMovementsInBuckets;
      rows.push(...(await inBuckets(db, locations, q.productId, buckets, cursor, q.limit + 1 - rows.length).execute()));
      high = low - 1;
    }
  } else if (scope === 'all') {
    rows = await movementsNewestFirst(db, 'all', cursor, q.limit + 1).execute();
  } else {
    // Location by location, each an index walk of one page, then merged: asked for several at
    // once, the database reads every movement of them to sort.
    rows = (await Promise.all(scope.map((l) => movementsNewestFirst(db, [l], cursor, q.limit + 1).execute())))
      .flat()
      .sort((a, b) => Number(b.seq) - Number(a.seq) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, q.limit + 1);
  }
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      locationId: r.location_id,
      productId: r.product_id,
      productName: r.product_name ?? '',
      delta: Number(r.delta),
      kind: r.kind,
      saleId: r.sale_id,
      actor: r.actor,
      reason: r.reason,
      createdAt: r.created_at,
    })),
    nextCursor: rows.length > q.limit && last ? `${Number(last.seq)}.${last.id}` : null,
  };
}
