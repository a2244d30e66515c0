import express, { Router } from 'express';
import type { Logger } from 'pino';
import {
  adjustmentRequestSchema,
  adjustmentResponseSchema,
  lowStockQuerySchema,
  lowStockResponseSchema,
  resupplyRequestSchema,
  resupplyResponseSchema,
  stockAsOfQuerySchema,
  stockAsOfResponseSchema,
  stockMatrixQuerySchema,
  stockMatrixResponseSchema,
} from '../../shared/console/stock';
import { managerOf, requireManager } from '../auth/manager-session';
import type { Db } from '../db/database';
import { ApiError, parseOrThrow } from '../http/api-error';
import { registerOperation, type OperationSpec } from '../http/openapi';
import {
  assertCanManageLocation,
  createTransfer,
  locationInfo,
  recordCorrection,
  type LocationInfo,
} from '../ledger/manager-movements';
import type { ChangeBus } from '../live/change-bus';
import { lowStock, stockAsOf, stockMatrix } from './stock-queries';

const operations: Omit<OperationSpec, 'tags' | 'auth'>[] = [
  {
    method: 'get',
    path: '/api/console/stock/matrix',
    summary: 'Products × locations (the centre and every branch you see) with the total: the master inventory',
    request: { query: stockMatrixQuerySchema },
    responses: { 200: { description: 'A page of products.', body: stockMatrixResponseSchema } },
  },
  {
    method: 'get',
    path: '/api/console/stock/low',
    summary: 'Products below their reorder minimum at a location, with the quantity to resupply',
    request: { query: lowStockQuerySchema },
    responses: { 200: { description: 'A page by product.', body: lowStockResponseSchema } },
  },
  {
    method: 'post',
    path: '/api/console/stock/resupply',
    summary: 'Turn the low-stock suggestion into one transfer (sent: stock leaves the source now)',
    request: { body: resupplyRequestSchema },
    responses: { 201: { description: 'The transfer.', body: resupplyResponseSchema } },
  },
  {
    method: 'get',
    path: '/api/console/stock/as-of',
    summary: 'Levels at a location as of a past moment, computed from the ledger',
    request: { query: stockAsOfQuerySchema },
    responses: { 200: { description: 'A page by product.', body: stockAsOfResponseSchema } },
  },
  {
    method: 'post',
    path: '/api/console/stock/adjustments',
    summary: 'Adjust a level by a delta with a reason code (waste, damage, theft, found, correction) and a note',
    request: { body: adjustmentRequestSchema },
    responses: { 201: { description: 'Applied; the new level.', body: adjustmentResponseSchema } },
  },
];
for (const op of operations) registerOperation({ ...op, tags: ['console: stock and reconciliation'], auth: 'manager' });

const branchesOf = (l: LocationInfo) => (l.branchId ? [l.branchId] : []);

/** Stock views and changes for the console; every change goes through the ledger (manager-movements.ts). */
export function stockRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const manager = requireManager(db);
  const json = express.json({ limit: '256kb' });

  router.get('/stock/matrix', manager, async (req, res) => {
    res.json(
      await stockMatrix(db, managerOf(req), parseOrThrow(stockMatrixQuerySchema, req.query, 'stock matrix query')),
    );
  });

  router.get('/stock/low', manager, async (req, res) => {
    const q = parseOrThrow(lowStockQuerySchema, req.query, 'low stock query');
    assertCanManageLocation(managerOf(req), await locationInfo(db, q.locationId));
    res.json(await lowStock(db, q));
  });

  router.get('/stock/as-of', manager, async (req, res) => {
    const q = parseOrThrow(stockAsOfQuerySchema, req.query, 'stock as-of query');
    assertCanManageLocation(managerOf(req), await locationInfo(db, q.locationId));
    res.json(await stockAsOf(db, q));
  });

  router.post('/stock/adjustments', manager, json, async (req, res) => {
    const a = parseOrThrow(adjustmentRequestSchema, req.body, 'stock adjustment');
    const m = managerOf(req);
    const c = await recordCorrection(db, m, {
      locationId: a.locationId,
      productId: a.productId,
      delta: a.delta,
      reason: `${a.reason}: ${a.note}`,
    });
    logger.info(
      { managerId: m.id, locationId: a.locationId, productId: a.productId, reason: a.reason },
      'stock adjusted',
    );
    bus.publish({
      seq: c.seq,
      collections: ['stock'],
      locationIds: [c.location.id],
      branchIds: branchesOf(c.location),
    });
    res.status(201).json({ seq: c.seq, level: c.level });
  });

  router.post('/stock/resupply', manager, json, async (req, res) => {
    const r = parseOrThrow(resupplyRequestSchema, req.body, 'resupply');
    const m = managerOf(req);
    const to = await locationInfo(db, r.toLocationId);
    assertCanManageLocation(m, to);
    const from = r.fromLocationId ?? (await centreId(db));
    const lines = r.lines ?? (await suggestedLines(db, to.id));
    if (lines.length === 0)
      throw new ApiError(
        'BAD_REQUEST',
        `Nothing at ${to.name} is below its reorder minimum; there is nothing to resupply.`,
      );
    const t = await createTransfer(db, m, {
      fromLocationId: from,
      toLocationId: to.id,
      lines,
      // No note typed, none stored: data holds no language (the console says what a resupply is).
      note: r.note ?? '',
    });
    logger.info({ managerId: m.id, transferId: t.id, to: to.id, lines: lines.length }, 'resupply sent');
    bus.publish({
      seq: t.seq,
      collections: ['stock', 'transfers'],
      locationIds: [t.from.id],
      branchIds: [...branchesOf(t.from), ...branchesOf(t.to)],
    });
    res.status(201).json({ transferId: t.id, seq: t.seq, lines });
  });
  return router;
}

async function centreId(db: Db): Promise<string> {
  const row = await db
    .selectFrom('locations')
    .select('id')
    .where('kind', '=', 'centre')
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', 'There is no central warehouse; name the location to send from.');
  return row.id;
}

async function suggestedLines(db: Db, locationId: string): Promise<{ productId: string; quantity: number }[]> {
  const lines: { productId: string; quantity: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await lowStock(db, { locationId, limit: 200, ...(cursor ? { cursor } : {}) });
    lines.push(...page.items.map((i) => ({ productId: i.productId, quantity: i.suggestedQuantity })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && lines.length < 500);
  return lines.slice(0, 500);
}
