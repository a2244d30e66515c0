import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  cancelCountRequestSchema,
  countEntryRequestSchema,
  countSheetQuerySchema,
  countsQuerySchema,
  startCountRequestSchema,
} from '../../shared/console/counts';
import { managerOf, requireManager } from '../auth/manager-session';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { registerOperation, type OperationSpec } from '../http/openapi';
import {
  assertCanManageLocation,
  locationInfo,
  visibleLocations,
  type LocationInfo,
} from '../ledger/manager-movements';
import type { ChangeBus } from '../live/change-bus';
import { approveCount, cancelCount, enterCount, startCount } from './count-actions';
import { listCounts } from './count-list';
import { countDetail, countSheet } from './count-report';
import { summaryOf, takeFor } from './count-takes';

const idSchema = z.object({ id: z.string().min(1).max(64) });
const lineSchema = idSchema.extend({ productId: z.string().min(1).max(64) });

const operations: Omit<OperationSpec, 'tags'>[] = [
  {
    method: 'get',
    path: '/api/console/counts',
    summary: 'Stock counts of your locations, newest first; filter by location and state',
    request: { query: countsQuerySchema },
    responses: { 200: { description: 'A page of counts and nextCursor.' } },
  },
  {
    method: 'post',
    path: '/api/console/counts',
    summary: 'Start a stock count of a location (every product, or one category); one open count per location',
    request: { body: startCountRequestSchema },
    responses: { 201: { description: 'The count, open.' }, 409: { description: 'The location has a count open.' } },
  },
  {
    method: 'get',
    path: '/api/console/counts/:id',
    summary: 'A count with its variance totals (units and money at the master price) and its late sales (SPEC S13)',
    request: { params: idSchema },
    responses: { 200: { description: 'The count.' }, 404: { description: 'No such count.' } },
  },
  {
    method: 'get',
    path: '/api/console/counts/:id/sheet',
    summary: "The count sheet: the count's products with counted, book, late sales, expected and variance",
    request: { params: idSchema, query: countSheetQuerySchema },
    responses: { 200: { description: 'Products by name (at most 5000; truncated says when more match).' } },
  },
  {
    method: 'put',
    path: '/api/console/counts/:id/lines/:productId',
    summary: 'Record what is on the shelf of one product (counted at a new server sequence)',
    request: { params: lineSchema, body: countEntryRequestSchema },
    responses: { 200: { description: 'Recorded.' }, 409: { description: 'The count is closed.' } },
  },
  {
    method: 'post',
    path: '/api/console/counts/:id/approve',
    summary: 'Approve: every variance becomes a count adjustment in the ledger, in one step, once',
    request: { params: idSchema },
    responses: { 200: { description: 'Approved.' }, 409: { description: 'Already approved or cancelled.' } },
  },
  {
    method: 'post',
    path: '/api/console/counts/:id/cancel',
    summary: 'Cancel an open count: nothing is adjusted',
    request: { params: idSchema, body: cancelCountRequestSchema },
    responses: { 200: { description: 'Cancelled.' }, 409: { description: 'Already approved or cancelled.' } },
  },
];
for (const op of operations) registerOperation({ ...op, tags: ['console: stock counts'], auth: 'manager' });

/** Stock counts from the console (issue 11 part 5). Mounted at /api/console. */
export function countRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const manager = requireManager(db);
  const json = express.json({ limit: '64kb' });
  const publish = (seq: number, location: LocationInfo, stock = false) =>
    bus.publish({
      seq,
      collections: stock ? ['stocktakes', 'stock'] : ['stocktakes'],
      locationIds: stock ? [location.id] : [],
      branchIds: location.branchId ? [location.branchId] : [],
    });

  router.get('/counts', manager, async (req, res) => {
    const q = parseOrThrow(countsQuerySchema, req.query, 'counts query');
    const m = managerOf(req);
    if (q.locationId) assertCanManageLocation(m, await locationInfo(db, q.locationId));
    res.json(await listCounts(db, { ...q, locations: await visibleLocations(db, m) }));
  });

  router.post('/counts', manager, json, async (req, res) => {
    const body = parseOrThrow(startCountRequestSchema, req.body, 'stock count');
    const m = managerOf(req);
    const { take, location } = await startCount(db, m, body);
    logger.info({ managerId: m.id, countId: take.id, locationId: location.id }, 'stock count started');
    publish(Number(take.seq), location);
    res.status(201).json(summaryOf(take, location.name, 0));
  });

  router.get('/counts/:id', manager, async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, 'count');
    const { take, location } = await takeFor(db, managerOf(req), id);
    res.json(await countDetail(db, take, location));
  });

  router.get('/counts/:id/sheet', manager, async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, 'count');
    const q = parseOrThrow(countSheetQuerySchema, req.query, 'count sheet query');
    const { take } = await takeFor(db, managerOf(req), id);
    res.json(await countSheet(db, take, q));
  });

  router.put('/counts/:id/lines/:productId', manager, json, async (req, res) => {
    const { id, productId } = parseOrThrow(lineSchema, req.params, 'count line');
    const { quantity } = parseOrThrow(countEntryRequestSchema, req.body, 'counted quantity');
    const { seq, location } = await enterCount(db, managerOf(req), id, productId, quantity);
    publish(seq, location);
    res.json({ seq });
  });

  router.post('/counts/:id/approve', manager, async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, 'count');
    const m = managerOf(req);
    const { location, ...approved } = await approveCount(db, m, id);
    logger.info({ managerId: m.id, countId: id, ...approved }, 'stock count approved');
    publish(approved.seq, location, approved.adjustments > 0);
    res.json(approved);
  });

  router.post('/counts/:id/cancel', manager, json, async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, 'count');
    const { reason } = parseOrThrow(cancelCountRequestSchema, req.body, 'cancellation');
    const m = managerOf(req);
    const { seq, location } = await cancelCount(db, m, id, reason);
    logger.info({ managerId: m.id, countId: id }, 'stock count cancelled');
    publish(seq, location);
    res.json({ seq });
  });

  return router;
}
