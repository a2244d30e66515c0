import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * "Sale time" for price checks: the device's createdAt, but never later than the server received
 * the sale. Device clocks may be days wrong (invariant 5); a clock running fast must not make a
 * sale look as if it happened under a price that did not exist yet when it reached us. A clock
 * running slow is accepted as is: the sale did happen before it arrived, and an offline sale may
 * really be days old.
 */
export function saleTime(deviceCreatedAt: string, receivedAt: string): string {
  const device = Date.parse(deviceCreatedAt);
  const received = Date.parse(receivedAt);
  return new Date(Number.isFinite(device) && device < received ? device : received).toISOString();
}

/**
 * Master unit price of each product in force at `at` (DESIGN invariant 7): the newest row of the
 * catalogue's price history (product_prices) with valid_from ≤ at. A sale older than the first
 * recorded price takes the earliest one; a product without history takes its catalogue price.
 */
export async function masterPricesAt(trx: Transaction<Database>, productIds: readonly string[], at: string): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const ids = [...productIds];
  const prices = new Map<string, number>();
  const history = await trx
    .selectFrom('product_prices')
    .select(['product_id', 'price_cents', 'valid_from'])
    .where('product_id', 'in', ids)
    .orderBy('product_id')
    .orderBy('valid_from')
    .orderBy('seq')
    .execute();
  for (const row of history) {
    // Ascending order: the last row at or before `at` wins; the first row stands in when none is.
    if (row.valid_from <= at || !prices.has(row.product_id)) prices.set(row.product_id, Number(row.price_cents));
  }
  const missing = ids.filter((id) => !prices.has(id));
  if (missing.length > 0) {
    for (const r of await trx.selectFrom('products').select(['id', 'price_cents']).where('id', 'in', missing).execute()) prices.set(r.id, Number(r.price_cents));
  }
  return prices;
}

/**
 * masterPricesAt for many sales at once: the price history of every product of a batch read in
 * one query (two with the fallback), then looked up in memory per sale time. Same rule.
 */
export async function loadPriceBook(
  trx: Transaction<Database>,
  productIds: readonly string[],
  /** Catalogue prices the caller already read (products.price_cents), to spare the fallback query. */
  cataloguePrices?: ReadonlyMap<string, number>,
): Promise<(productId: string, at: string) => number | undefined> {
  const ids = [...new Set(productIds)];
  const history = new Map<string, { priceCents: number; validFrom: string }[]>();
  if (ids.length > 0) {
    const rows = await trx
      .selectFrom('product_prices')
      .select(['product_id', 'price_cents', 'valid_from'])
      .where('product_id', 'in', ids)
      .orderBy('product_id')
      .orderBy('valid_from')
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      const list = history.get(r.product_id) ?? [];
      list.push({ priceCents: Number(r.price_cents), validFrom: r.valid_from });
      history.set(r.product_id, list);
    }
  }
  const missing = ids.filter((id) => !history.has(id));
  const catalogue = new Map<string, number>();
  if (missing.length > 0 && cataloguePrices) {
    for (const id of missing) {
      const price = cataloguePrices.get(id);
      if (price !== undefined) catalogue.set(id, price);
    }
  } else if (missing.length > 0) {
    for (const r of await trx.selectFrom('products').select(['id', 'price_cents']).where('id', 'in', missing).execute()) catalogue.set(r.id, Number(r.price_cents));
  }
  return (productId, at) => {
    const list = history.get(productId);
    if (!list) return catalogue.get(productId);
    let price: number | undefined;
    for (const row of list) if (row.validFrom <= at || price === undefined) price = row.priceCents;
    return price;
  };
}
