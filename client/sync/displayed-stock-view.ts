import { combineLatest, map, of, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { displayedStock, type LocalMovement, type PulledLevel } from '../../shared/stock/displayed-stock';
import { countDelta, lineStockDelta } from '../../shared/protocol';
import type { AckRow, CountRow, PosDatabase, SaleRow, StockRow, TransferReceiptRow } from './collections';
import { observeImportedIds } from './imported-documents';
import { optionalCollection } from './pos-database';

/** This device's own documents that move stock (and the ones it imported from another tablet). */
interface OwnMovements {
  sales: readonly SaleRow[];
  counts?: readonly CountRow[];
  transferReceipts?: readonly TransferReceiptRow[];
}

/** Every stock movement a document makes, as (product, delta). */
function documentMovements(own: OwnMovements): { id: string; productId: string; delta: number }[] {
  const out: { id: string; productId: string; delta: number }[] = [];
  for (const sale of own.sales)
    for (const line of sale.lines)
      out.push({ id: sale.id, productId: line.productId, delta: lineStockDelta(sale.kind, line) });
  for (const c of own.counts ?? []) out.push({ id: c.id, productId: c.productId, delta: countDelta(c) });
  for (const r of own.transferReceipts ?? [])
    for (const line of r.lines) out.push({ id: r.id, productId: line.productId, delta: line.quantity });
  return out;
}

/**
 * Pure: the stock each product shows on this device (SPEC S4). `own` holds this device's own
 * sales, counts and transfer receipts only; other devices' movements reach it inside the
 * server's levels. Counts and receipts are acked with the stock pull exactly like sales.
 */
function computeDisplayedStock(
  levels: readonly StockRow[],
  own: readonly SaleRow[] | OwnMovements,
  acks: ReadonlyMap<string, AckRow>,
  locationId: string,
): Map<string, number> {
  const docs: OwnMovements = Array.isArray(own) ? { sales: own as readonly SaleRow[] } : (own as OwnMovements);
  const byProduct = new Map<string, PulledLevel>();
  for (const l of levels)
    if (l.locationId === locationId) byProduct.set(l.productId, { quantity: l.quantity, seq: l.seq });
  const movements = new Map<string, LocalMovement[]>();
  for (const m of documentMovements(docs)) {
    const ack = acks.get(m.id);
    // A refused document was never applied and never will be: it does not move stock.
    if (ack?.rejectedCode) continue;
    const list = movements.get(m.productId) ?? [];
    list.push({ delta: m.delta, appliedSeq: ack?.appliedSeq ?? null });
    movements.set(m.productId, list);
  }
  const result = new Map<string, number>();
  for (const id of new Set([...byProduct.keys(), ...movements.keys()])) {
    result.set(id, displayedStock(byProduct.get(id), movements.get(id) ?? []));
  }
  return result;
}

export interface PendingSummary {
  /** Documents of every kind not yet acknowledged by the server. */
  count: number;
  /** Sales and refunds among them, and what they add up to. */
  salesCount?: number;
  valueCents: number;
  rejected: number;
  /** Device-clock time of the oldest sale not yet acknowledged (null: none). */
  oldestSaleAt?: string | null;
  /** True only before the device's queue has first been read: nothing is known yet, not "all sent". */
  counting?: boolean;
}

export interface SyncLedger {
  stock: Map<string, number>;
  /** seq of each pulled level, for a count's believedLevelSeq. */
  levelSeq?: Map<string, number>;
  pending: PendingSummary;
}

function rowsOf<T>(collection: RxCollection<T> | null): Observable<T[]> {
  if (!collection) return of([]);
  return collection.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as T)));
}

/** Rows made on this device or imported from another tablet's export. */
function ownRows<T extends { id: string; deviceId: string }>(
  collection: RxCollection<T> | null,
  deviceId: string,
  imported$: Observable<Set<string>>,
): Observable<T[]> {
  if (!collection) return of([]);
  return combineLatest([rowsOf<T>(collection), imported$]).pipe(
    map(([rows, imported]) => rows.filter((r) => r.deviceId === deviceId || imported.has(r.id))),
  );
}

export function observeSyncLedger(db: PosDatabase, locationId: string, deviceId: string): Observable<SyncLedger> {
  const imported$ = observeImportedIds(db);
  return combineLatest([
    db.stock.find().$,
    ownRows<SaleRow>(db.sales, deviceId, imported$),
    ownRows<CountRow>(optionalCollection(db, 'counts'), deviceId, imported$),
    ownRows<TransferReceiptRow>(optionalCollection(db, 'transferreceipts'), deviceId, imported$),
    ownRows(optionalCollection(db, 'shiftevents'), deviceId, imported$),
    db.acks.find().$,
  ]).pipe(
    map(([levelDocs, sales, counts, transferReceipts, shiftEvents, ackDocs]) => {
      const acks = new Map(ackDocs.map((d) => [d.id, d.toJSON() as AckRow]));
      const levels = levelDocs.map((l) => l.toJSON() as StockRow);
      const stock = computeDisplayedStock(levels, { sales, counts, transferReceipts }, acks, locationId);
      const levelSeq = new Map(levels.filter((l) => l.locationId === locationId).map((l) => [l.productId, l.seq]));
      const pending: PendingSummary = { count: 0, salesCount: 0, valueCents: 0, rejected: 0 };
      for (const s of sales) {
        const ack = acks.get(s.id);
        if (!ack) {
          pending.count += 1;
          pending.salesCount = (pending.salesCount ?? 0) + 1;
          pending.valueCents += s.totalCents;
          if (!pending.oldestSaleAt || Date.parse(s.createdAt) < Date.parse(pending.oldestSaleAt))
            pending.oldestSaleAt = s.createdAt;
        } else if (ack.rejectedCode) pending.rejected += 1;
      }
      for (const d of [...counts, ...transferReceipts, ...shiftEvents]) {
        const ack = acks.get(d.id);
        if (!ack) pending.count += 1;
        else if (ack.rejectedCode) pending.rejected += 1;
      }
      return { stock, levelSeq, pending };
    }),
  );
}
