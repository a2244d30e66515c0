import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { applyMovement } from './stock-movements';
import { parseTransferLines } from './transfer-lines';

/** The stock leaving the source when a transfer is sent: one `transfer_out` per line. */
export async function dispatchMovements(
  trx: Transaction<Database>,
  transfer: Pick<Database['transfers'], 'id' | 'from_location_id' | 'to_location_id' | 'lines' | 'note'>,
  actor: string,
  seq: number,
  now: string,
): Promise<void> {
  for (const line of parseTransferLines(transfer.lines)) {
    await applyMovement(
      trx,
      {
        locationId: transfer.from_location_id,
        productId: line.productId,
        delta: -line.quantity,
        kind: 'transfer_out',
        saleId: null,
        actor,
        reason: `transfer ${transfer.id} to ${transfer.to_location_id}${transfer.note ? `: ${transfer.note}` : ''}`,
      },
      seq,
      now,
    );
  }
}
