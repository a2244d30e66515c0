import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
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
import { assertCanManageBranch, managerOf, requireManager } from '../auth/manager-session';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { registerOperation, type OperationSpec } from '../http/openapi';
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
  visibleLocations,
  type LocationInfo,
} from '../ledger/manager-movements';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';
import { assignItem, getItem, itemHistory, listItems, resolveItem } from '../reconciliation/reconciliation-queries';

const branchesOf = (location: LocationInfo) => (location.branchId ? [location.branchId] : []);
const itemIdSchema = z.object({ id: z.string().min(1).max(64) });

const ledgerOperations: Omit<OperationSpec, 'tags'>[] = [
  {
    method: 'post',
    path: '/api/console/receipts',
    summary: 'Goods received at a location (receipt movements)',
    request: { body: receiptRequestSchema },
    responses: { 201: { description: 'Applied at the returned server sequence.' } },
  },
  {
    method: 'post',
    path: '/api/console/transfers',
    summary:
      'Send stock to another location (transfer_out now; in transit until the destination confirms), or save a draft',
    request: { body: transferRequestSchema },
    responses: { 201: { description: 'Sent; the receiving branch pulls it.' } },
  },
  {
    method: 'get',
    path: '/api/console/transfers',
    summary: 'Transfers from or to your locations, newest first',
    request: { query: transfersQuerySchema },
    responses: { 200: { description: 'A page of transfers and nextCursor.' } },
  },
  {
    method: 'post',
    path: '/api/console/transfers/:id/receive',
    summary: 'Confirm what arrived of a transfer (a destination without tablets, e.g. the central warehouse)',
    request: { params: itemIdSchema, body: transferArrivalRequestSchema },
    responses: {
      200: { description: 'Received; a difference from what was sent opens a transfer_discrepancy item.' },
      409: { description: 'Already received.' },
    },
  },
  {
    method: 'post',
    path: '/api/console/transfers/:id/cancel',
    summary: 'Cancel a draft, or a transfer in transit (the units return to the source)',
    request: { params: itemIdSchema, body: cancelTransferRequestSchema },
    responses: { 200: { description: 'Cancelled.' }, 409: { description: 'Already received or cancelled.' } },
  },
  {
    method: 'post',
    path: '/api/console/corrections',
    summary: 'Correct a level by a delta, with the reason',
    request: { body: correctionRequestSchema },
    responses: { 201: { description: 'Applied; returns the new level.' } },
  },
  {
    method: 'get',
    path: '/api/console/movements',
    summary: 'Stock movements newest first (kind, who, when, why)',
    request: { query: movementsQuerySchema },
    responses: { 200: { description: 'A page of movements and nextCursor.' } },
  },
  {
    method: 'get',
    path: '/api/console/stock',
    summary: 'Stock levels of a location by product',
    request: { query: stockQuerySchema },
    responses: { 200: { description: 'A page of levels and nextCursor.' } },
  },
  {
    method: 'get',
    path: '/api/console/sales',
    summary: 'Sales and refunds newest first, with lines and payments',
    request: { query: salesQuerySchema },
    responses: { 200: { description: 'A page of sales and nextCursor.' } },
  },
  {
    method: 'get',
    path: '/api/console/shifts',
    summary:
      "A branch's recent shift reports (float, sales by tender, refunds, cash in/out, expected, counted, over/short)",
    request: { query: shiftsQuerySchema },
    responses: { 200: { description: 'Shift reports, most recent first.' } },
  },
  {
    method: 'get',
    path: '/api/console/reconciliation',
    summary:
      'Reconciliation items (oversell, price mismatch, count, double refund, transfer) newest first; filter by status, kind, branch, assignee (id, me, nobody)',
    request: { query: reconciliationQuerySchema },
    responses: { 200: { description: 'A page of items and nextCursor.' } },
  },
  {
    method: 'get',
    path: '/api/console/reconciliation/:id',
    summary: 'One reconciliation item with its figures',
    request: { params: itemIdSchema },
    responses: { 200: { description: 'The item.' }, 404: { description: 'No such item.' } },
  },
  {
    method: 'post',
    path: '/api/console/reconciliation/:id/assign',
    summary: 'Assign an item to a manager (default: yourself)',
    request: { params: itemIdSchema, body: assignRequestSchema },
    responses: { 200: { description: 'The item, assigned.' } },
  },
  {
    method: 'post',
    path: '/api/console/reconciliation/:id/resolve',
    summary: 'Resolve an item with a note and, where it applies, a correcting ledger entry in the same step',
    request: { params: itemIdSchema, body: resolveRequestSchema },
    responses: { 200: { description: 'The item, resolved.' }, 409: { description: 'Already resolved.' } },
  },
  {
    method: 'get',
    path: '/api/console/reconciliation/:id/history',
    summary: "An item's history: opened, assigned, corrected, resolved — who, when, why",
    request: { params: itemIdSchema },
    responses: {
      200: { description: 'Events oldest first.', body: reconciliationHistorySchema },
      404: { description: 'No such item.' },
    },
  },
];
for (const op of ledgerOperations)
  registerOperation({ ...op, tags: ['console: stock and reconciliation'], auth: 'manager' });

/**
 * Console endpoints of the stock ledger and reconciliation (manager session, DESIGN invariant 8):
 * receipts, transfers, corrections, movements, stock, sales, shifts, reconciliation items.
 * Mounted at /api/console; each route checks the session itself so other console routers mounted
 * here keep their own rules.
 */
export function ledgerRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const manager = requireManager(db);
  const json = express.json({ limit: '1mb' });

  router.post('/receipts', manager, json, async (req, res) => {
    const body = parseOrThrow(receiptRequestSchema, req.body, 'goods receipt');
    const m = managerOf(req);
    const { seq, location } = await recordReceipt(db, m, body);
    logger.info({ managerId: m.id, locationId: location.id, lines: body.lines.length }, 'goods received');
    bus.publish({ seq, collections: ['stock'], locationIds: [location.id], branchIds: branchesOf(location) });
    res.status(201).json({ seq });
  });

  router.post('/transfers', manager, json, async (req, res) => {
    const body = parseOrThrow(transferRequestSchema, req.body, 'transfer');
    const m = managerOf(req);
    const t = await createTransfer(db, m, body);
    logger.info(
      { managerId: m.id, transferId: t.id, from: t.from.id, to: t.to.id, draft: body.draft },
      'transfer written',
    );
    // Sent: stock moved at the source only; the receiving branch's devices pull the new transfer.
    // A draft moved nothing and stays off the tablets: consoles only.
    bus.publish({
      seq: t.seq,
      collections: body.draft ? ['transfers'] : ['stock', 'transfers'],
      locationIds: body.draft ? [] : [t.from.id],
      branchIds: [...branchesOf(t.from), ...branchesOf(t.to)],
    });
    res.status(201).json({ id: t.id, seq: t.seq, status: body.draft ? 'draft' : 'in_transit' });
  });

  router.post('/transfers/:id/receive', manager, json, async (req, res) => {
    const { id } = parseOrThrow(itemIdSchema, req.params, 'transfer');
    const body = parseOrThrow(transferArrivalRequestSchema, req.body, 'transfer arrival');
    const m = managerOf(req);
    const r = await receiveTransfer(db, m, id, body);
    logger.info({ managerId: m.id, transferId: id, discrepancy: r.discrepancy }, 'transfer received in the console');
    const collections: ChangeEvent['collections'] = ['stock', 'transfers'];
    if (r.discrepancy) collections.push('reconciliation');
    bus.publish({ seq: r.seq, collections, locationIds: [r.to.id], branchIds: branchesOf(r.to) });
    res.json({ id, seq: r.seq, status: 'received', discrepancy: r.discrepancy });
  });

  router.post('/transfers/:id/cancel', manager, json, async (req, res) => {
    const { id } = parseOrThrow(itemIdSchema, req.params, 'transfer');
    const body = parseOrThrow(cancelTransferRequestSchema, req.body, 'cancellation');
    const m = managerOf(req);
    const c = await cancelTransfer(db, m, id, body.reason);
    logger.info({ managerId: m.id, transferId: id }, 'transfer cancelled');
    bus.publish({
      seq: c.seq,
      collections: ['stock', 'transfers'],
      locationIds: [c.from.id],
      branchIds: [...branchesOf(c.from), ...branchesOf(c.to)],
    });
    res.json({ id, seq: c.seq, status: 'cancelled' });
  });

  router.get('/transfers', manager, async (req, res) => {
    const q = parseOrThrow(transfersQuerySchema, req.query, 'transfers query');
    const m = managerOf(req);
    if (q.locationId) assertCanManageLocation(m, await locationInfo(db, q.locationId));
    res.json(await listTransfers(db, { ...q, locations: await visibleLocations(db, m) }));
  });

  router.post('/corrections', manager, json, async (req, res) => {
    const body = parseOrThrow(correctionRequestSchema, req.body, 'stock correction');
    const m = managerOf(req);
    const c = await recordCorrection(db, m, body);
    logger.info(
      { managerId: m.id, locationId: c.location.id, productId: body.productId, delta: body.delta },
      'stock corrected',
    );
    bus.publish({
      seq: c.seq,
      collections: ['stock'],
      locationIds: [c.location.id],
      branchIds: branchesOf(c.location),
    });
    res.status(201).json({ seq: c.seq, level: c.level });
  });

  router.get('/movements', manager, async (req, res) => {
    const q = parseOrThrow(movementsQuerySchema, req.query, 'movements query');
    const m = managerOf(req);
    if (q.locationId) assertCanManageLocation(m, await locationInfo(db, q.locationId));
    res.json(await listMovements(db, { ...q, locations: await visibleLocations(db, m) }));
  });

  router.get('/stock', manager, async (req, res) => {
    const q = parseOrThrow(stockQuerySchema, req.query, 'stock query');
    assertCanManageLocation(managerOf(req), await locationInfo(db, q.locationId));
    res.json(await listStock(db, q));
  });

  router.get('/sales', manager, async (req, res) => {
    const q = parseOrThrow(salesQuerySchema, req.query, 'sales query');
    const m = managerOf(req);
    if (q.branchId) assertCanManageBranch(m, q.branchId);
    res.json(await listSales(db, { ...q, branches: m.branchIds }));
  });

  router.get('/shifts', manager, async (req, res) => {
    const q = parseOrThrow(shiftsQuerySchema, req.query, 'shifts query');
    assertCanManageBranch(managerOf(req), q.branchId);
    res.json({ items: await shiftReports(db, q.branchId, q.limit) });
  });

  router.get('/reconciliation', manager, async (req, res) => {
    const q = parseOrThrow(reconciliationQuerySchema, req.query, 'reconciliation query');
    res.json(await listItems(db, managerOf(req), q));
  });

  router.get('/reconciliation/:id', manager, async (req, res) => {
    const { id } = parseOrThrow(itemIdSchema, req.params, 'item');
    res.json(await getItem(db, managerOf(req), id));
  });

  router.post('/reconciliation/:id/assign', manager, json, async (req, res) => {
    const { id } = parseOrThrow(itemIdSchema, req.params, 'item');
    const body = parseOrThrow(assignRequestSchema, req.body ?? {}, 'assignment');
    const { item, seq } = await assignItem(db, managerOf(req), id, body.managerId);
    bus.publish({
      seq,
      collections: ['reconciliation'],
      locationIds: [],
      branchIds: item.branchId ? [item.branchId] : [],
    });
    res.json(item);
  });

  router.post('/reconciliation/:id/resolve', manager, json, async (req, res) => {
    const { id } = parseOrThrow(itemIdSchema, req.params, 'item');
    const body = parseOrThrow(resolveRequestSchema, req.body, 'resolution');
    const m = managerOf(req);
    const { item, seq, corrected } = await resolveItem(db, m, id, body);
    logger.info(
      { managerId: m.id, itemId: id, kind: item.kind, correction: body.correction ?? null },
      'reconciliation item resolved',
    );
    bus.publish({
      seq,
      collections: corrected ? ['reconciliation', 'stock'] : ['reconciliation'],
      locationIds: corrected ? [corrected.id] : [],
      branchIds: [...new Set([...(item.branchId ? [item.branchId] : []), ...(corrected ? branchesOf(corrected) : [])])],
    });
    res.json(item);
  });

  router.get('/reconciliation/:id/history', manager, async (req, res) => {
    const { id } = parseOrThrow(itemIdSchema, req.params, 'item');
    res.json(await itemHistory(db, managerOf(req), id));
  });

  return router;
}
