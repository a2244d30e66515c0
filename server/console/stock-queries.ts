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

type Location = StockMatrixResponse['locations'][number];

/** The locations a manager may see: an administrator every one (the centre first), a branch manager their branches'. */
export async function visibleStockLocations(db: Db, manager: ManagerIdentity): Promise<Location[]> {
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
      };
    }),
    nextCursor: page.nextCursor,
  };
}

/** Active products below their reorder minimum at a location (no level row = 0), by product id. */
export async function lowStock(db: Db, q: z.infer<typeof lowStockQuerySchema>): Promise<LowStockResponse> {
  let query = db
    .selectFrom('product_stock_rules as r')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .leftJoin('stock_levels as l', (join) =>
      join.onRef('l.product_id', '=', 'r.product_id').on('l.location_id', '=', q.locationId),
    )
    .select(['r.product_id', 'p.sku', 'p.name', 'l.quantity', 'r.reorder_min', 'r.reorder_max'])
    .where('p.deleted', '=', 0)
    .where('r.reorder_min', 'is not', null)
    .where(sql<boolean>`coalesce(${sql.ref('l.quantity')}, 0) < ${sql.ref('r.reorder_min')}`)
    .orderBy('r.product_id')
    .limit(q.limit + 1);
  if (q.cursor) query = query.where('r.product_id', '>', q.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
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
      };
    }),
    nextCursor: rows.length > q.limit ? page.at(-1)!.product_id : null,
  };
}

/**
 * Levels at a location as of a past moment: the sum of its movements recorded up to then (the
 * ledger explains every level from the first movement). Walks stock_movements_location_product
 * product by product.
 */
export async function stockAsOf(db: Db, q: z.infer<typeof stockAsOfQuerySchema>): Promise<StockAsOfResponse> {
  const at = new Date(q.at).toISOString();
  let query = db
    .selectFrom('stock_movements')
    .select(['product_id', (eb) => eb.fn.sum<number>('delta').as('quantity')])
    .where('location_id', '=', q.locationId)
    .where('created_at', '<=', at)
    .groupBy('product_id')
    .orderBy('product_id')
    .limit(q.limit + 1);
  if (q.productId) query = query.where('product_id', '=', q.productId);
  if (q.cursor) query = query.where('product_id', '>', q.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const names = new Map(
    page.length
      ? (
          await db
            .selectFrom('products')
            .select(['id', 'name'])
            .where(
              'id',
              'in',
              page.map((r) => r.product_id),
            )
            .execute()
        ).map((p) => [p.id, p.name])
      : [],
  );
  const items = page.map((r) => ({
    productId: r.product_id,
    name: names.get(r.product_id) ?? r.product_id,
    quantity: Number(r.quantity),
  }));
  if (q.productId && items.length === 0) {
    const p = await db.selectFrom('products').select('name').where('id', '=', q.productId).executeTakeFirst();
    if (p) items.push({ productId: q.productId, name: p.name, quantity: 0 });
  }
  return { locationId: q.locationId, at, items, nextCursor: rows.length > q.limit ? page.at(-1)!.product_id : null };
}
