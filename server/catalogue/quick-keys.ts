import type { QuickKeysRequest, QuickKeysResponse } from '../../shared/console/quick-keys';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { SequenceAllocator } from '../ledger/server-sequence';
import { branchSettings, saveBranchSettings } from './branch-settings';

/** The branch's quick keys page with each product's name and price, in the page's order. */
export async function quickKeysOf(db: Db, branchId: string): Promise<QuickKeysResponse> {
  const settings = await branchSettings(db, branchId);
  if (!settings) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; pick one from the list.`);
  const ids = settings.quickKeys.map((k) => k.productId);
  const products =
    ids.length === 0
      ? []
      : await db
          .selectFrom('products')
          .select(['id', 'name', 'sku', 'price_cents', 'deleted'])
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    branchId,
    currency: settings.currency,
    keys: settings.quickKeys.flatMap((k) => {
      const p = byId.get(k.productId);
      if (!p) return [];
      return [
        {
          productId: k.productId,
          label: k.label,
          name: p.name,
          sku: p.sku,
          priceCents: Number(p.price_cents),
          withdrawn: Number(p.deleted) === 1,
        },
      ];
    }),
  };
}

/**
 * Replaces the branch's quick keys page. It travels in the branch's settings document, so it
 * takes a new sequence and the branch's tablets pull it like the catalogue (SPEC S5).
 */
export async function saveQuickKeys(
  db: Db,
  branchId: string,
  request: QuickKeysRequest,
  now = new Date().toISOString(),
): Promise<{ seq: number }> {
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const current = await branchSettings(trx, branchId);
    if (!current) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; reload the branch list.`);
    const ids = request.keys.map((k) => k.productId);
    const found =
      ids.length === 0
        ? []
        : await trx.selectFrom('products').select(['id', 'name', 'deleted']).where('id', 'in', ids).execute();
    const missing = ids.find((id) => !found.some((p) => p.id === id));
    if (missing) throw new ApiError('NOT_FOUND', `There is no product ${missing}; pick the products from the list.`);
    const withdrawn = found.find((p) => Number(p.deleted) === 1);
    if (withdrawn)
      throw new ApiError('BAD_REQUEST', `${withdrawn.name} is withdrawn from sale; take it off the page first.`);
    const next = seq.next();
    await saveBranchSettings(trx, { ...current, quickKeys: request.keys }, next, now);
    await seq.save();
    return { seq: next };
  });
}
