import { productDocSchema, type Ack, type ProductDoc, type Rejection } from '../../shared/protocol';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import { SequenceAllocator } from '../ledger/server-sequence';
import { branchSettings } from './branch-settings';
import { logConflicts } from './conflict-log';
import { mergeProduct, sameProduct } from './merge-product';
import { withMainBarcode } from './product-barcodes';
import { loadProduct, writeProduct } from './product-rows';
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
  rows: readonly { newDocumentState: unknown; assumedMasterState?: unknown }[],
  now = new Date().toISOString(),
): Promise<ProductPushResult> {
  const result: ProductPushResult = { conflicts: [], acks: [], rejected: [], writtenUpTo: null };
  await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const startSeq = seq.last;
    const settings = await branchSettings(trx, device.branchId);
    const mayEdit = settings?.productEditFields ?? [];
    const allowedText = mayEdit.length ? mayEdit.join(', ') : 'none';
    for (const row of rows) {
      const rawId = (row.newDocumentState as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'string' ? rawId.slice(0, 100) : '(no id)';
      const withNul = nulRefusal('Product', id, row);
      const master = typeof rawId === 'string' && !withNul ? await loadProduct(trx, rawId) : null;
      const refuse = (code: Rejection['code'], status: number, message: string) => {
        result.rejected.push({ id, code, status, message });
        if (master) result.conflicts.push(master.doc);
      };
      if (withNul) {
        refuse('BAD_REQUEST', 400, withNul.message);
        continue;
      }
      const edit = productDocSchema.safeParse(row.newDocumentState);
      if (!edit.success) {
        refuse('BAD_REQUEST', 400, `Product ${id} is malformed: ${issues(edit.error)}`);
        continue;
      }
      if (!master) {
        refuse(
          'FORBIDDEN',
          403,
          `Product ${id} is not in the master catalogue: products are created in the manager console, not on a tablet.`,
        );
        continue;
      }
      const base = productDocSchema.safeParse(row.assumedMasterState);
      if (!base.success || base.data.id !== id) {
        refuse(
          'BAD_REQUEST',
          400,
          `Product ${id}: the push must carry the version the device last pulled (assumedMasterState) to merge against.`,
        );
        continue;
      }
      const merge = mergeProduct({ base: base.data, centre: master.doc, device: edit.data, deviceMayEdit: mayEdit });
      if (merge.refused.length > 0) {
        refuse(
          'FORBIDDEN',
          403,
          `This branch may not change ${merge.refused.join(', ')} of products (fields it may change: ${allowedText}); the edit of product ${id} was not applied. A manager can change it in the console or allow the field in the branch settings.`,
        );
        continue;
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
      await logConflicts(
        trx,
        seq,
        { productId: id, deviceId: device.deviceId, branchId: device.branchId },
        merge.conflicts,
        now,
      );
      result.acks.push({ id, appliedSeq: Math.max(1, appliedSeq) });
      if (!sameProduct(merged, edit.data)) result.conflicts.push(merged);
    }
    await seq.save();
    if (seq.last > startSeq) result.writtenUpTo = seq.last;
  });
  return result;
}
