import { v7 as uuidv7 } from 'uuid';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { ProductRow, SaleRow } from '../sync/collections';
import { reserveSaleNumbers, toSaleLine } from '../sync/commit-sale';
import { loadPairing } from '../sync/device-pairing';
import type { PosStore } from '../sync/pos-database';

declare global {
  interface Window {
    ecomarketBench?: { queueSales(count: number, barcode: string): Promise<number> };
  }
}

/**
 * Only in the build `npm run bench:pos` makes (VITE_BENCH_HOOKS=1; main.tsx leaves this module out
 * of every other build), and only on a device whose localStorage has `ecomarket.bench = 1`: builds
 * a backlog of N unsent sales in one bulk write, so the benchmark can time draining them without
 * ringing up 5,000 sales through the screen first.
 */
export function installBenchHooks(store: PosStore): void {
  const { db } = store;
  window.ecomarketBench = {
    queueSales: async (count, barcode) => {
      if (localStorage.getItem('ecomarket.bench') !== '1') throw new Error('not a bench device');
      const pairing = await loadPairing(db);
      if (!pairing) throw new Error('not paired');
      const found = await db.products.findOne({ selector: { barcode } }).exec();
      if (!found) throw new Error(`no product ${barcode}`);
      const p = found.toJSON() as ProductRow;
      const first = await reserveSaleNumbers(store, pairing.deviceId, count);
      const line = toSaleLine({ product: p, quantity: 1 });
      const docs: SaleRow[] = Array.from({ length: count }, (_, i) => ({
        id: uuidv7(),
        kind: 'sale',
        refundOf: null,
        branchId: pairing.branch.id,
        deviceId: pairing.deviceId,
        deviceSeq: first + i,
        receiptNumber: receiptNumber(pairing.branch.receiptPrefix, pairing.deviceNumber, first + i),
        cashierId: null,
        cashierName: 'bench',
        shiftId: null,
        createdAt: new Date().toISOString(),
        currency: pairing.branch.currency,
        lines: [line],
        totalCents: line.lineTotalCents,
        payments: [{ method: 'cash', amountCents: line.lineTotalCents, tenderedCents: line.lineTotalCents }],
      }));
      await db.sales.bulkInsert(docs);
      return count;
    },
  };
}
