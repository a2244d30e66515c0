import type { SaleAck, SaleRejection } from '../../shared/protocol';
import type { PosDatabase } from './collections';

export async function recordAcks(db: PosDatabase, acks: readonly SaleAck[]): Promise<void> {
  if (acks.length === 0) return;
  await db.saleacks.bulkUpsert(
    acks.map((a) => ({ saleId: a.saleId, appliedSeq: a.appliedSeq, rejectedCode: null, rejectedMessage: null })),
  );
}

export async function recordRejections(db: PosDatabase, rejected: readonly SaleRejection[]): Promise<void> {
  if (rejected.length === 0) return;
  await db.saleacks.bulkUpsert(
    rejected.map((r) => ({ saleId: r.saleId, appliedSeq: null, rejectedCode: r.code, rejectedMessage: r.message })),
  );
}
