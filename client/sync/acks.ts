import type { Ack, Rejection } from '../../shared/protocol';
import type { PosDatabase } from './collections';

export async function recordAcks(db: PosDatabase, acks: readonly Ack[]): Promise<void> {
  if (acks.length === 0) return;
  await db.acks.bulkUpsert(
    acks.map((a) => ({ id: a.id, appliedSeq: a.appliedSeq, rejectedCode: null, rejectedMessage: null })),
  );
}

export async function recordRejections(db: PosDatabase, rejected: readonly Rejection[]): Promise<void> {
  if (rejected.length === 0) return;
  await db.acks.bulkUpsert(
    rejected.map((r) => ({ id: r.id, appliedSeq: null, rejectedCode: r.code, rejectedMessage: r.message })),
  );
}
