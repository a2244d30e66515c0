import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { SequenceAllocator } from '../ledger/server-sequence';
import { recordSyncConflict } from '../reconciliation/sync-items';
import type { FieldConflict } from './merge-product';
import { keysetPage } from '../http/keyset-page';

export interface ConflictContext {
  productId: string;
  deviceId: string;
  branchId: string;
}

/**
 * DESIGN invariant 6: every losing device value goes to the conflict log, once. The key hashes
 * what the conflict is about, so a retried push (same base, same edit, same centre value) finds
 * its entry and logs nothing more. Each new entry opens a reconciliation item. Returns how many
 * entries were new.
 */
export async function logConflicts(
  trx: Transaction<Database>,
  seq: SequenceAllocator,
  ctx: ConflictContext,
  conflicts: readonly FieldConflict[],
  now: string,
): Promise<number> {
  let added = 0;
  for (const c of conflicts) {
    const [base, centre, device] = [
      JSON.stringify(c.base ?? null),
      JSON.stringify(c.centre ?? null),
      JSON.stringify(c.device ?? null),
    ];
    const key = createHash('sha256')
      .update(JSON.stringify([ctx.productId, c.field, base, centre, device, ctx.deviceId]))
      .digest('hex');
    const seen = await trx.selectFrom('conflict_log').select('id').where('conflict_key', '=', key).executeTakeFirst();
    if (seen) continue;
    const id = uuidv7();
    const at = seq.next();
    await trx
      .insertInto('conflict_log')
      .values({
        id,
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
        seq: at,
      })
      .execute();
    await recordSyncConflict(
      trx,
      {
        id,
        key,
        productId: ctx.productId,
        deviceId: ctx.deviceId,
        field: c.field,
        centreValue: c.centre ?? null,
        deviceValue: c.device ?? null,
        baseValue: c.base ?? null,
      },
      at,
      now,
    );
    added += 1;
  }
  return added;
}

export const conflictListQuerySchema = z.object({
  /** The seq of the last entry of the previous page (newest first). */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  branchId: z.string().max(64).optional(),
  productId: z.string().max(64).optional(),
});

export interface ConflictEntry {
  id: string;
  productId: string;
  productName: string | null;
  field: string;
  centreValue: unknown;
  deviceValue: unknown;
  baseValue: unknown;
  winner: 'centre';
  deviceId: string;
  deviceName: string | null;
  branchId: string;
  /** Server time. */
  createdAt: string;
  seq: number;
}

/** The conflict log, newest first, limited to the branches the manager may see. */
export async function listConflicts(
  db: Db,
  q: z.infer<typeof conflictListQuerySchema>,
  branchIds: string[] | 'all',
): Promise<{ items: ConflictEntry[]; nextCursor: number | null }> {
  if (branchIds !== 'all' && branchIds.length === 0) return { items: [], nextCursor: null };
  let query = db
    .selectFrom('conflict_log')
    .leftJoin('products', 'products.id', 'conflict_log.product_id')
    .leftJoin('devices', 'devices.id', 'conflict_log.device_id')
    .selectAll('conflict_log')
    .select(['products.name as product_name', 'devices.name as device_name']);
  if (branchIds !== 'all') query = query.where('conflict_log.branch_id', 'in', branchIds);
  if (q.branchId) query = query.where('conflict_log.branch_id', '=', q.branchId);
  if (q.productId) query = query.where('conflict_log.product_id', '=', q.productId);
  if (q.cursor !== undefined) query = query.where('conflict_log.seq', '<', q.cursor);
  const rows = await query
    .orderBy('conflict_log.seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) => Number(last.seq));
  return {
    items: page.map((r) => ({
      id: r.id,
      productId: r.product_id,
      productName: r.product_name,
      field: r.field,
      centreValue: JSON.parse(r.centre_value),
      deviceValue: JSON.parse(r.device_value),
      baseValue: JSON.parse(r.base_value),
      winner: r.winner,
      deviceId: r.device_id,
      deviceName: r.device_name,
      branchId: r.branch_id,
      createdAt: r.created_at,
      seq: Number(r.seq),
    })),
    nextCursor,
  };
}
