import { useEffect } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { receiptNumber } from '../../../shared/sale/receipt-number';
import type { PosDatabase, SaleRow } from '../../sync/collections';
import { reserveSaleNumbers, toSaleLine } from '../../sync/commit-sale';
import type { DevicePairing } from '../../sync/device-pairing';
import type { CatalogueIndex } from '../catalogue-search/search-index';
import type { ProductRow } from '../../sync/collections';

declare global {
  interface Window {
    ecomarketBench?: { queueSales(count: number, barcode: string): Promise<number> };
  }
}

/**
 * Only in the build `npm run bench:pos` makes (VITE_BENCH_HOOKS=1; every other build leaves the
 * hook out), and only when that device's localStorage has `ecomarket.bench = 1`: builds a backlog of N unsent sales in one bulk write, so the benchmark
 * can time draining them without ringing up 5,000 sales through the screen first.
 */
export function useBenchHooks(db: PosDatabase, pairing: DevicePairing, index: CatalogueIndex<ProductRow>): void {
  useEffect(() => {
    if (import.meta.env.VITE_BENCH_HOOKS !== '1' || localStorage.getItem('ecomarket.bench') !== '1') return;
    window.ecomarketBench = {
      queueSales: async (count, barcode) => {
        const p = index.byBarcodeOrSku(barcode);
        if (!p) throw new Error(`no product ${barcode}`);
        const first = await reserveSaleNumbers(db, pairing.deviceId, count);
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
    return () => {
      delete window.ecomarketBench;
    };
  }, [db, pairing, index]);
}
