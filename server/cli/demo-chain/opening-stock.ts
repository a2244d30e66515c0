import type { Db } from '../../db/database';
import { CENTRE_LOCATION_ID } from '../../db/seed-demo';
import { assertCanManageLocation, locationInfo } from '../../ledger/manager-movements';
import { SequenceAllocator } from '../../ledger/server-sequence';
import { MovementBatch } from '../../ledger/stock-movements';
import { BRANCHES, demoManager, type DemoProduct } from './demo-setup';

/** Lines per receipt: each receipt takes one sequence number, as a console receipt of this many lines would. */
const LINES_PER_RECEIPT = 500;

export interface OpeningStock {
  products: readonly DemoProduct[];
  /** Sum of the products' popularity weights (products.ts). */
  weightSum: number;
  days: number;
  ticketsPerDay: number;
  /** When the stock was received: the day before the first day of sales. */
  at: string;
}

/** What `days` of sales will take of the product of this rank, and a half more. */
function openingQuantity(s: OpeningStock, location: string, rank: number): number {
  // Branch 003 never got three of its best sellers: they oversell.
  if (location === 'sucursal-003' && rank >= 5 && rank < 8) return 0;
  const unitsPerBranch = s.days * s.ticketsPerDay * 2.2 * 1.6;
  return Math.ceil(((unitsPerBranch / (rank + 1)) * 1.5) / s.weightSum) + 10;
}

/**
 * The opening stock, received at the centre and at every branch as `receipt` movements, the same
 * rows a manager's receipt in the console writes, but folded in memory and written in bulk
 * (MovementBatch) in one transaction per location instead of two statements per line.
 */
export async function receiveOpeningStock(db: Db, s: OpeningStock): Promise<void> {
  for (const locationId of [CENTRE_LOCATION_ID, ...BRANCHES.map((b) => b.id)]) {
    const location = await locationInfo(db, locationId);
    assertCanManageLocation(demoManager, location);
    await db.transaction().execute(async (trx) => {
      const alloc = await SequenceAllocator.lock(trx);
      const batch = new MovementBatch(trx, s.at);
      await batch.load(
        location.id,
        s.products.map((p) => p.id),
      );
      for (let from = 0; from < s.products.length; from += LINES_PER_RECEIPT) {
        const seq = alloc.next();
        s.products.slice(from, from + LINES_PER_RECEIPT).forEach((p, i) => {
          const quantity = openingQuantity(s, location.id, from + i);
          if (quantity <= 0) return;
          batch.apply(
            {
              locationId: location.id,
              productId: p.id,
              delta: quantity,
              kind: 'receipt',
              saleId: null,
              actor: `manager:${demoManager.id}`,
              reason: 'received: Inventario inicial',
            },
            seq,
          );
        });
      }
      await batch.flush();
      await alloc.save();
    });
  }
}
