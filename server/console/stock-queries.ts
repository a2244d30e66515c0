import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  LowStockResponse,
  StockAsOfResponse,
  StockMatrixResponse,
  stockAsOfQuerySchema,
  stockMatrixQuerySchema,
  lowStockQuerySchema,
} from '../../shared/console/stock';
import type { ManagerIdentity } from '../auth/manager-session';
import { listProducts } from '../catalogue/console-products';
import { withExtras } from '../catalogue/product-extras';
import type { Db } from '../db/database';
import { keysetPage } from '../http/keyset-page';
import { CLOCK_SKEW_MARGIN_MS, movedSince } from '../reports/stock-history';

type Location = StockMatrixResponse['locations'][number];

/** The locations a manager may see: an administrator every one (the centre first), a branch manager their branches'. */
async function visibleStockLocations(db: Db, manager: ManagerIdentity): Promise<Location[]> {
  if (manager.branchIds !== 'all' && manager.branchIds.length === 0) return [];
  let q = db
    .selectFrom('locations')
    .leftJoin('branches', 'branches.location_id', 'locations.id')
    .select(['locations.id', 'locations.name', 'locations.kind', 'branches.id as branch_id'])
    .orderBy(sql`case when ${sql.ref('locations.kind')} = 'centre' then 0 else 1 end`)
    .orderBy('locations.name')
    .orderBy('locations.id');
  if (manager.branchIds !== 'all') q = q.where('branches.id', 'in', manager.branchIds);
  return (await q.execute()).map((r) => ({ id: r.id, name: r.name, kind: r.kind, branchId: r.branch_id }));
}

/** A page of products (by name, filtered like the catalogue) with their level at every visible location. */
export async function stockMatrix(
  db: Db,
  manager: ManagerIdentity,
  q: z.infer<typeof stockMatrixQuerySchema>,
): Promise<StockMatrixResponse> {
  const locations = await visibleStockLocations(db, manager);
  const page = await listProducts(db, { ...q, includeDeleted: '0' });
  const products = await withExtras(db, page.items);
  const ids = products.map((p) => p.id);
  const levels =
    ids.length && locations.length
      ? await db
          .selectFrom('stock_levels')
          .select(['location_id', 'product_id', 'quantity'])
          .where(
            'location_id',
            'in',
            locations.map((l) => l.id),
          )
          .where('product_id', 'in', ids)
          .execute()
      : [];
  const byProduct = new Map<string, Record<string, number>>();
  for (const l of levels) {
    const row = byProduct.get(l.product_id) ?? {};
    row[l.location_id] = Number(l.quantity);
    byProduct.set(l.product_id, row);
  }
  return {
    locations,
    items: products.map((p) => {
      const quantities = Object.fromEntries(locations.map((l) => [l.id, byProduct.get(p.id)?.[l.id] ?? 0]));
      const total = Object.values(quantities).reduce((a, b) => a + b, 0);
      return {
        productId: p.id,
        sku: p.sku,
        name: p.name,
        category: p.category,
        quantities,
        total,
        reorderMin: p.reorderMin,
        unit: p.unit,
        quantityDecimals: p.quantityDecimals,
      };
    }),
    nextCursor: page.nextCursor,
  };
}

/** Active products below their reorder minimum at a location (no level row = 0), by product id. */
export async function lowStock(db: Db, q: z.infer<typeof lowStockQuerySchema>): Promise<LowStockResponse> {
  const rows = await lowStockQuery(db, q).execute();
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) => last.product_id);
  return {
    locationId: q.locationId,
    items: page.map((r) => {
      const quantity = Number(r.quantity ?? 0);
      const min = Number(r.reorder_min);
      const max = r.reorder_max === null ? null : Number(r.reorder_max);
      return {
        productId: r.product_id,
        sku: r.sku,
        name: r.name,
        quantity,
        reorderMin: min,
        reorderMax: max,
        suggestedQuantity: Math.max(1, (max ?? min) - quantity),
        unit: r.unit,
        quantityDecimals: Number(r.quantity_decimals),
      };
    }),
    nextCursor,
  };
}

/** Walks the reorder rules by product id (their primary key), the location's level by its primary key. */
export function lowStockQuery(db: Db, q: z.infer<typeof lowStockQuerySchema>) {
  let query = db
    .selectFrom('product_stock_rules as r')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .leftJoin('stock_levels as l', (join) =>
      join.onRef('l.product_id', '=', 'r.product_id').on('l.location_id', '=', q.locationId),
    )
    .select([
      'r.product_id',
      'p.sku',
      'p.name',
      'p.unit',
      'p.quantity_decimals',
      'l.quantity',
      'r.reorder_min',
      'r.reorder_max',
    ])
    .where('p.deleted', '=', 0)
    .where('r.reorder_min', 'is not', null)
    .where(sql<boolean>`coalesce(${sql.ref('l.quantity')}, 0) < ${sql.ref('r.reorder_min')}`)
    .orderBy('r.product_id')
    .limit(q.limit + 1);
  if (q.cursor) query = query.where('r.product_id', '>', q.cursor);
  return query;
}

/**
 * Levels at a location as of a past moment, from the ledger: today's level minus every movement
 * recorded after that moment. Only the movements since then are read, newest first in
 * stock_movements_location_seq (the ledger's append-only index), so a recent moment is cheap.
 */
export async function stockAsOf(db: Db, q: z.infer<typeof stockAsOfQuerySchema>): Promise<StockAsOfResponse> {
  const at = new Date(q.at).toISOString();
  const rows = await levelsPageQuery(db, q).execute();
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) => last.product_id);
  // One product (what the console asks): its own chain, whatever else moved at the location since.
  const one = q.productId ? page[0] : undefined;
  const after = one
    ? new Map([[one.product_id, await movedSince(db, q.locationId, one.product_id, at)]])
    : await movementsAfter(
        db,
        q.locationId,
        at,
        page.map((r) => r.product_id),
      );
  return {
    locationId: q.locationId,
    at,
    items: page.map((r) => ({
      productId: r.product_id,
      name: r.name,
      quantity: Number(r.quantity) - (after.get(r.product_id) ?? 0),
    })),
    nextCursor,
  };
}

/** The location's level rows by product (primary key order), with the product's name. */
export function levelsPageQuery(db: Db, q: z.infer<typeof stockAsOfQuerySchema>) {
  let query = db
    .selectFrom('stock_levels')
    .innerJoin('products', 'products.id', 'stock_levels.product_id')
    .select(['stock_levels.product_id', 'stock_levels.quantity', 'products.name'])
    .where('stock_levels.location_id', '=', q.locationId)
    .orderBy('stock_levels.product_id')
    .limit(q.limit + 1);
  if (q.productId) query = query.where('stock_levels.product_id', '=', q.productId);
  if (q.cursor) query = query.where('stock_levels.product_id', '>', q.cursor);
  return query;
}

const AFTER_PAGE = 1000;

/** Sum of the deltas per product recorded after `at` at a location (only for the given products). */
async function movementsAfter(
  db: Db,
  locationId: string,
  at: string,
  productIds: string[],
): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  if (productIds.length === 0) return sums;
  const wanted = new Set(productIds);
  const floor = new Date(Date.parse(at) - CLOCK_SKEW_MARGIN_MS).toISOString();
  let cursor: { seq: number; id: string } | null = null;
  for (;;) {
    const rows = await movementsNewestFirstQuery(db, locationId, cursor).execute();
    for (const r of rows)
      if (r.created_at > at && wanted.has(r.product_id))
        sums.set(r.product_id, (sums.get(r.product_id) ?? 0) + Number(r.delta));
    const last = rows.at(-1);
    if (!last || rows.length < AFTER_PAGE || last.created_at < floor) return sums;
    cursor = { seq: Number(last.seq), id: last.id };
  }
}

export function movementsNewestFirstQuery(db: Db, locationId: string, cursor: { seq: number; id: string } | null) {
  let query = db
    .selectFrom('stock_movements')
    .select(['id', 'seq', 'product_id', 'delta', 'created_at'])
    .where('location_id', '=', locationId)
    .orderBy('seq', 'desc')
    .orderBy('id', 'desc')
    .limit(AFTER_PAGE);
  if (cursor)
    query = query.where((eb) =>
      eb.or([eb('seq', '<', cursor.seq), eb.and([eb('seq', '=', cursor.seq), eb('id', '<', cursor.id)])]),
    );
  return query;
}
