import type { Transaction } from 'kysely';
import { ERROR_CODES, type ErrorCode, type Rejection } from '../../shared/protocol';
import type { Database } from '../db/schema';
import type { LedgerTables } from '../db/schema-ledger';
import { recordRefusedDocument } from '../reconciliation/sync-items';
import { uuidv7 } from '../db/uuid-v7';

/** A pushed collection of immutable documents: sales, counts, shift events, transfer receipts. */
export type PushedCollection = LedgerTables['document_relays']['collection'];

/** A refused document: its status always the one ERROR_CODES gives its code. */
export function refusal(id: string, code: ErrorCode, message: string): Rejection {
  return { id, code, status: ERROR_CODES[code], message };
}

/** A document the database would not store (a bug or a value no check foresaw): refused alone, kept on the device. */
export function storeFailed(what: string, id: string, err: unknown): Rejection {
  const cause = err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200);
  return refusal(
    id,
    'INTERNAL',
    `${what} ${id} could not be stored by the server (${cause}); it stays on the device. Tell the operator.`,
  );
}

/**
 * DESIGN invariant 2's "refused and logged": a refusal decided inside the writing transaction
 * (an id reused with other content, a receipt number taken, …) is kept with the body as sent,
 * and opens one reconciliation item for a manager (one per document, however often it is retried).
 */
export async function recordRefusal(
  trx: Transaction<Database>,
  collection: PushedCollection,
  deviceId: string,
  rejection: Rejection,
  body: string,
  now: string,
): Promise<void> {
  const row = {
    id: uuidv7(),
    device_id: deviceId,
    code: rejection.code,
    message: rejection.message,
    body,
    created_at: now,
  };
  if (collection === 'sales')
    await trx
      .insertInto('rejected_sales')
      .values({ ...row, sale_id: rejection.id })
      .execute();
  else
    await trx
      .insertInto('rejected_documents')
      .values({ ...row, collection, document_id: rejection.id })
      .execute();
  await recordRefusedDocument(trx, { collection, deviceId, rejection, body }, now);
}
