import { shiftEventDocSchema, type ShiftEventDoc } from '../../shared/protocol';
import type { Applied, DocumentKind } from './ingest-documents';
import { refusal } from './refusals';

/** Shift events are stored once per id and move no stock; their ack carries a sequence of their own. */
export const shiftEventsKind: DocumentKind<ShiftEventDoc> = {
  collection: 'shiftevents',
  what: 'Shift event',
  schema: shiftEventDocSchema,
  existing: (trx, id) =>
    trx.selectFrom('shift_events').select(['content_hash', 'applied_seq']).where('id', '=', id).executeTakeFirst(),
  async apply(trx, { doc, author, device, hash, body, appliedSeq, now }) {
    const other = await trx
      .selectFrom('shift_events')
      .select(['branch_id'])
      .where('shift_id', '=', doc.shiftId)
      .limit(1)
      .executeTakeFirst();
    if (other && other.branch_id !== device.branchId) {
      return refusal(
        doc.id,
        'FORBIDDEN',
        `Shift ${doc.shiftId} belongs to another branch; this event was not recorded.`,
      );
    }
    await trx
      .insertInto('shift_events')
      .values({
        id: doc.id,
        shift_id: doc.shiftId,
        kind: doc.kind,
        branch_id: device.branchId,
        device_id: author.deviceId,
        cashier_id: doc.cashierId,
        cashier_name: doc.cashierName,
        amount_cents: doc.amountCents,
        reason: doc.reason,
        device_at: doc.at,
        received_at: now,
        content_hash: hash,
        body,
        applied_seq: appliedSeq,
      })
      .execute();
    const applied: Applied = {};
    return applied;
  },
};
