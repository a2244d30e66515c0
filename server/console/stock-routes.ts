import type { Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
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
import { managerOf, type ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { assertCanManageLocation, createTransfer, locationInfo, recordCorrection } from '../ledger/manager-movements';
import type { ChangeBus } from '../live/change-bus';
import { lowStock, stockAsOf, stockMatrix } from './stock-queries';
import { publishStockMoved, publishTransfer } from './ledger-events';
import { managerRouter, type ManagerRouteContext } from './manager-route-context';

/** Stock views and changes for the console; every change goes through the ledger (manager-movements.ts). */
export function stockRoutes(deps: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  return managerRouter(
    deps,
    { tags: ['console: stock and reconciliation'], bodyLimit: '256kb' },
    stockViewRoutes,
    stockChangeRoutes,
  );
}

/** The master inventory, what is below its minimum, and levels as of a past moment. */
function stockViewRoutes({ db, route, manager }: ManagerRouteContext) {
  route(
    {
      method: 'get',
      path: '/stock/matrix',
      what: 'stock matrix query',
      summary: 'Products × locations (the centre and every branch you see) with the total: the master inventory',
      request: { query: stockMatrixQuerySchema },
      responses: { 200: { description: 'A page of products.', body: stockMatrixResponseSchema } },
    },
    manager,
    ({ query, req }) => stockMatrix(db, managerOf(req), query),
  );
  route(
    {
      method: 'get',
      path: '/stock/low',
      what: 'low stock query',
      summary: 'Products below their reorder minimum at a location, with the quantity to resupply',
      request: { query: lowStockQuerySchema },
      responses: { 200: { description: 'A page by product.', body: lowStockResponseSchema } },
    },
    manager,
    async ({ query, req }) => {
      assertCanManageLocation(managerOf(req), await locationInfo(db, query.locationId));
      return lowStock(db, query);
    },
  );
  route(
    {
      method: 'get',
      path: '/stock/as-of',
      what: 'stock as-of query',
      summary: 'Levels at a location as of a past moment, computed from the ledger',
      request: { query: stockAsOfQuerySchema },
      responses: { 200: { description: 'A page by product.', body: stockAsOfResponseSchema } },
    },
    manager,
    async ({ query, req }) => {
      assertCanManageLocation(managerOf(req), await locationInfo(db, query.locationId));
      return stockAsOf(db, query);
    },
  );
}

/** Adjusting a level with a reason, and resupplying a location from the low-stock suggestion. */
function stockChangeRoutes({ db, bus, logger, route, manager }: ManagerRouteContext) {
  route(
    {
      method: 'post',
      path: '/stock/adjustments',
      what: 'stock adjustment',
      summary: 'Adjust a level by a delta with a reason code (waste, damage, theft, found, correction) and a note',
      request: { body: adjustmentRequestSchema },
      responses: { 201: { description: 'Applied; the new level.', body: adjustmentResponseSchema } },
    },
    manager,
    async ({ body: a, req }) => {
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
      publishStockMoved(bus, c.seq, c.location);
      return { seq: c.seq, level: c.level };
    },
  );
  route(
    {
      method: 'post',
      path: '/stock/resupply',
      what: 'resupply',
      summary: 'Turn the low-stock suggestion into one transfer (sent: stock leaves the source now)',
      request: { body: resupplyRequestSchema },
      responses: { 201: { description: 'The transfer.', body: resupplyResponseSchema } },
    },
    manager,
    async ({ body, req }) => {
      const m = managerOf(req);
      const t = await resupply(db, m, body);
      logger.info({ managerId: m.id, transferId: t.id, to: t.to.id, lines: t.lines.length }, 'resupply sent');
      publishTransfer(bus, t, true);
      return { transferId: t.id, seq: t.seq, lines: t.lines };
    },
  );
}

/** One transfer to the location of what it lacks (or of the lines asked for), from the centre unless named. */
async function resupply(db: Db, m: ManagerIdentity, r: z.infer<typeof resupplyRequestSchema>) {
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
  return { ...t, lines };
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
