import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ApproveCountResponse, StartCountRequest } from '../../shared/console/counts';
import type { ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import { assertCanManageLocation, locationInfo, type LocationInfo } from '../ledger/manager-movements';
import { atNextSequence } from '../ledger/server-sequence';
import { applyMovement } from '../ledger/stock-movements';
import { countFigures } from './count-figures';
import { varianceOf } from './count-report';
import { assertOpen, productsInScope, takeFor, type TakeRow } from './count-takes';

const actorOf = (manager: ManagerIdentity) => `manager:${manager.id}`;

/** Starts a count of a location; one open count per location at a time. */
export async function startCount(
  db: Db,
  manager: ManagerIdentity,
  r: StartCountRequest,
  now = new Date().toISOString(),
): Promise<{ take: TakeRow; location: LocationInfo }> {
  const location = await locationInfo(db, r.locationId);
  assertCanManageLocation(manager, location);
  if (r.category !== null) {
    const any = await productsInScope(db, { category: r.category }).select('products.id').executeTakeFirst();
    if (!any)
      throw new ApiError('NOT_FOUND', `No product is in the category ${r.category}; choose a category from the list.`);
  }
  return atNextSequence(db, async (trx, s) => {
    const open = await trx
      .selectFrom('stock_takes')
      .select(['id', 'started_by_name'])
      .where('location_id', '=', location.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open)
      throw new ApiError(
        'CONFLICT',
        `${location.name} already has a count open (started by ${open.started_by_name}); finish or cancel it first.`,
      );
    const take: TakeRow = {
      id: uuidv7(),
      location_id: location.id,
      branch_id: location.branchId,
      category: r.category,
      status: 'open',
      note: r.note,
      started_by: manager.id,
      started_by_name: manager.name,
      started_at: now,
      started_seq: s,
      closed_by: null,
      closed_by_name: null,
      closed_at: null,
      closed_seq: null,
      seq: s,
    };
    await trx.insertInto('stock_takes').values(take).execute();
    return { take, location };
  });
}

/** A quantity typed in the console: the line is counted at a new server sequence (SPEC S13). */
export async function enterCount(
  db: Db,
  manager: ManagerIdentity,
  takeId: string,
  productId: string,
  quantity: number,
  now = new Date().toISOString(),
): Promise<{ seq: number; location: LocationInfo }> {
  const { location } = await takeFor(db, manager, takeId);
  return inOpenTake(db, takeId, 'nothing more can be counted in it.', async (trx, take, s) => {
    const inScope = await productsInScope(trx, take)
      .select('products.id')
      .where('products.id', '=', productId)
      .executeTakeFirst();
    if (!inScope)
      throw new ApiError(
        'NOT_FOUND',
        `Product ${productId} is not part of this count${take.category ? ` (category ${take.category})` : ''}; choose one from the sheet.`,
      );
    await upsertLine(trx, take.id, productId, quantity, s, now, actorOf(manager), 'console');
    await trx.updateTable('stock_takes').set({ seq: s }).where('id', '=', take.id).execute();
    return { seq: s, location };
  });
}

/**
 * Work on a count that must still be open, under the sequence lock (read again there: a racing
 * approval or cancellation is seen), at one new sequence number.
 */
async function inOpenTake<T>(
  db: Db,
  takeId: string,
  refused: string,
  work: (trx: Transaction<Database>, take: TakeRow, seq: number) => Promise<T>,
): Promise<T> {
  return atNextSequence(db, async (trx, seq) => {
    const take = await trx.selectFrom('stock_takes').selectAll().where('id', '=', takeId).executeTakeFirstOrThrow();
    assertOpen(take, refused);
    return work(trx, take, seq);
  });
}

export async function upsertLine(
  trx: Parameters<typeof productsInScope>[0],
  takeId: string,
  productId: string,
  quantity: number,
  seq: number,
  now: string,
  by: string,
  source: 'console' | 'pos',
): Promise<void> {
  const values = { counted_quantity: quantity, counted_seq: seq, counted_at: now, counted_by: by, source };
  await trx
    .insertInto('stock_take_lines')
    .values({
      take_id: takeId,
      product_id: productId,
      ...values,
      book_quantity: null,
      late_quantity: null,
      adjustment: null,
      price_cents: null,
    })
    .onConflict((oc) => oc.columns(['take_id', 'product_id']).doUpdateSet(values))
    .execute();
}

/**
 * Approval, in one transaction and once: every counted line's variance becomes a count_adjustment
 * movement (reason "count"), and the figures are frozen with the count. A second approval, or one
 * racing it, finds the count approved under the sequence lock and is refused.
 */
export async function approveCount(
  db: Db,
  manager: ManagerIdentity,
  takeId: string,
  now = new Date().toISOString(),
): Promise<ApproveCountResponse & { location: LocationInfo }> {
  const { location } = await takeFor(db, manager, takeId);
  return inOpenTake(db, takeId, 'nothing was adjusted again.', async (trx, take, s) => {
    const { lines } = await countFigures(trx, take);
    let adjustments = 0;
    let varianceUnits = 0;
    for (const [productId, f] of lines) {
      const { variance } = varianceOf(f);
      if (variance !== 0) {
        adjustments += 1;
        if (f.byThePiece) varianceUnits += variance;
        await applyMovement(
          trx,
          {
            locationId: take.location_id,
            productId,
            delta: variance,
            kind: 'count_adjustment',
            saleId: null,
            actor: actorOf(manager),
            reason: `count: stock count ${take.id}, counted ${f.counted}, expected ${f.book + f.late}`,
          },
          s,
          now,
        );
      }
      await trx
        .updateTable('stock_take_lines')
        .set({ book_quantity: f.book, late_quantity: f.late, adjustment: variance, price_cents: f.priceCents })
        .where('take_id', '=', take.id)
        .where('product_id', '=', productId)
        .execute();
    }
    await closeTake(trx, take.id, 'approved', manager, s, now);
    return { seq: s, adjustments, varianceUnits, location };
  });
}

/** Cancels an open count: nothing is adjusted. */
export async function cancelCount(
  db: Db,
  manager: ManagerIdentity,
  takeId: string,
  reason: string,
  now = new Date().toISOString(),
): Promise<{ seq: number; location: LocationInfo }> {
  const { location } = await takeFor(db, manager, takeId);
  return inOpenTake(db, takeId, 'it can no longer be cancelled.', async (trx, take, s) => {
    await closeTake(trx, take.id, 'cancelled', manager, s, now, take.note ? `${take.note} — ${reason}` : reason);
    return { seq: s, location };
  });
}

async function closeTake(
  trx: Parameters<typeof productsInScope>[0],
  takeId: string,
  status: 'approved' | 'cancelled',
  manager: ManagerIdentity,
  seq: number,
  now: string,
  note?: string,
): Promise<void> {
  await trx
    .updateTable('stock_takes')
    .set({
      status,
      closed_by: manager.id,
      closed_by_name: manager.name,
      closed_at: now,
      closed_seq: seq,
      seq,
      ...(note === undefined ? {} : { note }),
    })
    .where('id', '=', takeId)
    .execute();
}
