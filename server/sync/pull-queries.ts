import type { Ack, Checkpoint, ProductDoc, StockLevelDoc } from '../../shared/protocol';
import { stockLevelId } from '../../shared/protocol';
import type { Db } from '../db/database';
import { stockAcksBetween } from '../ledger/device-acks';

/** Rows strictly after the checkpoint in (seq, id) order: the RxDB pull contract. */
export async function productsSince(db: Db, since: Checkpoint, limit: number): Promise<{ documents: ProductDoc[]; checkpoint: Checkpoint | null }> {
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .where((eb) => eb.or([eb('seq', '>', since.seq), eb.and([eb('seq', '=', since.seq), eb('id', '>', since.id)])]))
    .orderBy('seq')
    .orderBy('id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  return {
    documents: rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      barcode: r.barcode,
      name: r.name,
      category: r.category,
      priceCents: Number(r.price_cents),
      taxRateBp: Number(r.tax_rate_bp),
      legacyId: r.legacy_id === null ? null : Number(r.legacy_id),
      _deleted: Number(r.deleted) === 1,
    })),
    checkpoint: last ? { seq: Number(last.seq), id: last.id } : null,
  };
}

/**
 * Stock levels of one location after the checkpoint, plus the acks of the device's stock-moving documents
 * applied up to the last level returned (SPEC S4): the device stores those acks first, so it
 * never holds a level that includes a sale it still counts as pending.
 */
export async function stockSince(
  db: Db,
  locationId: string,
  deviceId: string,
  since: Checkpoint,
  limit: number,
): Promise<{ documents: StockLevelDoc[]; checkpoint: Checkpoint | null; acks: Ack[] }> {
  const rows = await db
    .selectFrom('stock_levels')
    .selectAll()
    .where('location_id', '=', locationId)
    .where((eb) => eb.or([eb('seq', '>', since.seq), eb.and([eb('seq', '=', since.seq), eb('product_id', '>', since.id)])]))
    .orderBy('seq')
    .orderBy('product_id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  if (!last) return { documents: [], checkpoint: null, acks: [] };
  const upTo = Number(last.seq);
  const acks = await stockAcksBetween(db, deviceId, since.seq, upTo);
  return {
    documents: rows.map((r) => ({
      id: stockLevelId(r.location_id, r.product_id),
      locationId: r.location_id,
      productId: r.product_id,
      quantity: Number(r.quantity),
      reorderLevel: r.reorder_level === null ? null : Number(r.reorder_level),
      seq: Number(r.seq),
      _deleted: false,
    })),
    // The checkpoint id is the product id: ties on seq are broken within one location.
    checkpoint: { seq: upTo, id: last.product_id },
    acks,
  };
}
