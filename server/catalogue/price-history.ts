import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database';

/**
 * Gives every product without price history its current price as the first row, valid from when
 * the product was last written. Runs at start, after the first-start seed, which creates products
 * without history; later writes go through writeProduct, which records prices itself.
 */
export async function recordMissingInitialPrices(db: Db): Promise<number> {
  const missing = await db
    .selectFrom('products')
    .leftJoin('product_prices', 'product_prices.product_id', 'products.id')
    .where('product_prices.id', 'is', null)
    .select(['products.id', 'products.price_cents', 'products.seq', 'products.updated_at'])
    .execute();
  if (missing.length === 0) return 0;
  await db
    .insertInto('product_prices')
    .values(missing.map((p) => ({ id: uuidv7(), product_id: p.id, price_cents: Number(p.price_cents), valid_from: p.updated_at, seq: Number(p.seq) })))
    .execute();
  return missing.length;
}
