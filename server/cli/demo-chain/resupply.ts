import { v7 as uuidv7 } from 'uuid';
import type { TransferReceiptDoc } from '../../../shared/protocol';
import type { Db } from '../../db/database';
import { CENTRE_LOCATION_ID } from '../../db/seed-demo';
import { ingestDocuments } from '../../ledger/ingest-documents';
import { transferReceiptsKind } from '../../ledger/ingest-transfer-receipts';
import { createTransfer } from '../../ledger/manager-movements';
import { BRANCHES, HOUR, demoManager, iso, type DemoProduct, type Till } from './demo-setup';

/**
 * The weekly resupply: the centre sends each branch 100 of its 20 best sellers at 21:30, and the
 * branch's first tablet receives them the next morning; when `short` its first line arrives
 * two short (a transfer-discrepancy item).
 */
export async function weeklyResupply(
  db: Db,
  tills: ReadonlyMap<string, Till[]>,
  products: readonly DemoProduct[],
  dayStart: number,
  short: boolean,
): Promise<void> {
  for (const b of BRANCHES) {
    const lines = products.slice(0, 20).map((p) => ({ productId: p.id, quantity: 100 }));
    const transfer = await createTransfer(
      db,
      demoManager,
      { fromLocationId: CENTRE_LOCATION_ID, toLocationId: b.id, lines, note: 'Reabasto semanal' },
      iso(dayStart + 21.5 * HOUR),
    );
    const till = tills.get(b.id)![0]!;
    const receipt: TransferReceiptDoc = {
      id: uuidv7(),
      transferId: transfer.id,
      branchId: b.id,
      deviceId: till.device.deviceId,
      cashierId: till.cashiers[0]!.id,
      lines: lines.map((l, i) => ({ productId: l.productId, quantity: short && i === 0 ? 98 : l.quantity })),
      receivedAt: iso(dayStart + 31 * HOUR),
      _deleted: false,
    };
    await ingestDocuments(db, till.device, transferReceiptsKind, [{ newDocumentState: receipt }], receipt.receivedAt);
  }
}
