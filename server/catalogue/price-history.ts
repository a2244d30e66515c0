import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database';
import { productDoc } from './product-rows';

/**
 * Gives every product without history its current state as the first entries: a price row valid
 * from when the product was last written (the ledger checks sales against it), and a revision at
 * its current seq (the base a console edit names). Runs at start, after the first-start seed,
 * which creates products without history; later writes go through writeProduct, which records both.
 */
export async function recordMissingInitialPrices(db: Db): Promise<number> {
  const missingPrice = await db
    .selectFrom('products')
    .leftJoin('product_prices', 'product_prices.product_id', 'products.id')
    .where('product_prices.id', 'is', null)
    .select(['products.id', 'products.price_cents', 'products.seq', 'products.updated_at'])
    .execute();
  for (const chunk of chunks(missingPrice)) {
    await db
      .insertInto('product_prices')
      .values(
        chunk.map((p) => ({
          id: uuidv7(),
          product_id: p.id,
          price_cents: Number(p.price_cents),
          valid_from: p.updated_at,
          seq: Number(p.seq),
        })),
      )
      .execute();
  }
  const missingRevision = await db
    .selectFrom('products')
    .selectAll('products')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('product_revisions')
            .select('product_revisions.seq')
            .whereRef('product_revisions.product_id', '=', 'products.id')
            .whereRef('product_revisions.seq', '=', 'products.seq'),
        ),
      ),
    )
    .execute();
  for (const chunk of chunks(missingRevision)) {
    await db
      .insertInto('product_revisions')
      .values(
        chunk.map((r) => ({
          product_id: r.id,
          seq: Number(r.seq),
          doc: JSON.stringify(productDoc(r)),
          source: 'system' as const,
          actor: 'system',
          branch_id: null,
          created_at: r.updated_at,
        })),
      )
      .execute();
  }
  return missingPrice.length;
}

/** SQLite caps the bound variables of one statement (32,766): insert big catalogues in slices. */
function chunks<T>(rows: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
