import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { PriceChange, PriceChangeRequest, PriceHistory } from '../../shared/console/catalogue';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import { SequenceAllocator } from '../ledger/server-sequence';
import type { ChangeBus } from '../live/change-bus';
import { loadProduct, writeProduct } from './product-rows';

type Row = Database['scheduled_prices'];

export function priceChangeOf(r: Row): PriceChange {
  return {
    id: r.id,
    productId: r.product_id,
    priceCents: Number(r.price_cents),
    previousPriceCents: Number(r.previous_price_cents),
    effectiveAt: r.effective_at,
    state: r.state,
    appliedSeq: r.applied_seq === null ? null : Number(r.applied_seq),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/**
 * Schedules a price for a future moment. Its price-history row (valid_from = effectiveAt) is
 * written now, so the master price rule (server/ledger/master-price.ts) checks every sale made from
 * that moment against it, even one that reaches the server before the tablets got the new price.
 */
export async function schedulePriceChange(
  db: Db,
  productId: string,
  request: PriceChangeRequest,
  managerId: string,
  now = new Date(),
): Promise<PriceChange> {
  const effectiveAt = new Date(request.effectiveAt).toISOString();
  if (Date.parse(effectiveAt) <= now.getTime())
    throw new ApiError(
      'BAD_REQUEST',
      'That moment has passed: choose a future date and time, or change the price in the product itself to apply it now.',
    );
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const product = await loadProduct(trx, productId);
    if (!product || product.doc._deleted)
      throw new ApiError('NOT_FOUND', `There is no active product ${productId}; reload the product list.`);
    const row: Row = {
      id: uuidv7(),
      product_id: productId,
      price_cents: request.priceCents,
      previous_price_cents: product.doc.priceCents,
      effective_at: effectiveAt,
      state: 'pending',
      price_row_id: uuidv7(),
      applied_seq: null,
      created_by: managerId,
      created_at: now.toISOString(),
    };
    await trx
      .insertInto('product_prices')
      .values({
        id: row.price_row_id,
        product_id: productId,
        price_cents: request.priceCents,
        valid_from: effectiveAt,
        seq: seq.next(),
      })
      .execute();
    await trx.insertInto('scheduled_prices').values(row).execute();
    await seq.save();
    return priceChangeOf(row);
  });
}

/** Calls back a pending change: its price-history row goes too (no sale can have been checked against a future row). */
export async function cancelPriceChange(db: Db, productId: string, changeId: string): Promise<PriceChange> {
  return db.transaction().execute(async (trx) => {
    await SequenceAllocator.lock(trx);
    const row = await changeRow(trx, productId, changeId);
    if (row.state !== 'pending')
      throw new ApiError('CONFLICT', `This price change is already ${row.state}; it can no longer be cancelled.`);
    await trx.deleteFrom('product_prices').where('id', '=', row.price_row_id).execute();
    await trx.updateTable('scheduled_prices').set({ state: 'cancelled' }).where('id', '=', changeId).execute();
    return priceChangeOf({ ...row, state: 'cancelled' });
  });
}

async function changeRow(trx: Pick<Db, 'selectFrom'>, productId: string, changeId: string): Promise<Row> {
  const row = await trx
    .selectFrom('scheduled_prices')
    .selectAll()
    .where('id', '=', changeId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Product ${productId} has no price change ${changeId}; reload its prices.`);
  return row;
}

export async function priceChange(db: Db, productId: string, changeId: string): Promise<PriceChange> {
  return priceChangeOf(await changeRow(db, productId, changeId));
}

/**
 * Puts due changes into the catalogue: the product row gets the new price with a new sequence, so
 * tablets pull it (SPEC S5). One transaction per change under the sequence lock; a change another
 * server instance applied meanwhile is skipped (state is checked under the lock).
 */
export async function applyDuePriceChanges(db: Db, now = new Date()): Promise<{ seq: number; productIds: string[] }> {
  const due = await db
    .selectFrom('scheduled_prices')
    .select('id')
    .where('state', '=', 'pending')
    .where('effective_at', '<=', now.toISOString())
    .orderBy('effective_at')
    .limit(500)
    .execute();
  let last = 0;
  const productIds: string[] = [];
  for (const { id } of due) {
    const applied = await db.transaction().execute((trx) => applyOne(trx, id, now.toISOString()));
    if (applied) {
      last = Math.max(last, applied.seq);
      productIds.push(applied.productId);
    }
  }
  return { seq: last, productIds };
}

async function applyOne(
  trx: Transaction<Database>,
  id: string,
  now: string,
): Promise<{ seq: number; productId: string } | null> {
  const seq = await SequenceAllocator.lock(trx);
  const row = await trx.selectFrom('scheduled_prices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (row.state !== 'pending') return null;
  const product = await loadProduct(trx, row.product_id);
  const n = seq.next();
  if (product && product.doc.priceCents !== Number(row.price_cents)) {
    await writeProduct(trx, { ...product.doc, priceCents: Number(row.price_cents) }, product.doc, n, now, {
      source: 'system',
      actor: `price-change:${row.id}`,
      branchId: null,
    });
  }
  await trx.updateTable('scheduled_prices').set({ state: 'applied', applied_seq: n }).where('id', '=', id).execute();
  await seq.save();
  return { seq: n, productId: row.product_id };
}

/** Applies due changes every few seconds and tells the devices and consoles; stop() on shutdown. */
export function startPriceScheduler(deps: { db: Db; bus: ChangeBus; logger: Logger; everyMs?: number }): {
  stop(): Promise<void>;
} {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= applyDuePriceChanges(deps.db)
      .then(({ seq, productIds }) => {
        if (!productIds.length) return;
        deps.logger.info({ productIds }, 'scheduled prices took effect');
        deps.bus.publish({ seq, collections: ['products', 'prices'], locationIds: [] });
      })
      .catch((err: unknown) => deps.logger.error({ err }, 'applying scheduled prices failed; retrying'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, deps.everyMs ?? 5_000);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** A product's master price history (oldest first) and its scheduled changes (newest effective first). */
export async function priceHistory(db: Db, productId: string): Promise<PriceHistory> {
  const product = await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!product) throw new ApiError('NOT_FOUND', `There is no product ${productId}; reload the product list.`);
  const history = await db
    .selectFrom('product_prices')
    .select(['price_cents', 'valid_from', 'seq'])
    .where('product_id', '=', productId)
    .orderBy('valid_from')
    .orderBy('seq')
    .execute();
  const changes = await db
    .selectFrom('scheduled_prices')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('effective_at', 'desc')
    .execute();
  return {
    productId,
    history: history.map((h) => ({ priceCents: Number(h.price_cents), validFrom: h.valid_from, seq: Number(h.seq) })),
    changes: changes.map(priceChangeOf),
  };
}
