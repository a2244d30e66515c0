import type { InferResult, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Counted } from '../../shared/sale/stock-quantity';
import { read, readTogether, type Read } from '../db/read-batch';
import type { ProductFacts } from '../reports/category-summary';

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
  private readonly products = new Map<
    string,
    { name: string; priceCents: number; counted: Counted; category: string } | null
  >();
  private readonly history = new Map<string, { priceCents: number; validFrom: string; seq: number }[]>();

  async load(trx: Transaction<Database>, productIds: readonly string[]): Promise<void> {
    await readTogether(trx, this.reads(trx, productIds));
  }

  /** The reads that load the products not loaded yet (for readTogether with others). */
  reads(trx: Transaction<Database>, productIds: readonly string[]): Read<unknown>[] {
    const missing = [...new Set(productIds)].filter((id) => !this.products.has(id));
    const reads: Read<unknown>[] = [];
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      // Kept only once both reads are in: a read that fails (its work rolled back to its
      // savepoint) leaves the products unread, not taken for products the catalogue lacks.
      const products = trx
        .selectFrom('products')
        .select(['id', 'name', 'price_cents', 'unit', 'quantity_decimals', 'category'])
        .where('id', 'in', chunk);
      let found: InferResult<typeof products> = [];
      reads.push(read(products, (rows) => (found = rows)));
      const history = trx
        .selectFrom('product_prices')
        .select(['product_id', 'price_cents', 'valid_from', 'seq'])
        .where('product_id', 'in', chunk)
        .orderBy('product_id')
        .orderBy('valid_from')
        .orderBy('seq');
      reads.push(
        read(history, (rows) => {
          for (const id of chunk) this.products.set(id, null);
          for (const r of found) {
            const counted = { unit: r.unit, quantityDecimals: Number(r.quantity_decimals) };
            this.products.set(r.id, { name: r.name, priceCents: Number(r.price_cents), counted, category: r.category });
          }
          this.addHistory(rows);
        }),
      );
    }
    return reads;
  }

  private addHistory(
    rows: readonly { product_id: string; price_cents: number; valid_from: string; seq: number }[],
  ): void {
    const added = new Set<string>();
    for (const r of rows) {
      const list = this.history.get(r.product_id) ?? [];
      list.push({ priceCents: Number(r.price_cents), validFrom: r.valid_from, seq: Number(r.seq) });
      this.history.set(r.product_id, list);
      added.add(r.product_id);
    }
    // Oldest first per product: priceAt relies on it (kept here too, whatever order the rows came in).
    for (const id of added)
      this.history
        .get(id)!
        .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.seq - b.seq));
  }

  /** A loaded product as the report summaries file it (its category and how it is counted), undefined when the catalogue does not have it. */
  facts(productId: string): ProductFacts | undefined {
    const p = this.products.get(productId);
    return p ? { category: p.category, ...p.counted } : undefined;
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
