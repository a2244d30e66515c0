import { sql } from 'kysely';
import type { MovementRow, Page } from '../../shared/console/ledger-api';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { splitCursor } from './ledger-queries';

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

/** The columns of a movement, as the chain's recursive query carries them. */
const MOVEMENT_COLUMNS = 'id, seq, location_id, product_id, delta, kind, sale_id, actor, reason, created_at, prev_seq';

/** Where a walk down a product's chain stops: after `steps` sequence numbers at or below `below`, or before `since`. */
export type ChainStop = { steps: number; below?: number } | { since: string };

/**
 * A product's movements at one location, newest first, following its chain (migration 0026): from
 * the level's last movement (stock_levels.seq) or from `startSeq`, each step a seek on
 * (location_id, seq) in stock_movements_location_seq that keeps the product's rows and goes on at
 * their prev_seq. One statement on both databases (a recursive query), and its cost is the number
 * of steps, not the ledger's size. UNION, not UNION ALL: two rows at one sequence number (two lines
 * of a sale) lead to the same rows before them, kept once. CROSS JOIN: SQLite then keeps the chain as
 * the outer loop (with a plain join it read the location's whole section of the index for each step).
 *
 * A `startSeq` where the product did not move at this location (a cursor from a history over
 * several locations) starts from the newest instead, and the steps above it are not counted.
 */
export function productChain(db: Db, locationId: string, productId: string, startSeq: number | null, stop: ChainStop) {
  const head = sql`(select seq from stock_levels where location_id = ${locationId} and product_id = ${productId})`;
  const start =
    startSeq === null
      ? head
      : sql`case when exists (select 1 from stock_movements where location_id = ${locationId} and seq = ${startSeq} and product_id = ${productId})
          then ${startSeq} else ${head} end`;
  const below = 'steps' in stop ? (stop.below ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  const counted = (column: string) => sql`case when ${sql.ref(column)} <= ${below} then 1 else 0 end`;
  const goOn = 'steps' in stop ? sql`chain.step < ${stop.steps}` : sql`chain.created_at >= ${stop.since}`;
  const columns = sql.raw(MOVEMENT_COLUMNS);
  const mColumns = sql.raw(
    MOVEMENT_COLUMNS.split(', ')
      .map((c) => `m.${c}`)
      .join(', '),
  );
  return sql`with recursive chain (${columns}, step) as (
      select ${columns}, ${counted('seq')} from stock_movements
      where location_id = ${locationId} and seq = ${start} and product_id = ${productId}
    union
      select ${mColumns}, chain.step + ${counted('m.seq')}
      from chain cross join stock_movements as m
      where m.location_id = ${locationId} and m.seq = chain.prev_seq and m.product_id = ${productId} and ${goOn}
    )`;
}

type ChainRow = Database['stock_movements'] & { product_name: string | null };

/**
 * One page of a product's history at one location, newest first, strictly after `cursor`: its chain
 * walked at most `limit` sequence numbers below the cursor's (each holds at least one of its movements).
 */
export function productHistoryQuery(
  db: Db,
  locationId: string,
  productId: string,
  cursor: Cursor | null,
  limit: number,
) {
  // The cursor's own sequence number may hold none of the page's rows: one step more.
  const chain = productChain(
    db,
    locationId,
    productId,
    cursor?.seq ?? null,
    cursor ? { steps: limit + 1, below: cursor.seq } : { steps: limit },
  );
  const after = cursor
    ? sql`where chain.seq < ${cursor.seq} or (chain.seq = ${cursor.seq} and chain.id < ${cursor.id})`
    : sql``;
  return sql<ChainRow>`${chain}
    select chain.*, (select name from products where id = ${productId}) as product_name from chain
    ${after} order by chain.seq desc, chain.id desc limit ${limit}`;
}

type MovementQueryRow = Awaited<ReturnType<ReturnType<typeof movementsNewestFirst>['execute']>>[number];

function newestFirst(a: { seq: number; id: string }, b: { seq: number; id: string }): number {
  return Number(b.seq) - Number(a.seq) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

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

  let rows: MovementQueryRow[];
  if (q.productId) {
    // Each location's chain, then merged: a page needs at most limit + 1 of each.
    const productId = q.productId;
    const locations =
      scope === 'all' ? (await db.selectFrom('locations').select('id').execute()).map((l) => l.id) : scope;
    rows = (
      await Promise.all(
        locations.map(async (l) => (await productHistoryQuery(db, l, productId, cursor, q.limit + 1).execute(db)).rows),
      )
    )
      .flat()
      .sort(newestFirst)
      .slice(0, q.limit + 1);
  } else if (scope === 'all') {
    rows = await movementsNewestFirst(db, 'all', cursor, q.limit + 1).execute();
  } else {
    // Location by location, each an index walk of one page, then merged: asked for several at
    // once, the database reads every movement of them to sort.
    rows = (await Promise.all(scope.map((l) => movementsNewestFirst(db, [l], cursor, q.limit + 1).execute())))
      .flat()
      .sort(newestFirst)
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
