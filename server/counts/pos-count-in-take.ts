import type { Transaction } from 'kysely';
import type { CountDoc } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { upsertLine } from './count-actions';

/**
 * A count from a tablet of a location whose stock count is open and covers the product: it fills
 * that count's sheet at the sequence it was applied (SPEC S13) instead of adjusting stock now;
 * the approval adjusts. Returns the count's id, or null when no open count covers it.
 */
export async function recordInOpenTake(
  trx: Transaction<Database>,
  count: Pick<CountDoc, 'productId' | 'countedQuantity'>,
  c: { locationId: string; category: string; deviceId: string },
  seq: number,
  now: string,
): Promise<string | null> {
  const take = await trx
    .selectFrom('stock_takes')
    .select('id')
    .where('location_id', '=', c.locationId)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('category', 'is', null), eb('category', '=', c.category)]))
    .executeTakeFirst();
  if (!take) return null;
  await upsertLine(trx, take.id, count.productId, count.countedQuantity, seq, now, `device:${c.deviceId}`, 'pos');
  await trx.updateTable('stock_takes').set({ seq }).where('id', '=', take.id).execute();
  return take.id;
}
