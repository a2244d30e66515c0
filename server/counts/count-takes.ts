import type { Transaction } from 'kysely';
import type { CountSummary } from '../../shared/console/counts';
import type { ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import { assertCanManageLocation, locationInfo, type LocationInfo } from '../ledger/manager-movements';

export type Reader = Db | Transaction<Database>;
export type TakeRow = Database['stock_takes'];

/** A count the manager may act on (DESIGN invariant 8), with its location. */
export async function takeFor(
  db: Reader,
  manager: ManagerIdentity,
  id: string,
): Promise<{ take: TakeRow; location: LocationInfo }> {
  const take = await db.selectFrom('stock_takes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!take) throw new ApiError('NOT_FOUND', `There is no stock count ${id}; reload the list of counts.`);
  const location = await locationInfo(db as Db, take.location_id);
  assertCanManageLocation(manager, location);
  return { take, location };
}

export function assertOpen(take: TakeRow, what: string): void {
  if (take.status === 'open') return;
  const by = take.closed_by_name ? ` by ${take.closed_by_name}` : '';
  throw new ApiError('CONFLICT', `This count was already ${take.status}${by}; ${what}`);
}

/** Products a count covers: every product in the catalogue, or one category. */
export function productsInScope(db: Reader, take: Pick<TakeRow, 'category'>) {
  let q = db.selectFrom('products').where('products.deleted', '=', 0);
  if (take.category !== null) q = q.where('products.category', '=', take.category);
  return q;
}

export async function countedLines(db: Reader, takeId: string): Promise<number> {
  const row = await db
    .selectFrom('stock_take_lines')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('take_id', '=', takeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function summaryOf(take: TakeRow, locationName: string, counted: number): CountSummary {
  return {
    id: take.id,
    locationId: take.location_id,
    locationName,
    branchId: take.branch_id,
    category: take.category,
    status: take.status,
    note: take.note,
    startedByName: take.started_by_name,
    startedAt: take.started_at,
    closedByName: take.closed_by_name,
    closedAt: take.closed_at,
    countedLines: counted,
    seq: Number(take.seq),
  };
}

/** The currency a location's money is shown in: its branch's; the centre takes the first branch's. */
export async function currencyOf(db: Reader, location: LocationInfo): Promise<string> {
  let q = db.selectFrom('branches').select('currency').orderBy('created_at').orderBy('id');
  if (location.branchId) q = q.where('id', '=', location.branchId);
  return (await q.executeTakeFirst())?.currency ?? 'USD';
}
