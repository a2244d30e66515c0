import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema';
import type { ReconciliationKind } from '../db/schema-ledger';

export interface NewItem {
  kind: Exclude<ReconciliationKind, 'oversell'>;
  /** One item per cause (e.g. `price_mismatch:<sale>:<line>`): a retry finds the key taken and opens nothing. */
  causeKey: string;
  branchId: string | null;
  locationId: string;
  productId: string | null;
  saleId: string | null;
  documentId: string | null;
  summary: string;
  details: Record<string, unknown>;
}

/**
 * DESIGN invariant 7: each cause opens exactly one item. Runs inside the writing transaction that
 * holds the sequence lock, and the unique cause_key is the backstop. Returns whether it opened one.
 */
export async function openItem(trx: Transaction<Database>, item: NewItem, seq: number, now: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('reconciliation_items')
    .values({
      id: uuidv7(),
      kind: item.kind,
      status: 'open',
      cause_key: item.causeKey,
      branch_id: item.branchId,
      location_id: item.locationId,
      product_id: item.productId,
      sale_id: item.saleId,
      document_id: item.documentId,
      summary: item.summary,
      details: JSON.stringify(item.details),
      assigned_to: null,
      assigned_to_name: null,
      assigned_at: null,
      resolved_by: null,
      resolved_by_name: null,
      resolution_note: null,
      resolved_at: null,
      created_at: now,
      updated_at: now,
      seq,
    })
    .onConflict((oc) => oc.column('cause_key').doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export function oversellKey(locationId: string, productId: string): string {
  return `oversell:${locationId}:${productId}`;
}

export interface OversellDetails {
  level: number;
  lowestLevel: number;
  sales: number;
  lastSaleId: string;
  lastReceiptNumber: string;
  productName: string;
}

/**
 * A level below zero after a sale. One item per location and product while it is not resolved:
 * a later oversell updates that item (level, count of sales) instead of opening another.
 */
export async function recordOversell(
  trx: Transaction<Database>,
  o: {
    branchId: string;
    locationId: string;
    productId: string;
    productName: string;
    level: number;
    saleId: string;
    receiptNumber: string;
  },
  seq: number,
  now: string,
): Promise<void> {
  const key = oversellKey(o.locationId, o.productId);
  const existing = await trx
    .selectFrom('reconciliation_items')
    .select(['id', 'details'])
    .where('cause_key', '=', key)
    .executeTakeFirst();
  const summary = (d: OversellDetails) =>
    `${d.productName}: stock at ${o.locationId} is ${d.level} (oversold by ${-d.level}) after ${d.sales} sale(s) below zero`;
  if (existing) {
    const before = JSON.parse(existing.details) as OversellDetails;
    const details: OversellDetails = {
      level: o.level,
      lowestLevel: Math.min(before.lowestLevel, o.level),
      sales: before.sales + 1,
      lastSaleId: o.saleId,
      lastReceiptNumber: o.receiptNumber,
      productName: o.productName,
    };
    await trx
      .updateTable('reconciliation_items')
      .set({ details: JSON.stringify(details), summary: summary(details), updated_at: now, seq })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  const details: OversellDetails = {
    level: o.level,
    lowestLevel: o.level,
    sales: 1,
    lastSaleId: o.saleId,
    lastReceiptNumber: o.receiptNumber,
    productName: o.productName,
  };
  await trx
    .insertInto('reconciliation_items')
    .values({
      id: uuidv7(),
      kind: 'oversell',
      status: 'open',
      cause_key: key,
      branch_id: o.branchId,
      location_id: o.locationId,
      product_id: o.productId,
      sale_id: o.saleId,
      document_id: null,
      summary: summary(details),
      details: JSON.stringify(details),
      assigned_to: null,
      assigned_to_name: null,
      assigned_at: null,
      resolved_by: null,
      resolved_by_name: null,
      resolution_note: null,
      resolved_at: null,
      created_at: now,
      updated_at: now,
      seq,
    })
    .execute();
}
