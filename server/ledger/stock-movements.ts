import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema';

export interface MovementInput {
  locationId: string;
  productId: string;
  delta: number;
  kind: Database['stock_movements']['kind'];
  saleId: string | null;
  actor: string;
  reason: string;
}

/**
 * DESIGN invariant 3: stock changes only by movements. Each movement is recorded and folded into
 * the location's level in the caller's transaction, and the level is stamped with the movement's
 * sequence so devices can tell which of their movements it already holds.
 */
export async function applyMovement(
  trx: Transaction<Database>,
  movement: MovementInput,
  seq: number,
  now: string,
): Promise<number> {
  await trx
    .insertInto('stock_movements')
    .values({
      id: uuidv7(),
      seq,
      location_id: movement.locationId,
      product_id: movement.productId,
      delta: movement.delta,
      kind: movement.kind,
      sale_id: movement.saleId,
      actor: movement.actor,
      reason: movement.reason,
      created_at: now,
    })
    .execute();
  const level = await trx
    .insertInto('stock_levels')
    .values({ location_id: movement.locationId, product_id: movement.productId, quantity: movement.delta, reorder_level: null, seq, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['location_id', 'product_id']).doUpdateSet((eb) => ({
        quantity: eb('stock_levels.quantity', '+', movement.delta),
        seq,
        updated_at: now,
      })),
    )
    .returning('quantity')
    .executeTakeFirstOrThrow();
  return Number(level.quantity);
}
