import { combineLatest, map, type Observable } from 'rxjs';
import { displayedStock, type LocalMovement, type PulledLevel } from '../../shared/stock/displayed-stock';
import { lineStockDelta } from '../../shared/protocol';
import type { AckRow, PosDatabase, SaleRow, StockRow } from './collections';

/**
 * Pure: the stock each product shows on this device (SPEC S4). `sales` are this device's own
 * tickets only; other devices' sales reach it inside the server's levels.
 */
export function computeDisplayedStock(
  levels: readonly StockRow[],
  sales: readonly SaleRow[],
  acks: ReadonlyMap<string, AckRow>,
  locationId: string,
): Map<string, number> {
  const byProduct = new Map<string, PulledLevel>();
  for (const l of levels) if (l.locationId === locationId) byProduct.set(l.productId, { quantity: l.quantity, seq: l.seq });
  const movements = new Map<string, LocalMovement[]>();
  for (const sale of sales) {
    const ack = acks.get(sale.id);
    // A refused sale was never applied and never will be: it does not move stock.
    if (ack?.rejectedCode) continue;
    for (const line of sale.lines) {
      const list = movements.get(line.productId) ?? [];
      list.push({ delta: lineStockDelta(sale.kind, line), appliedSeq: ack?.appliedSeq ?? null });
      movements.set(line.productId, list);
    }
  }
  const result = new Map<string, number>();
  for (const id of new Set([...byProduct.keys(), ...movements.keys()])) {
    result.set(id, displayedStock(byProduct.get(id), movements.get(id) ?? []));
  }
  return result;
}

export interface PendingSummary {
  count: number;
  valueCents: number;
  rejected: number;
}

export function observeSyncLedger(db: PosDatabase, locationId: string, deviceId: string): Observable<{ stock: Map<string, number>; pending: PendingSummary }> {
  return combineLatest([db.stock.find().$, db.sales.find({ selector: { deviceId } }).$, db.acks.find().$]).pipe(
    map(([levels, saleDocs, ackDocs]) => {
      const sales = saleDocs.map((d) => d.toJSON() as SaleRow);
      const acks = new Map(ackDocs.map((d) => [d.id, d.toJSON() as AckRow]));
      const stock = computeDisplayedStock(levels.map((l) => l.toJSON() as StockRow), sales, acks, locationId);
      let count = 0;
      let valueCents = 0;
      let rejected = 0;
      for (const s of sales) {
        const ack = acks.get(s.id);
        if (!ack) {
          count += 1;
          valueCents += s.totalCents;
        } else if (ack.rejectedCode) rejected += 1;
      }
      return { stock, pending: { count, valueCents, rejected } };
    }),
  );
}
