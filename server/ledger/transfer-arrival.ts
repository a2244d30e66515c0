import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { causeAt, openItem } from '../reconciliation/open-items';
import { applyMovement } from './stock-movements';
import { parseTransferLines, quantitiesByProduct, transferDifferences, type TransferLine } from './transfer-lines';

export type TransferRowData = Database['transfers'];

/**
 * What arrived of a transfer, confirmed by a branch device or in the console: `transfer_in`
 * movements at the destination, the transfer marked received (its seq moves so the devices'
 * transfers pull sees it), and one transfer_discrepancy item when it differs from what was sent.
 * The caller has checked the transfer is `sent`, goes to this location, and the products exist.
 */
export async function applyTransferArrival(
  trx: Transaction<Database>,
  transfer: Pick<TransferRowData, 'id' | 'from_location_id' | 'to_location_id' | 'lines'>,
  arrived: readonly TransferLine[],
  by: { branchId: string | null; actor: string; reasonTail: string; receiptId: string },
  seq: number,
  now: string,
): Promise<{ discrepancy: boolean }> {
  for (const [productId, quantity] of quantitiesByProduct(arrived)) {
    if (quantity === 0) continue;
    await applyMovement(
      trx,
      {
        locationId: transfer.to_location_id,
        productId,
        delta: quantity,
        kind: 'transfer_in',
        saleId: null,
        actor: by.actor,
        reason: `transfer ${transfer.id} from ${transfer.from_location_id} received${by.reasonTail}`,
      },
      seq,
      now,
    );
  }
  await trx
    .updateTable('transfers')
    .set({ status: 'received', received_at: now, received_lines: JSON.stringify(arrived), seq })
    .where('id', '=', transfer.id)
    .execute();
  const differences = transferDifferences(parseTransferLines(transfer.lines), arrived);
  if (differences.length === 0) return { discrepancy: false };
  await openItem(
    trx,
    {
      ...causeAt('transfer_discrepancy', transfer.id, { branchId: by.branchId, locationId: transfer.to_location_id }),
      productId: differences[0]!.productId,
      saleId: null,
      documentId: transfer.id,
      summary: `Transfer ${transfer.id} from ${transfer.from_location_id}: ${differences.map((d) => `${d.productId} sent ${d.sent}, received ${d.received}`).join('; ')}`,
      details: {
        transferId: transfer.id,
        receiptId: by.receiptId,
        fromLocationId: transfer.from_location_id,
        toLocationId: transfer.to_location_id,
        lines: differences,
      },
    },
    seq,
    now,
  );
  return { discrepancy: true };
}
