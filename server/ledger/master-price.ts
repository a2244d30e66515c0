import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Counted } from '../../shared/sale/stock-quantity';

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
 * Catalogue names and master prices of the products of a batch (or of one legacy notification):
 * the products and their price history read in two queries, then looked up in memory per sale
 * time. One CatalogueReads serves every push of a group transaction (group-commit.ts): nothing
 * changes products or prices while the group holds the sequence lock, since every catalogue writer
 * takes that lock too. It only reads, so a push rolled back to its savepoint leaves nothing wrong
 * in it.
 */
export class CatalogueReads {
  /** null: no such product. */
  private readonly products = new Map<string, { name: string; priceCents: number; counted: Counted } | null>();
  private readonly history = new Map<string, { priceCents: number; validFrom: string }[]>();

  async load(trx: Transaction<Database>, productIds: readonly string[]): Promise<void> {
    const missing = [...new Set(productIds)].filter((id) => !this.products.has(id));
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      for (const id of chunk) this.products.set(id, null);
      for (const r of await trx
        .selectFrom('products')
        .select(['id', 'name', 'price_cents', 'unit', 'quantity_decimals'])
        .where('id', 'in', chunk)
        .execute()) {
        this.products.set(r.id, {
          name: r.name,
          priceCents: Number(r.price_cents),
          counted: { unit: r.unit, quantityDecimals: Number(r.quantity_decimals) },
        });
      }
      const history = await trx
        .selectFrom('product_prices')
        .select(['product_id', 'price_cents', 'valid_from'])
        .where('product_id', 'in', chunk)
        .orderBy('product_id')
        .orderBy('valid_from')
        .orderBy('seq')
        .execute();
      // Oldest first per product: priceAt relies on it.
      for (const r of history) {
        const list = this.history.get(r.product_id) ?? [];
        list.push({ priceCents: Number(r.price_cents), validFrom: r.valid_from });
        this.history.set(r.product_id, list);
      }
    }
  }

  /** The catalogue name of a loaded product, undefined when the catalogue does not have it. */
  name(productId: string): string | undefined {
    return this.products.get(productId)?.name;
  }

  /** How the catalogue counts a loaded product (its stock is an integer of that), undefined when it does not have it. */
  counted(productId: string): Counted | undefined {
    return this.products.get(productId)?.counted;
  }

  /**
   * Master unit price of a loaded product in force at `at` (DESIGN invariant 7): the newest row of
   * the catalogue's price history (product_prices) with valid_from ≤ at. A sale older than the
   * first recorded price takes the earliest one; a product without history takes its catalogue
   * price; undefined when the catalogue does not have the product.
   */
  priceAt(productId: string, at: string): number | undefined {
    const list = this.history.get(productId);
    if (!list) return this.products.get(productId)?.priceCents;
    let price: number | undefined;
    for (const row of list) if (row.validFrom <= at || price === undefined) price = row.priceCents;
    return price;
  }
}
