import { v7 as uuidv7 } from 'uuid';
import type { CountDoc } from '../../../shared/protocol';
import type { Db } from '../../db/database';
import { countsKind } from '../../ledger/ingest-counts';
import { ingestDocuments } from '../../ledger/ingest-documents';
import { BRANCHES, HOUR, iso, type DemoProduct, type Till } from './demo-setup';

/**
 * A cyclic count of products 100–103 by each branch's second tablet at 07:30 (or a minute before
 * `now`), the first of them two units short of what the ledger believes (a count-discrepancy item).
 */
export async function cyclicCounts(
  db: Db,
  tills: ReadonlyMap<string, Till[]>,
  products: readonly DemoProduct[],
  dayStart: number,
  now: Date,
): Promise<void> {
  for (const b of BRANCHES) {
    const till = tills.get(b.id)![1]!;
    const counted = products.slice(100, 104);
    const levels = new Map(
      (
        await db
          .selectFrom('stock_levels')
          .select(['product_id', 'quantity', 'seq'])
          .where('location_id', '=', b.id)
          .where(
            'product_id',
            'in',
            counted.map((p) => p.id),
          )
          .execute()
      ).map((l) => [l.product_id, l]),
    );
    const countedAt = Math.min(now.getTime() - 60_000, dayStart + 7.5 * HOUR);
    const docs: CountDoc[] = counted.map((p, i) => {
      const level = levels.get(p.id);
      const believed = Number(level?.quantity ?? 0);
      return {
        id: uuidv7(),
        branchId: b.id,
        deviceId: till.device.deviceId,
        productId: p.id,
        countedQuantity: Math.max(0, believed - (i === 0 ? 2 : 0)),
        believedQuantity: believed,
        believedLevelSeq: Number(level?.seq ?? 0),
        cashierId: till.cashiers[0]!.id,
        note: 'Conteo cíclico',
        countedAt: iso(countedAt),
        _deleted: false,
      };
    });
    await ingestDocuments(
      db,
      till.device,
      countsKind,
      docs.map((c) => ({ newDocumentState: c })),
      iso(countedAt + 60_000),
    );
  }
}
