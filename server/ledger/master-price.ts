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
  const received = receivedAt === lastReceived.text ? lastReceived.time : parseReceived(receivedAt);
  // toISOString costs a microsecond, more than the rest of a sale's price check (docs/benchmarks.md, issue 14); a
  // text already in its form is its own answer.
  if (Number.isFinite(device) && device < received)
    return isIsoForm(deviceCreatedAt) ? deviceCreatedAt : new Date(device).toISOString();
  return isIsoForm(receivedAt) ? receivedAt : new Date(received).toISOString();
}

/** The last receivedAt parsed: every sale of a push has the same. */
const lastReceived = { text: '', time: NaN };

function parseReceived(receivedAt: string): number {
  lastReceived.time = Date.parse(receivedAt);
  lastReceived.text = receivedAt;
  return lastReceived.time;
}

/**
 * Whether `text` is what toISOString gives for the instant it names: YYYY-MM-DDTHH:mm:ss.sssZ with its fields in range
 * (Date.parse takes the 30th of February or 24:00 and moves them on; toISOString would not give them back). Read
 * character by character: a regular expression cost as much as the toISOString it saves.
 */
function isIsoForm(text: string): boolean {
  if (text.length !== 24) return false;
  for (let i = 0; i < 24; i++) {
    const c = text.charCodeAt(i);
    const expected = ISO_PUNCTUATION[i];
    if (expected === undefined ? c < 48 || c > 57 : c !== expected) return false;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0) &&
    digits(text, 11, 2) < 24 &&
    digits(text, 14, 2) < 60 &&
    digits(text, 17, 2) < 60
  );
}

function digits(text: string, at: number, width: number): number {
  let n = 0;
  for (let i = at; i < at + width; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** The punctuation of toISOString's form by position (every other position a digit). */
const ISO_PUNCTUATION: (number | undefined)[] = [...'0000-00-00T00:00:00.000Z'].map((c) =>
  c === '0' ? undefined : c.charCodeAt(0),
);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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
