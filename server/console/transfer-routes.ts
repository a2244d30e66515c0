import type { Router } from 'express';
import type { Logger } from 'pino';
import { transferDraftRequestSchema } from '../../shared/console/ledger-api';
import { managerOf } from '../auth/manager-session';
import type { Db } from '../db/database';
import { sendDraft, updateDraft } from '../ledger/transfer-drafts';
import type { ChangeBus } from '../live/change-bus';
import { publishTransfer } from './ledger-events';
import { managerRouter, type ManagerRouteContext } from './manager-route-context';
import { idParams } from '../http/route-table';

/** Transfer drafts (issue 11 part 4); sending, receiving and cancelling live in ledger-routes.ts. */
export function transferDraftRoutes(deps: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  return managerRouter(deps, { tags: ['console: stock and reconciliation'], bodyLimit: '1mb' }, draftRoutes);
}

function draftRoutes({ db, bus, logger, route, manager }: ManagerRouteContext) {
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
      publishTransfer(bus, d, false);
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
      publishTransfer(bus, t, true);
      return { id, seq: t.seq, status: 'in_transit' };
    },
  );
}
