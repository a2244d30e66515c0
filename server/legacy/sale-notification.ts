import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';
import { centsOf, parseJsonBody, parseModel, ValidationFailed, validationAnswer } from './fastapi-validation';
import { legacyKeyHash, resolveLegacyKey } from './legacy-keys';
import { recordSaleNotification, type LegacyAnswer, type SaleNotification } from './legacy-sales';

export interface SaleNotificationDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
}

/** products.legacy_id is a 32-bit integer on PostgreSQL; no product has an id beyond, on either database. */
export const MAX_LEGACY_ID = 2_147_483_647;
export const NO_SUCH_PRODUCT = { detail: 'Producto no encontrado' };

const MAX_QUANTITY = 100_000;

const saleNotificationModel = {
  branch_id: { type: 'str' as const },
  product_id: { type: 'int' as const },
  quantity_sold: { type: 'int' as const, gt: 0, le: MAX_QUANTITY },
  timestamp: { type: 'datetime' as const },
  sale_price: { type: 'float' as const, gt: 0 },
};

/** The seed's SaleNotification from the body's text, or the answer refusing it (FastAPI's 422, or the 404 of an id no product can have). */
function parseSaleNotification(bodyText: string): SaleNotification | LegacyAnswer {
  try {
    const raw = parseJsonBody(bodyText);
    const n = parseModel(saleNotificationModel, raw);
    if (Math.abs(n.product_id) > MAX_LEGACY_ID) return { status: 404, body: NO_SUCH_PRODUCT };
    const { timestamp, sale_price } = raw as Record<string, unknown>;
    return {
      branchId: n.branch_id,
      productLegacyId: n.product_id,
      quantity: n.quantity_sold,
      timestampText: typeof timestamp === 'string' ? timestamp.trim() : String(timestamp),
      timestamp: n.timestamp,
      salePriceCents: centsOf('sale_price', n.sale_price, sale_price, 1),
    };
  } catch (err) {
    if (err instanceof ValidationFailed) return validationAnswer(err);
    throw err;
  }
}

/**
 * POST /legacy/<key>/sale-notification from the key in the URL and the body's text on: the
 * seed's answer, or null when the key is not a valid one (unknown, revoked, malformed), which
 * the caller answers as any unknown URL. A good notification's key is read in its batch's
 * transaction (legacy-sales.ts), so the request itself makes no read of its own; a refused
 * body checks the key first, so a wrong key never tells a 422 from a 404.
 */
export async function answerSaleNotification(
  { db, bus, logger }: SaleNotificationDeps,
  key: string,
  bodyText: string,
): Promise<LegacyAnswer | null> {
  const keyHash = legacyKeyHash(key);
  if (!keyHash) return null;
  const n = parseSaleNotification(bodyText);
  if ('status' in n) return (await resolveLegacyKey(db, key)) ? n : null;
  const result = await recordSaleNotification(db, keyHash, n);
  if (!result) return null;
  if (result.applied) {
    const collections: ChangeEvent['collections'] = ['stock', 'sales'];
    if (result.applied.reconciliationChanged) collections.push('reconciliation');
    bus.publish({
      seq: result.applied.seq,
      collections,
      locationIds: [result.applied.locationId],
      branchIds: [n.branchId],
    });
  } else if (result.answer.status !== 200) {
    logger.warn(
      { legacyKeyId: result.keyId, status: result.answer.status, detail: result.answer.body },
      'legacy sale notification refused',
    );
  }
  return result.answer;
}
