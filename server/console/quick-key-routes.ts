import { Router } from 'express';
import type { Logger } from 'pino';
import { quickKeysRequestSchema, quickKeysResponseSchema } from '../../shared/console/quick-keys';
import { assertCanManageBranch, managerOf, requireManager } from '../auth/manager-session';
import { quickKeysOf, saveQuickKeys } from '../catalogue/quick-keys';
import type { Db } from '../db/database';
import { idParams, routeTable } from '../http/route-table';
import type { ChangeBus } from '../live/change-bus';

/** /api/console/branches/:id/quick-keys: the favourites page of a branch's tablets (a manager of the branch). */
export function quickKeyRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const anyManager = [requireManager(db)];
  const route = routeTable(router, {
    prefix: '/api/console',
    tags: ['console', 'catalogue'],
    auth: 'manager',
    bodyLimit: '16kb',
  });
  route(
    {
      method: 'get',
      path: '/branches/:id/quick-keys',
      what: 'branch',
      summary: "A branch's quick keys page, in order, with the products' names and prices",
      request: { params: idParams },
      responses: {
        200: { description: 'The page.', body: quickKeysResponseSchema },
        404: { description: 'No branch.' },
      },
    },
    anyManager,
    async ({ params, req }) => {
      assertCanManageBranch(managerOf(req), params.id);
      return quickKeysOf(db, params.id);
    },
  );
  route(
    {
      method: 'put',
      path: '/branches/:id/quick-keys',
      what: 'quick keys page',
      summary: "Replace a branch's quick keys page; its tablets pull it with the branch's settings",
      request: { params: idParams, body: quickKeysRequestSchema },
      responses: {
        200: { description: 'The page as saved.', body: quickKeysResponseSchema },
        400: { description: 'A product twice, withdrawn, too many keys or a label too long.' },
        404: { description: 'No such branch or product.' },
      },
    },
    anyManager,
    async ({ params, body, req }) => {
      const manager = managerOf(req);
      assertCanManageBranch(manager, params.id);
      const { seq } = await saveQuickKeys(db, params.id, body);
      bus.publish({ seq, collections: ['settings'], locationIds: [], branchIds: [params.id] });
      logger.info({ branchId: params.id, managerId: manager.id, keys: body.keys.length }, 'quick keys changed');
      return quickKeysOf(db, params.id);
    },
  );
  return router;
}
