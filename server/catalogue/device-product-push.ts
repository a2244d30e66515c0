import type { Transaction } from 'kysely';
import { productDocSchema, type Ack, type ErrorCode, type ProductDoc, type Rejection } from '../../shared/protocol';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { SequenceAllocator } from '../ledger/server-sequence';
import { branchSettings } from './branch-settings';
import { logConflicts } from './conflict-log';
import { mergeProduct, sameProduct } from './merge-product';
import type { EditableProductField } from './product-fields';
import { loadProduct, writeProduct } from './product-rows';
import { withMainBarcode } from './product-barcodes';
import { refusal } from '../ledger/refusals';
import { nulRefusal } from '../ledger/validate-rows';

export interface ProductPushResult {
  /** The master document after the push, for every row whose result is not exactly the device's edit: RxDB adopts it. */
  conflicts: ProductDoc[];
  acks: Ack[];
  rejected: Rejection[];
  /** Highest sequence written, null when nothing changed. */
  writtenUpTo: number | null;
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'product'}: ${i.message}`).join('; ');
}

/**
 * Product edits made on a device (DESIGN invariant 6). The catalogue belongs to the centre: each
 * row is merged per field against what the device last pulled (assumedMasterState); the branch
 * may only change the fields its settings allow, otherwise the whole row is refused (403) and the
 * device gets the master back. All rows are judged in one transaction under the sequence lock, so
 * a console edit racing this push is merged by the same rule whichever commits first.
 */
export async function pushProductEdits(
  db: Db,
  device: DeviceIdentity,
  rows: readonly PushRow[],
  now = new Date().toISOString(),
): Promise<ProductPushResult> {
  const result: ProductPushResult = { conflicts: [], acks: [], rejected: [], writtenUpTo: null };
  await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const startSeq = seq.last;
    const settings = await branchSettings(trx, device.branchId);
    const push: PushContext = { trx, seq, device, mayEdit: settings?.productEditFields ?? [], now, result };
    for (const row of rows) await pushOneEdit(push, row);
    await seq.save();
    if (seq.last > startSeq) result.writtenUpTo = seq.last;
  });
  return result;
}

type PushRow = { newDocumentState: unknown; assumedMasterState?: unknown };
interface PushContext {
  trx: Transaction<Database>;
  seq: SequenceAllocator;
  device: DeviceIdentity;
  mayEdit: readonly EditableProductField[];
  now: string;
  result: ProductPushResult;
}

/** One row: refused (with the master for the device to adopt), or merged, written if it changes anything, acked. */
async function pushOneEdit({ trx, seq, device, mayEdit, now, result }: PushContext, row: PushRow): Promise<void> {
  const rawId = (row.newDocumentState as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' ? rawId.slice(0, 100) : '(no id)';
  const withNul = nulRefusal('Product', id, row);
  const master = typeof rawId === 'string' && !withNul ? await loadProduct(trx, rawId) : null;
  const refuse = (code: ErrorCode, message: string) => {
    result.rejected.push(refusal(id, code, message));
    if (master) result.conflicts.push(master.doc);
  };
  if (withNul) return refuse('BAD_REQUEST', withNul.message);
  const edit = productDocSchema.safeParse(row.newDocumentState);
  if (!edit.success) return refuse('BAD_REQUEST', `Product ${id} is malformed: ${issues(edit.error)}`);
  if (!master) {
    return refuse(
      'FORBIDDEN',
      `Product ${id} is not in the master catalogue: products are created in the manager console, not on a tablet.`,
    );
  }
  const base = productDocSchema.safeParse(row.assumedMasterState);
  if (!base.success || base.data.id !== id) {
    return refuse(
      'BAD_REQUEST',
      `Product ${id}: the push must carry the version the device last pulled (assumedMasterState) to merge against.`,
    );
  }
  const merge = mergeProduct({ base: base.data, centre: master.doc, device: edit.data, deviceMayEdit: mayEdit });
  if (merge.refused.length > 0) {
    const allowedText = mayEdit.length ? mayEdit.join(', ') : 'none';
    return refuse(
      'FORBIDDEN',
      `This branch may not change ${merge.refused.join(', ')} of products (fields it may change: ${allowedText}); the edit of product ${id} was not applied. A manager can change it in the console or allow the field in the branch settings.`,
    );
  }
  const merged = withMainBarcode(merge.merged, master.doc);
  let appliedSeq = master.seq;
  if (!sameProduct(merged, master.doc)) {
    appliedSeq = seq.next();
    await writeProduct(trx, merged, master.doc, appliedSeq, now, {
      source: 'device',
      actor: device.deviceId,
      branchId: device.branchId,
    });
  }
  const who = { productId: id, deviceId: device.deviceId, branchId: device.branchId };
  await logConflicts(trx, seq, who, merge.conflicts, now);
  result.acks.push({ id, appliedSeq: Math.max(1, appliedSeq) });
  if (!sameProduct(merged, edit.data)) result.conflicts.push(merged);
}
