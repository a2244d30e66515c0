import type { Transaction } from 'kysely';
import type { ProductDoc } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';

/** The product's barcodes as stored: the JSON list, or for rows written before it, the one barcode. */
export function storedBarcodes(row: { barcode: string | null; barcodes: string | null }): string[] {
  if (row.barcodes !== null) return JSON.parse(row.barcodes) as string[];
  return row.barcode ? [row.barcode] : [];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * `barcode` is the first of `barcodes`, kept for readers of the first product schema (the legacy
 * API, devices and edits that know only one barcode). A writer that changed only `barcode` changed
 * the main one: it replaces the first of the list; otherwise the list decides and `barcode` follows.
 */
export function withMainBarcode(doc: ProductDoc, previous: ProductDoc | null): ProductDoc {
  let barcodes = doc.barcodes;
  if (previous && doc.barcode !== previous.barcode && sameList(doc.barcodes, previous.barcodes)) {
    const rest = previous.barcodes.slice(1);
    barcodes = doc.barcode ? [doc.barcode, ...rest] : rest;
  } else if (barcodes.length === 0 && doc.barcode && !previous) {
    barcodes = [doc.barcode];
  }
  barcodes = [...new Set(barcodes.map((b) => b.trim()).filter((b) => b !== ''))];
  return { ...doc, barcodes, barcode: barcodes[0] ?? null };
}

/**
 * Stores the product's barcodes in product_barcodes, whose key keeps each barcode on one product
 * across the chain: a barcode another product holds is refused (409) naming that product.
 */
export async function writeBarcodes(trx: Transaction<Database>, doc: ProductDoc): Promise<void> {
  if (doc.barcodes.length > 0) {
    const taken = await trx
      .selectFrom('product_barcodes')
      .innerJoin('products', 'products.id', 'product_barcodes.product_id')
      .select(['product_barcodes.barcode', 'products.id', 'products.name', 'products.sku'])
      .where('product_barcodes.barcode', 'in', doc.barcodes)
      .where('product_barcodes.product_id', '<>', doc.id)
      .executeTakeFirst();
    if (taken)
      throw new ApiError(
        'CONFLICT',
        `Barcode ${taken.barcode} already belongs to “${taken.name}” (SKU ${taken.sku}); remove it there first or use another barcode.`,
        // Names the holder in words every language shows as they are: the code, the name, the SKU.
        [{ path: 'barcodes', message: `${taken.barcode} — ${taken.name} (SKU ${taken.sku})` }],
      );
  }
  await trx.deleteFrom('product_barcodes').where('product_id', '=', doc.id).execute();
  if (doc.barcodes.length > 0)
    await trx
      .insertInto('product_barcodes')
      .values(doc.barcodes.map((barcode, position) => ({ barcode, product_id: doc.id, position })))
      .execute();
}
