import type { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  cancelCountRequestSchema,
  countEntryRequestSchema,
  countSheetQuerySchema,
  countsQuerySchema,
  startCountRequestSchema,
} from '../../shared/console/counts';
import { managerOf } from '../auth/manager-session';
import type { Db } from '../db/database';
import type { LocationInfo } from '../ledger/manager-movements';
import type { ChangeBus } from '../live/change-bus';
import { approveCount, cancelCount, enterCount, startCount } from './count-actions';
import { listCounts } from './count-list';
import { countDetail, countSheet } from './count-report';
import { summaryOf, takeFor } from './count-takes';
import { branchesOf } from '../console/ledger-events';
import { locationListRoute, managerRouter, type ManagerRouteContext } from '../console/manager-route-context';
import { idParams } from '../http/route-table';

const lineSchema = idParams.extend({ productId: z.string().min(1).max(64) });

/** Tells consoles (and, when stock moved, the location's devices) that a count changed at `seq`. */
function publishCount(bus: ChangeBus, seq: number, location: LocationInfo, stock = false): void {
  bus.publish({
    seq,
    collections: stock ? ['stocktakes', 'stock'] : ['stocktakes'],
    locationIds: stock ? [location.id] : [],
    branchIds: branchesOf(location),
  });
}

/** Stock counts from the console (issue 11 part 5). Mounted at /api/console. */
export function countRoutes(deps: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  return managerRouter(
    deps,
    { tags: ['console: stock counts'] },
    countReadRoutes,
    countWriteRoutes,
    countClosingRoutes,
  );
}

/** The list of counts, one count with its totals, and its sheet. */
function countReadRoutes({ db, route, manager }: ManagerRouteContext) {
  const counts = {
    path: '/counts',
    what: 'counts query',
    summary: 'Stock counts of your locations, newest first; filter by location and state',
    query: countsQuerySchema,
    answer: 'A page of counts and nextCursor.',
  };
  locationListRoute({ db, route, manager }, counts, listCounts);
  route(
    {
      method: 'get',
      path: '/counts/:id',
      what: 'count',
      summary: 'A count with its variance totals (units and money at the master price) and its late sales (SPEC S13)',
      request: { params: idParams },
      responses: { 200: { description: 'The count.' }, 404: { description: 'No such count.' } },
    },
    manager,
    async ({ params, req }) => {
      const { take, location } = await takeFor(db, managerOf(req), params.id);
      return countDetail(db, take, location);
    },
  );
  route(
    {
      method: 'get',
      path: '/counts/:id/sheet',
      what: 'count sheet query',
      summary: "The count sheet: the count's products with counted, book, late sales, expected and variance",
      request: { params: idParams, query: countSheetQuerySchema },
      responses: { 200: { description: 'Products by name (at most 5000; truncated says when more match).' } },
    },
    manager,
    async ({ params, query, req }) => {
      const { take } = await takeFor(db, managerOf(req), params.id);
      return countSheet(db, take, query);
    },
  );
}

/** Starting a count and recording what is on the shelf. */
function countWriteRoutes({ db, bus, logger, route, manager }: ManagerRouteContext) {
  route(
    {
      method: 'post',
      path: '/counts',
      what: 'stock count',
      summary: 'Start a stock count of a location (every product, or one category); one open count per location',
      request: { body: startCountRequestSchema },
      responses: { 201: { description: 'The count, open.' }, 409: { description: 'The location has a count open.' } },
    },
    manager,
    async ({ body, req }) => {
      const m = managerOf(req);
      const { take, location } = await startCount(db, m, body);
      logger.info({ managerId: m.id, countId: take.id, locationId: location.id }, 'stock count started');
      publishCount(bus, Number(take.seq), location);
      return summaryOf(take, location.name, 0);
    },
  );
  route(
    {
      method: 'put',
      path: '/counts/:id/lines/:productId',
      what: 'counted quantity',
      summary: 'Record what is on the shelf of one product (counted at a new server sequence)',
      request: { params: lineSchema, body: countEntryRequestSchema },
      responses: { 200: { description: 'Recorded.' }, 409: { description: 'The count is closed.' } },
    },
    manager,
    async ({ params, body, req }) => {
      const { seq, location } = await enterCount(db, managerOf(req), params.id, params.productId, body.quantity);
      publishCount(bus, seq, location);
      return { seq };
    },
  );
}

/** Approving (variances become count adjustments) or cancelling (nothing adjusted) an open count. */
function countClosingRoutes({ db, bus, logger, route, manager }: ManagerRouteContext) {
  route(
    {
      method: 'post',
      path: '/counts/:id/approve',
      what: 'count',
      summary: 'Approve: every variance becomes a count adjustment in the ledger, in one step, once',
      request: { params: idParams },
      responses: { 200: { description: 'Approved.' }, 409: { description: 'Already approved or cancelled.' } },
    },
    manager,
    async ({ params: { id }, req }) => {
      const m = managerOf(req);
      const { location, ...approved } = await approveCount(db, m, id);
      logger.info({ managerId: m.id, countId: id, ...approved }, 'stock count approved');
      publishCount(bus, approved.seq, location, approved.adjustments > 0);
      return approved;
    },
  );
  route(
    {
      method: 'post',
      path: '/counts/:id/cancel',
      what: 'cancellation',
      summary: 'Cancel an open count: nothing is adjusted',
      request: { params: idParams, body: cancelCountRequestSchema },
      responses: { 200: { description: 'Cancelled.' }, 409: { description: 'Already approved or cancelled.' } },
    },
    manager,
    async ({ params: { id }, body, req }) => {
      const m = managerOf(req);
      const { seq, location } = await cancelCount(db, m, id, body.reason);
      logger.info({ managerId: m.id, countId: id }, 'stock count cancelled');
      publishCount(bus, seq, location);
      return { seq };
    },
  );
}
