import { z } from 'zod';
import type { ConsoleProductView } from '../../shared/console/catalogue';
import { reorderRuleSchema } from '../../shared/console/catalogue';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { SequenceAllocator } from '../ledger/server-sequence';
import { loadProduct, writeProduct } from './product-rows';
import type { ConsoleProduct } from './console-products';

/** Adds each product's reorder rule and next pending price (two queries for the page). */
export async function withExtras(db: Db, products: ConsoleProduct[]): Promise<ConsoleProductView[]> {
  const ids = products.map((p) => p.id);
  if (ids.length === 0) return [];
  const rules = new Map(
    (await db.selectFrom('product_stock_rules').selectAll().where('product_id', 'in', ids).execute()).map((r) => [
      r.product_id,
      r,
    ]),
  );
  const pending = new Map<string, ConsoleProductView['pendingPrice']>();
  for (const p of await db
    .selectFrom('scheduled_prices')
    .select(['id', 'product_id', 'price_cents', 'effective_at'])
    .where('product_id', 'in', ids)
    .where('state', '=', 'pending')
    .orderBy('effective_at')
    .execute()) {
    if (!pending.has(p.product_id))
      pending.set(p.product_id, { changeId: p.id, priceCents: Number(p.price_cents), effectiveAt: p.effective_at });
  }
  return products.map((p) => {
    const r = rules.get(p.id);
    return {
      ...p,
      reorderMin: r?.reorder_min == null ? null : Number(r.reorder_min),
      reorderMax: r?.reorder_max == null ? null : Number(r.reorder_max),
      pendingPrice: pending.get(p.id) ?? null,
    };
  });
}

/** Sets a product's chain-wide reorder minimum and maximum (null clears one). */
export async function setStockRule(
  db: Db,
  productId: string,
  rule: z.infer<typeof reorderRuleSchema>,
  now = new Date().toISOString(),
): Promise<void> {
  const found = await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!found) throw new ApiError('NOT_FOUND', `There is no product ${productId}; reload the product list.`);
  const values = { reorder_min: rule.reorderMin, reorder_max: rule.reorderMax, updated_at: now };
  await db
    .insertInto('product_stock_rules')
    .values({ product_id: productId, ...values })
    .onConflict((oc) => oc.column('product_id').doUpdateSet(values))
    .execute();
}

/** Brings an archived product back: devices pull it again. Returns the seq written, null if it was not archived. */
export async function restoreProduct(
  db: Db,
  productId: string,
  managerId: string,
  now = new Date().toISOString(),
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const master = await loadProduct(trx, productId);
    if (!master) throw new ApiError('NOT_FOUND', `There is no product ${productId}; reload the product list.`);
    if (!master.doc._deleted) return null;
    const n = seq.next();
    await writeProduct(trx, { ...master.doc, _deleted: false }, master.doc, n, now, {
      source: 'console',
      actor: managerId,
      branchId: null,
    });
    await seq.save();
    return n;
  });
}

/** Categories in use (active products), with how many products each holds. */
export async function listCategories(db: Db): Promise<{ name: string; products: number }[]> {
  const rows = await db
    .selectFrom('products')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted', '=', 0)
    .groupBy('category')
    .orderBy('category')
    .execute();
  return rows.map((r) => ({ name: r.category, products: Number(r.n) }));
}
