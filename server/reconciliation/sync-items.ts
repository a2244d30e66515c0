import type { Transaction } from 'kysely';
import type { Rejection } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { currentSequence } from '../ledger/server-sequence';
import { causeAt, openItem } from './open-items';

/** Where a device stands: its name, branch and the branch's location (an item needs all three). */
async function deviceAt(trx: Transaction<Database>, deviceId: string) {
  return trx
    .selectFrom('devices')
    .innerJoin('branches', 'branches.id', 'devices.branch_id')
    .select(['devices.name as name', 'branches.id as branchId', 'branches.location_id as locationId'])
    .where('devices.id', '=', deviceId)
    .executeTakeFirst();
}

/** The figures of a refused document a manager needs to recognise it (a sale's receipt and total). */
function documentFacts(body: string): Record<string, unknown> {
  try {
    const doc = JSON.parse(body) as Record<string, unknown>;
    const facts: Record<string, unknown> = {};
    for (const k of ['receiptNumber', 'totalCents', 'currency', 'createdAt', 'countedAt', 'at', 'transferId'])
      if (typeof doc[k] === 'string' || typeof doc[k] === 'number') facts[k] = doc[k];
    if (Array.isArray(doc.lines)) facts.lineCount = doc.lines.length;
    return facts;
  } catch {
    return {};
  }
}

/**
 * A document the server refused from a device opens one reconciliation item (not one per retry:
 * the cause is the collection and the document's id). Details carry the refusal's code, which
 * the console words in the manager's language; the server's English message stays in
 * rejected_* only. Returns whether it opened one.
 */
export async function recordRefusedDocument(
  trx: Transaction<Database>,
  r: { collection: string; deviceId: string; rejection: Rejection; body: string },
  now: string,
): Promise<boolean> {
  const device = await deviceAt(trx, r.deviceId);
  if (!device) return false;
  const { rejection } = r;
  return openItem(
    trx,
    {
      ...causeAt('refused_document', `${r.collection}:${rejection.id}`, device),
      productId: null,
      saleId: null,
      documentId: rejection.id,
      summary: `${r.collection} document ${rejection.id} from device ${device.name} was refused (${rejection.code})`,
      details: {
        collection: r.collection,
        documentId: rejection.id,
        code: rejection.code,
        deviceId: r.deviceId,
        deviceName: device.name,
        ...documentFacts(r.body),
      },
    },
    await currentSequence(trx),
    now,
  );
}

export interface LoggedConflict {
  /** The conflict log entry's id and key. */
  id: string;
  key: string;
  productId: string;
  deviceId: string;
  field: string;
  centreValue: unknown;
  deviceValue: unknown;
  baseValue: unknown;
}

/**
 * DESIGN invariant 6's conflict log, as the manager works it: each logged conflict (a device's
 * value that lost to the centre's) opens one item at the device's branch.
 */
export async function recordSyncConflict(
  trx: Transaction<Database>,
  c: LoggedConflict,
  seq: number,
  now: string,
): Promise<boolean> {
  const device = await deviceAt(trx, c.deviceId);
  if (!device) return false;
  const product = await trx.selectFrom('products').select('name').where('id', '=', c.productId).executeTakeFirst();
  return openItem(
    trx,
    {
      ...causeAt('sync_conflict', c.key, device),
      productId: c.productId,
      saleId: null,
      documentId: c.id,
      summary: `${product?.name ?? c.productId}: device ${device.name} set ${c.field}, the centre's value was kept`,
      details: {
        productName: product?.name ?? null,
        field: c.field,
        centreValue: c.centreValue,
        deviceValue: c.deviceValue,
        baseValue: c.baseValue,
        deviceId: c.deviceId,
        deviceName: device.name,
      },
    },
    seq,
    now,
  );
}
