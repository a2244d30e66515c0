import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { uuidv7 } from '../db/uuid-v7';
import type { z } from 'zod';
import type { Ack, Rejection } from '../../shared/protocol';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { LedgerTables } from '../db/schema-ledger';
import { authorLookup, isRejection, type DocumentAuthor } from './document-author';
import { SequenceAllocator } from './server-sequence';
import { nulRefusal } from './validate-rows';

type Collection = LedgerTables['document_relays']['collection'];

/** What applying one document changed, for the live bus. */
export interface Applied {
  stockLocationIds?: string[];
  reconciliation?: boolean;
  transfers?: boolean;
}

export interface DocumentKind<D extends { id: string; branchId: string; deviceId: string; _deleted: boolean }> {
  collection: Exclude<Collection, 'sales'>;
  /** "Count", "Shift event", … for messages. */
  what: string;
  schema: z.ZodType<D>;
  /** The stored hash and ack of an id already applied, if any. */
  existing(trx: Transaction<Database>, id: string): Promise<{ content_hash: string; applied_seq: number } | undefined>;
  /** Checks and applies one new document at `appliedSeq`; a Rejection applies nothing. */
  apply(trx: Transaction<Database>, ctx: ApplyContext<D>): Promise<Applied | Rejection>;
}

export interface ApplyContext<D> {
  doc: D;
  author: DocumentAuthor;
  device: DeviceIdentity;
  hash: string;
  body: string;
  appliedSeq: number;
  now: string;
}

/** A document the database would not store (a bug or a value no check foresaw): refused alone, kept on the device. */
export function storeFailed(what: string, id: string, err: unknown): Rejection {
  const cause = err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200);
  return {
    id,
    code: 'INTERNAL',
    status: 500,
    message: `${what} ${id} could not be stored by the server (${cause}); it stays on the device. Tell the operator.`,
  };
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
export async function ingestDocuments<D extends { id: string; branchId: string; deviceId: string; _deleted: boolean }>(
  db: Db,
  device: DeviceIdentity,
  kind: DocumentKind<D>,
  rows: readonly { newDocumentState: unknown }[],
  now = new Date().toISOString(),
): Promise<DocumentIngestResult> {
  const result: DocumentIngestResult = {
    acks: [],
    rejected: [],
    appliedUpTo: null,
    stockLocationIds: [],
    reconciliation: false,
    transfers: false,
  };
  const authorOf = await authorLookup(
    db,
    device,
    rows
      .map((r) => (r.newDocumentState as { deviceId?: unknown } | null)?.deviceId)
      .filter((id): id is string => typeof id === 'string'),
  );
  const valid: { doc: D; author: DocumentAuthor; hash: string; body: string }[] = [];
  for (const row of rows) {
    const rawId = (row.newDocumentState as { id?: unknown } | null)?.id;
    const docId = typeof rawId === 'string' ? rawId.slice(0, 100) : '(no id)';
    const withNul = nulRefusal(kind.what, docId, row.newDocumentState);
    if (withNul) {
      result.rejected.push(withNul);
      continue;
    }
    const parsed = kind.schema.safeParse(row.newDocumentState);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join('.') || kind.what.toLowerCase()}: ${i.message}`)
        .join('; ');
      result.rejected.push({
        id: docId,
        code: 'BAD_REQUEST',
        status: 400,
        message: `${kind.what} ${docId} is malformed: ${issues}`,
      });
      continue;
    }
    const doc = parsed.data;
    const author = authorOf(doc, kind.what);
    if (isRejection(author)) {
      result.rejected.push(author);
      continue;
    }
    if (doc._deleted) {
      result.rejected.push({
        id: doc.id,
        code: 'BAD_REQUEST',
        status: 400,
        message: `${kind.what} ${doc.id} is marked deleted; what was recorded cannot be deleted.`,
      });
      continue;
    }
    // Hash of the document as validated (schema key order), to tell a retry from a reused id.
    const body = JSON.stringify(doc);
    valid.push({ doc, author, hash: createHash('sha256').update(body).digest('hex'), body });
  }
  if (valid.length === 0) return result;

  const locations = new Set<string>();
  await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const refuse = async (r: Rejection, body: string) => {
      result.rejected.push(r);
      await trx
        .insertInto('rejected_documents')
        .values({
          id: uuidv7(),
          collection: kind.collection,
          device_id: device.deviceId,
          document_id: r.id,
          code: r.code,
          message: r.message,
          body,
          created_at: now,
        })
        .execute();
    };
    const recordRelay = async (doc: D, author: DocumentAuthor, appliedSeq: number) => {
      if (!author.relayedBy) return;
      await trx
        .insertInto('document_relays')
        .values({
          document_id: doc.id,
          collection: kind.collection,
          author_device_id: author.deviceId,
          relayed_by_device_id: author.relayedBy,
          applied_seq: appliedSeq,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['document_id', 'relayed_by_device_id']).doNothing())
        .execute();
    };
    for (const { doc, author, hash, body } of valid) {
      const existing = await kind.existing(trx, doc.id);
      if (existing) {
        if (existing.content_hash === hash) {
          result.acks.push({ id: doc.id, appliedSeq: Number(existing.applied_seq) });
          await recordRelay(doc, author, Number(existing.applied_seq));
        } else {
          await refuse(
            {
              id: doc.id,
              code: 'DOCUMENT_ID_REUSED',
              status: 409,
              message: `${kind.what} id ${doc.id} was already received with other content; this version was not applied.`,
            },
            body,
          );
        }
        continue;
      }
      // Each document in a savepoint: a refusal, or a database error on this one document, undoes
      // its writes and gives back its sequence number (a refusal changes nothing), and the others go on.
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
        await refuse(applied, body);
        continue;
      }
      await sql.raw('release savepoint ingest_document').execute(trx);
      for (const l of applied.stockLocationIds ?? []) locations.add(l);
      result.reconciliation ||= applied.reconciliation ?? false;
      result.transfers ||= applied.transfers ?? false;
      await recordRelay(doc, author, appliedSeq);
      result.acks.push({ id: doc.id, appliedSeq });
      result.appliedUpTo = appliedSeq;
    }
    await seq.save();
  });
  result.stockLocationIds = [...locations];
  return result;
}
