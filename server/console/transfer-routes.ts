import { Router } from 'express';
import type { Logger } from 'pino';
import { transferDraftRequestSchema } from '../../shared/console/ledger-api';
import { managerOf } from '../auth/manager-session';
import type { Db } from '../db/database';
import { sendDraft, updateDraft } from '../ledger/transfer-drafts';
import type { ChangeBus } from '../live/change-bus';
import { branchesOf, managerRouteContext } from './manager-route-context';
import { idParams } from '../http/route-table';

/** Transfer drafts (issue 11 part 4); sending, receiving and cancelling live in ledger-routes.ts. */
export function transferDraftRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const { route, manager } = managerRouteContext(
    router,
    { db, bus, logger },
    {
      tags: ['console: stock and reconciliation'],
      bodyLimit: '1mb',
    },
  );
  route(
    {
      method: 'put',
      path: '/transfers/:id',
      what: 'transfer draft',
      summary: 'Rewrite a draft transfer (route, lines, note); no stock moves',
      request: { params: idParams, body: transferDraftRequestSchema },
      responses: { 200: { description: 'Saved.' }, 409: { description: 'Not a draft any more.' } },
    },
    manager,
    async ({ params: { id }, body, req }) => {
      const d = await updateDraft(db, managerOf(req), id, body);
      // Drafts stay off the tablets: consoles only (no location's stock changed).
      bus.publish({
        seq: d.seq,
        collections: ['transfers'],
        locationIds: [],
        branchIds: [...branchesOf(d.from), ...branchesOf(d.to)],
      });
      return { id, seq: d.seq, status: 'draft' };
    },
  );
  route(
    {
      method: 'post',
      path: '/transfers/:id/send',
      what: 'transfer',
      summary:
        'Send a draft: the stock leaves the source and the transfer is in transit until the destination confirms',
      request: { params: idParams },
      responses: { 200: { description: 'In transit.' }, 409: { description: 'Not a draft any more.' } },
    },
    manager,
    async ({ params: { id }, req }) => {
      const m = managerOf(req);
      const t = await sendDraft(db, m, id);
      logger.info({ managerId: m.id, transferId: id, from: t.from.id, to: t.to.id }, 'transfer draft sent');
      bus.publish({
        seq: t.seq,
        collections: ['stock', 'transfers'],
        locationIds: [t.from.id],
        branchIds: [...branchesOf(t.from), ...branchesOf(t.to)],
      });
      return { id, seq: t.seq, status: 'in_transit' };
    },
  );
  return router;
}
