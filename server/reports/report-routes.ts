import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { homeQuerySchema } from '../../shared/console/reports-home';
import {
  explorerQuerySchema,
  manualSaleRequestSchema,
  ticketsQuerySchema,
  type ManualSaleResponse,
} from '../../shared/console/reports-sales';
import { reportSettingsPatchSchema, shiftsReportQuerySchema } from '../../shared/console/reports-shifts';
import { stockHistoryQuerySchema } from '../../shared/console/reports-stock';
import { assertCanManageBranch, managerOf, requireManager } from '../auth/manager-session';
import { bumpBranchSettings } from '../catalogue/branches-admin';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { assertCanManageLocation, locationInfo } from '../ledger/manager-movements';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';
import { exploreSales } from './explorer-queries';
import { homeFigures } from './home-queries';
import { recordManualSale } from './manual-sale';
import { reportDb } from './report-db';
import './report-openapi';
import { scopedBranches } from './report-scope';
import { reportSettings, updateReportSettings } from './report-settings';
import { listShifts } from './shift-queries';
import { stockHistory } from './stock-chart';
import { listSaleLines, listTickets, ticketDetail } from './ticket-queries';

const idParam = z.object({ id: z.string().min(1).max(100) });
const branchesQuery = z.object({ branches: z.string().max(2000).optional() });

/** /api/console/reports: the console's figures (issue 12). A manager session; a branch manager sees their branches only. */
export function reportRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const rdb = reportDb(db);
  const router = Router();
  router.use(requireManager(db));

  router.get('/home', async (req, res) => {
    const q = parseOrThrow(homeQuerySchema, req.query, 'home query');
    const manager = managerOf(req);
    res.json(await homeFigures(rdb, manager, await scopedBranches(rdb, manager, q.branches)));
  });

  router.get('/sales', async (req, res) => {
    const q = parseOrThrow(explorerQuerySchema, req.query, 'sales explorer query');
    res.json(await exploreSales(rdb, q, await scopedBranches(rdb, managerOf(req), q.branches)));
  });

  router.get('/sales/tickets', async (req, res) => {
    const q = parseOrThrow(ticketsQuerySchema, req.query, 'tickets query');
    res.json(await listTickets(rdb, q, await scopedBranches(rdb, managerOf(req), q.branches)));
  });

  router.get('/sales/lines', async (req, res) => {
    const q = parseOrThrow(ticketsQuerySchema, req.query, 'sale lines query');
    res.json(await listSaleLines(rdb, q, await scopedBranches(rdb, managerOf(req), q.branches)));
  });

  router.get('/tickets/:id', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'ticket id');
    res.json(await ticketDetail(rdb, managerOf(req), id));
  });

  router.post('/manual-sales', express.json({ limit: '4kb' }), async (req, res) => {
    const body = parseOrThrow(manualSaleRequestSchema, req.body, 'manual sale');
    const manager = managerOf(req);
    const { locationId, ...recorded } = await recordManualSale(db, manager, body);
    const collections: ChangeEvent['collections'] = ['stock', 'sales'];
    if (recorded.reconciliationOpened) collections.push('reconciliation');
    bus.publish({ seq: recorded.appliedSeq, collections, locationIds: [locationId], branchIds: [body.branchId] });
    logger.info({ saleId: recorded.saleId, managerId: manager.id, branchId: body.branchId }, 'manual sale recorded');
    const answer: ManualSaleResponse = recorded;
    res.status(201).json(answer);
  });

  router.get('/stock-history', async (req, res) => {
    const q = parseOrThrow(stockHistoryQuerySchema, req.query, 'stock history query');
    assertCanManageLocation(managerOf(req), await locationInfo(db, q.locationId));
    res.json(await stockHistory(db, q));
  });

  router.get('/shifts', async (req, res) => {
    const q = parseOrThrow(shiftsReportQuerySchema, req.query, 'shifts query');
    res.json({ shifts: await listShifts(rdb, q, await scopedBranches(rdb, managerOf(req), q.branches)) });
  });

  router.get('/settings', async (req, res) => {
    const q = parseOrThrow(branchesQuery, req.query, 'settings query');
    const branches = await scopedBranches(rdb, managerOf(req), q.branches);
    res.json({
      settings: await reportSettings(
        rdb,
        branches.map((b) => b.id),
      ),
    });
  });

  router.patch('/settings/:id', express.json({ limit: '2kb' }), async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'branch id');
    const patch = parseOrThrow(reportSettingsPatchSchema, req.body, 'report settings');
    const manager = managerOf(req);
    assertCanManageBranch(manager, id);
    let seq = 0;
    const settings = await updateReportSettings(rdb, id, patch, async (trx) => {
      seq = await bumpBranchSettings(trx, id);
    });
    bus.publish({ seq, collections: ['settings'], locationIds: [], branchIds: [id] });
    logger.info({ branchId: id, managerId: manager.id, ...patch }, 'report settings changed');
    res.json(settings);
  });
  return router;
}
