import { transferReceiptDocSchema, type TransferReceiptDoc } from '../../shared/protocol';
import { actorOf } from './document-author';
import type { DocumentKind } from './ingest-documents';
import { applyTransferArrival } from './transfer-arrival';
import { quantitiesByProduct } from './transfer-lines';
import { refusal } from './refusals';

/**
 * A branch device confirms what arrived of a transfer (applyTransferArrival), once per transfer.
 */
export const transferReceiptsKind: DocumentKind<TransferReceiptDoc> = {
  collection: 'transferreceipts',
  what: 'Transfer receipt',
  schema: transferReceiptDocSchema,
  table: 'transfer_receipts',
  async apply(trx, { doc, author, device, hash, body, appliedSeq, now }) {
    const refuse = (code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT', message: string) => refusal(doc.id, code, message);
    const transfer = await trx.selectFrom('transfers').selectAll().where('id', '=', doc.transferId).executeTakeFirst();
    if (!transfer)
      return refuse('NOT_FOUND', `Transfer ${doc.transferId} does not exist; this receipt was not applied.`);
    if (transfer.to_location_id !== device.locationId) {
      return refuse(
        'FORBIDDEN',
        `Transfer ${doc.transferId} goes to ${transfer.to_location_id}, not to this branch; it cannot be received here.`,
      );
    }
    if (transfer.status !== 'sent') {
      const by = await trx
        .selectFrom('transfer_receipts')
        .select('id')
        .where('transfer_id', '=', transfer.id)
        .executeTakeFirst();
      return refuse(
        'CONFLICT',
        `Transfer ${transfer.id} is already ${transfer.status}${by ? ` (receipt ${by.id})` : ''}; this receipt was not applied.`,
      );
    }
    const arrived = quantitiesByProduct(doc.lines);
    const productIds = [...arrived.keys()];
    const known = new Set(
      (await trx.selectFrom('products').select('id').where('id', 'in', productIds).execute()).map((r) => r.id),
    );
    const unknown = productIds.find((p) => !known.has(p));
    if (unknown)
      return refuse(
        'NOT_FOUND',
        `Transfer receipt ${doc.id} names product ${unknown}, which the catalogue does not have; nothing was applied.`,
      );

    const { actor, relayNote } = actorOf(author);
    await trx
      .insertInto('transfer_receipts')
      .values({
        id: doc.id,
        transfer_id: transfer.id,
        branch_id: device.branchId,
        device_id: author.deviceId,
        location_id: device.locationId,
        lines: JSON.stringify(doc.lines),
        received_at: now,
        content_hash: hash,
        body,
        applied_seq: appliedSeq,
      })
      .execute();
    const { discrepancy } = await applyTransferArrival(
      trx,
      transfer,
      doc.lines,
      { branchId: device.branchId, actor, reasonTail: relayNote, receiptId: doc.id },
      appliedSeq,
      now,
    );
    return { stockLocationIds: [device.locationId], transfers: true, reconciliation: discrepancy };
  },
};
