import { v7 as uuidv7 } from 'uuid';
import type { ProductDoc } from '../../../shared/protocol';
import { withMainBarcode } from '../../catalogue/product-barcodes';
import { productColumns, productRow, type ProductInsertRow } from '../../catalogue/product-rows';
import type { Db } from '../../db/database';
import { BulkInsert } from '../../db/bulk-insert';
import { WriteBatch } from '../../db/write-batch';
import { SequenceAllocator } from '../../ledger/server-sequence';
import { CATEGORIES, WORDS, demoManager, type DemoProduct, type Dice } from './demo-setup';

const PER_TRANSACTION = 1000;

/** The product as a new one is first stored: its row, barcodes, first revision and first price (as writeProduct stores it). */
interface ProductRows {
  product: ProductInsertRow;
  barcodes: BarcodeRow[];
  revision: RevisionRow;
  price: PriceRow;
}

function demoProductDoc(i: number, id: string, dice: Dice): ProductDoc {
  const sku = `DEMO-${String(i + 1).padStart(5, '0')}`;
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const barcode = `750${String(9_000_000_000 + i).padStart(10, '0')}`;
  return {
    id,
    sku,
    barcode,
    barcodes: [barcode],
    unit: 'each',
    quantityDecimals: 0,
    name: `${category} ${WORDS[i % WORDS.length]} ${i + 1}`,
    category,
    priceCents: 50 * (1 + Math.floor(dice.rnd() * 80)),
    taxRateBp: category === 'Frutas' || category === 'Verduras' ? 0 : 1600,
    legacyId: null,
    _deleted: false,
  };
}

function rowsOf(written: ProductDoc, seq: number, now: string): ProductRows {
  const doc = withMainBarcode(written, null);
  return {
    product: productRow(doc, seq, now),
    barcodes: doc.barcodes.map((barcode, position) => ({ barcode, product_id: doc.id, position })),
    revision: {
      product_id: doc.id,
      seq,
      doc: JSON.stringify(doc),
      source: 'console',
      actor: demoManager.id,
      branch_id: null,
      created_at: now,
    },
    price: { id: uuidv7(), product_id: doc.id, price_cents: doc.priceCents, valid_from: now, seq },
  };
}

/**
 * `count` products named DEMO-00001…, in CATEGORIES, written as the console writes a new product
 * (row, barcodes, revision, price history, each with its own sequence) but a thousand at a time in
 * bulk inserts. Products of an earlier chain (--force) are kept as they are.
 */
export async function writeDemoProducts(db: Db, count: number, dice: Dice, now: string): Promise<DemoProduct[]> {
  const existing = new Map(
    (await db.selectFrom('products').select(['id', 'sku']).where('sku', 'like', 'DEMO-%').execute()).map((p) => [
      p.sku,
      p.id,
    ]),
  );
  const products: DemoProduct[] = [];
  for (let start = 0; start < count; start += PER_TRANSACTION) {
    await db.transaction().execute(async (trx) => {
      const seq = await SequenceAllocator.lock(trx);
      const fresh: ProductRows[] = [];
      for (let i = start; i < Math.min(count, start + PER_TRANSACTION); i++) {
        const sku = `DEMO-${String(i + 1).padStart(5, '0')}`;
        const doc = demoProductDoc(i, existing.get(sku) ?? uuidv7(), dice);
        if (!existing.has(sku)) fresh.push(rowsOf(doc, seq.next(), now));
        products.push({ id: doc.id, name: doc.name, priceCents: doc.priceCents, taxRateBp: doc.taxRateBp });
      }
      await batchOf(fresh).flush(trx);
      await seq.save();
    });
  }
  return products;
}

/** New products' rows as one batch: the products first, then their barcodes, revisions and prices. */
function batchOf(fresh: ProductRows[]): WriteBatch {
  const products = fresh.map((r) => r.product);
  const barcodes = fresh.flatMap((r) => r.barcodes);
  const revisions = fresh.map((r) => r.revision);
  const prices = fresh.map((r) => r.price);
  const writes = new WriteBatch();
  writes.add(insertProducts, products);
  writes.add(insertBarcodes, barcodes);
  writes.add(insertRevisions, revisions);
  writes.add(insertPrices, prices);
  return writes;
}

/** Zipf-like popularity: the product of rank r sells in proportion to 1 / (r + 1). */
export interface Popularity {
  /** The sum of every product's weight. */
  weightSum: number;
  /** Draws a product's rank by its popularity. */
  draw: () => number;
}

export function popularity(count: number, dice: Dice): Popularity {
  const cumulative: number[] = [];
  let weightSum = 0;
  for (let r = 0; r < count; r++) cumulative.push((weightSum += 1 / (r + 1)));
  const draw = () => {
    const x = dice.rnd() * weightSum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { weightSum, draw };
}

const insertProducts = new BulkInsert<ProductInsertRow>(productColumns, (db, rows) =>
  db.insertInto('products').values(rows),
);

type BarcodeRow = { barcode: string; product_id: string; position: number };
const insertBarcodes = new BulkInsert<BarcodeRow>(['barcode', 'product_id', 'position'], (db, rows) =>
  db.insertInto('product_barcodes').values(rows),
);

type RevisionRow = {
  product_id: string;
  seq: number;
  doc: string;
  source: 'console';
  actor: string;
  branch_id: string | null;
  created_at: string;
};
const insertRevisions = new BulkInsert<RevisionRow>(
  ['product_id', 'seq', 'doc', 'source', 'actor', 'branch_id', 'created_at'],
  (db, rows) => db.insertInto('product_revisions').values(rows),
);

type PriceRow = { id: string; product_id: string; price_cents: number; valid_from: string; seq: number };
const insertPrices = new BulkInsert<PriceRow>(['id', 'product_id', 'price_cents', 'valid_from', 'seq'], (db, rows) =>
  db.insertInto('product_prices').values(rows),
);
