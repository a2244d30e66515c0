import type { Selectable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ProductDoc } from '../../shared/protocol';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { refileProductCategory } from '../reports/category-summary';
import { reportTrx } from '../reports/report-db';
import { storedBarcodes, withMainBarcode, writeBarcodes } from './product-barcodes';

type ProductRow = Selectable<Database['products']>;

export function productDoc(r: ProductRow): ProductDoc {
  return {
    id: r.id,
    sku: r.sku,
    barcode: r.barcode,
    barcodes: storedBarcodes(r),
    name: r.name,
    category: r.category,
    priceCents: Number(r.price_cents),
    taxRateBp: Number(r.tax_rate_bp),
    legacyId: r.legacy_id === null ? null : Number(r.legacy_id),
    unit: r.unit,
    quantityDecimals: Number(r.quantity_decimals),
    _deleted: Number(r.deleted) === 1,
  };
}

/** The products row of a product (its main barcode already settled) at server sequence `seq`. */
export function productRow(doc: ProductDoc, seq: number, now: string) {
  return {
    id: doc.id,
    sku: doc.sku,
    barcode: doc.barcode,
    barcodes: JSON.stringify(doc.barcodes),
    unit: doc.unit,
    quantity_decimals: doc.quantityDecimals,
    name: doc.name,
    category: doc.category,
    price_cents: doc.priceCents,
    tax_rate_bp: doc.taxRateBp,
    legacy_id: doc.legacyId,
    deleted: doc._deleted ? 1 : 0,
    seq,
    updated_at: now,
  };
}

export type ProductInsertRow = ReturnType<typeof productRow>;

/** productRow's columns, for bulk inserts. */
export const productColumns: readonly (keyof ProductInsertRow)[] = [
  'id',
  'sku',
  'barcode',
  'barcodes',
  'unit',
  'quantity_decimals',
  'name',
  'category',
  'price_cents',
  'tax_rate_bp',
  'legacy_id',
  'deleted',
  'seq',
  'updated_at',
];

export interface ProductChange {
  source: Database['product_revisions']['source'];
  /** Manager id, device id or 'system'. */
  actor: string;
  branchId: string | null;
}

/**
 * Stores a product as it now stands: the row with its new sequence (so devices pull it, SPEC S5),
 * a revision (the base later edits name), and a price-history row when the price changed or the
 * product is new, so a sale can be checked against the price in force when it was made.
 * The caller holds the sequence lock and publishes after commit.
 */
export async function writeProduct(
  trx: Transaction<Database>,
  written: ProductDoc,
  previous: ProductDoc | null,
  seq: number,
  now: string,
  change: ProductChange,
): Promise<void> {
  const doc = withMainBarcode(written, previous);
  const { id, ...values } = productRow(doc, seq, now);
  if (previous) await trx.updateTable('products').set(values).where('id', '=', doc.id).execute();
  else
    await trx
      .insertInto('products')
      .values({ id, ...values })
      .execute();
  await writeBarcodes(trx, doc);
  await trx
    .insertInto('product_revisions')
    .values({
      product_id: doc.id,
      seq,
      doc: JSON.stringify(doc),
      source: change.source,
      actor: change.actor,
      branch_id: change.branchId,
      created_at: now,
    })
    .execute();
  // The reports file sales under their product's category of now.
  if (previous && previous.category !== doc.category)
    await refileProductCategory(reportTrx(trx), doc.id, previous.category, doc.category);
  if (!previous || previous.priceCents !== doc.priceCents) {
    await trx
      .insertInto('product_prices')
      .values({ id: uuidv7(), product_id: doc.id, price_cents: doc.priceCents, valid_from: now, seq })
      .execute();
  }
}

export async function loadProduct(
  db: Pick<Db | Transaction<Database>, 'selectFrom'>,
  id: string,
): Promise<{ doc: ProductDoc; seq: number } | null> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { doc: productDoc(row), seq: Number(row.seq) } : null;
}
