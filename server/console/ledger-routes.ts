import type { Router } from 'express';
import type { Logger } from 'pino';
import {
  assignRequestSchema,
  cancelTransferRequestSchema,
  correctionRequestSchema,
  movementsQuerySchema,
  receiptRequestSchema,
  reconciliationQuerySchema,
  resolveRequestSchema,
  salesQuerySchema,
  shiftsQuerySchema,
  stockQuerySchema,
  transferArrivalRequestSchema,
  transferRequestSchema,
  transfersQuerySchema,
} from '../../shared/console/ledger-api';
import { reconciliationHistorySchema } from '../../shared/console/reconciliation';
import { assertCanManageBranch, managerOf } from '../auth/manager-session';
import type { Db } from '../db/database';
import { listSales, listStock, listTransfers, shiftReports } from '../ledger/ledger-queries';
import { listMovements } from '../ledger/movement-queries';
import {
  assertCanManageLocation,
  cancelTransfer,
  createTransfer,
  locationInfo,
  receiveTransfer,
  recordCorrection,
  recordReceipt,
} from '../ledger/manager-movements';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';
import { assignItem, getItem, itemHistory, listItems, resolveItem } from '../reconciliation/reconciliation-queries';
import { branchesOf, publishStockMoved, publishTransfer } from './ledger-events';
import { locationListRoute, managerRouter, type ManagerRouteContext } from './manager-route-context';
import { idParams } from '../http/route-table';

/** The console posts `{}` to assign to oneself; a request with no body at all means the same. */
const assignBodySchema = assignRequestSchema.default({});

/**
 * Console endpoints of the stock ledger and reconciliation (manager session, DESIGN invariant 8):
 * receipts, transfers, corrections, movements, stock, sales, shifts, reconciliation items.
 * Mounted at /api/console; each route checks the session itself so other console routers mounted
 * here keep their own rules.
 */
export function ledgerRoutes(deps: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  return managerRouter(
    deps,
    { tags: ['console: stock and reconciliation'], bodyLimit: '1mb' },
    stockWriteRoutes,
    transferRoutes,
    ledgerReadRoutes,
    reconciliationRoutes,
  );
}

/** Goods received and corrections: stock moves at one location now. */
function stockWriteRoutes({ db, bus, logger, route, manager }: ManagerRouteContext) {
  route(
    {
      method: 'post',
      path: '/receipts',
      what: 'goods receipt',
      summary: 'Goods received at a location (receipt movements)',
      request: { body: receiptRequestSchema },
      responses: { 201: { description: 'Applied at the returned server sequence.' } },
    },
    manager,
    async ({ body, req }) => {
      const m = managerOf(req);
      const { seq, location } = await recordReceipt(db, m, body);
      logger.info({ managerId: m.id, locationId: location.id, lines: body.lines.length }, 'goods received');
      publishStockMoved(bus, seq, location);
      return { seq };
    },
  );
  route(
    {
      method: 'post',
      path: '/corrections',
      what: 'stock correction',
      summary: 'Correct a level by a delta, with the reason',
      request: { body: correctionRequestSchema },
      responses: { 201: { description: 'Applied; returns the new level.' } },
    },
    manager,
    async ({ body, req }) => {
      const m = managerOf(req);
      const c = await recordCorrection(db, m, body);
      logger.info(
        { managerId: m.id, locationId: c.location.id, productId: body.productId, delta: body.delta },
        'stock corrected',
      );
      publishStockMoved(bus, c.seq, c.location);
      return { seq: c.seq, level: c.level };
    },
  );
}

/** Sending, receiving and cancelling transfers (drafts are rewritten and sent in transfer-routes.ts). */
function transferRoutes({ db, bus, logger, route, manager }: ManagerRouteContext) {
  route(
    {
      method: 'post',
      path: '/transfers',
      what: 'transfer',
      summary:
        'Send stock to another location (transfer_out now; in transit until the destination confirms), or save a draft',
      request: { body: transferRequestSchema },
      responses: { 201: { description: 'Sent; the receiving branch pulls it.' } },
    },
    manager,
    async ({ body, req }) => {
      const m = managerOf(req);
      const t = await createTransfer(db, m, body);
      logger.info(
        { managerId: m.id, transferId: t.id, from: t.from.id, to: t.to.id, draft: body.draft },
        'transfer written',
      );
      publishTransfer(bus, t, !body.draft);
      return { id: t.id, seq: t.seq, status: body.draft ? 'draft' : 'in_transit' };
    },
  );
  route(
    {
      method: 'post',
      path: '/transfers/:id/receive',
      what: 'transfer arrival',
      summary: 'Confirm what arrived of a transfer (a destination without tablets, e.g. the central warehouse)',
      request: { params: idParams, body: transferArrivalRequestSchema },
      responses: {
        200: { description: 'Received; a difference from what was sent opens a transfer_discrepancy item.' },
        409: { description: 'Already received.' },
      },
    },
    manager,
    async ({ params: { id }, body, req }) => {
      const m = managerOf(req);
      const r = await receiveTransfer(db, m, id, body);
      logger.info({ managerId: m.id, transferId: id, discrepancy: r.discrepancy }, 'transfer received in the console');
      const collections: ChangeEvent['collections'] = ['stock', 'transfers'];
      if (r.discrepancy) collections.push('reconciliation');
      bus.publish({ seq: r.seq, collections, locationIds: [r.to.id], branchIds: branchesOf(r.to) });
      return { id, seq: r.seq, status: 'received', discrepancy: r.discrepancy };
    },
  );
  route(
    {
      method: 'post',
      path: '/transfers/:id/cancel',
      what: 'cancellation',
      summary: 'Cancel a draft, or a transfer in transit (the units return to the source)',
      request: { params: idParams, body: cancelTransferRequestSchema },
      responses: { 200: { description: 'Cancelled.' }, 409: { description: 'Already received or cancelled.' } },
    },
    manager,
    async ({ params: { id }, body, req }) => {
      const m = managerOf(req);
      const c = await cancelTransfer(db, m, id, body.reason);
      logger.info({ managerId: m.id, transferId: id }, 'transfer cancelled');
      publishTransfer(bus, c, true);
      return { id, seq: c.seq, status: 'cancelled' };
    },
  );
}

/** What the ledger holds, in the manager's locations and branches: transfers, movements, stock, sales, shifts. */
function ledgerReadRoutes({ db, route, manager }: ManagerRouteContext) {
  const ok = (description: string) => ({ 200: { description } });
  const transfers = {
    path: '/transfers',
    what: 'transfers query',
    summary: 'Transfers from or to your locations, newest first',
    query: transfersQuerySchema,
    answer: 'A page of transfers and nextCursor.',
  };
  locationListRoute({ db, route, manager }, transfers, listTransfers);
  const movements = {
    path: '/movements',
    what: 'movements query',
    summary: 'Stock movements newest first (kind, who, when, why)',
    query: movementsQuerySchema,
    answer: 'A page of movements and nextCursor.',
  };
  locationListRoute({ db, route, manager }, movements, listMovements);
  route(
    {
      method: 'get',
      path: '/stock',
      what: 'stock query',
      summary: 'Stock levels of a location by product',
      request: { query: stockQuerySchema },
      responses: ok('A page of levels and nextCursor.'),
    },
    manager,
    async ({ query, req }) => {
      assertCanManageLocation(managerOf(req), await locationInfo(db, query.locationId));
      return listStock(db, query);
    },
  );
  salesAndShiftRoutes({ db, route, manager });
}

function salesAndShiftRoutes({ db, route, manager }: Pick<ManagerRouteContext, 'db' | 'route' | 'manager'>) {
  route(
    {
      method: 'get',
      path: '/sales',
      what: 'sales query',
      summary: 'Sales and refunds newest first, with lines and payments',
      request: { query: salesQuerySchema },
      responses: { 200: { description: 'A page of sales and nextCursor.' } },
    },
    manager,
    async ({ query, req }) => {
      const m = managerOf(req);
      if (query.branchId) assertCanManageBranch(m, query.branchId);
      return listSales(db, { ...query, branches: m.branchIds });
    },
  );
  route(
    {
      method: 'get',
      path: '/shifts',
      what: 'shifts query',
      summary:
        "A branch's recent shift reports (float, sales by tender, refunds, cash in/out, expected, counted, over/short)",
      request: { query: shiftsQuerySchema },
      responses: { 200: { description: 'Shift reports, most recent first.' } },
    },
    manager,
    async ({ query, req }) => {
      assertCanManageBranch(managerOf(req), query.branchId);
      return { items: await shiftReports(db, query.branchId, query.limit) };
    },
  );
}

/** Reconciliation items: the list, one item and its history, assigning and resolving. */
function reconciliationRoutes(ctx: ManagerRouteContext) {
  const { db, route, manager } = ctx;
  const item = { what: 'item', request: { params: idParams } };
  route(
    {
      method: 'get',
      path: '/reconciliation',
      what: 'reconciliation query',
      summary:
        'Reconciliation items (oversell, price mismatch, count, double refund, transfer) newest first; filter by status, kind, branch, assignee (id, me, nobody)',
      request: { query: reconciliationQuerySchema },
      responses: { 200: { description: 'A page of items and nextCursor.' } },
    },
    manager,
    ({ query, req }) => listItems(db, managerOf(req), query),
  );
  route(
    {
      ...item,
      method: 'get',
      path: '/reconciliation/:id',
      summary: 'One reconciliation item with its figures',
      responses: { 200: { description: 'The item.' }, 404: { description: 'No such item.' } },
    },
    manager,
    ({ params, req }) => getItem(db, managerOf(req), params.id),
  );
  reconciliationWriteRoutes(ctx);
  route(
    {
      ...item,
      method: 'get',
      path: '/reconciliation/:id/history',
      summary: "An item's history: opened, assigned, corrected, resolved — who, when, why",
      responses: {
        200: { description: 'Events oldest first.', body: reconciliationHistorySchema },
        404: { description: 'No such item.' },
      },
    },
    manager,
    ({ params, req }) => itemHistory(db, managerOf(req), params.id),
  );
}

function reconciliationWriteRoutes({ db, bus, logger, route, manager }: ManagerRouteContext) {
  route(
    {
      method: 'post',
      path: '/reconciliation/:id/assign',
      what: 'assignment',
      summary: 'Assign an item to a manager (default: yourself)',
      request: { params: idParams, body: assignBodySchema },
      responses: { 200: { description: 'The item, assigned.' } },
    },
    manager,
    async ({ params, body, req }) => {
      const { item, seq } = await assignItem(db, managerOf(req), params.id, body.managerId);
      bus.publish({
        seq,
        collections: ['reconciliation'],
        locationIds: [],
        branchIds: item.branchId ? [item.branchId] : [],
      });
      return item;
    },
  );
  route(
    {
      method: 'post',
      path: '/reconciliation/:id/resolve',
      what: 'resolution',
      summary: 'Resolve an item with a note and, where it applies, a correcting ledger entry in the same step',
      request: { params: idParams, body: resolveRequestSchema },
      responses: { 200: { description: 'The item, resolved.' }, 409: { description: 'Already resolved.' } },
    },
    manager,
    async ({ params: { id }, body, req }) => {
      const m = managerOf(req);
      const { item, seq, corrected } = await resolveItem(db, m, id, body);
      logger.info(
        { managerId: m.id, itemId: id, kind: item.kind, correction: body.correction ?? null },
        'reconciliation item resolved',
      );
      const itemBranches = item.branchId ? [item.branchId] : [];
      bus.publish({
        seq,
        collections: corrected ? ['reconciliation', 'stock'] : ['reconciliation'],
        locationIds: corrected ? [corrected.id] : [],
        branchIds: [...new Set([...itemBranches, ...(corrected ? branchesOf(corrected) : [])])],
      });
      return item;
    },
  );
}
