import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema';
import type { SequenceAllocator } from '../ledger/server-sequence';
import type { FieldConflict } from './merge-product';

export interface ConflictContext {
  productId: string;
  deviceId: string;
  branchId: string;
}

/**
 * DESIGN invariant 6: every losing device value goes to the conflict log, once. The key hashes
 * what the conflict is about, so a retried push (same base, same edit, same centre value) finds
 * its entry and logs nothing more. Returns how many entries were new.
 */
export async function logConflicts(trx: Transaction<Database>, seq: SequenceAllocator, ctx: ConflictContext, conflicts: readonly FieldConflict[], now: string): Promise<number> {
  let added = 0;
  for (const c of conflicts) {
    const [base, centre, device] = [JSON.stringify(c.base ?? null), JSON.stringify(c.centre ?? null), JSON.stringify(c.device ?? null)];
    const key = createHash('sha256').update(JSON.stringify([ctx.productId, c.field, base, centre, device, ctx.deviceId])).digest('hex');
    const seen = await trx.selectFrom('conflict_log').select('id').where('conflict_key', '=', key).executeTakeFirst();
    if (seen) continue;
    await trx
      .insertInto('conflict_log')
      .values({
        id: uuidv7(),
        conflict_key: key,
        product_id: ctx.productId,
        field: c.field,
        centre_value: centre,
        device_value: device,
        base_value: base,
        winner: 'centre',
        device_id: ctx.deviceId,
        branch_id: ctx.branchId,
        created_at: now,
        seq: seq.next(),
      })
      .execute();
    added += 1;
  }
  return added;
}
