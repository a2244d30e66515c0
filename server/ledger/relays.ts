import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { DocumentAuthor } from './document-author';
import type { PushedCollection } from './refusals';

/** Which device delivered another device's document (the recovery relay), once per pair. */
export async function recordRelay(
  trx: Transaction<Database>,
  collection: PushedCollection,
  documentId: string,
  author: DocumentAuthor,
  appliedSeq: number,
  now: string,
): Promise<void> {
  if (!author.relayedBy) return;
  await trx
    .insertInto('document_relays')
    .values({
      document_id: documentId,
      collection,
      author_device_id: author.deviceId,
      relayed_by_device_id: author.relayedBy,
      applied_seq: appliedSeq,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['document_id', 'relayed_by_device_id']).doNothing())
    .execute();
}
