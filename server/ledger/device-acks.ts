import type { Ack } from '../../shared/protocol';
import type { Db } from '../db/database';

/**
 * SPEC S4: acks of the stock-moving documents a device must know are applied, with appliedSeq in
 * [from, to]: its own sales and refunds, counts and transfer receipts, and the documents it
 * delivered for another device of its branch (recovery relay, recorded in document_relays).
 * Rule: a device gets the acks of what it MADE and of what it RELAYED; a relayed document is
 * acked to both the device that made it and every device that relayed it.
 */
export async function stockAcksBetween(db: Db, deviceId: string, from: number, to: number): Promise<Ack[]> {
  const appliedFrom = (table: 'sales' | 'stock_counts' | 'transfer_receipts') =>
    db
      .selectFrom(table)
      .select(['id', 'applied_seq'])
      .where('device_id', '=', deviceId)
      .where('applied_seq', '>=', from)
      .where('applied_seq', '<=', to);
  const own = await appliedFrom('sales')
    .unionAll(appliedFrom('stock_counts'))
    .unionAll(appliedFrom('transfer_receipts'))
    .unionAll(
      db
        .selectFrom('document_relays')
        .select(['document_id as id', 'applied_seq'])
        .where('relayed_by_device_id', '=', deviceId)
        .where('collection', 'in', ['sales', 'counts', 'transferreceipts'])
        .where('applied_seq', '>=', from)
        .where('applied_seq', '<=', to),
    )
    .execute();
  const acks = new Map<string, number>();
  for (const row of own) acks.set(row.id, Number(row.applied_seq));
  return [...acks].map(([id, appliedSeq]) => ({ id, appliedSeq }));
}
