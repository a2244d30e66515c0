import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { transferDraftRequestSchema } from '../../shared/console/ledger-api';
import { managerOf, requireManager } from '../auth/manager-session';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { registerOperation } from '../http/openapi';
import type { LocationInfo } from '../ledger/manager-movements';
import { sendDraft, updateDraft } from '../ledger/transfer-drafts';
import type { ChangeBus } from '../live/change-bus';

const idSchema = z.object({ id: z.string().min(1).max(64) });
const branchesOf = (l: LocationInfo) => (l.branchId ? [l.branchId] : []);

registerOperation({
  method: 'put',
  path: '/api/console/transfers/:id',
  summary: 'Rewrite a draft transfer (route, lines, note); no stock moves',
  tags: ['console: stock and reconciliation'],
  auth: 'manager',
  request: { params: idSchema, body: transferDraftRequestSchema },
  responses: { 200: { description: 'Saved.' }, 409: { description: 'Not a draft any more.' } },
});
registerOperation({
  method: 'post',
  path: '/api/console/transfers/:id/send',
  summary: 'Send a draft: the stock leaves the source and the transfer is in transit until the destination confirms',
  tags: ['console: stock and reconciliation'],
  auth: 'manager',
  request: { params: idSchema },
  responses: { 200: { description: 'In transit.' }, 409: { description: 'Not a draft any more.' } },
});

/** Transfer drafts (issue 11 part 4); sending, receiving and cancelling live in ledger-routes.ts. */
export function transferDraftRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const manager = requireManager(db);
  const json = express.json({ limit: '1mb' });

  router.put('/transfers/:id', manager, json, async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, 'transfer');
    const body = parseOrThrow(transferDraftRequestSchema, req.body, 'transfer draft');
    const m = managerOf(req);
    const d = await updateDraft(db, m, id, body);
    // Drafts stay off the tablets: consoles only (no location's stock changed).
    bus.publish({
      seq: d.seq,
      collections: ['transfers'],
      locationIds: [],
      branchIds: [...branchesOf(d.from), ...branchesOf(d.to)],
    });
    res.json({ id, seq: d.seq, status: 'draft' });
  });

  router.post('/transfers/:id/send', manager, async (req, res) => {
    const { id } = parseOrThrow(idSchema, req.params, 'transfer');
    const m = managerOf(req);
    const t = await sendDraft(db, m, id);
    logger.info({ managerId: m.id, transferId: id, from: t.from.id, to: t.to.id }, 'transfer draft sent');
    bus.publish({
      seq: t.seq,
      collections: ['stock', 'transfers'],
      locationIds: [t.from.id],
      branchIds: [...branchesOf(t.from), ...branchesOf(t.to)],
    });
    res.json({ id, seq: t.seq, status: 'in_transit' });
  });
  return router;
}
