import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Ack, Rejection } from '../../shared/protocol';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { DocumentAuthor } from './document-author';
import { recordRefusal, refusal, storeFailed, type PushedCollection } from './refusals';
import { recordRelay } from './relays';
import { SequenceAllocator } from './server-sequence';
import { validateRows, type PushedDocument, type ValidRow } from './validate-rows';

/** What applying one document changed, for the live bus. */
export interface Applied {
  stockLocationIds?: string[];
  reconciliation?: boolean;
  transfers?: boolean;
}

export interface DocumentKind<D extends PushedDocument> {
  collection: Exclude<PushedCollection, 'sales'>;
  /** "Count", "Shift event", … for messages. */
  what: string;
  schema: z.ZodType<D>;
  /** Where applied documents of the kind are kept, with their content hash and ack. */
  table: 'stock_counts' | 'shift_events' | 'transfer_receipts';
  /** Checks and applies one new document at `appliedSeq`; a Rejection applies nothing. */
  apply(trx: Transaction<Database>, ctx: ApplyContext<D>): Promise<Applied | Rejection>;
}

interface ApplyContext<D> {
  doc: D;
  author: DocumentAuthor;
  device: DeviceIdentity;
  hash: string;
  body: string;
  appliedSeq: number;
  now: string;
}

export interface DocumentIngestResult {
  acks: Ack[];
  rejected: Rejection[];
  appliedUpTo: number | null;
  stockLocationIds: string[];
  reconciliation: boolean;
  transfers: boolean;
}

/**
 * DESIGN invariant 2 for every immutable device document other than sales: stored and applied in
 * one transaction at most once per id. The same id with the same content gets the same ack again;
 * the same id with other content is refused (DOCUMENT_ID_REUSED) and logged. One bad document does
 * not stop the others. Documents of another device of the same branch are accepted as a relay.
 */
export async function ingestDocuments<D extends PushedDocument>(
  db: Db,
  device: DeviceIdentity,
  kind: DocumentKind<D>,
  rows: readonly { newDocumentState: unknown }[],
  now = new Date().toISOString(),
): Promise<DocumentIngestResult> {
  const { valid, rejected } = await validateRows(db, device, rows, {
    what: kind.what,
    schema: kind.schema,
    whyNotDeleted: 'what was recorded cannot be deleted.',
  });
  const result: DocumentIngestResult = {
    acks: [],
    rejected,
    appliedUpTo: null,
    stockLocationIds: [],
    reconciliation: false,
    transfers: false,
  };
  if (valid.length === 0) return result;
  const locations = new Set<string>();
  await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    for (const row of valid) {
      const applied = await applyDocument(trx, seq, kind, device, row, now);
      if ('code' in applied) {
        result.rejected.push(applied);
        await recordRefusal(trx, kind.collection, device.deviceId, applied, row.body, now);
        continue;
      }
      for (const l of applied.stockLocationIds ?? []) locations.add(l);
      result.reconciliation ||= applied.reconciliation ?? false;
      result.transfers ||= applied.transfers ?? false;
      result.acks.push({ id: row.doc.id, appliedSeq: applied.appliedSeq });
      if (applied.isNew) result.appliedUpTo = applied.appliedSeq;
    }
    await seq.save();
  });
  result.stockLocationIds = [...locations];
  return result;
}

/**
 * One document: a retry gets its first ack again; a new one is applied in a savepoint, so that a
 * refusal, or a database error on this one document, undoes its writes and gives back its sequence
 * number (a refusal changes nothing), and the others go on.
 */
async function applyDocument<D extends PushedDocument>(
  trx: Transaction<Database>,
  seq: SequenceAllocator,
  kind: DocumentKind<D>,
  device: DeviceIdentity,
  { doc, author, hash, body }: ValidRow<D>,
  now: string,
): Promise<(Applied & { appliedSeq: number; isNew: boolean }) | Rejection> {
  const existing = await trx
    .selectFrom(kind.table)
    .select(['content_hash', 'applied_seq'])
    .where('id', '=', doc.id)
    .executeTakeFirst();
  if (existing) {
    if (existing.content_hash !== hash)
      return refusal(
        doc.id,
        'DOCUMENT_ID_REUSED',
        `${kind.what} id ${doc.id} was already received with other content; this version was not applied.`,
      );
    await recordRelay(trx, kind.collection, doc.id, author, Number(existing.applied_seq), now);
    return { appliedSeq: Number(existing.applied_seq), isNew: false };
  }
  const mark = seq.last;
  const appliedSeq = seq.next();
  await sql.raw('savepoint ingest_document').execute(trx);
  let applied: Applied | Rejection;
  try {
    applied = await kind.apply(trx, { doc, author, device, hash, body, appliedSeq, now });
  } catch (err) {
    applied = storeFailed(kind.what, doc.id, err);
  }
  if ('code' in applied) {
    await sql.raw('rollback to savepoint ingest_document').execute(trx);
    await sql.raw('release savepoint ingest_document').execute(trx);
    seq.rewind(mark);
    return applied;
  }
  await sql.raw('release savepoint ingest_document').execute(trx);
  await recordRelay(trx, kind.collection, doc.id, author, appliedSeq, now);
  return { ...applied, appliedSeq, isNew: true };
}
